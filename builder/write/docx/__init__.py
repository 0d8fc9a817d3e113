"""The protocol as a Word document for the Constitution, drawn from the model (or from a merged view).

Order of the document: title page, contents (a TOC field), the numbered
sections, glossary, worked examples appendix, duties appendix, version history; headers and
footers on every page after the first. A view with change marks (the redline)
is drawn by the same code, its marks becoming genuine Word revisions, or, for
the agenda pack's copy (`formatted`), formatting with every number as text.
"""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ...model import Protocol
from ...view import Line, View, plain_view
from . import backmatter, frontmatter, lines
from .canvas import Canvas
from .formatting import Formatting
from .package import save
from .page_setup import set_up_pages
from .properties import app_xml, protocol_properties, set_core
from .revisions import Revisions
from .template import new_document
from .xml import TAB, Ids, run


def write_docx(protocol: Protocol, path: Path, view: View | None = None, *, author: str | None = None,
               date: str | None = None, formatted: bool = False, pages: dict[str, str] | None = None) -> None:
    """The Word document of `protocol`, drawn from `view` (default: its plain view; a merged view gives the
    redline, its marks as revisions by `author` on `date`, or with `formatted` as formatting). `pages` gives
    the contents their page numbers (bookmark name -> page, from a measured PDF: builder.write.pdf)."""
    view = _complete(view, protocol)
    meta = protocol.meta
    ids = Ids()
    marks = Formatting() if formatted else Revisions(ids, author or meta.owner, date or meta.date)
    canvas = Canvas(ids, marks, pages if pages is not None else {})
    frontmatter.title_page(canvas, view)
    contents_at = len(canvas.parts)  # the contents follow the title page; they are drawn last (they list the headings)
    lines.reserve_bookmarks(canvas, view.body)
    lines.reserve_bookmarks(canvas, view.appendix)
    lines.draw_lines(canvas, view.body, first_page_break=True)
    backmatter.glossary(canvas, view)
    backmatter.appendix(canvas, view)
    backmatter.duties(canvas, view)
    backmatter.version_history(canvas, view)
    canvas.parts.insert(contents_at, frontmatter.contents(canvas, canvas.toc))
    document = new_document(meta.language or "en-GB")
    set_up_pages(document, protocol, _header(canvas, view), _first_page(view, formatted))
    set_core(document, protocol_properties(protocol, view.versions))
    save(document, path, canvas.markup(), {"docProps/app.xml": app_xml(protocol)})


def _complete(view: View | None, protocol: Protocol) -> View:
    """The view, with the protocol's own title page, version history and header where it has none."""
    if view is not None and view.front and view.history and view.header:
        return view
    plain = plain_view(protocol)
    if view is None:
        return plain
    return replace(view, front=view.front or plain.front, history=view.history or plain.history,
                   header=view.header or plain.header)


def _header(canvas: Canvas, view: View) -> str:
    """The running header: the title, then the version line (the agenda pack's copy: what it shows)."""
    title: Line | None = next((x for x in view.front if x.kind == "title"), None)
    left = "".join(lines.draw_run(canvas, r, r.mark) for r in title.runs) if title else ""
    if not canvas.marks.tracked and view.versions:
        return left + TAB + run(frontmatter.tracked_label(*view.versions))
    return left + TAB + "".join(lines.draw_run(canvas, r, r.mark) for r in view.header)


def _first_page(view: View, formatted: bool) -> str:
    """A redline's title page says, in its own header, what the document shows (the agenda pack's copy says it
    on the title page itself)."""
    return run(frontmatter.tracked_label(*view.versions)) if view.versions and not formatted else ""
