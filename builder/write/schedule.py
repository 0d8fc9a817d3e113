"""The schedule of amendments: the table that goes in front of Full Council.

One row per amended paragraph, heading, section, glossary entry or scenario
part, grouped by section in the order of the document (then the glossary and
the worked examples): its number (old -> new; a paragraph split in two or two
merged into one is said to be), the existing wording, the proposed wording
with the changes marked, and the reason from protocol_src/amendments.yaml.
Deleted words are struck through and inserted words underlined, and both also
carry a text cue ("[deleted: …]", "[inserted: …]") so the change never depends
on colour or formatting alone. The website's notes for facilitators and its
quick answers (answers.yaml) are in neither Word document, so their changes
are listed apart, in a part of their own at the end (a quick answer whose only
change is a renumbered cross-reference is not listed). Landscape pages with a running header (the title and both
versions) and footer (page X of Y); each group's table repeats its header row
on every page, and its grid has the columns' own widths. It is drawn with the
Word writer's markup (builder.write.docx.xml, tables) in the house style, and
its bytes are reproducible (fixed dates, the Word writer's package).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.section import WD_ORIENT
from docx.shared import Cm

from ..dates import long_date
from ..diff.changes import AnswerChange, BlockChange, Comparison, SectionChange
from ..diff.reasons import Reasons
from ..diff.words import plain, side
from ..number import SCENARIO_PREFIX
from ..view import APPENDIX_PARTS, Run
from .docx.package import save
from .docx.page_setup import fill, page_x_of_y
from .docx.properties import schedule_properties, set_core
from .docx.styles import HEADER_FILL
from .docx.tables import REPEAT_HEADER, CANT_SPLIT, cell, grid, row, width
from .docx.template import new_document
from .docx.xml import TAB, element, empty, run, styled

HEADERS = ("Paragraph", "Existing wording", "Proposed wording (changes marked)", "Reason")
WIDTHS_CM = (3.2, 8.0, 9.5, 5.0)
PAGE_CM, MARGIN_CM = (29.7, 21.0), 1.5
TRAINING = "Training notes on the website"
QUICK_ANSWER = "Quick answer"


@dataclass(frozen=True)
class Row:
    where: str
    existing: tuple[Run, ...]  # the old wording ('' when inserted)
    proposed: tuple[Run, ...]  # marked runs
    reason: str


@dataclass
class Group:
    """The rows of one section (or the glossary, the worked examples, the training notes), under its title."""

    title: str
    rows: list[Row] = field(default_factory=list)


def schedule_groups(comparison: Comparison) -> list[Group]:
    """The schedule's groups in the order of the document: each changed section, the glossary, the worked
    examples, and last the website's training notes (each group only when it has a row). Each row's reason is
    the one `Reasons.reason_for` gives its change (builder.diff.reasons decides where reasons come from)."""
    changes = comparison.changes
    reasons = Reasons(comparison)
    groups = [_section_group(reasons, s) for s in changes.sections]
    glossary = Group("Glossary")
    for g in changes.glossary:
        if g.change != "unchanged":
            glossary.rows.append(Row(f"Glossary: {g.term}", side(g.definition, "old") if g.change != "inserted" else (),
                                     g.definition, reasons.reason_for(g)))
    appendix, training = Group(f"Appendix {SCENARIO_PREFIX}: Worked examples"), Group(TRAINING)
    for sc in changes.scenarios:
        if sc.change == "unchanged":
            continue
        for p in sc.parts:
            if p.change != "unchanged" or sc.change != "changed":
                (appendix if p.key in APPENDIX_PARTS else training).rows.append(_part_row(reasons, sc, p))
    training.rows += [_answer_row(reasons, a) for a in changes.answers if a.change != "unchanged" and not a.reference_only]
    return [g for g in groups + [glossary, appendix, training] if g.rows]


def schedule_rows(comparison: Comparison) -> list[Row]:
    """Every row, in the schedule's order."""
    return [r for g in schedule_groups(comparison) for r in g.rows]


