"""What a session's pack says, worked out once from the model: the words the guide, the handout and the slides
share (each writer only lays them out).

Paragraphs are given with their current numbers and words, references in notes as numbers (as in the Word
document), scenarios part by part. Which words are for the facilitator only is said here, once: the agenda's
and key points' notes, a scenario's "What the protocol says", "What good looks like", "What goes wrong" and
"Notes for facilitators", and the quiz's right answers and why. The handout leaves all of them out.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...model import Protocol, Session, inline_text

# the scenario parts a participant reads (the rest are the facilitator's: the answers)
STORY = ("situation", "pressures")
ANSWERS = ("protocol", "good", "wrong")


@dataclass(frozen=True)
class Cited:
    """A paragraph a key point rests on: its number and words (lead-in, then each sub-item with its letter)."""

    id: str
    number: str
    caption: str
    text: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Point:
    point: str
    numbers: tuple[str, ...]  # of the paragraphs it cites
    notes: str  # the facilitator's
    paragraphs: tuple[Cited, ...]


@dataclass(frozen=True)
class Step:
    start: int  # minutes from the start
    minutes: int
    item: str
    notes: str  # the facilitator's


@dataclass(frozen=True)
class Part:
    key: str
    title: str
    passages: tuple[tuple[bool, str], ...]  # (is a bullet, text)


@dataclass(frozen=True)
class Example:
    id: str
    number: str  # A1, A2 ...
    title: str
    parts: tuple[Part, ...]

    def part(self, key: str) -> Part | None:
        return next((p for p in self.parts if p.key == key), None)

    def texts(self, key: str) -> tuple[str, ...]:
        part = self.part(key)
        return tuple(text for _, text in part.passages) if part else ()


@dataclass(frozen=True)
class Question:
    question: str
    choices: tuple[str, ...]  # the right one among the wrong ones, in a fixed order
    right: int  # its index in choices
    why: str  # the model answer (the facilitator's)
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class Answer:
    question: str
    answer: str
    numbers: tuple[str, ...]


@dataclass(frozen=True)
class Pack:
    id: str
    title: str
    council: str
    protocol_title: str
    version: str  # e.g. "1.2 (draft)"
    date: str  # the protocol's date (ISO): the files' timestamps
    language: str
    owner: str
    audiences: tuple[str, ...]  # labels
    length: int
    format: str
    aims: tuple[str, ...]
    sections: tuple[str, ...]  # "7. Policy development and executive decisions"
    agenda: tuple[Step, ...]
    points: tuple[Point, ...]
    examples: tuple[Example, ...]
    answers: tuple[Answer, ...]
    quiz: tuple[Question, ...]

    @property
    def teaches(self) -> str:
        """The line every page and slide carries."""
        return f"{self.council} \u00b7 {self.protocol_title}, version {self.version}"


def version_label(protocol: Protocol) -> str:
    meta = protocol.meta
    return f"{meta.version} ({meta.status})" if meta.status else meta.version


def choices(question: str, right: str, wrong: tuple[str, ...]) -> tuple[tuple[str, ...], int]:
    """The right answer placed among the wrong ones at a position fixed by the question's words (so it is not
    always first, and the same sources give the same order)."""
    at = sum(map(ord, question)) % (len(wrong) + 1)
    out = list(wrong)
    out.insert(at, right)
    return tuple(out), at


def pack(protocol: Protocol, session: Session, numbers: dict[str, str]) -> Pack:
    meta = protocol.meta
    text = lambda inlines: " ".join(inline_text(inlines, numbers).split())
    paragraphs = {p.id: p for p in protocol.paragraphs()}
    sections = {s.id: s for s in protocol.sections}
    scenarios = {sc.id: sc for sc in protocol.scenarios}
    answers = {qa.id: qa for qa in protocol.answers}

    def cited(pid: str) -> Cited | None:
        para = paragraphs.get(pid)
        if para is None:
            return None
        letters = [f"({chr(ord('a') + i)}) {text(item.inlines)}" for i, item in enumerate(para.items)]
        return Cited(pid, numbers.get(pid, pid), para.caption, text(para.inlines), tuple(letters))

    agenda, start = [], 0
    for a in session.agenda:
        agenda.append(Step(start, a.minutes, a.item, text(a.notes)))
        start += a.minutes
    points = tuple(Point(kp.point, tuple(numbers.get(c, c) for c in kp.cites), text(kp.notes),
                         tuple(c for c in map(cited, kp.cites) if c is not None)) for kp in session.key_points)
    examples = []
    for sid in session.scenarios:
        sc = scenarios.get(sid)
        if sc is None:
            continue
        parts = tuple(Part(p.key, p.title, tuple((x.bullet, text(x.inlines)) for x in p.passages)) for p in sc.parts)
        examples.append(Example(sc.id, numbers.get(sc.id, ""), sc.title, parts))
    quiz = []
    for q in session.quiz:
        options, right = choices(q.question, q.right, q.wrong)
        quiz.append(Question(q.question, options, right, text(q.why), tuple(numbers.get(c, c) for c in q.cites)))
    vocabulary = protocol.vocabulary
    return Pack(
        session.id, session.title, meta.council, meta.title, version_label(protocol), meta.date,
        meta.language or "en-GB", meta.owner,
        tuple((vocabulary.get("audiences", a).label if vocabulary.get("audiences", a) else a) for a in session.audiences),
        session.length, session.format, session.aims,
        tuple(f"{numbers[s]}. {sections[s].title}" for s in session.sections if s in sections),
        tuple(agenda), points, tuple(examples),
        tuple(Answer(answers[a].question, text(answers[a].answer), tuple(numbers.get(c, c) for c in answers[a].cites))
              for a in session.answers if a in answers),
        tuple(quiz))


def clock(minutes: int) -> str:
    """Minutes from the start as h:mm (0:05, 1:30)."""
    return f"{minutes // 60}:{minutes % 60:02d}"


def paragraphs_label(numbers: tuple[str, ...]) -> str:
    if not numbers:
        return ""
    return ("Paragraph " if len(numbers) == 1 else "Paragraphs ") + ", ".join(numbers)
