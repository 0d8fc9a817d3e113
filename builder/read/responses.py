"""A consultee's copy: the Word document `protocol build` wrote, edited in Word or LibreOffice and sent back.

`read_copy(data, name)` reads the file through the shared reader (builder.read.docx_package: the same
safeguards as the import, size caps, no DTD or entities, macros never read) and gives a `Copy`:

- `originals`: the document as it was before the consultee's tracked changes (what Reject All shows), one
  record per paragraph, each knowing the toolkit bookmark it sits under: `anchor` is the `_p_…`/`_b_…`
  bookmark on the nearest paragraph at or above it that has one, and `offset` counts the paragraphs from
  that one (0 for the bookmarked paragraph itself; a numbered paragraph's sub-items are 1, 2 …);
- `passages`: where the tracked changes are, each one paragraph of the original or, when a change adds,
  deletes, joins or splits paragraphs, the run of paragraphs it touches: the originals it holds, their
  text with every change accepted, the revision authors and dates, and the comments anchored in it;
- `comments` (with their reply threads) and the document `properties` (the version it was built from).

Nothing here knows the sources: which paragraph an anchor names, and whether the words still match, is
worked out by builder.consultation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .docx_package import Comment, Para, Run, Table, fold, read_docx

ANCHOR = re.compile(r"^_[pb]_[A-Za-z0-9_]+$")  # the bookmarks the Word writer puts on paragraphs and parts


@dataclass(frozen=True)
class Original:
    """A paragraph of the copy before the consultee's tracked changes (tracked insertions left out)."""

    anchor: str  # the toolkit bookmark it sits under ('' before the first one)
    offset: int  # 0: the bookmarked paragraph; 1, 2 …: the paragraphs after it; -1: in a table
    runs: tuple[Run, ...]
    positions: tuple[int, ...]  # the Word paragraphs it was made of (more than one when a consultee split it)
    contents: bool = False  # a line of the table of contents

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Passage:
    """Paragraphs a consultee changed or commented on: one, or several joined by a tracked paragraph mark."""

    originals: list[int]  # indexes into Copy.originals
    accepted: list[str]  # the text of each paragraph once every change is accepted
    authors: list[str] = field(default_factory=list)  # revision authors, in the order they appear
    dates: list[str] = field(default_factory=list)  # revision dates (ISO), in the same order
    comments: list[str] = field(default_factory=list)  # ids of the comments anchored in it
    changed: bool = False  # holds a tracked change (a comment alone does not count)
    removed: list[int] = field(default_factory=list)  # originals (indexes) every word of which is deleted

    @property
    def structural(self) -> bool:
        """Adds, deletes, joins or splits paragraphs: not a change of words inside one paragraph."""
        return len(self.originals) != 1 or len(self.accepted) != 1


@dataclass
class Copy:
    name: str
    properties: dict[str, str]
    originals: list[Original]
    passages: list[Passage]  # those with a tracked change or a comment, in document order
    comments: dict[str, Comment]
    unread: list[str]  # what the file held that was never read (macros, embedded objects)

    def thread(self, cid: str) -> list[Comment]:
        """A comment and its replies, oldest first (a reply's replies included)."""
        root = self.comments.get(cid)
        if root is None:
            return []
        out, todo = [root], [cid]
        while todo:
            parent = todo.pop(0)
            for c in self.comments.values():
                if c.parent == parent and c not in out:
                    out.append(c)
                    todo.append(c.id)
        return out

    def root_of(self, cid: str) -> str:
        seen = set()
        while cid in self.comments and self.comments[cid].parent and cid not in seen:
            seen.add(cid)
            cid = self.comments[cid].parent
        return cid


def read_copy(data: bytes, name: str) -> Copy:
    document = read_docx(data, name, "responses")
    copy = Copy(name, document.properties, [], [], document.comments, document.unread)
    walk = _Walk(copy)
    for block in document.blocks:
        if isinstance(block, Table):
            walk.finish()
            for group in _joined(block.paras):
                walk.passage(group, table=True)
        else:
            walk.paragraph(block)
    walk.finish()
    return copy


class _Walk:
    """Body paragraphs in order, gathered into runs joined by tracked paragraph marks (a paragraph whose mark
    is tracked belongs with the next one), each original numbered from the toolkit bookmark above it."""

    def __init__(self, copy: Copy):
        self.copy = copy
        self.anchor = ""
        self.offset = -1  # the offset of the last original read under self.anchor
        self.pending: list[Para] = []

    def paragraph(self, para: Para) -> None:
        self.pending.append(para)
        if not para.mark:
            self.finish()

    def finish(self) -> None:
        if self.pending:
            group, self.pending = self.pending, []
            self.passage(group)

    def passage(self, group: list[Para], *, table: bool = False) -> None:
        first = len(self.copy.originals)
        removed = []
        for k, paras in enumerate(_originals(group)):
            name = next((b for p in paras for b in p.bookmarks if ANCHOR.match(b)), "")
            if table:
                offset = -1
            elif name:
                self.anchor, self.offset = name, 0
                offset = 0
            else:
                self.offset = offset = self.offset + 1
            if paras[-1].mark == "del" and not any(r.text.strip() for p in paras for r in p.runs if r.change != "del"):
                removed.append(first + k)
            runs = tuple(r for p in paras for r in p.runs if r.change != "ins")
            self.copy.originals.append(Original(self.anchor, offset, runs, tuple(p.position for p in paras),
                                                contents=any(p.toc for p in paras)))
        passage = Passage(list(range(first, len(self.copy.originals))), _accepted(group), removed=removed)
        _authors(passage, group)
        if passage.changed or passage.comments:
            self.copy.passages.append(passage)


def _joined(paras: list[Para]) -> list[list[Para]]:
    """Paragraphs in runs joined by tracked paragraph marks."""
    out: list[list[Para]] = []
    group: list[Para] = []
    for p in paras:
        group.append(p)
        if not p.mark:
            out.append(group)
            group = []
    if group:
        out.append(group)
    return out


def _originals(group: list[Para]) -> list[list[Para]]:
    """The paragraphs as they were (Reject All): a paragraph whose mark was inserted is part of the next."""
    out, current = [], []
    for p in group:
        current.append(p)
        if p.mark != "ins":
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def _accepted(group: list[Para]) -> list[str]:
    """The text of each paragraph with every change accepted: a paragraph whose mark was deleted joins the next."""
    out, text = [], []
    for p in group:
        text.extend(r.text for r in p.runs if r.change != "del")
        if p.mark != "del":
            out.append(fold("".join(text)))
            text = []
    if text:
        out.append(fold("".join(text)))
    return out


def _authors(passage: Passage, group: list[Para]) -> None:
    for p in group:
        for cid in p.comments:
            if cid not in passage.comments:
                passage.comments.append(cid)
        changes = [(r.author, r.date) for r in p.runs if r.change and r.text]
        if p.mark:
            changes.append((p.mark_author, p.mark_date))
        for author, date in changes:
            passage.changed = True
            passage.authors.append(author)
            passage.dates.append(date)
