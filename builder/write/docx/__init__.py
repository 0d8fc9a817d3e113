"""The protocol as a Word document for the Constitution, drawn from the model (or from a merged view).

Order of the document: title page, contents (a TOC field), the numbered
sections, glossary, worked examples appendix, version history; headers and
footers on every page after the first. A view with change marks (the redline)
is drawn by the same code, its marks becoming genuine Word revisions.
"""
from __future__ import annotations

from pathlib import Path

from ...model import Protocol
from ...view import View, plain_view
from . import backmatter, frontmatter, lines
from .canvas import Canvas
from .package import save
from .page_setup import set_up_pages
from .properties import app_xml, protocol_properties, set_core
from .revisions import Revisions
from .template import new_document
from .xml import Ids


def write_docx(protocol: Protocol, path: Path, view: View | None = None, *, author: str | None = None,
               date: str | None = None) -> None:
    """The Word document of `protocol`, drawn from `view` (default: its plain view; a merged view gives the
    redline, its marks as revisions by `author` on `date`)."""
    view = view if view is not None else plain_view(protocol)
    meta = protocol.meta
    ids = Ids()
    canvas = Canvas(ids, Revisions(ids, author or meta.owner, date or meta.date))
    frontmatter.title_page(canvas, protocol)
    contents_at = len(canvas.parts)  # the contents follow the title page; they are drawn last (they list the headings)
    lines.reserve_bookmarks(canvas, view.body)
    lines.reserve_bookmarks(canvas, view.appendix)
    lines.draw_lines(canvas, view.body, first_page_break=True)
    backmatter.glossary(canvas, view)
    backmatter.appendix(canvas, view)
    backmatter.version_history(canvas, protocol)
    canvas.parts.insert(contents_at, frontmatter.contents(canvas, canvas.toc))
    document = new_document(meta.language or "en-GB")
    set_up_pages(document, protocol)
    set_core(document, protocol_properties(protocol))
    save(document, path, canvas.markup(), {"docProps/app.xml": app_xml(protocol)})