def _section_group(reasons: Reasons, s: SectionChange) -> Group:
    number = s.new_number or s.old_number
    group = Group(f"Section {number}: {plain(side(s.title, 'new') or side(s.title, 'old'))}")
    if s.change != "unchanged":
        group.rows.append(Row(f"Section {_numbers(s.old_number, s.new_number)} (title)" + (" moved" if s.moved else ""),
                              side(s.title, "old") if s.change != "inserted" else (), s.title, reasons.reason_for(s)))
    by_id = {b.id: b for b in s.blocks if b.what == "paragraph"}
    for b in s.blocks:
        if b.change == "unchanged" or b.split_from or b.merged_into:
            continue  # a split's or merge's other half is in the row of the paragraph kept
        other = by_id.get(b.split_into or b.merged_from)
        group.rows.append(_joined_row(reasons, b, other) if other else _block_row(b, reasons.reason_for(b)))
    return group


def _part_row(reasons: Reasons, sc, p) -> Row:
    proposed = _join([p.title] + [b.runs for b in p.passages])
    existing = side(proposed, "old") if p.change != "inserted" else ()
    title = plain(side(p.title, "new") or side(p.title, "old"))
    return Row(f"Appendix {_numbers(sc.old_number, sc.new_number)}: {title}", existing, proposed,
               reasons.reason_for(sc, p))


def _answer_row(reasons: Reasons, a: AnswerChange) -> Row:
    """A quick answer: its question, then its answer (as the website shows them)."""
    proposed = _join([a.question, a.answer])
    existing = side(proposed, "old") if a.change != "inserted" else ()
    where = QUICK_ANSWER + {"inserted": " (new)", "deleted": " (deleted)"}.get(a.change, "")
    return Row(where, existing, proposed, reasons.reason_for(a))


def _numbers(old: str, new: str) -> str:
    if old and new and old != new:
        return f"{old} → {new}"
    if new and not old:
        return f"{new} (new)"
    return new or f"{old} (deleted)"


def _block_row(b: BlockChange, reason: str) -> Row:
    if b.what == "heading":
        where = "Sub-heading" + (f" in section {b.new_section or b.old_section}" if b.change != "changed" else "")
    else:
        where = _numbers(b.old_number, b.new_number)
        if b.change == "moved":
            where += " (moved and amended)" if b.edited and b.source_edited else " (moved)"
    proposed = _join([b.runs] + [_item_runs(i) for i in b.items] + [_row_runs(r) for r in b.table])
    existing = side(proposed, "old") if b.change != "inserted" else ()
    return Row(where, existing, proposed, reason)


def _joined_row(reasons: Reasons, kept: BlockChange, other: BlockChange) -> Row:
    """A paragraph split in two, or two merged into one: one row, each paragraph under its own number (the
    reason: the one kept's, else the other's)."""
    items = other.items if kept.split_into else kept.items
    old_items = [side(_item_runs(i), "old") for i in items if i.change != "inserted"]
    new_items = [_item_runs(i) for i in items]
    if kept.split_into:
        where = f"{kept.old_number} split into {kept.new_number} and {other.new_number}"
        existing = _join([side(kept.runs + other.runs, "old")] + old_items)
        proposed = _join([_numbered(kept.new_number, kept.runs), _numbered(other.new_number, other.runs)] + new_items)
    else:
        where = f"{kept.old_number} and {other.old_number} merged into {kept.new_number}"
        existing = _join([_numbered(kept.old_number, side(kept.runs, "old")),
                          _numbered(other.old_number, side(other.runs, "old"))] + old_items)
        proposed = _join([kept.runs + other.runs] + new_items)
    return Row(where, existing, proposed, reasons.reason_for(kept) or reasons.reason_for(other))


def _numbered(number: str, runs: tuple[Run, ...]) -> tuple[Run, ...]:
    return (Run(f"{number} "),) + runs


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


def _row_runs(row) -> tuple[Run, ...]:
    """A table row as one line of the cell: its cells separated by ' | ' (a whole row added or removed is marked
    like its words)."""
    mark = {"inserted": "ins", "deleted": "del"}.get(row.change, "")
    out: list[Run] = []
    for i, cell in enumerate(row.cells):
        if i:
            out.append(Run(" | ", mark))
        out.extend(cell)
    return tuple(out)


def _join(pieces) -> tuple[Run, ...]:
    """Lead-in and sub-items as one cell: pieces separated by line breaks (a Run of '\n')."""
    out: list[Run] = []
    for i, runs in enumerate(p for p in pieces if p):
        if i:
            out.append(Run("\n"))
        out.extend(runs)
    return tuple(out)


