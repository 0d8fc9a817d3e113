"""All raw revision (tracked change) markup lives here: w:ins, w:del, Word moves, and their paragraph and row forms.

Marks come from the view: "" unchanged, "ins", "del"; blocks may also be
"move-from"/"move-to" (paired by `Block.move`). A move is written as a genuine
Word move: the moved paragraph at its old place is a move-from range
(`w:moveFromRangeStart` … `w:moveFromRangeEnd`, its runs in `w:moveFrom` with
`w:t` text, its paragraph mark `w:pPr/w:rPr/w:moveFrom`), and at its new place
the mirror image with moveTo; the two ranges are paired by `w:name`. Accepting a
move is accepting a deletion at the old place and an insertion at the new one,
rejecting it the reverse, so the text accepts and rejects exactly as a
deletion plus an insertion would.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from .xml import Ids, el

# What a mark does to the text: a move-to is kept on accept like an insertion, a move-from goes like a deletion.
_EFFECT = {"": "", "ins": "ins", "del": "del", "move-to": "ins", "move-from": "del"}
# The element a mark is written as.
_TAG = {"ins": "w:ins", "del": "w:del", "move-to": "w:moveTo", "move-from": "w:moveFrom"}
_RANGE = {"move-to": "w:moveToRange", "move-from": "w:moveFromRange"}


def block_mark(mark: str) -> str:
    """What a mark does on "accept all": "" (nothing), "ins" (kept) or "del" (removed)."""
    try:
        return _EFFECT[mark]
    except KeyError:
        raise ValueError(f"unknown change mark {mark!r}") from None


def run_mark(block: str, run: str) -> str:
    """A whole marked block marks every run in it; otherwise the run's own mark counts."""
    block_mark(block), block_mark(run)  # reject unknown marks early
    return block or run


RENUMBERING = " (renumbering)"


class Revisions:
    """Writes revisions with one author and one date; ids come from the document's shared counter.

    A cross-reference whose number changed only because the paragraph it points to was renumbered is marked
    by a second author, "<author> (renumbering)", so a reader can hide those marks in Word (Review > Show
    Markup > Specific People) and see only the real amendments; accepting or rejecting is unaffected.
    """

    def __init__(self, ids: Ids, author: str, date: str) -> None:
        self.ids, self.author, self.date = ids, author, _datetime(date)
        self._moves: dict[str, str] = {}  # Block.move -> w:name shared by the move-from and move-to ranges

    def _revision(self, mark: str, renumbering: bool = False):
        block_mark(mark)
        author = self.author + RENUMBERING if renumbering else self.author
        return el(_TAG[mark], id=self.ids.take(), author=author, date=self.date)

    def wrap(self, mark: str, *runs, renumbering: bool = False):
        """Runs (or hyperlink contents) inside w:ins / w:del / w:moveFrom / w:moveTo; unchanged runs are
        returned as they are."""
        if not mark:
            return list(runs)
        wrapper = self._revision(mark, renumbering)
        for r in runs:
            wrapper.append(r)
        return [wrapper]

    def mark_paragraph(self, p, mark: str) -> None:
        """Mark the paragraph mark itself as inserted, deleted or moved (w:pPr/w:rPr/w:ins|w:del|w:moveTo|w:moveFrom)."""
        if not mark:
            return
        ppr = _get_or_add(p, "w:pPr", first=True)
        # the writer adds rPr last in pPr: nothing follows it in our paragraphs
        _get_or_add(ppr, "w:rPr", first=False).insert(0, self._revision(mark))

    def move_range(self, p, mark: str, move: str) -> None:
        """Put a moved paragraph's contents in a named move range (start after w:pPr, end last)."""
        if mark not in _RANGE:
            return
        name = self._moves.setdefault(move, f"move{len(self._moves) + 1}")
        rid = self.ids.take()
        start = el(f"{_RANGE[mark]}Start", id=rid, author=self.author, date=self.date, name=name)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(el(f"{_RANGE[mark]}End", id=rid))

    def join_inserted_paragraph(self, previous, p) -> None:
        """An inserted paragraph right after one that ends in inserted words: the inserted paragraph mark is
        written on the previous paragraph instead, as Word itself records typing words and then Enter at the
        end of a paragraph. Both forms accept and reject to the same text in Word when the two paragraphs have
        the same properties (the only case this is done); LibreOffice rejects only this one correctly (it
        otherwise joins the previous paragraph to the one after the inserted paragraph)."""
        mark = _paragraph_mark(p)
        if previous is None or mark is None or mark.tag != qn("w:ins") or _paragraph_mark(previous) is not None:
            return
        last = next((c for c in reversed(previous) if c.tag not in _NOT_CONTENT), None)
        if last is None or last.tag != qn("w:ins") or _properties(previous) != _properties(p):
            return
        rpr = mark.getparent()
        rpr.remove(mark)
        if not len(rpr):
            rpr.getparent().remove(rpr)
        _get_or_add(previous.find(qn("w:pPr")), "w:rPr", first=False).insert(0, mark)

    def mark_row(self, tr, mark: str) -> None:
        """Mark a table row as inserted or deleted (w:trPr/w:ins|w:del, after the other row properties)."""
        if not mark:
            return
        _get_or_add(tr, "w:trPr", first=True).append(self._revision(block_mark(mark)))


def _get_or_add(parent, tag: str, *, first: bool):
    """The child `tag` of `parent`, added (as the first or the last child) when it is missing."""
    node = parent.find(qn(tag))
    if node is None:
        node = el(tag)
        if first:
            parent.insert(0, node)
        else:
            parent.append(node)
    return node


_NOT_CONTENT = {qn("w:pPr"), qn("w:bookmarkStart"), qn("w:bookmarkEnd")}


def _paragraph_mark(p):
    """The revision on a paragraph's mark (w:pPr/w:rPr/w:ins|w:del|…), or None."""
    rpr = p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return None if rpr is None else next((c for c in rpr if c.tag in _MARK_TAGS), None)


_MARK_TAGS = {qn(t) for t in _TAG.values()}


def _properties(p) -> tuple:
    """A paragraph's properties without its mark's run properties, for comparison."""
    ppr = p.find(qn("w:pPr"))
    return () if ppr is None else tuple(_shape(c) for c in ppr if c.tag != qn("w:rPr"))


def _shape(node) -> tuple:
    return node.tag, tuple(sorted(node.attrib.items())), tuple(_shape(c) for c in node)


def _datetime(date: str) -> str:
    """'2024-05-07' -> '2024-05-07T00:00:00Z' (already full date-times pass through)."""
    return date if "T" in date else f"{date}T00:00:00Z"
