"""Reasons for changes: the key each change takes its reason under, which changes need one, and what the
schedule of amendments prints for each.

A reason is keyed by the id of what changed: a paragraph (a change to its sub-items is the paragraph's), a
sub-heading, a section (new, deleted, moved or retitled), a scenario or a quick answer (whose reason is
accepted, never required: the answers are the website's); a glossary entry, which has no id,
by its term. A new kind of element with an id takes its reason under its id by the same rule: list its
changes in `_amendments`.

Reasons belong to the draft they were written for: only the newer version's amendments.yaml is read, never
a release's. A consequential change needs none (the schedule says why): a paragraph or scenario whose only
change is the number shown by a cross-reference, a paragraph that moved only because its section did. A
reason given for one is accepted and printed.

A paragraph or sub-heading of a new or deleted section shares the section's reason unless it has its own.
When sections (or the paragraphs of one section) are reordered, the comparison counts as moved the fewest
that explain the new order (builder.diff.align.lcs); when two of them swapped places, a reason under either
id is the swap's.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Source, all_ids
from .changes import (
    AnswerChange, BlockChange, Change, Comparison, GlossaryChange, PartChange, ScenarioChange, SectionChange,
)
from .compare import block_key

CROSS_REFERENCE = "Consequential: cross-reference renumbered"
WITH_SECTION = "Consequential: moved with its section"
TEMPORARY = "_line-"  # the id the loader gives a paragraph written without one (reported as I003)

WEBSITE_ONLY = "Website only (reviewed against version {version})"

Record = SectionChange | BlockChange | GlossaryChange | ScenarioChange | AnswerChange


@dataclass(frozen=True)
class Amendment:
    """One element that changed, as the reasons see it."""

    key: str  # the reason key: the element's id, or a glossary entry's term
    what: str  # paragraph | sub-heading | section | scenario | glossary term
    change: Change  # inserted, deleted, changed or moved
    needs_reason: bool  # False: consequential, or a change the schedule does not list (tags, a summary)
    consequential: str = ""  # what the schedule says when no reason is given
    covered_by: tuple[str, ...] = ()  # other keys whose reason is this change's too (its section, a swap)
    numbers: str = ""  # "3.2 → 3.4", "3 (new)", for messages
    record: Record | None = field(default=None, compare=False, repr=False)


class Reasons:
    """The draft's reasons matched with what changed from the release before it (one comparison)."""

    def __init__(self, comparison: Comparison):
        old, new, changes = comparison
        self.old, self.new, self.changes = old, new, changes
        self.given: dict[str, tuple[str, Source]] = {}
        for key, reason, src in new.reasons:
            self.given.setdefault(key, (reason, src))
        self.folded = {key.casefold(): key for key in reversed(list(self.given))}
        self.amendments = _amendments(comparison)
        self._by_record = {id(a.record): a for a in self.amendments}

    # ------------------------------------------------------------ what the schedule prints
    def reason_for(self, record: Record, part: PartChange | None = None) -> str:
        """The reason printed for a change record (a scenario's part row: the scenario and the part): the
        draft's own reason, else the consequential label, else '' (no reason recorded)."""
        amendment = self._by_record.get(id(record))
        if amendment is None:
            return ""
        given = self.reason(amendment)
        if part is not None and part.reference_only and not (given and amendment.consequential):
            return CROSS_REFERENCE  # a part whose only change is a renumbered reference, in an amended scenario
        return given or amendment.consequential

    def reason(self, amendment: Amendment) -> str:
        """The reason the draft gives for `amendment` (under its key or one covering it), or ''."""
        for key in (amendment.key, *amendment.covered_by):
            found = self._given(key, glossary=amendment.what == "glossary term" and key == amendment.key)
            if found is not None:
                return found[0]
        return ""

    def _given(self, key: str, glossary: bool) -> tuple[str, Source] | None:
        if key in self.given:
            return self.given[key]
        if glossary and key.casefold() in self.folded:  # a term matches whatever its case
            return self.given[self.folded[key.casefold()]]
        return None

    # ------------------------------------------------------------ what check reports
    def missing(self) -> list[Amendment]:
        """The changes that need a reason and have none (V004); a paragraph of a new or deleted section
        without one is left to its section's."""
        missing = [a for a in self.amendments if a.needs_reason and not self.reason(a)]
        sections = {a.key for a in missing if a.what == "section" and a.change in ("inserted", "deleted")}
        return [a for a in missing if a.what == "section" or not sections & set(a.covered_by)]

    def unused(self) -> list[tuple[str, Source]]:
        """The reasons keyed by nothing that changed (V005): (key, where the reason is)."""
        accepted = {k for a in self.amendments for k in (a.key, *a.covered_by)}
        folded = {a.key.casefold() for a in self.amendments if a.what == "glossary term"}
        return [(key, src) for key, (_, src) in self.given.items()
                if key not in accepted and key.casefold() not in folded]

    def moved_sections(self) -> list[Amendment]:
        """The sections the comparison counts as moved."""
        return [a for a in self.amendments if a.what == "section" and a.change == "moved"]

    def moved_within(self, section: str) -> list[Amendment]:
        """The paragraphs and sub-headings the comparison counts as moved within the order of `section`."""
        return [a for a in self.amendments if a.needs_reason and a.change == "moved" and _stays_in(a.record, section)]

    def element(self, key: str) -> tuple[str, str]:
        """(what, number) of the element `key` names in the draft or the release ('', '' when none)."""
        numbers = self.changes.new_numbers or {}
        for protocol, nums in ((self.new, numbers), (self.old, self.changes.old_numbers or {})):
            for id_, what, _ in all_ids(protocol):
                if id_ == key:
                    return ("sub-heading" if what == "heading" else what), nums.get(key, "")
            if any(g.term.casefold() == key.casefold() for g in protocol.glossary):
                return "glossary term", ""
        return "", ""

    def keys(self) -> list[str]:
        """Every key a reason could be given under now (for a did-you-mean)."""
        return sorted({k for a in self.amendments for k in (a.key, *a.covered_by)})


