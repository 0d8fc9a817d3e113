"""The document as the Word writer draws it: a flat sequence of lines, each a run of marked words.

A line is one paragraph of the Word document (a section title, a numbered
paragraph, one lettered sub-item, a scenario's passage...), not one of the
model's blocks: a numbered paragraph with two sub-items is three lines.
`plain_view(protocol)` gives the lines of one version with no change marks.
The diff (builder.diff.merged_view) gives the same kind of sequence for two
versions merged, with marks on runs and lines. The Word writer renders either,
so the redline is the ordinary Word document drawn from a merged view, not a
second writer.

Marks (`Mark`): "" unchanged, "ins" inserted, "del" deleted; lines may also be
"move-from"/"move-to" (paired by `move`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

from .dates import long_date
from .model import Inline, Paragraph, Protocol, Ref, Scenario, Term, Text, inline_text
from .number import letter, numbers as compute_numbers
from .wording import date_label, status_line, version_rows

# What a line is, in the order the Word writer meets them:
#   section   section title: Heading 1, list level 0 ("1")
#   heading   unnumbered sub-heading inside a section: Heading 2
#   para      numbered paragraph: list level 1 ("1.1")
#   item      lettered sub-item of the paragraph before it: list level 2 ("(a)")
#   scenario  worked example title in the appendix: Heading 2 ("A1 …", number typed by the view)
#   part      scenario part title: Heading 3
#   text      a passage of text inside a scenario part
#   bullet    a bulleted passage inside a scenario part
#   meta      a "label: value" line under a scenario title (audiences, paragraphs illustrated)
#   table     the table that ends a numbered paragraph: its rows (header first) in `rows`, no runs of its own
# and on the title page (View.front):
#   council   the council's name above the title: Subtitle
#   title     the protocol's title: Title
#   detail    one line of the title page's details ("Version 1.1", "Status: ..."): Title Page Detail
LineKind = Literal["section", "heading", "para", "item", "scenario", "part", "text", "bullet", "meta", "table",
                   "council", "title", "detail"]
Mark = Literal["", "ins", "del", "move-from", "move-to"]

# Scenario parts shown in the Constitution's appendix (facilitators' notes are for trainers, on the website).
APPENDIX_PARTS = ("situation", "pressures", "protocol", "good", "wrong", "questions")


class Run(NamedTuple):
    """Words with one mark. A named tuple, not a dataclass: a Constitution's compare makes and compares
    hundreds of thousands of runs, and a tuple is made in half the time and compared in C."""

    text: str
    mark: Mark = ""  # "" | "ins" | "del"
    ref: str = ""  # id of the cross-referenced section/paragraph, or ""
    term: str = ""  # glossary term, or ""


class Line(NamedTuple):
    """One paragraph of the document (a named tuple: a Constitution's view has 20,000, made in a third of a
    frozen dataclass's time)."""

    kind: LineKind
    key: str  # stable key: the id for sections/paragraphs/headings/scenarios; derived for the rest
    runs: tuple[Run, ...]
    number: str = ""  # display number (Word computes its own from list numbering); a deleted line's old one
    mark: Mark = ""
    move: str = ""  # pairs a move-from with its move-to
    rows: tuple["TableRowView", ...] = ()  # a table line's rows, the header first
    # In a merged view: the line's number in the old version ("" when it had none there: inserted, or the second
    # half of a split paragraph). Where it differs from `number`, the paragraph was renumbered.
    old_number: str = ""
    # The revision on the paragraph mark alone, for a line whose runs carry their own marks: "ins" where a
    # paragraph was split (the new paragraph mark), "del" where two were merged (the mark that joined them).
    end: Mark = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


class TableRowView(NamedTuple):
    """One row of a table line: its mark ("" / "ins" / "del") and each cell's runs (with word-level marks)."""

    mark: Mark
    cells: tuple[tuple[Run, ...], ...]

    @property
    def text(self) -> str:
        return " | ".join("".join(r.text for r in cell) for cell in self.cells)


@dataclass(frozen=True)
class GlossaryRow:
    term: tuple[Run, ...]
    definition: tuple[Run, ...]
    mark: Mark = ""


@dataclass(frozen=True)
class View:
    body: tuple[Line, ...]  # the sections
    appendix: tuple[Line, ...]  # the worked examples
    glossary: tuple[GlossaryRow, ...]
    duties: tuple[TableRowView, ...] = ()  # the duties appendix: one row per paragraph that sets a duty
    duties_mark: Mark = ""  # the whole duties appendix inserted or deleted (in a redline)
    # The document's own details; a view made without them is drawn with the protocol's (plain_view's).
    front: tuple[Line, ...] = ()  # the title page
    history: tuple[TableRowView, ...] = ()  # the version history table
    header: tuple[Run, ...] = ()  # the running header's version line ("Version 1.1: Draft")
    versions: tuple[str, ...] = ()  # a merged view: (old version, new version), which the redline says it shows


# The duties appendix: each paragraph that says "must", with the obligations whose breach it can evidence.
DUTY_COLUMNS = ("Paragraph", "The duty", "Member code of conduct", "Officers: employee code and policies")


def duty_rows(protocol: Protocol, nums: dict[str, str]) -> tuple[tuple[str, tuple[tuple[Run, ...], ...]], ...]:
    """(paragraph id, cells) for every paragraph tagged with a code obligation, in document order."""
    out = []
    codes: dict[tuple[str, ...], tuple[tuple[Run, ...], tuple[Run, ...]]] = {}  # obligations -> the two cells
    for section in protocol.sections:
        for para in section.paragraphs:
            if not (section.tags.obligations or para.tags.obligations):  # (most paragraphs: no duty to list)
                continue
            tagged = protocol.effective_tags(section, para).obligations
            if tagged not in codes:  # the same few sets of obligations, over and over
                codes[tagged] = _code_cells(protocol, tagged)
            cells = ((Run(nums.get(para.id, para.id), ref=para.id),), (Run(duty_title(para)),), *codes[tagged])
            out.append((para.id, cells))
    return tuple(out)


def _code_cells(protocol: Protocol, tagged: tuple[str, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """The member code's and the officers' codes' cells of a duty that rests on the obligations `tagged`."""
    entries = [e for e in (protocol.vocabulary.get("obligations", o) for o in tagged) if e]
    member = "; ".join(e.label for e in entries if e.code == "member") or "None"
    officer = "; ".join(e.label for e in entries if e.code == "officer") or "None"
    return (Run(member),), (Run(officer),)


def duty_title(para: Paragraph) -> str:
    """What a duty is called in the appendix: the paragraph's caption, else its first words."""
    caption = getattr(para, "caption", "")
    if caption:
        return caption
    words = inline_text(para.inlines).split()
    return " ".join(words[:10]) + (" …" if len(words) > 10 else "")


def runs_of(inlines: tuple[Inline, ...], nums: dict[str, str]) -> tuple[Run, ...]:
    return tuple(_RUN_OF[type(node)](node, nums) for node in inlines)


# One function per inline kind, looked up by type (called for every paragraph of both versions in a compare).
_RUN_OF = {
    Text: lambda node, nums: Run(node.text),
    Term: lambda node, nums: Run(node.shown, "", "", node.term),
    Ref: lambda node, nums: Run(nums.get(node.target, node.target), "", node.target),
}


def plain_view(protocol: Protocol, nums: dict[str, str] | None = None) -> View:
    nums = nums if nums is not None else compute_numbers(protocol)
    return View(body_lines(protocol, nums), appendix_lines(protocol, nums), glossary_rows(protocol),
                tuple(TableRowView("", cells) for _, cells in duty_rows(protocol, nums)), "",
                front_lines(protocol), history_rows(protocol), header_runs(protocol))


def front_lines(protocol: Protocol) -> tuple[Line, ...]:
    """The title page: the council, the title, then one line per detail, its label and value as two runs (keyed
    by what it says, so two versions' title pages line up: "front/version", "front/dates/full_council"...)."""
    meta = protocol.meta
    details = [("constitution", "Constitution: ", meta.constitution_part)] if meta.constitution_part else []
    details += [("version", "Version ", meta.version), ("status", "Status: ", status_line(protocol)),
                ("owner", "Owner: ", meta.owner), ("date", "Date of this version: ", long_date(meta.date))]
    details += [(f"dates/{key}", f"{date_label(key)}: ", long_date(iso)) for key, iso in meta.dates]
    return (Line("council", "front/council", (Run(meta.council),)), Line("title", "front/title", (Run(meta.title),)),
            *(Line("detail", f"front/{key}", (Run(label), Run(value))) for key, label, value in details))


def history_rows(protocol: Protocol) -> tuple[TableRowView, ...]:
    """The version history: one row per release (and one for this version when it is not released yet)."""
    return tuple(TableRowView("", tuple((Run(value),) for value in values)) for values in version_rows(protocol))


def header_runs(protocol: Protocol) -> tuple[Run, ...]:
    return (Run(f"Version {protocol.meta.version}: {protocol.meta.status.capitalize()}"),)


def body_lines(protocol: Protocol, nums: dict[str, str]) -> tuple[Line, ...]:
    out: list[Line] = []
    for section in protocol.sections:
        out.append(Line("section", section.id, (Run(section.title),), nums.get(section.id, "")))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.extend(paragraph_lines(block, nums))
            else:
                out.append(Line("heading", block.id, (Run(block.text),)))
    return tuple(out)


def paragraph_lines(para: Paragraph, nums: dict[str, str]) -> list[Line]:
    """A numbered paragraph, its lettered items and its table. Item keys are '<para id>/<n>'."""
    number = nums.get(para.id, "")
    lines = [Line("para", para.id, runs_of(para.inlines, nums), number)]
    for i, item in enumerate(para.items):
        lines.append(Line("item", f"{para.id}/{i + 1}", runs_of(item.inlines, nums), f"{number}({letter(i)})"))
    if para.table is not None:
        rows = tuple(TableRowView("", tuple(runs_of(c, nums) for c in row.cells)) for row in para.table.all_rows)
        lines.append(Line("table", table_key(para.id), (), number, rows=rows))
    return lines


def table_key(paragraph_id: str) -> str:
    """The key of the line holding a paragraph's table."""
    return f"{paragraph_id}/table"


def appendix_lines(protocol: Protocol, nums: dict[str, str]) -> tuple[Line, ...]:
    out: list[Line] = []
    for scenario in protocol.scenarios:
        out.extend(scenario_lines(protocol, scenario, nums))
    return tuple(out)


def scenario_lines(protocol: Protocol, scenario: Scenario, nums: dict[str, str]) -> list[Line]:
    number = nums.get(scenario.id, "")
    sid = scenario.id
    audiences = ", ".join(_label(protocol, "audiences", a) for a in scenario.audiences)
    lines = [
        Line("scenario", sid, (Run(f"{number} {scenario.title}"),), number),
        Line("meta", f"{sid}/audiences", (Run("For: "), Run(audiences))),
    ]
    cited: list[Run] = [Run("Illustrates paragraphs: " if len(scenario.cites) != 1 else "Illustrates paragraph: ")]
    for i, target in enumerate(scenario.cites):
        if i:
            cited.append(Run(", "))
        cited.append(Run(nums.get(target, target), ref=target))
    lines.append(Line("meta", f"{sid}/cites", tuple(cited)))
    for key in APPENDIX_PARTS:
        part = scenario.part(key)
        if part is None:
            continue
        lines.append(Line("part", f"{sid}/{key}", (Run(part.title),)))
        for n, b in enumerate(part.passages, start=1):
            lines.append(Line("bullet" if b.bullet else "text", f"{sid}/{key}/{n}", runs_of(b.inlines, nums)))
    return lines


def glossary_rows(protocol: Protocol) -> tuple[GlossaryRow, ...]:
    return tuple(GlossaryRow((Run(g.term),), (Run(g.definition),))
                 for g in sorted(protocol.glossary, key=lambda g: g.term.casefold()))


def _label(protocol: Protocol, list_name: str, id_: str) -> str:
    entry = protocol.vocabulary.get(list_name, id_)
    return entry.label if entry else id_


def renumbering(runs: tuple[Run, ...]) -> set[int]:
    """Indexes of the runs that only renumber a cross-reference: a deleted reference directly followed by an
    inserted one to the same target (the source still points at the same paragraph; its number changed)."""
    out: set[int] = set()
    for i in range(len(runs) - 1):
        a = runs[i]
        if a.mark == "del" and a.ref:  # (the cheap test first: most runs are unchanged)
            b = runs[i + 1]
            if b.mark == "ins" and b.ref == a.ref and not a.term and not b.term:
                out.update((i, i + 1))
    return out


def only_renumbered(runs: tuple[Run, ...]) -> bool:
    """Every marked run renumbers a cross-reference (and nothing else changed)."""
    marks = [i for i, r in enumerate(runs) if r.mark]
    return set(marks) <= renumbering(runs)