# ---------------------------------------------------------------- the document

def write_schedule(comparison: Comparison, path: Path, *, author: str | None = None) -> None:
    """The schedule of amendments for `comparison`, a landscape Word document (author: the owning role)."""
    old, new, _ = comparison
    meta = new.meta
    document = new_document(meta.language or "en-GB")
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(PAGE_CM[0]), Cm(PAGE_CM[1])
    for side_ in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side_, Cm(MARGIN_CM))
    versions = f"Version {old.meta.version} to version {meta.version} ({meta.status}, {long_date(meta.date)})"
    text_width = int(Cm(PAGE_CM[0] - 2 * MARGIN_CM).twips)
    fill(section.header, "Header", run(f"Schedule of amendments: {meta.title}") + TAB + run(versions), text_width)
    fill(section.footer, "Footer", page_x_of_y(meta.council), text_width)
    intro = (f"{meta.council}. Amendments from version {old.meta.version} to version {meta.version} "
             f"({meta.status}, {long_date(meta.date)}), by section in the order of the protocol. Deleted words are "
             "struck through and marked [deleted: …]; inserted words are underlined and marked [inserted: …]. "
             "Paragraph numbers show the old and the new number.")
    body = [_paragraph("Title", f"Schedule of amendments: {meta.title}"), _paragraph("BodyText", intro)]
    groups = schedule_groups(comparison)
    for group in groups:
        body.append(_paragraph("Heading2", group.title))
        if group.title == TRAINING:
            body.append(_paragraph("BodyText", _training_note(group)))
        body.append(_table(group.rows))
    if not groups:
        body.append(_paragraph("BodyText", "No paragraph has changed."))
    set_core(document, schedule_properties(comparison, author))
    save(document, path, "".join(body))


def _training_note(group: Group) -> str:
    answers = any(r.where.startswith(QUICK_ANSWER) for r in group.rows)
    notes = any(not r.where.startswith(QUICK_ANSWER) for r in group.rows)
    what = " and ".join(w for w, there in (("The notes for facilitators", notes), ("the quick answers", answers))
                        if there)
    return (f"{what[0].upper()}{what[1:]} are on the training website only; they are not part "
            "of the protocol or its worked examples.")


def _paragraph(style: str, text: str) -> str:
    return styled(style, run(text, spaces=False))


def _table(rows: list[Row]) -> str:
    """One group's table: its grid the columns' widths (fixed layout, so every reader honours them), its
    header row shaded in the house colour (white words), repeated on every page and never split."""
    properties = element("w:tblPr", empty("w:tblStyle", val="TableGrid") + empty("w:tblW", w=sum(_WIDTHS), type="dxa")
                         + empty("w:tblLayout", type="fixed")
                         + empty("w:tblLook", firstRow=1, lastRow=0, firstColumn=1, lastColumn=0, noHBand=0,
                                 noVBand=1)
                         + empty("w:tblCaption", val="Schedule of amendments")
                         + empty("w:tblDescription", val=DESCRIPTION))
    head = row([cell(width(w), [run(text, spaces=False)], "TableHeading", fill=HEADER_FILL)
                for text, w in zip(HEADERS, _WIDTHS)], CANT_SPLIT + REPEAT_HEADER)
    return element("w:tbl", properties + grid(list(_WIDTHS)) + head + "".join(map(_row, rows)))


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
    return row([cell(w, paragraphs, "TableText") for w, paragraphs in zip(_CELL_WIDTHS, cells)])


_WIDTHS = tuple(int(Cm(w).twips) for w in WIDTHS_CM)
_CELL_WIDTHS = tuple(map(width, _WIDTHS))  # each column's w:tcW, the same in every row
# Run properties in schema order (b, i, strike, u): a text cue in italics, deleted words struck through,
# inserted words bold and underlined.
_CUE = empty("w:i")
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
            paragraphs[-1] += (_OPEN_CUE[r.mark], run(r.text, _MARKED[r.mark]), _CLOSE_CUE)
    return ["".join(p) for p in paragraphs]


# The text cues around marked words, the same runs every time.
_OPEN_CUE = {mark: run(f"[{label}: ", _CUE) for mark, label in (("del", "deleted"), ("ins", "inserted"))}
_CLOSE_CUE = run("]", _CUE)
