"""The plan: which suggestions are chosen (--author, --only), and what applying them makes.

`choose` marks the suggestions --author and --only leave out. `plan(consultation, texts, numbers)` turns those
chosen that can be applied into new section-file texts and reasons for amendments.yaml (builder.edits does the
text work); suggestions from several copies on the same paragraph are combined when their edits are apart, and
listed, each told why, when they touch the same words or the file would not read back as intended.
`record_outcome` says, once the plan has been checked and written, which were applied.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..dates import long_date
from ..edits import Edit, apply, blockers, edited, file_edits, fold, locate, outline
from . import Consultation
from .layout import Slot
from .suggestions import Suggestion


def choose(consultation: Consultation, authors: list[str] | None, only: list[str] | None) -> list[str]:
    """Mark the suggestions not chosen by --author and --only; return what is wrong with the names and ids given."""
    problems = []
    everyone = {n.casefold() for s in consultation.suggestions for n in s.authors}
    wanted = {" ".join(a.split()).casefold() for a in authors or []}
    for name in authors or []:
        if " ".join(name.split()).casefold() not in everyone:
            known = sorted({n for s in consultation.suggestions for n in s.authors})
            problems.append(f"--author {name}: no tracked change in these copies is by {name} (the authors are: "
                            f"{', '.join(known) or 'none'})")
    ids = {s.block_id for s in consultation.suggestions if s.authors}
    for i in only or []:
        if i not in ids:
            problems.append(f"--only {i}: no copy changes a paragraph or heading with the id {i!r}")
    for s in consultation.suggestions:
        if not s.authors:
            continue
        if authors and not {a.casefold() for a in s.authors} <= wanted:
            s.status = "not chosen"
            others = [a for a in s.authors if a.casefold() not in wanted]
            if {a.casefold() for a in s.authors} & wanted:
                s.blockers.append(f"it also holds changes by {', '.join(others)}, who was not chosen")
        elif only and s.block_id not in only:
            s.status = "not chosen"
    return problems


@dataclass
class Plan:
    texts: dict[str, str]  # source path -> its new text
    reasons: dict[str, str]  # id -> the reason to record
    expected: dict[str, str]  # key -> the words it must have once applied


def plan(consultation: Consultation, texts: dict[str, str], numbers: dict[str, str]) -> Plan:
    """The new text of each section file and the reasons, for the suggestions that can be applied and are chosen."""
    chosen = [s for s in consultation.suggestions if s.applicable and s.status != "not chosen"]
    by_key: dict[str, list[Suggestion]] = {}
    for s in chosen:
        by_key.setdefault(s.key, []).append(s)
    result = Plan({}, {}, {})
    per_file: dict[str, list] = {}
    for key, group in by_key.items():
        slot = consultation.layout.slots[key]
        located = locate(texts.get(slot.path, ""), key, numbers)
        edits = _combined(group, located, slot)
        if edits is None:
            continue
        per_file.setdefault(slot.path, []).append((key, located, edits, group))
    for path, items in per_file.items():
        _file_plan(result, path, texts[path], items, numbers)
    return result


def _combined(group: list[Suggestion], located, slot: Slot) -> list[Edit] | None:
    """The edits of every chosen suggestion on one block, or None (each suggestion told why)."""
    if located is None or located.rendered != slot.text:
        for s in group:
            s.blockers.append(f"its words could not be found in {slot.path} as the build shows them")
        return None
    for s in group:
        s.blockers.extend(blockers(located, s.edits))
    group = [s for s in group if not s.blockers]
    if not group:
        return None
    edits = sorted({e for s in group for e in s.edits})
    for a, b in zip(edits, edits[1:]):
        if a[1] >= b[0] and not (a[0] == a[1] == b[0] == b[1] and a == b):
            owners = [s for s in group if a in s.edits or b in s.edits]
            for s in group:
                others = [o for o in owners if o is not s] or [o for o in group if o is not s]
                names = "; ".join(f"{o.copy} ({', '.join(o.authors)})" for o in others)
                s.blockers.append(f"it changes the same words as the suggestion in {names} (choose one and apply "
                                  "it with --author, or make the change by hand)")
            return None
    return edits


def _file_plan(result: Plan, path: str, text: str, items, numbers: dict[str, str]) -> None:
    replacements = []
    for key, located, edits, group in items:
        replacements += file_edits(located, edits)
        result.expected[key] = fold(edited(located.rendered, edits))
    new = apply(text, replacements)
    if outline(new) == outline(text):
        bad = [key for key, *_ in items if _unreadable(new, key, result.expected[key], numbers)]
    else:  # some edit changed the file's blocks: find which, each made alone
        shape = outline(text)
        bad = [key for key, located, edits, _ in items
               if outline(alone := apply(text, file_edits(located, edits))) != shape
               or _unreadable(alone, key, result.expected[key], numbers)]
        bad = bad or [key for key, *_ in items]
    if bad:
        for key, _, _, group in items:
            if key in bad:
                for s in group:
                    s.blockers.append(f"the new words would not read the same in {path}")
        for key in bad:
            result.expected.pop(key, None)
        kept = [item for item in items if item[0] not in bad]
        if kept:
            _file_plan(result, path, text, kept, numbers)
        return
    result.texts[path] = new
    for key, _, _, group in items:
        for s in group:
            result.reasons[s.block_id] = _joined(result.reasons.get(s.block_id, ""), reason(s))


def _unreadable(new: str, key: str, expected: str, numbers: dict[str, str]) -> bool:
    again = locate(new, key, numbers)
    return again is None or again.rendered != expected


def _joined(before: str, after: str) -> str:
    if not before or after in before:
        return before or after
    return f"{before} {after}" if before[-1] in ".!?" else f"{before}; {after}"


def reason(s: Suggestion) -> str:
    """'Consultation: <author>, <date in words>: <comment>' (the comments the change's authors wrote on it)."""
    by = {" ".join(a.split()) for a in s.authors}
    said = [t.text for t in s.threads if " ".join(t.author.split()) in by]
    said += [r.text for t in s.threads for r in t.replies if " ".join(r.author.split()) in by]
    head = f"Consultation: {', '.join(s.authors)}" + (f", {long_date(s.date)}" if s.date else "")
    return head + (f": {' / '.join(fold(x) for x in said)}" if said else "")


def record_outcome(consultation: Consultation, result: Plan) -> None:
    """Each chosen suggestion with changes to make: "applied" when the plan makes it, else "not applied"."""
    for s in consultation.suggestions:
        if s.status == "not chosen" or not s.authors or not (s.edits or s.blockers):
            continue  # a comment, or changes with nothing to apply
        s.status = "applied" if s.key in result.expected and s.applicable else "not applied"
