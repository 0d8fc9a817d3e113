"""The schedule of amendments: the table that goes in front of Full Council.

One row per amended paragraph, heading, section, glossary entry or scenario
part: its number (old -> new), the existing wording, the proposed wording with
the changes marked, and the reason from protocol_src/amendments.yaml. Deleted
words are struck through and inserted words underlined, and both also carry a
text cue ("[deleted: …]", "[inserted: …]") so the change never depends on
colour or formatting alone. The bytes are reproducible (fixed dates, the Word
writer's normalised zip).
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from ..diff.changes import BlockChange, Comparison
from ..diff.words import plain, side
from ..model import Protocol
from ..view import Run
from .docx.tables import cell
from .docx.xml import parse_into, run

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
    old, new, _ = comparison
    from .docx.package import normalise
    from .docx.template import new_document

    document = new_document(new.meta.language or "en-GB")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side_ in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side_, Cm(1.5))
    document.add_paragraph(f"Schedule of amendments: {new.meta.title}", style="Title")
    document.add_paragraph(
        f"{new.meta.council}. Amendments from version {old.meta.version} to version {new.meta.version}"
        f" ({new.meta.status}, {new.meta.date}). Deleted words are struck through and marked [deleted: …]; "
        "inserted words are underlined and marked [inserted: …]. Paragraph numbers show the old and the new number.",
        style="Body Text")
    rows = schedule_rows(comparison)
    table = document.add_table(rows=1, cols=len(HEADERS))
    table.style = "Table Grid"
    _table_props(table, "Schedule of amendments",
                 "Each amended paragraph: its old and new number, the existing wording, the proposed wording "
                 "with changes marked, and the reason.")
    for header, text, width in zip(table.rows[0].cells, HEADERS, WIDTHS_CM):
        header.width = Cm(width)
        p = header.paragraphs[0]
        p.style = "Table Heading"
        p.add_run(text).bold = True
    _repeat_header(table.rows[0])
    # looked up once: assigning a style by name makes python-docx search every style, for every cell
    text_style = document.part.get_style_id("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    parse_into("".join(_row(row, text_style) for row in rows), table._tbl.append)
    if not rows:
        document.add_paragraph("No paragraph has changed.", style="Body Text")
    core = document.core_properties
    core.title = f"Schedule of amendments {old.meta.version} to {new.meta.version}"
    core.author = author or new.meta.owner
    core.last_modified_by = author or new.meta.owner
    core.language = new.meta.language
    core.revision = 1
    from datetime import datetime, timezone

    stamp = datetime.fromisoformat(new.meta.date).replace(tzinfo=timezone.utc)
    core.created = core.modified = stamp
    raw = io.BytesIO()
    document.save(raw)
    normalise(raw.getvalue(), Path(path))


def _table_props(table, caption: str, description: str) -> None:
    tblpr = table._tbl.tblPr
    for tag, value in (("w:tblCaption", caption), ("w:tblDescription", description)):
        el = OxmlElement(tag)
        el.set(qn("w:val"), value)
        tblpr.append(el)


def _repeat_header(row) -> None:
    trpr = row._tr.get_or_add_trPr()
    for tag in ("w:cantSplit", "w:tblHeader"):
        trpr.append(OxmlElement(tag))


def _row(row: Row, style_id: str | None) -> str:
    """One table row's markup: what python-docx's add_row, cell.width and the run setters wrote (they re-walk
    the table for every call), written as text and parsed with the other rows at once."""
    cells = (
        [run(row.where)],
        _wording(row.existing, marked=False, empty="(new)"),
        _wording(row.proposed, marked=True, empty="(deleted)"),
        [run(row.reason or "No reason recorded")],
    )
    tcs = (cell(width, paragraphs, style_id or "") for width, paragraphs in zip(_WIDTHS_TWIPS, cells))
    return f"<w:tr>{''.join(tcs)}</w:tr>"


_WIDTHS_TWIPS = tuple(int(Cm(width).twips) for width in WIDTHS_CM)
# Run properties in schema order (b, i, strike, u): a text cue in italics, deleted words struck through,
# inserted words bold and underlined.
_CUE = "<w:i/>"
_MARKED = {"del": "<w:strike/>", "ins": '<w:b/><w:u w:val="single"/>'}


def _wording(runs: tuple[Run, ...], *, marked: bool, empty: str) -> list[str]:
    """The run markup of each paragraph of a wording cell: a Run of '\\n' starts a new paragraph (a new
    sub-item)."""
    if not runs:
        return [run(empty, _CUE)]
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
