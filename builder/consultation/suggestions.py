"""The log's rows: one `Suggestion` for each passage a consultee changed or commented on, per copy.

A suggestion says where the passage is (the line of the sources, or the part of the document when it is not
one), who made its tracked changes and who wrote its comments and replies, what it does ("changes words",
"adds a paragraph", "comments" …), the words deleted and inserted, and the comment threads with the words
each is attached to. Whether it can be applied is worked out by builder.consultation.applicable.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..dates import parse_date
from ..diff.words import diff_runs
from ..edits import Edit, fold
from ..read.responses import Copy, Original, Passage
from ..view import Run
from .layout import Layout, table_of
from .matching import unknown

NO_NAME = "(no name)"  # a tracked change whose author the copy does not record
QUOTE = 60  # the longest quotation of the words a comment is attached to
PILCROW = " ¶ "  # where one paragraph ends and the next begins, in a change that adds, deletes or joins paragraphs


@dataclass(frozen=True)
class Reply:
    author: str
    date: str  # YYYY-MM-DD, or ''
    text: str


@dataclass(frozen=True)
class Thread:
    """A comment and its replies."""

    author: str
    date: str
    text: str
    replies: tuple[Reply, ...] = ()
    quoted: str = ""  # the words the comment is attached to
    done: bool = False  # marked resolved


@dataclass
class Suggestion:
    copy: str  # the file it came from
    key: str  # the Slot's key ('' when it is not a line of the sources)
    where: str
    number: str
    block_id: str
    authors: list[str]  # who made the tracked changes
    commenters: list[str]  # who wrote the comments and replies
    date: str  # YYYY-MM-DD of the latest change or comment
    what: str  # "changes words", "comments", "deletes this sub-item", "adds a paragraph after it", …
    change: tuple[Run, ...]  # the words, deleted and inserted marked
    original: str
    proposed: str
    threads: list[Thread] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)  # on the sources' words, when it can be applied
    blockers: list[str] = field(default_factory=list)  # why it must be made by hand
    notes: list[str] = field(default_factory=list)  # what else the Monitoring Officer should know
    status: str = ""  # "applied", "not applied", "not chosen" (with --apply), '' otherwise
    order: tuple = ()

    @property
    def consultees(self) -> list[str]:
        return list(dict.fromkeys(self.authors + self.commenters))

    @property
    def applicable(self) -> bool:
        return bool(self.edits) and not self.blockers


def suggestion(copy: Copy, index: int, passage: Passage, keys: list[str | None], lay: Layout) -> Suggestion:
    """The row for one passage of the copy (the `index`th copy read); `keys` places its originals."""
    placed = [keys[i] for i in passage.originals]
    first = copy.originals[passage.originals[0]]
    key = next((k for k in placed if k), "") or table_of(lay, first.anchor, first.offset)
    slot = lay.slots.get(key)
    where = slot.where if slot else _place(first, lay)
    original = PILCROW.join(fold(copy.originals[i].text) for i in passage.originals)
    proposed = PILCROW.join(passage.accepted)
    out = Suggestion(copy.name, key, where, slot.number if slot else "", slot.block_id if slot else "",
                     (_unique(passage.authors) or [NO_NAME]) if passage.changed else [], [],
                     _day(max(passage.dates, default="")), _what(passage),
                     diff_runs((Run(original),), (Run(proposed),)) if passage.changed else (Run(original),),
                     original, proposed)
    out.threads, out.commenters = _threads(copy, passage)
    out.date = max([out.date] + [t.date for t in out.threads] + [r.date for t in out.threads for r in t.replies])
    out.order = (lay.order.get(key, -1) if key else -1, index, passage.originals[0])
    return out


def _what(passage: Passage) -> str:
    if not passage.changed:
        return "comments"
    if not passage.structural:
        return "changes words"
    kept = len(passage.originals) - len(passage.removed)
    parts = []
    if passage.removed:
        gone = len(passage.removed)
        parts.append("deletes a paragraph" if gone == 1 else f"deletes {gone} paragraphs")
    if len(passage.accepted) > kept:
        added = len(passage.accepted) - kept
        parts.append("adds a paragraph" if added == 1 else f"adds {added} paragraphs")
    elif len(passage.accepted) < kept:
        parts.append("joins paragraphs")
    return " and ".join(parts) or "splits and joins paragraphs"


def _place(o: Original, lay: Layout) -> str:
    if o.anchor in lay.parts:
        part = lay.parts[o.anchor]
        return f"{part} (its table)" if o.offset < 0 else part
    if o.anchor and o.anchor not in lay.anchors:
        return unknown(o.anchor)
    if o.anchor:
        anchor = lay.slots[lay.anchors[o.anchor]]
        return f"a paragraph after {anchor.named} that the sources do not have"
    return "the contents" if o.contents else "the title page"


def _threads(copy: Copy, passage: Passage) -> tuple[list[Thread], list[str]]:
    roots = list(dict.fromkeys(copy.root_of(c) for c in passage.comments if c in copy.comments))
    threads, who = [], []
    for root in roots:
        chain = copy.thread(root)
        head = chain[0]
        replies = tuple(Reply(" ".join(c.author.split()) or NO_NAME, _day(c.date), c.text) for c in chain[1:])
        quoted = fold("".join(r.text for i in passage.originals for r in copy.originals[i].runs if root in r.comments))
        if quoted == fold("".join(copy.originals[i].text for i in passage.originals)):
            quoted = ""  # the whole paragraph: nothing to point at
        elif len(quoted) > QUOTE:
            quoted = quoted[:QUOTE].rsplit(" ", 1)[0] + " …"
        threads.append(Thread(" ".join(head.author.split()) or NO_NAME, _day(head.date), head.text, replies, quoted,
                              head.done))
        who += [c.author for c in chain]
    return threads, _unique(who)


def _unique(names) -> list[str]:
    return [n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n]


def _day(stamp: str) -> str:
    """YYYY-MM-DD of a Word date ('' for none, or one that is not a date: LibreOffice writes an unset date as
    0-00-00T00:00:00Z)."""
    return parse_date((stamp or "")[:10])
