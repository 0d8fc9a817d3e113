"""The document model: one protocol, loaded once, consumed by every writer.

Everything here is a frozen dataclass. Each element keeps where it came from
(`Source`) so that checks can name the file and line. Display numbers are not
stored here: they are computed by `builder.number` from the order of the model.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Union


@dataclass(frozen=True)
class Source:
    """A place in a source file: path relative to the root (posix) and 1-based line."""

    path: str
    line: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True)
class Lines:
    """Where each setting of a file is (front matter, protocol.yaml): the line of its key and of each value.

    Kept from loading so that whole-model checks can put a problem at the line of the value
    itself (an unknown audience among three) without reading the file again.
    """

    settings: tuple[tuple[str, int, tuple[tuple[str, int], ...]], ...] = ()  # (key, key line, ((value, line), ...))

    def of(self, key: str, value: str | None = None, default: int = 1) -> int:
        """The line of `value` under `key`, else of the key, else `default`."""
        for name, key_line, values in self.settings:
            if name == key:
                return next((line for v, line in values if v == value), key_line)
        return default


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
    """Audiences, principles of public life, seed-report objectives, and the code obligations a duty rests on."""

    audiences: tuple[str, ...] = ()
    principles: tuple[str, ...] = ()
    objectives: tuple[str, ...] = ()
    obligations: tuple[str, ...] = ()  # the member code obligations and officer code rules whose breach it evidences

    def merged(self, other: "Tags") -> "Tags":
        """These tags with `other`'s added (each value once, in order): a section's with a paragraph's."""
        return _merged(self, other)


@lru_cache(maxsize=4096)  # a protocol has a few hundred distinct pairs of section and paragraph tags
def _merged(a: Tags, b: Tags) -> Tags:
    def union(x: tuple[str, ...], y: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x + y))

    return Tags(union(a.audiences, b.audiences), union(a.principles, b.principles),
                union(a.objectives, b.objectives), union(a.obligations, b.obligations))


# ---------------------------------------------------------------- protocol body

@dataclass(frozen=True)
class SubItem:
    """A lettered sub-item (a), (b) inside a numbered paragraph."""

    inlines: tuple[Inline, ...]
    source: Source


@dataclass(frozen=True)
class TableRow:
    """One row of a paragraph's table: its cells' inline content."""

    cells: tuple[tuple[Inline, ...], ...]
    source: Source


@dataclass(frozen=True)
class Table:
    """A table that ends a numbered paragraph: a header row, then the rows (all of the same width)."""

    header: TableRow
    rows: tuple[TableRow, ...]

    @property
    def all_rows(self) -> tuple[TableRow, ...]:
        return (self.header, *self.rows)


@dataclass(frozen=True)
class Paragraph:
    """A numbered paragraph with a stable id, optional lead-in, sub-items and a closing table."""

    id: str
    inlines: tuple[Inline, ...]
    items: tuple[SubItem, ...]
    tags: Tags
    source: Source
    table: Table | None = None
    caption: str = ""  # a short label for the website (caption="..."), at most 60 characters; '' when not given

    def texts(self) -> tuple[tuple[Inline, ...], ...]:
        """Every run of inline content it holds, in reading order: lead-in, sub-items, table cells."""
        cells = tuple(c for row in self.table.all_rows for c in row.cells) if self.table else ()
        return (self.inlines, *(i.inlines for i in self.items), *cells)


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
    lines: Lines = field(default=Lines(), compare=False)  # where each front-matter setting is

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        return tuple(b for b in self.blocks if isinstance(b, Paragraph))


# ---------------------------------------------------------------- scenarios

# The seven parts of a worked scenario, in order: key -> the heading the author writes.
PARTS: dict[str, str] = {
    "situation": "The situation",
    "pressures": "What makes it hard",
    "protocol": "What the protocol says",
    "good": "What good looks like",
    "wrong": "What goes wrong",
    "questions": "Questions for discussion",
    "facilitators": "Notes for facilitators",
}


@dataclass(frozen=True)
class Passage:
    """A paragraph of text, or a bullet (one question, one point), inside a scenario part."""

    bullet: bool
    inlines: tuple[Inline, ...]
    source: Source


@dataclass(frozen=True)
class ScenarioPart:
    key: str  # one of PARTS
    title: str
    passages: tuple[Passage, ...]
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
    lines: Lines = field(default=Lines(), compare=False)  # where each front-matter setting is
    topics: tuple[str, ...] = ()  # training topics (vocabulary.yaml topics), for coverage and the website
    failures: tuple[str, ...] = ()  # whose conduct falls short in the story: "member", "officer" or both

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
    source: Source  # the line of its '- ' in the list
    lines: Lines = field(default=Lines(), compare=False)  # where each of its settings is


# ---------------------------------------------------------------- training sessions

@dataclass(frozen=True)
class AgendaItem:
    """One step of a session's agenda: how long it takes, what it is, and what the facilitator does."""

    minutes: int
    item: str
    notes: tuple[Inline, ...]  # for the facilitator ('' in the handout)
    source: Source  # the line of its '- '


@dataclass(frozen=True)
class KeyPoint:
    """One point a session makes (a slide of its own), with the paragraphs it rests on."""

    point: str  # one plain sentence: the slide's title
    cites: tuple[str, ...]  # paragraph ids, shown with their current numbers
    notes: tuple[Inline, ...]  # what the facilitator says about it (the guide, the speaker notes)
    source: Source
    lines: Lines = field(default=Lines(), compare=False)


