"""The title page and the table of contents (a real TOC field with its entries already filled in)."""
from __future__ import annotations

from ...dates import long_date
from ...model import Protocol
from . import fields
from .canvas import Canvas, TocEntry
from .paragraph import Paragraph
from .wording import date_label, status_line
from .xml import TAB, link, run


def title_page(canvas: Canvas, protocol: Protocol) -> None:
    meta = protocol.meta
    canvas.add(Paragraph("Subtitle", contents=[run(meta.council)]))
    canvas.add(Paragraph("Title", contents=[run(meta.title)]))
    lines = []
    if meta.constitution_part:
        lines.append(f"Constitution: {meta.constitution_part}")
    lines += [f"Version {meta.version}", f"Status: {status_line(protocol)}", f"Owner: {meta.owner}",
              f"Date of this version: {long_date(meta.date)}"]
    lines += [f"{date_label(key)}: {long_date(iso)}" for key, iso in meta.dates]
    for line in lines:
        canvas.add(Paragraph("TitlePageDetail", contents=[run(line)]))


def contents(canvas: Canvas, entries: list[TocEntry]) -> str:
    """The markup of the 'Contents' heading and the TOC field's paragraphs, to be placed after the title page.

    The field's stored result lists every heading (linked to it) so the contents read correctly
    before anyone updates them; page numbers are PAGEREF fields filled in by that update.
    """
    out = [Paragraph("TOCHeading", contents=[run("Contents")]).xml()]
    for i, entry in enumerate(entries):
        p = Paragraph(f"TOC{entry.level}")
        canvas.revisions.mark_paragraph(p, entry.mark)
        if i == 0:
            p.contents.append(fields.field_begin(fields.TOC_INSTRUCTION))
        p.contents.append(_entry(canvas, entry))
        if i == len(entries) - 1:
            p.contents.append(fields.field_end())
        out.append(p.xml())
    return "".join(out)


def _entry(canvas: Canvas, entry: TocEntry) -> str:
    words = "".join(canvas.revisions.wrap(mark, run(text, deleted=mark == "del")) for text, mark in entry.runs)
    if not entry.bookmark:  # a deleted heading: nothing to link to or count pages of
        return words + canvas.revisions.wrap(entry.mark, TAB)
    return link(entry.bookmark, words + canvas.revisions.wrap(entry.mark, TAB, fields.page_ref(entry.bookmark, "")))
