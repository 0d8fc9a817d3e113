"""The title page and the table of contents (a real TOC field with its entries already filled in)."""
from __future__ import annotations

from ...view import View
from . import fields
from .canvas import Canvas, TocEntry
from .formatting import GAP
from .lines import draw_lines
from .paragraph import Paragraph
from .xml import TAB, element, empty, link, run


def title_page(canvas: Canvas, view: View) -> None:
    """The view's title page; the agenda pack's copy also says what it shows and how its marks read."""
    draw_lines(canvas, view.front)
    if canvas.marks.tracked or not view.versions:
        return
    canvas.add(Paragraph("TitlePageDetail", contents=[run(tracked_label(*view.versions))]))
    for pieces in KEY:
        words = [canvas.marks.run(text, "", mark, renumbering=renumbering) for text, mark, renumbering in pieces]
        canvas.add(Paragraph("BodyText", contents=words))


def tracked_label(old: str, new: str) -> str:
    return f"Tracked changes: version {old} to version {new}"


# The agenda pack's key: what each mark looks like, shown in that mark and said in words.
KEY = (
    (("Inserted words", "ins", False), (" are underlined (in blue).", "", False)),
    (("Deleted words", "del", False), (" are struck through (in red).", "", False)),
    (("Moved text", "move-to", False), (" is double underlined where it now stands, and ", "", False),
     ("double struck through", "move-from", False), (" where it stood (in green).", "", False)),
    (("2.3", "del", True), (" ", "", False), ("2.4", "ins", True),
     (": a paragraph or reference renumbered (in grey). A bar in the margin marks each changed paragraph. "
      "The schedule of amendments gives every change in words, with its reason.", "", False)),
)


# A contents entry's number and title in print: the title after a tab at 2 cm, clear of "13 12".
NUMBERS_AS_TEXT = element("w:tabs", empty("w:tab", val="left", pos=1134)) + empty("w:ind", left=1134, hanging=1134)
UNDER_NUMBERS_AS_TEXT = empty("w:ind", left=1134, hanging=0)


def contents(canvas: Canvas, entries: list[TocEntry]) -> str:
    """The markup of the 'Contents' heading and the TOC field's paragraphs, to be placed after the title page.

    The field's stored result lists every heading (linked to it), its section number typed before it and its
    page number after it where a measured PDF gave one (canvas.pages), so the contents read correctly before
    anyone updates them.
    """
    out = [Paragraph("TOCHeading", contents=[run("Contents")]).xml()]
    for i, entry in enumerate(entries):
        p = Paragraph(f"TOC{entry.level}")
        if not canvas.marks.tracked:  # in print, room for an old and a new number; the entries under them aligned
            p.layout = NUMBERS_AS_TEXT if entry.level == 1 else UNDER_NUMBERS_AS_TEXT
        canvas.marks.mark_paragraph(p, entry.mark)
        if i == 0:
            p.contents.append(fields.field_begin(fields.TOC_INSTRUCTION))
        p.contents.append(_entry(canvas, entry))
        if i == len(entries) - 1:
            p.contents.append(fields.field_end())
        out.append(p.xml())
    return "".join(out)


def _entry(canvas: Canvas, entry: TocEntry) -> str:
    marks = canvas.marks
    gap = "" if marks.tracked else marks.run(GAP, "", "")  # in print, an old and a new number stand apart
    number = gap.join(marks.run(text, "", mark, renumbering=entry.renumbered) for text, mark in entry.number)
    if number:
        number += marks.wrap(entry.mark, TAB)
    words = number + "".join(marks.run(text, "", mark) for text, mark in entry.runs)
    if not entry.bookmark:  # a deleted heading: nothing to link to or count pages of
        return words + marks.wrap(entry.mark, TAB)
    page = canvas.pages.get(entry.bookmark, "")
    return link(entry.bookmark, words + marks.wrap(entry.mark, TAB, fields.page_ref(entry.bookmark, page)))
