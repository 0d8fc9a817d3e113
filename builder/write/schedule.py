"""The schedule of amendments: the table that goes in front of Full Council.

One row per amended paragraph, heading, section, glossary entry or scenario
part: its number (old -> new), the existing wording, the proposed wording with
the changes marked, and the reason from protocol_src/amendments.yaml. Deleted
words are struck through and inserted words underlined, and both also carry a
text cue ("[deleted: …]", "[inserted: …]") so the change never depends on
colour or formatting alone. It is drawn with the Word writer's markup
(builder.write.docx.xml, tables) in the house style, and its bytes are
reproducible (fixed dates, the Word writer's package).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Cm, Emu

from ..diff.changes import BlockChange, Comparison
from ..diff.words import plain, side
from ..model import Protocol
from ..view import Run
from .docx.package import save
from .docx.paragraph import Paragraph
from .docx.properties import schedule_properties, set_core
from .docx.tables import CANT_SPLIT, REPEAT_HEADER, cell, grid, row, width
from .docx.template import new_document
from .docx.xml import element, empty, run

HEADERS = ("Paragraph", "Existing wording", "Proposed wording (changes marked)", "Reason")
WIDTHS_CM = (3.2, 8.0, 9.5, 5.0)
CONSEQUENTIAL = "Consequential: the number of a cross-referenced paragraph changed."


@dataclass(frozen=True)
class Row:
    where: str
    existing: tuple[Run, ...]  # the old wording ('' when inserted)
    proposed: tuple[Run, ...]  # marked runs
    reason: str


def schedule_rows(comparison: Comparison) -> list[Row]:
    old, new, changes = comparison
    rows: list[Row] = []
    for s in changes.sections:
        if s.change != "unchanged":
            rows.append(Row(f"Section {_numbers(s.old_number, s.new_number)} (title)"
                            + (" moved" if s.moved else ""), side(s.title, "old") if s.change != "inserted" else (),
                            s.title, new.reason_for(s.id) or old.reason_for(s.id)))
        for b in s.blocks:
            if b.change != "unchanged":
                rows.append(_block_row(old, new, b))
    for g in changes.glossary:
        if g.change != "unchanged":
            rows.append(Row(f"Glossary: {g.term}", side(g.definition, "old") if g.change != "inserted" else (),
                            g.definition, new.reason_for(g.term) or old.reason_for(g.term)))
    for sc in changes.scenarios:
        for p in sc.parts:
            if p.change == "unchanged" and sc.change == "changed":
                continue
            if sc.change == "unchanged":
                break
            proposed = _join([p.title] + [b.runs for b in p.passages])
            existing = side(proposed, "old") if p.change != "inserted" else ()
            reason = new.reason_for(sc.id) or old.reason_for(sc.id)
            if not reason and _reference_only(proposed):
                reason = CONSEQUENTIAL
            rows.append(Row(f"Appendix {_numbers(sc.old_number, sc.new_number)}: {plain(side(p.title, 'new') or side(p.title, 'old'))}",
                            existing, proposed, reason))
    return rows


def _reference_only(runs: tuple[Run, ...]) -> bool:
    """Every marked run is the number of a cross-reference: a consequential change."""
    marked = [r for r in runs if r.mark]
    return bool(marked) and all(r.ref for r in marked)


def _numbers(old: str, new: str) -> str:
    if old and new and old != new:
        return f"{old} → {new}"
    if new and not old:
        return f"{new} (new)"
    return new or f"{old} (deleted)"


def _block_row(old: Protocol, new: Protocol, b: BlockChange) -> Row:
    if b.what == "heading":
        where = "Sub-heading" + (f" in section {b.new_section or b.old_section}" if b.change != "changed" else "")
    else:
        where = _numbers(b.old_number, b.new_number)
        if b.change == "moved":
            where += " (moved and amended)" if b.edited else " (moved)"
    proposed = _join([b.runs] + [_item_runs(i) for i in b.items])
    existing = side(proposed, "old") if b.change != "inserted" else ()
    reason = new.reason_for(b.id) or old.reason_for(b.id)
    if not reason and b.reference_only:
        reason = CONSEQUENTIAL
    return Row(where, existing, proposed, reason)


def _item_runs(item) -> tuple[Run, ...]:
    """A sub-item with its letter: '(b) ' (a changed letter is marked like any word)."""
    old, new = item.old_number[item.old_number.rfind("("):], item.new_number[item.new_number.rfind("("):]
    if item.change == "inserted":
        label = (Run(new + " ", "ins"),)
    elif item.change == "deleted":
        label = (Run(old + " ", "del"),)
    elif old != new:
        label = (Run(old, "del"), Run(new, "ins"), Run(" "))
    else:
        label = (Run(new + " "),)
    return label + item.runs


def _join(pieces) -> tuple[Run, ...]:
    """Lead-in and sub-items as one cell: pieces separated by line breaks (a Run of '\n')."""
    out: list[Run] = []
    for i, runs in enumerate(p for p in pieces if p):
        if i:
            out.append(Run("\n"))
        out.extend(runs)
    return tuple(out)


def write_schedule(comparison: Comparison, path: Path, *, author: str | None = None) -> None:
    """The schedule of amendments for `comparison`, a landscape Word document (author: the owning role)."""
    old, new, _ = comparison
    meta = new.meta
    document = new_document(meta.language or "en-GB")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side_ in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side_, Cm(1.5))
    intro = (f"{meta.council}. Amendments from version {old.meta.version} to version {meta.version}"
             f" ({meta.status}, {meta.date}). Deleted words are struck through and marked [deleted: …]; "
             "inserted words are underlined and marked [inserted: …]. Paragraph numbers show the old and the new "
             "number.")
    rows = schedule_rows(comparison)
    body = [_paragraph("Title", f"Schedule of amendments: {meta.title}"), _paragraph("BodyText", intro),
            _table(rows, _columns(section))]
    if not rows:
        body.append(_paragraph("BodyText", "No paragraph has changed."))
    set_core(document, schedule_properties(comparison, author))
    save(document, path, "".join(body))


def _paragraph(style: str, text: str) -> str:
    return Paragraph(style, contents=[run(text, spaces=False)]).xml()


def _columns(section) -> int:
    """The width of each column of the table's grid (twips): the text width shared equally, as python-docx's
    add_table made it (the cells' own widths are what Word and LibreOffice show)."""
    text_width = section.page_width - section.left_margin - section.right_margin
    return Emu(text_width // len(HEADERS)).twips


def _table(rows: list[Row], column: int) -> str:
    """The table, its header row repeated on every page. Its properties and header are what python-docx's
    add_table and cell setters wrote (hence tcW's attributes in the other order than the body cells')."""
    table_properties = element("w:tblPr", empty("w:tblStyle", val="TableGrid") + empty("w:tblW", type="auto", w=0)
                               + empty("w:tblLook", firstColumn=1, firstRow=1, lastColumn=0, lastRow=0, noHBand=0,
                                       noVBand=1, val="04A0")
                               + empty("w:tblCaption", val="Schedule of amendments")
                               + empty("w:tblDescription", val=DESCRIPTION))
    head = row([cell(empty("w:tcW", type="dxa", w=w), [run(text, _BOLD, spaces=False)], "TableHeading")
                for text, w in zip(HEADERS, _WIDTHS_TWIPS)], CANT_SPLIT + REPEAT_HEADER)
    return element("w:tbl", table_properties + grid([column] * len(HEADERS)) + head + "".join(map(_row, rows)))


DESCRIPTION = ("Each amended paragraph: its old and new number, the existing wording, the proposed wording with "
               "changes marked, and the reason.")


def _row(row_: Row) -> str:
    """One row: where, the existing wording, the proposed wording with the changes marked, the reason."""
    cells = (
        [run(row_.where)],
        _wording(row_.existing, marked=False, absent="(new)"),
        _wording(row_.proposed, marked=True, absent="(deleted)"),
        [run(row_.reason or "No reason recorded")],
    )
    return row([cell(width(w), paragraphs, "TableText") for w, paragraphs in zip(_WIDTHS_TWIPS, cells)])


_WIDTHS_TWIPS = tuple(int(Cm(w).twips) for w in WIDTHS_CM)
# Run properties in schema order (b, i, strike, u): a text cue in italics, deleted words struck through,
# inserted words bold and underlined; the header's words bold.
_BOLD, _CUE = empty("w:b"), empty("w:i")
_MARKED = {"del": empty("w:strike"), "ins": empty("w:b") + empty("w:u", val="single")}


def _wording(runs: tuple[Run, ...], *, marked: bool, absent: str) -> list[str]:
    """The run markup of each paragraph of a wording cell: a Run of '\\n' starts a new paragraph (a new
    sub-item)."""
    if not runs:
        return [run(absent, _CUE)]
    paragraphs: list[list[str]] = [[]]
    for r in runs:
        if r.text == "\n":
            paragraphs.append([])
        elif not marked or not r.mark:
            paragraphs[-1].append(run(r.text))
        else:
            label = "deleted" if r.mark == "del" else "inserted"
            paragraphs[-1] += (run(f"[{label}: ", _CUE), run(r.text, _MARKED[r.mark]), run("]", _CUE))
    return ["".join(p) for p in paragraphs]
