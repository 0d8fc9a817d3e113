"""A copy's paragraphs found among the lines the build wrote, and how well the copy matches the sources.

Each original paragraph of a copy (its words before the consultee's tracked changes) sits under a toolkit
bookmark (builder.read.responses): the bookmarked line is the one the bookmark names, and the paragraphs after
it are the unbookmarked lines the build wrote after that one, matched by place when their counts agree and by
words otherwise. So moved or renumbered paragraphs still match. A `Report` says, for each copy, which version it
was built from, how many paragraphs match, which differ (edited without Track Changes, or the sources changed
since it was built), which lines of the sources it lacks and which paragraphs it has that the sources do not.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from ..diff.words import diff_runs
from ..edits import fold
from ..load import VERSION_RE
from ..read.responses import Copy, Original
from ..view import Run
from .layout import Layout, table_of
from .positions import mapping

_SUBJECT_VERSION = re.compile(r"\bversion (\d+(?:\.\d+){0,3})\b")  # the subject line the build writes


@dataclass(frozen=True)
class Mismatch:
    """A paragraph of a copy whose words (before the consultee's tracked changes) are not the sources'."""

    where: str
    key: str
    change: tuple[Run, ...]  # from the sources' words to the copy's


@dataclass
class Report:
    """What one copy is, and how well it matches the sources."""

    name: str
    version: str  # the version it says it was built from ('' when it does not say)
    status: str
    matched: int  # paragraphs found and matching
    differ: list[Mismatch] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # lines of the sources not in the copy ("4.3 (id)")
    unknown: list[str] = field(default_factory=list)  # paragraphs the copy has and the sources do not
    unread: list[str] = field(default_factory=list)


def placed(copy: Copy, lay: Layout) -> list[str | None]:
    """The key of the line each original paragraph of the copy is, or None."""
    keys: list[str | None] = [None] * len(copy.originals)
    stretches: dict[str, list[int]] = {}
    for i, o in enumerate(copy.originals):
        if o.anchor and o.offset >= 0:
            stretches.setdefault(o.anchor, []).append(i)
    for anchor, indexes in stretches.items():
        key = lay.anchors.get(anchor)
        if not key:
            continue
        expected = [key] + lay.followers.get(key, [])
        got = [copy.originals[i] for i in indexes]
        for j, k in _align(got, expected, lay).items():
            keys[indexes[j]] = k
    return keys


def _align(got: list[Original], expected: list[str], lay: Layout) -> dict[int, str]:
    """Originals under one bookmark matched with the lines the build put there: by place when the counts agree,
    by words otherwise (an untracked deletion or insertion moves the rest)."""
    if len(got) == len(expected):
        return dict(enumerate(expected))
    out = {0: expected[0]}
    a = [fold(o.text) for o in got]
    b = [fold(lay.slots[k].text) for k in expected]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.update({i1 + d: expected[j1 + d] for d in range(i2 - i1) if i1 + d})
    return out


def report(copy: Copy, keys: list[str | None], lay: Layout) -> Report:
    props = copy.properties
    out = Report(copy.name, _version(props), props.get("content_status", ""), 0, unread=list(copy.unread))
    found = set()
    for o, key in zip(copy.originals, keys):
        if key is None and table_of(lay, o.anchor, o.offset):
            found.add(table_of(lay, o.anchor, o.offset))  # a cell of a paragraph's table (its words: not compared)
            continue
        if key is None:
            if o.anchor and o.offset == 0 and o.anchor not in lay.anchors:
                out.unknown.append(unknown(o.anchor))
            continue
        found.add(key)
        slot = lay.slots[key]
        if mapping(o, slot, lay) is None:
            out.differ.append(Mismatch(slot.named, key, diff_runs(slot.runs, (Run(o.text),))))
        else:
            out.matched += 1
    out.missing = [lay.slots[k].named for k in lay.slots if k not in found]
    return out


def _version(props: dict[str, str]) -> str:
    """The version the copy was built from: its version property, or the subject line the build writes."""
    if VERSION_RE.match(props.get("version", "")):
        return props["version"]
    m = _SUBJECT_VERSION.search(props.get("subject", ""))
    return m.group(1) if m else ""


def unknown(anchor: str) -> str:
    """A paragraph whose bookmark names no line of the sources."""
    body = anchor[3:].replace("_", "-").lower()
    return f"a paragraph with the id '{body}' (bookmark {anchor}), which is not in the sources"


def not_ours(copy: Copy) -> str:
    """Why a copy none of whose paragraphs match is refused."""
    ours = [o for o in copy.originals if o.anchor and o.offset == 0]
    if ours:
        return (f"{copy.name} was built from other sources: none of its {len(ours)} paragraph ids is a paragraph of "
                "these sources.\n    hint: run the command in the protocol's folder the copy was built from "
                "(--root), or send consultees the Word document `protocol build` writes from these sources.")
    return (f"{copy.name} was not written by `protocol build`: it holds none of the paragraph ids the build "
            "stores in its bookmarks, so its suggestions cannot be matched to paragraphs.\n"
            "    hint: send consultees the Word document `protocol build` writes (in build/); to turn a "
            "protocol kept in Word into sources, use `protocol import`.")
