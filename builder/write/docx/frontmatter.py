"""The title page and the table of contents (a real TOC field with its entries already filled in)."""
from __future__ import annotations

from ...model import Protocol
from . import fields
from .canvas import Canvas, TocEntry, paragraph
from .wording import date_label, long_date, status_line
from .xml import el, text_el


def _text_runs(text: str) -> list:
    return [el("w:r", text_el(text))]


def title_page(canvas: Canvas, protocol: Protocol) -> None:
    meta = protocol.meta
    canvas.add(paragraph("Subtitle", contents=_text_runs(meta.council)))
    canvas.add(paragraph("Title", contents=_text_runs(meta.title)))
    lines = []
    if meta.constitution_part:
        lines.append(f"Constitution: {meta.constitution_part}")
    lines += [f"Version {meta.version}", f"Status: {status_line(protocol)}", f"Owner: {meta.owner}",
              f"Date of this version: {long_date(meta.date)}"]
    lines += [f"{date_label(key)}: {long_date(iso)}" for key, iso in meta.dates]
    for line in lines:
        canvas.add(paragraph("TitlePageDetail", contents=_text_runs(line)))


def contents(canvas: Canvas, entries: list[TocEntry]) -> list:
    """The 'Contents' heading and the TOC field's paragraphs, to be placed after the title page.

    The field's stored result lists every heading (linked to it) so the contents read correctly
    before anyone updates them; page numbers are PAGEREF fields filled in by that update.
    """
    out = [paragraph("TOCHeading", contents=_text_runs("Contents"))]
    for i, entry in enumerate(entries):
        p = paragraph(f"TOC{entry.level}")
        canvas.revisions.mark_paragraph(p, entry.mark)
        if i == 0:
            p.extend(fields.field_begin(fields.TOC_INSTRUCTION))
        p.extend(_entry(canvas, entry))
        if i == len(entries) - 1:
            p.append(fields.field_end())
        out.append(p)
    return out


def _entry(canvas: Canvas, entry: TocEntry) -> list:
    words = [x for text, mark in entry.runs for x in canvas.revisions.wrap(mark, el("w:r", text_el(text, mark == "del")))]
    if not entry.bookmark:  # a deleted heading: nothing to link to or count pages of
        return words + canvas.revisions.wrap(entry.mark, el("w:r", el("w:tab")))
    link = el("w:hyperlink", anchor=entry.bookmark, history=1)
    link.extend(words)
    link.extend(canvas.revisions.wrap(entry.mark, el("w:r", el("w:tab")), *fields.page_ref(entry.bookmark, "")))
    return [link]
