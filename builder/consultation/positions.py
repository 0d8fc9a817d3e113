"""Where each character of a copy's paragraph is in the sources' words.

A copy's paragraph and the line the build wrote for it are cut into pieces: plain text, and the number of a
cross-reference (a link to a paragraph's bookmark). `mapping` pairs them piece by piece: the words must be the
same, and each link must point where the source's reference does (its number may differ when the sources
renumbered since the copy was built). `to_source` then carries a position in the copy's words to the sources'.
"""
from __future__ import annotations

from ..read.responses import Original
from .layout import Layout, Slot

Table = list[tuple[int, int, int, int, bool]]  # (copy start, copy end, source start, source end, a reference)


def mapping(original: Original, slot: Slot, lay: Layout) -> Table | None:
    """Positions in the copy's words -> positions in the sources' words (None inside a cross-reference's number,
    which may differ when the sources renumbered), or None when the words are not the sources'."""
    copy = _trimmed(_pieces(original.runs, lambda r: r.anchor if r.anchor in lay.linked else ""))
    source = _pieces(slot.runs, lambda r: lay.bookmarks.get(r.ref, "") if r.ref else "")
    if len(copy) != len(source):
        return None
    table, c, s = [], 0, 0
    for (ctext, clink), (stext, slink) in zip(copy, source):
        if clink != slink or (not clink and ctext != stext):
            return None
        table.append((c, c + len(ctext), s, s + len(stext), bool(clink)))
        c, s = c + len(ctext), s + len(stext)
    return table


def to_source(table: Table, pos: int) -> int | None:
    """The position in the sources' words of a position in the copy's (None inside a reference's number)."""
    for c0, c1, s0, s1, ref in table:
        if c0 <= pos <= c1:
            if pos == c0:
                return s0
            if pos == c1:
                return s1
            return None if ref else s0 + pos - c0
    return table[-1][3] if table else 0


def _pieces(runs, anchor_of) -> list[tuple[str, str]]:
    """(text, bookmark linked to) pieces, neighbours with the same link joined; '' for plain text."""
    out: list[tuple[str, str]] = []
    for run in runs:
        link = anchor_of(run)
        if out and out[-1][1] == link:
            out[-1] = (out[-1][0] + run.text, link)
        else:
            out.append((run.text, link))
    return [p for p in out if p[0] or p[1]]


def _trimmed(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """White space at either end left out (LibreOffice turns a page break before the next paragraph into a break
    at the end of this one, which reads as a space); positions then count as fold() counts them."""
    if pieces and not pieces[0][1]:
        pieces[0] = (pieces[0][0].lstrip(), "")
    if pieces and not pieces[-1][1]:
        pieces[-1] = (pieces[-1][0].rstrip(), "")
    return [p for p in pieces if p[0] or p[1]]