@dataclass(frozen=True)
class QuizQuestion:
    """A self-check question: the right answer, one to three wrong ones, why, and the paragraphs behind it."""

    question: str
    right: str
    wrong: tuple[str, ...]
    why: tuple[Inline, ...]  # the model answer (never in the participant handout)
    cites: tuple[str, ...]
    source: Source
    lines: Lines = field(default=Lines(), compare=False)


@dataclass(frozen=True)
class Session:
    """A training session (protocol_src/sessions.yaml): what the facilitator guide, handout and slides teach."""

    id: str
    title: str
    audiences: tuple[str, ...]
    length: int  # minutes
    format: str  # how it is run (in person, online, who is in the room), '' when not said
    aims: tuple[str, ...]
    sections: tuple[str, ...]  # the sections it covers
    answers: tuple[str, ...]  # the quick answers it points people to
    scenarios: tuple[str, ...]  # the worked examples it uses (two or three)
    key_points: tuple[KeyPoint, ...]
    agenda: tuple[AgendaItem, ...]
    quiz: tuple[QuizQuestion, ...]
    reviewed_against: str
    source: Source  # the line of its '- ' in the list
    lines: Lines = field(default=Lines(), compare=False)

    def cited(self) -> tuple[tuple[str, Source], ...]:
        """Every paragraph (or section) id its points rest on, with the line that names it: each key point's and
        quiz question's cites, and the cross-references in its notes (the sections it covers are `sections`)."""
        out: list[tuple[str, Source]] = []
        for kp in self.key_points:
            out += [(c, Source(kp.source.path, kp.lines.of("cites", c, kp.source.line))) for c in kp.cites]
            notes = Source(kp.source.path, kp.lines.of("notes", default=kp.source.line))
            out += [(n.target, notes) for n in kp.notes if isinstance(n, Ref)]
        for q in self.quiz:
            out += [(c, Source(q.source.path, q.lines.of("cites", c, q.source.line))) for c in q.cites]
            why = Source(q.source.path, q.lines.of("why", default=q.source.line))
            out += [(n.target, why) for n in q.why if isinstance(n, Ref)]
        for a in self.agenda:
            out += [(n.target, a.source) for n in a.notes if isinstance(n, Ref)]
        return tuple(out)


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
    """One allowed tag value: an audience, principle, objective, key area, code obligation or topic."""

    id: str
    label: str
    description: str
    part_of: str  # audiences only: the broader audience this belongs to ('' if none)
    source: Source
    code: str = ""  # obligations only: "member" (the member code) or "officer" (the employee code and policies)
    minimum: int = 0  # topics only: how many worked scenarios the topic needs (protocol coverage --require)


@dataclass(frozen=True)
class Vocabulary:
    """The lists tag values come from (vocabulary.yaml), each named as the attribute here."""

    audiences: tuple[VocabEntry, ...] = ()
    principles: tuple[VocabEntry, ...] = ()
    objectives: tuple[VocabEntry, ...] = ()
    areas: tuple[VocabEntry, ...] = ()
    obligations: tuple[VocabEntry, ...] = ()
    topics: tuple[VocabEntry, ...] = ()

    def ids(self, list_name: str) -> tuple[str, ...]:
        return self._ids[list_name]

    @cached_property
    def _ids(self) -> dict[str, tuple[str, ...]]:
        """List name -> the ids in it, built once (the model never changes after loading)."""
        return {name: tuple(e.id for e in getattr(self, name))
                for name in ("audiences", "principles", "objectives", "areas", "obligations", "topics")}

    def get(self, list_name: str, id_: str) -> VocabEntry | None:
        return next((e for e in getattr(self, list_name) if e.id == id_), None)


# ---------------------------------------------------------------- versions

STATUSES = ("draft", "approved", "adopted")  # a version's status, in the order a version passes through them
RELEASE_STATUSES = STATUSES[1:]  # what a release can be: approved (Standards Committee), adopted (Full Council)


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
    review_months: int = 6  # the review falls due this long after adoption
    lines: Lines = field(default=Lines(), compare=False)  # where each setting of protocol.yaml is
    feedback: str = ""  # one line inviting feedback, shown on every page of the website
    contact_email: str = ""  # where feedback and questions go


@dataclass(frozen=True)
class Protocol:
    """The whole document: metadata, sections, glossary, scenarios and history (and what the website and the
    training packs add: quick answers, search synonyms, training sessions)."""

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
    sessions: tuple[Session, ...] = ()  # the training sessions (protocol_src/sessions.yaml)

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
        """The entry whose term or one of whose aliases is `term`, whatever its case (the first such entry)."""
        return self._glossary_index.get(term.casefold())

    @cached_property
    def _glossary_index(self) -> dict[str, GlossaryEntry]:
        """Term or alias, case-folded -> its entry, built once: the first entry (by its term, then its aliases,
        in glossary order) wins, as a search from the top of the glossary finds it."""
        index: dict[str, GlossaryEntry] = {}
        for g in self.glossary:
            for name in (g.term, *g.aliases):
                index.setdefault(name.casefold(), g)
        return index


def all_ids(protocol: Protocol) -> list[tuple[str, str, Source]]:
    """(id, what, where) for every id-bearing element."""
    out: list[tuple[str, str, Source]] = []
    for s in protocol.sections:
        out.append((s.id, "section", s.source))
        for b in s.blocks:
            out.append((b.id, "paragraph" if isinstance(b, Paragraph) else "heading", b.source))
    for sc in protocol.scenarios:
        out.append((sc.id, "scenario", sc.source))
    for qa in protocol.answers:
        out.append((qa.id, "quick answer", Source(qa.source.path, qa.lines.of("id", default=qa.source.line))))
    return out


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
