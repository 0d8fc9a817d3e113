"""The document model: one protocol, loaded once, consumed by every writer.

Everything here is a frozen dataclass. Each element keeps where it came from
(`Source`) so that checks can name the file and line. Display numbers are not
stored here: they are computed by `builder.number` from the order of the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Union


@dataclass(frozen=True)
class Source:
    """A place in a source file: path relative to the root (posix) and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


# ---------------------------------------------------------------- inline text

@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Ref:
    """A cross-reference to a section or paragraph by its stable id: [[id]]."""

    target: str


@dataclass(frozen=True)
class Term:
    """A glossary term used in text: {{term}} or {{term|shown words}}."""

    term: str
    shown: str


Inline = Union[Text, Ref, Term]


# ---------------------------------------------------------------- tags

@dataclass(frozen=True)
class Tags:
    """Audiences, principles of public life and seed-report objectives."""

    audiences: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()

    def merged(self, other: "Tags") -> "Tags":
        def union(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(dict.fromkeys(a + b))

        return Tags(
            union(self.audiences, other.audiences),
            union(self.principles, other.principles),
            union(self.objectives, other.objectives),
        )


# ---------------------------------------------------------------- protocol body

@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item (a), (b) inside a numbered paragraph."""

    inlines: tuple[Inline, ...]
    source: Source


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph with a stable id, optional lead-in and sub-items."""

    id: str
    inlines: tuple[Inline, ...]
    items: tuple[SubItem, ...]
    tags: Tags
    source: Source
    caption: str = ""  # a short label for the website (caption="..."), at most 60 characters; '' when not given


@dataclass(frozen=True)
class Heading:
    """An unnumbered sub-heading inside a section (## text {#id})."""

    id: str
    text: str
    source: Source


Block = Union[Paragraph, Heading]


@dataclass(frozen=True)
class Section:
    id: str
    title: str
    summary: str
    keywords: tuple[str, ...]
    tags: Tags
    blocks: tuple[Block, ...]
    source: Source

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))


# ---------------------------------------------------------------- scenarios

@dataclass(frozen=True)
class ScenarioBlock:
    """A paragraph (kind 'text') or a bullet (kind 'bullet') inside a scenario part."""

    kind: str
    inlines: tuple[Inline, ...]
    source: Source


@dataclass(frozen=True)
class ScenarioPart:
    key: str  # situation, pressures, protocol, good, wrong, questions, facilitators
    title: str
    blocks: tuple[ScenarioBlock, ...]
    source: Source


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    audiences: tuple[str, ...]
    areas: tuple[str, ...]
    principles: tuple[str, ...]
    cites: tuple[str, ...]
    reviewed_against: str
    parts: tuple[ScenarioPart, ...]
    source: Source

    def part(self, key: str) -> ScenarioPart | None:
        return next((p for p in self.parts if p.key == key), None)


# ---------------------------------------------------------------- quick answers, synonyms

@dataclass(frozen=True)
class QuickAnswer:
    """A "Can I...?" question answered in one to three sentences (protocol_src/answers.yaml)."""

    id: str
    question: str
    answer: tuple[Inline, ...]
    audiences: tuple[str, ...]
    cites: tuple[str, ...]
    reviewed_against: str
    source: Source
    lines: tuple[tuple[str, str, int], ...] = ()  # (key, value, line) of each value, for checks

    def line_of(self, key: str, value: str = "") -> int:
        """The line of `value` under `key` (or of the key), else the entry's first line."""
        found = [ln for k, v, ln in self.lines if k == key and (not value or v == value)]
        return found[0] if found else self.source.line


@dataclass(frozen=True)
class Synonym:
    """Words readers type for a word or phrase the protocol uses (protocol_src/synonyms.yaml)."""

    term: str
    alternatives: tuple[str, ...]
    source: Source


# ---------------------------------------------------------------- glossary, vocabulary

@dataclass(frozen=True)
class GlossaryEntry:
    term: str
    definition: str
    aliases: tuple[str, ...]
    source: Source


