"""The document as the Word writer draws it: a flat sequence of blocks of runs.

`plain_view(protocol)` gives the blocks of one version with no change marks.
The diff (builder.diff) gives the same kind of sequence for two versions merged,
with marks on runs and blocks. The Word writer renders either, so the redline is
the ordinary Word document drawn from a merged view, not a second writer.

Marks: "" unchanged, "ins" inserted, "del" deleted; blocks may also be
"move-from"/"move-to" (paired by `move`).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from .model import Inline, Paragraph, Protocol, Ref, Scenario, Term, Text
from .number import letter, numbers as compute_numbers

# Block kinds, in the order the Word writer meets them:
#   section   section title: Heading 1, list level 0 ("1")
#   heading   unnumbered sub-heading inside a section: Heading 2
#   para      numbered paragraph: list level 1 ("1.1")
#   item      lettered sub-item of the paragraph before it: list level 2 ("(a)")
#   scenario  worked example title in the appendix: Heading 2 ("A1 …", number typed by the view)
#   part      scenario part title: Heading 3
#   text      body text inside a scenario part
#   bullet    bulleted line inside a scenario part
#   meta      a "label: value" line under a scenario title (audiences, paragraphs illustrated)
KINDS = ("section", "heading", "para", "item", "scenario", "part", "text", "bullet", "meta")

# Scenario parts shown in the Constitution's appendix (facilitators' notes are for trainers, on the website).
APPENDIX_PARTS = ("situation", "pressures", "protocol", "good", "wrong", "questions")


class Run(NamedTuple):
    """Words with one mark. A named tuple, not a dataclass: a Constitution's compare makes and compares
    hundreds of thousands of runs, and a tuple is made in half the time and compared in C."""

    text: str
    mark: str = ""  # "" | "ins" | "del"
    ref: str = ""  # id of the cross-referenced section/paragraph, or ""
    term: str = ""  # glossary term, or ""


@dataclass(frozen=True)
class Block:
    kind: str
    key: str  # stable key: the id for sections/paragraphs/headings/scenarios; derived for the rest
    runs: tuple[Run, ...]
    number: str = ""  # display number for information (Word computes its own from list numbering)
    mark: str = ""  # "" | "ins" | "del" | "move-from" | "move-to"
    move: str = ""  # pairs a move-from with its move-to

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True)
class GlossaryRow:
    term: tuple[Run, ...]
    definition: tuple[Run, ...]
    mark: str = ""


@dataclass(frozen=True)
class View:
    body: tuple[Block, ...]  # the sections
    appendix: tuple[Block, ...]  # the worked examples
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
    return View(body_blocks(protocol, nums), appendix_blocks(protocol, nums), glossary_rows(protocol))


def body_blocks(protocol: Protocol, nums: dict[str, str]) -> tuple[Block, ...]:
    out: list[Block] = []
    for section in protocol.sections:
        out.append(Block("section", section.id, (Run(section.title),), nums.get(section.id, "")))
        for block in section.blocks:
            if isinstance(block, Paragraph):
                out.extend(paragraph_blocks(block, nums))
            else:
                out.append(Block("heading", block.id, (Run(block.text),)))
    return tuple(out)


def paragraph_blocks(para: Paragraph, nums: dict[str, str]) -> list[Block]:
    """A numbered paragraph and its lettered items. Item keys are '<para id>/<n>'."""
    number = nums.get(para.id, "")
    blocks = [Block("para", para.id, runs_of(para.inlines, nums), number)]
    for i, item in enumerate(para.items):
        blocks.append(Block("item", f"{para.id}/{i + 1}", runs_of(item.inlines, nums), f"{number}({letter(i)})"))
    return blocks


def appendix_blocks(protocol: Protocol, nums: dict[str, str]) -> tuple[Block, ...]:
    out: list[Block] = []
    for scenario in protocol.scenarios:
        out.extend(scenario_blocks(protocol, scenario, nums))
    return tuple(out)


def scenario_blocks(protocol: Protocol, scenario: Scenario, nums: dict[str, str]) -> list[Block]:
    number = nums.get(scenario.id, "")
    sid = scenario.id
    audiences = ", ".join(_label(protocol, "audiences", a) for a in scenario.audiences)
    blocks = [
        Block("scenario", sid, (Run(f"{number} {scenario.title}"),), number),
        Block("meta", f"{sid}/audiences", (Run("For: "), Run(audiences))),
    ]
    cited: list[Run] = [Run("Illustrates paragraphs: " if len(scenario.cites) != 1 else "Illustrates paragraph: ")]
    for i, target in enumerate(scenario.cites):
        if i:
            cited.append(Run(", "))
        cited.append(Run(nums.get(target, target), ref=target))
    blocks.append(Block("meta", f"{sid}/cites", tuple(cited)))
    for key in APPENDIX_PARTS:
        part = scenario.part(key)
        if part is None:
            continue
        blocks.append(Block("part", f"{sid}/{key}", (Run(part.title),)))
        for n, b in enumerate(part.blocks, start=1):
            blocks.append(Block("bullet" if b.kind == "bullet" else "text", f"{sid}/{key}/{n}", runs_of(b.inlines, nums)))
    return blocks


def glossary_rows(protocol: Protocol) -> tuple[GlossaryRow, ...]:
    return tuple(GlossaryRow((Run(g.term),), (Run(g.definition),))
                 for g in sorted(protocol.glossary, key=lambda g: g.term.casefold()))


def _label(protocol: Protocol, kind: str, id_: str) -> str:
    entry = protocol.vocabulary.get(kind, id_)
    return entry.label if entry else id_
