"""What changed between two versions: typed records, one per aligned element.

Elements are aligned by stable id (sections, paragraphs, sub-headings,
scenarios) or by term (glossary). Sub-items and the passages of a scenario part
have no id: they are aligned by sequence matching inside their paragraph or part.

Each record's `change` is one of inserted, deleted, changed, moved, unchanged
(`Change`). A paragraph that was moved *and* reworded is "moved" with `edited`
true. A paragraph that was only renumbered is unchanged: numbers are not text.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, NamedTuple, get_args

from ..model import Protocol
from ..view import Run

Change = Literal["inserted", "deleted", "changed", "moved", "unchanged"]
CHANGES: tuple[Change, ...] = get_args(Change)


def change_of(in_old: bool, in_new: bool, moved: bool, edited: bool) -> Change:
    if not in_old:
        return "inserted"
    if not in_new:
        return "deleted"
    if moved:
        return "moved"
    return "changed" if edited else "unchanged"


@dataclass(frozen=True)
class ItemChange:
    """A lettered sub-item, aligned by sequence matching inside its paragraph."""

    change: Change
    old_number: str  # e.g. "3.2(b)", '' when inserted
    new_number: str
    runs: tuple[Run, ...]  # word-level marks ("" / "ins" / "del")


@dataclass(frozen=True)
class RowChange:
    """A row of a paragraph's table (the header first), aligned by its words; cells with word-level marks."""

    change: Change  # inserted | deleted | changed | unchanged
    cells: tuple[tuple[Run, ...], ...]


@dataclass(frozen=True)
class BlockChange:
    """A numbered paragraph (what='paragraph') or an unnumbered sub-heading (what='heading')."""

    what: str
    id: str
    change: Change
    old_number: str  # '' for headings and inserted paragraphs
    new_number: str
    old_section: str
    new_section: str
    runs: tuple[Run, ...]  # lead-in (or heading text) with word-level marks
    items: tuple[ItemChange, ...] = ()
    edited: bool = False  # the words differ (lead-in, items or heading text)
    moved: bool = False  # out of its old order or into another section
    source_edited: bool = False  # the source differs, not only the number of a cross-reference
    tags_changed: bool = False
    table: tuple[RowChange, ...] = ()  # the paragraph's table, header row first (() when it has none)
    # A paragraph split in two or two merged into one (the words of one now sit in two, or of two in one):
    # on the paragraph kept, the id of the one inserted after it (split_into) or deleted after it
    # (merged_from); on that one, the id of the paragraph kept (split_from, merged_into). Their runs are one
    # word diff cut in two at the paragraph mark that was added or removed, so the words that only moved across
    # that mark are unmarked.
    split_into: str = ""
    split_from: str = ""
    merged_from: str = ""
    merged_into: str = ""

    @property
    def reference_only(self) -> bool:
        """Only the number shown by a cross-reference changed (a consequential change)."""
        return self.change == "changed" and not self.source_edited

    @property
    def text_changed(self) -> bool:
        return self.change in ("inserted", "deleted") or self.edited

    @property
    def joined(self) -> str:
        """The other paragraph of a split or a merge this one belongs to ('' for none)."""
        return self.split_into or self.split_from or self.merged_from or self.merged_into


@dataclass(frozen=True)
class SectionChange:
    id: str
    change: Change
    old_number: str
    new_number: str
    title: tuple[Run, ...]  # with word-level marks
    blocks: tuple[BlockChange, ...]  # in merged order; a block moved here from another section is listed here
    edited: bool = False  # title changed
    moved: bool = False
    details_changed: tuple[str, ...] = ()  # summary, keywords, tags: website-only settings that changed


@dataclass(frozen=True)
class PassageChange:
    change: Change  # inserted | deleted | changed | unchanged
    bullet: bool
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class PartChange:
    key: str
    change: Change
    title: tuple[Run, ...]
    passages: tuple[PassageChange, ...]
    source_edited: bool = False  # the source differs, not only the number of a cross-reference

    @property
    def reference_only(self) -> bool:
        """Only the number shown by a cross-reference changed (a consequential change)."""
        return self.change == "changed" and not self.source_edited


@dataclass(frozen=True)
class ScenarioChange:
    id: str
    change: Change
    old_number: str
    new_number: str
    title: tuple[Run, ...]
    parts: tuple[PartChange, ...]
    details_changed: tuple[str, ...] = ()  # audiences, areas, principles, cites, reviewed_against
    source_edited: bool = False  # the title or a part's source differs, or a part was added or removed

    @property
    def reference_only(self) -> bool:
        """Only the number shown by a cross-reference changed (a consequential change)."""
        return (self.change == "changed" and not self.source_edited
                and not {"audiences", "cites"} & set(self.details_changed))