def _stays_in(record, section: str) -> bool:
    return isinstance(record, BlockChange) and record.old_section == record.new_section == section


# ---------------------------------------------------------------- the amendments of a comparison

def _amendments(comparison: Comparison) -> list[Amendment]:
    old, new, changes = comparison
    out: list[Amendment] = []
    swaps = swapped([s.id for s in old.sections], [s.id for s in new.sections])
    old_sec, new_sec = {s.id: s for s in old.sections}, {s.id: s for s in new.sections}
    for s in changes.sections:
        amendment = _section(s, swaps.get(s.id, ()))
        if amendment is not None:
            out.append(amendment)
        block_swaps: dict[str, tuple[str, ...]] = {}
        if s.id in old_sec and s.id in new_sec:
            block_swaps = swapped([block_key(b) for b in old_sec[s.id].blocks],
                                  [block_key(b) for b in new_sec[s.id].blocks])
        for b in s.blocks:
            amendment = _block(b, s, block_swaps.get(("p:" if b.what == "paragraph" else "h:") + b.id, ()))
            if amendment is not None:
                out.append(amendment)
    out += [_glossary(g) for g in changes.glossary if g.change != "unchanged"]
    out += [a for a in map(_scenario, changes.scenarios) if a is not None]
    out += [_answer(a) for a in changes.answers if a.change != "unchanged" and not a.reference_only]
    return out


def _answer(a: AnswerChange) -> Amendment:
    """A quick answer is the website's, not the protocol's: a reason is accepted and printed, none asked for
    (the schedule says when it was last reviewed instead)."""
    return Amendment(a.id, "quick answer", a.change, False, WEBSITE_ONLY.format(version=a.reviewed_against or "?"),
                     record=a)


def _section(s: SectionChange, swap: tuple[str, ...]) -> Amendment | None:
    if s.change == "unchanged":
        if not s.details_changed:
            return None  # a summary, keywords or tags (the website's): a reason is accepted, none needed
        return Amendment(s.id, "section", "changed", False, record=s)
    return Amendment(s.id, "section", s.change, True, covered_by=swap if s.moved else (), numbers=_numbers(s.old_number, s.new_number),
                     record=s)


def _block(b: BlockChange, s: SectionChange, swap: tuple[str, ...]) -> Amendment | None:
    if b.id.startswith(TEMPORARY):
        return None  # no id yet: I003 says so, and `protocol ids` gives it one
    what = "paragraph" if b.what == "paragraph" else "sub-heading"
    numbers = _numbers(b.old_number, b.new_number) if b.what == "paragraph" else ""
    covered = tuple(k[2:] for k in swap if b.change == "moved")
    covered += (s.id,) if s.change in ("inserted", "deleted") else ()
    if b.change == "unchanged":
        if s.moved:
            return Amendment(b.id, what, "moved", False, WITH_SECTION, covered, numbers, b)
        return Amendment(b.id, what, "changed", False, record=b) if b.tags_changed else None
    if b.reference_only:
        return Amendment(b.id, what, b.change, False, CROSS_REFERENCE, covered, numbers, b)
    return Amendment(b.id, what, b.change, True, "", covered, numbers, b)


def _glossary(g: GlossaryChange) -> Amendment:
    return Amendment(g.term, "glossary term", g.change, True, record=g)


def _scenario(sc: ScenarioChange) -> Amendment | None:
    numbers = _numbers(sc.old_number, sc.new_number)
    if sc.change == "unchanged":
        return Amendment(sc.id, "scenario", "changed", False, record=sc) if sc.details_changed else None
    if sc.reference_only:
        return Amendment(sc.id, "scenario", sc.change, False, CROSS_REFERENCE, numbers=numbers, record=sc)
    if sc.change == "changed" and not sc.source_edited:
        # only its audiences or cites (and perhaps a reference's number): the schedule has no row to print a
        # reason in, so one is accepted but not asked for
        return Amendment(sc.id, "scenario", "changed", False, numbers=numbers, record=sc)
    return Amendment(sc.id, "scenario", sc.change, True, numbers=numbers, record=sc)


def _numbers(old: str, new: str) -> str:
    """'3.2 → 3.4' when renumbered, else the one number (for messages)."""
    return f"{old} → {new}" if old and new and old != new else new or old


def swapped(old: list[str], new: list[str]) -> dict[str, tuple[str, ...]]:
    """Keys that swapped places: each of two keys whose positions, among the keys in both orders, are
    exchanged (whatever else moved), mapped to the other. A key given twice (an id pasted again, which the
    checks report as I001) counts where it first stands."""
    in_both = set(old) & set(new)
    before = [k for k in dict.fromkeys(old) if k in in_both]
    after = [k for k in dict.fromkeys(new) if k in in_both]
    if before == after:
        return {}
    at = {k: i for i, k in enumerate(after)}
    out: dict[str, tuple[str, ...]] = {}
    for i, k in enumerate(before):
        j = at[k]
        if j != i and before[j] == after[i]:
            out[k] = (before[j],)
    return out


__all__ = ["Amendment", "CROSS_REFERENCE", "Reasons", "WEBSITE_ONLY", "WITH_SECTION", "swapped"]