@dataclass(frozen=True)
class VocabEntry:
    """One allowed tag value: an audience, principle, objective or key area."""

    id: str
    label: str
    description: str
    part_of: str  # audiences only: the broader audience this belongs to ('' if none)
    source: Source


@dataclass(frozen=True)
class Vocabulary:
    audiences: tuple[VocabEntry, ...] = ()
    principles: tuple[VocabEntry, ...] = ()
    objectives: tuple[VocabEntry, ...] = ()
    areas: tuple[VocabEntry, ...] = ()

    def ids(self, kind: str) -> tuple[str, ...]:
        return tuple(e.id for e in getattr(self, kind))

    def get(self, kind: str, id_: str) -> VocabEntry | None:
        return next((e for e in getattr(self, kind) if e.id == id_), None)


# ---------------------------------------------------------------- versions

STATUSES = ("draft", "approved", "adopted")


@dataclass(frozen=True)
class Release:
    """One entry of the version history (protocol_src/history.yaml)."""

    version: str
    status: str  # approved | adopted
    date: str  # ISO date YYYY-MM-DD
    body: str  # e.g. "Standards Committee", "Full Council"
    minute: str
    summary: str
    review_due: str  # ISO date, '' when not set
    source: Source


@dataclass(frozen=True)
class Metadata:
    title: str
    council: str
    owner: str  # the owning role, e.g. "Monitoring Officer"
    version: str
    status: str  # draft | approved | adopted
    date: str  # the date of this version of the text (ISO), used for reproducible output
    constitution_part: str
    language: str
    section_order: tuple[str, ...]
    dates: tuple[tuple[str, str], ...]  # other key dates, (label, ISO date)
    source: Source
    feedback: str = ""  # one line inviting feedback, shown on every page of the website
    contact_email: str = ""  # where feedback and questions go


@dataclass(frozen=True)
class Protocol:
    """The whole document: metadata, sections, glossary, scenarios and history."""

    meta: Metadata
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...]
    scenarios: tuple[Scenario, ...]
    vocabulary: Vocabulary
    history: tuple[Release, ...]
    reasons: tuple[tuple[str, str, Source], ...] = ()  # (id, reason, where)
    root: str = ""
    answers: tuple[QuickAnswer, ...] = ()
    synonyms: tuple[Synonym, ...] = ()

    # -- look-ups (cheap; the model is small and immutable) --

    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    def section_of(self, block_id: str) -> Section | None:
        return self._section_index.get(block_id)

    @cached_property
    def _section_index(self) -> dict[str, Section]:
        """Section or block id -> its section, built once (the first section holding the id wins).

        cached_property stores into the instance's __dict__ directly, so it works on
        this frozen dataclass (no __slots__); the model never changes after loading.
        """
        index: dict[str, Section] = {}
        for s in self.sections:
            index.setdefault(s.id, s)
            for b in s.blocks:
                index.setdefault(b.id, s)
        return index

    def reason_for(self, id_: str) -> str:
        return next((r for i, r, _ in self.reasons if i == id_), "")

    def scenarios_citing(self, id_: str) -> list[Scenario]:
        """The scenarios that cite a paragraph or section (the link back from text to examples)."""
        return [sc for sc in self.scenarios if id_ in sc.cites]

    def answers_citing(self, id_: str) -> list[QuickAnswer]:
        """The quick answers that cite a paragraph or section."""
        return [a for a in self.answers if id_ in a.cites]

    def effective_tags(self, section: Section, para: Paragraph) -> Tags:
        return section.tags.merged(para.tags)

    def glossary_entry(self, term: str) -> GlossaryEntry | None:
        key = term.casefold()
        for g in self.glossary:
            if g.term.casefold() == key or key in (a.casefold() for a in g.aliases):
                return g
        return None


def inline_text(inlines: tuple[Inline, ...], numbers: dict[str, str] | None = None) -> str:
    """Plain text of inline content; references shown as their number when known."""
    out: list[str] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(node.text)
        elif isinstance(node, Term):
            out.append(node.shown)
        else:
            out.append((numbers or {}).get(node.target, node.target))
    return "".join(out)


__all__ = [name for name in dir() if not name.startswith("_")] + ["field"]