@dataclass(frozen=True)
class GlossaryChange:
    term: str
    change: Change
    definition: tuple[Run, ...]


@dataclass(frozen=True)
class AnswerChange:
    """A quick answer (answers.yaml: on the website only), aligned by id: its question and its answer with
    word-level marks. Its audiences, cites and reviewed_against are not text: a change to them alone leaves it
    unchanged."""

    id: str
    change: Change  # inserted | deleted | changed | unchanged
    question: tuple[Run, ...]
    answer: tuple[Run, ...]
    source_edited: bool = False  # the question or the answer's source differs, not only a reference's number
    reviewed_against: str = ""  # the newer side's (the older one's when deleted)

    @property
    def reference_only(self) -> bool:
        """Only the number shown by a cross-reference changed (a consequential change)."""
        return self.change == "changed" and not self.source_edited


@dataclass(frozen=True)
class MetaChange:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Changes:
    old_version: str
    new_version: str
    sections: tuple[SectionChange, ...]
    scenarios: tuple[ScenarioChange, ...]
    glossary: tuple[GlossaryChange, ...]
    meta: tuple[MetaChange, ...] = field(default=())
    answers: tuple[AnswerChange, ...] = field(default=())  # the quick answers, in the newer version's order
    # the display numbers of both versions the comparison worked out (builder.number), for what draws it
    old_numbers: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    new_numbers: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    words: bool = field(default=True, compare=False)  # the runs carry the word-level diff (compare(words=True))

    def blocks(self) -> list[BlockChange]:
        return [b for s in self.sections for b in s.blocks]

    def paragraphs(self) -> list[BlockChange]:
        return [b for b in self.blocks() if b.what == "paragraph"]

    def block(self, id_: str) -> BlockChange | None:
        return next((b for b in self.blocks() if b.id == id_), None)

    def amended(self) -> list[BlockChange]:
        """Paragraphs and headings whose text or place changed (what the schedule lists)."""
        return [b for b in self.blocks() if b.change != "unchanged"]

    def counts(self) -> dict[str, int]:
        """Paragraphs by change; a paragraph whose only change is a renumbered cross-reference is counted as
        consequential, not changed."""
        out = {k: 0 for k in CHANGES} | {"consequential": 0}
        for b in self.paragraphs():
            out["consequential" if b.reference_only else b.change] += 1
        return out

    @property
    def text_changed(self) -> bool:
        """Anything a reader of the Word document or the website would see as different."""
        return (any(s.change != "unchanged" or s.details_changed for s in self.sections)
                or any(b.change != "unchanged" or b.tags_changed for b in self.blocks())
                or any(s.change != "unchanged" or s.details_changed for s in self.scenarios)
                or any(g.change != "unchanged" for g in self.glossary)
                or any(a.change != "unchanged" and not a.reference_only for a in self.answers))

    def summary(self) -> str:
        """'paragraphs: 6 changed, 1 inserted; 14 only renumbered a cross-reference; 1 section changed': real
        changes and consequential ones counted apart."""
        c = self.counts()
        parts = [f"{c[k]} {k}" for k in ("changed", "inserted", "deleted", "moved") if c[k]]
        text = "paragraphs: " + (", ".join(parts) if parts else "none changed")
        if c["consequential"]:
            text += f"; {c['consequential']} only renumbered a cross-reference (consequential)"
        other = []
        headings = sum(b.change != "unchanged" for b in self.blocks() if b.what == "heading")
        sections = sum(s.change != "unchanged" for s in self.sections)
        scenarios = [s for s in self.scenarios if s.change != "unchanged"]
        consequential = sum(s.reference_only for s in scenarios)
        gloss = sum(g.change != "unchanged" for g in self.glossary)
        answers = sum(a.change != "unchanged" and not a.reference_only for a in self.answers)
        for n, one, many in ((sections, "section", "sections"), (headings, "heading", "headings"),
                             (len(scenarios) - consequential, "scenario", "scenarios"),
                             (gloss, "glossary entry", "glossary entries"),
                             (answers, "quick answer", "quick answers")):
            if n:
                other.append(f"{n} {one if n == 1 else many}")
        text += "; " + ", ".join(other) + " changed" if other else ""
        if consequential:
            text += (f"; {consequential} scenario{'s' * (consequential != 1)} only renumbered a cross-reference "
                     "(consequential)")
        return text


class Comparison(NamedTuple):
    """Two versions and what changed from the first to the second: what every writer of changes draws."""

    old: Protocol
    new: Protocol
    changes: Changes
