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

from .model import Inline, Paragraph, Protocol, Ref, Scenario, Term, Text
from .number import letter, numbers as compute_numbers

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
LineKind = Literal["section", "heading", "para", "item", "scenario", "part", "text", "bullet", "meta"]
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
    number: str = ""  # display number for information (Word computes its own from list numbering)
    mark: Mark = ""
    move: str = ""  # pairs a move-from with its move-to

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


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
    return View(body_lines(protocol, nums), appendix_lines(protocol, nums), glossary_rows(protocol))


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
    """A numbered paragraph and its lettered items. Item keys are '<para id>/<n>'."""
    number = nums.get(para.id, "")
    lines = [Line("para", para.id, runs_of(para.inlines, nums), number)]
    for i, item in enumerate(para.items):
        lines.append(Line("item", f"{para.id}/{i + 1}", runs_of(item.inlines, nums), f"{number}({letter(i)})"))
    return lines


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
