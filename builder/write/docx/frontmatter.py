"""The title page and the table of contents (a real TOC field with its entries already filled in)."""
from __future__ import annotations

from ...model import Protocol
from . import fields
from .canvas import Canvas, TocEntry, paragraph
from .wording import date_label, long_date, status_line
from .xml import el, text_el, val


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
    """The 'Contents' heading and the TOC field paragraphs, to be placed after the title page."""
    out = [paragraph("TOCHeading", contents=_text_runs("Contents"))]
    for i, entry in enumerate(entries):
        runs = fields.field_begin(fields.TOC_INSTRUCTION) if i == 0 else []
        label = f"{entry.number}\t{entry.text}" if entry.number else entry.text
        link = el("w:hyperlink", anchor=entry.bookmark, history=1)
        link.extend(_label_runs(label))
        link.append(el("w:r", el("w:tab")))
        link.extend(fields.page_ref(entry.bookmark, ""))
        runs.append(link)
        if i == len(entries) - 1:
            runs.append(fields.field_end())
        out.append(paragraph(f"TOC{entry.level}", contents=runs))
    return out


def _label_runs(label: str) -> list:
    runs = []
    for n, piece in enumerate(label.split("\t")):
        if n:
            runs.append(el("w:r", el("w:tab")))
        runs.append(el("w:r", text_el(piece)))
    return runs
