"""How well the worked scenarios cover the protocol, as data (printed by `protocol coverage`).

Tables, each row naming the scenarios that serve it:
- key areas (the four of the council's report, 8.7) x scenarios,
- audiences x scenarios (an audience counts when a scenario names it directly),
- sections x scenarios (a scenario serves a section when it cites the section or
  one of its paragraphs),
- topics x scenarios (vocabulary.yaml's topics, each with its own minimum),
- key areas x whose conduct falls short (members, officers), when scenarios say so,
and, as information only, the paragraphs that no scenario illustrates.

Gaps (what `--require` turns into a failure): a key area with fewer than
MIN_PER_AREA scenarios, an audience with no scenario, a section with no scenario,
a topic with fewer scenarios than its minimum, and, once any scenario names
`failures:`, a key area without both a scenario where a member falls short and
one where an officer does (the machinery is even-handed: both sides get it wrong).
An unillustrated paragraph is never a gap: not every paragraph needs a story.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Protocol
from .number import numbers

MIN_PER_AREA = 2
MIN_PER_AUDIENCE = 1
MIN_PER_SECTION = 1


@dataclass(frozen=True)
class Row:
    id: str
    label: str
    scenarios: tuple[str, ...]
    needed: int

    @property
    def gap(self) -> bool:
        return len(self.scenarios) < self.needed


@dataclass(frozen=True)
class Uncited:
    id: str
    number: str
    section: str


@dataclass(frozen=True)
class Coverage:
    scenarios: tuple[str, ...]
    areas: tuple[Row, ...]
    audiences: tuple[Row, ...]
    sections: tuple[Row, ...]
    uncited: tuple[Uncited, ...]
    paragraphs: int
    topics: tuple[Row, ...] = ()
    failures: tuple[Row, ...] = ()  # one row per key area and side: id "regulatory/officer"

    def gaps(self) -> list[str]:
        """Each gap as a sentence; [] when coverage is complete."""
        out = []
        for kind, rows in (("key area", self.areas), ("audience", self.audiences), ("section", self.sections),
                           ("topic", self.topics), ("key area and side", self.failures)):
            for r in rows:
                if r.gap:
                    n = len(r.scenarios)
                    out.append(f"{kind} {r.id!r} ({r.label}) has {n} scenario{'s' * (n != 1)}; "
                               f"at least {r.needed} needed")
        return out

    def to_dict(self) -> dict:
        def rows(rs):
            return [{**asdict(r), "scenarios": list(r.scenarios), "gap": r.gap} for r in rs]

        return {
            "scenarios": list(self.scenarios),
            "areas": rows(self.areas),
            "audiences": rows(self.audiences),
            "sections": rows(self.sections),
            "topics": rows(self.topics),
            "failures": rows(self.failures),
            "paragraphs": self.paragraphs,
            "uncited_paragraphs": [asdict(u) for u in self.uncited],
            "gaps": self.gaps(),
        }


def coverage(protocol: Protocol) -> Coverage:
    voc = protocol.vocabulary
    scs = protocol.scenarios
    areas = tuple(Row(a.id, a.label, tuple(sc.id for sc in scs if a.id in sc.areas), MIN_PER_AREA)
                  for a in voc.areas)
    audiences = tuple(Row(a.id, a.label, tuple(sc.id for sc in scs if a.id in sc.audiences), MIN_PER_AUDIENCE)
                      for a in voc.audiences)
    sections = []
    for s in protocol.sections:
        ids = {s.id} | {p.id for p in s.paragraphs}
        sections.append(Row(s.id, s.title, tuple(sc.id for sc in scs if ids & set(sc.cites)), MIN_PER_SECTION))
    nums = numbers(protocol)
    cited = {c for sc in scs for c in sc.cites}
    # only a direct citation illustrates a paragraph (as Protocol.scenarios_citing reports it)
    uncited = tuple(Uncited(p.id, nums.get(p.id, ""), s.id)
                    for s in protocol.sections for p in s.paragraphs if p.id not in cited)
    topics = tuple(Row(t.id, t.label, tuple(sc.id for sc in scs if t.id in sc.topics), t.minimum)
                   for t in voc.topics)
    return Coverage(tuple(sc.id for sc in scs), areas, audiences, tuple(sections), uncited,
                    sum(len(s.paragraphs) for s in protocol.sections), topics, _failures(protocol))


SIDES = {"member": "a member falls short", "officer": "an officer falls short"}


def _failures(protocol: Protocol) -> tuple[Row, ...]:
    """For each key area, the scenarios where a member falls short and those where an officer does (each at
    least one), once any scenario says whose conduct falls short."""
    scs = protocol.scenarios
    if not any(sc.failures for sc in scs):
        return ()
    return tuple(Row(f"{a.id}/{side}", f"{a.label}: {words}",
                     tuple(sc.id for sc in scs if a.id in sc.areas and side in sc.failures), 1)
                 for a in protocol.vocabulary.areas for side, words in SIDES.items())
