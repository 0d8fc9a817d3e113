"""All raw revision (tracked change) markup lives here: w:ins, w:del and their paragraph and row forms.

Marks come from the view: "" unchanged, "ins", "del"; blocks may also be
"move-from"/"move-to". Moves are written as a deletion at the old place and an
insertion at the new one (see `run_mark`): Word's move markup (moveFrom/moveTo
ranges) is easy to get subtly wrong, and Word then "repairs" the file; a
deletion plus an insertion accepts and rejects to exactly the same text.
"""
from __future__ import annotations

from docx.oxml.ns import qn

from .xml import Ids, el

_BLOCK_MARK = {"": "", "ins": "ins", "del": "del", "move-to": "ins", "move-from": "del"}


def block_mark(mark: str) -> str:
    """The revision a block mark becomes: "", "ins" or "del"."""
    try:
        return _BLOCK_MARK[mark]
    except KeyError:
        raise ValueError(f"unknown change mark {mark!r}") from None


def run_mark(block: str, run: str) -> str:
    """A whole inserted or deleted block marks every run in it; otherwise the run's own mark counts."""
    return block_mark(block) or block_mark(run)


class Revisions:
    """Writes revisions with one author and one date; ids come from the document's shared counter."""

    def __init__(self, ids: Ids, author: str, date: str) -> None:
        self.ids, self.author, self.date = ids, author, _datetime(date)

    def _revision(self, tag: str):
        return el(tag, id=self.ids.take(), author=self.author, date=self.date)

    def wrap(self, mark: str, *runs):
        """Runs (or hyperlink contents) inside w:ins / w:del; unchanged runs are returned as they are."""
        if not mark:
            return list(runs)
        wrapper = self._revision(f"w:{mark}")
        for r in runs:
            wrapper.append(r)
        return [wrapper]

    def mark_paragraph(self, p, mark: str) -> None:
        """Mark the paragraph mark itself as inserted or deleted (w:pPr/w:rPr/w:ins|w:del)."""
        if not mark:
            return
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("w:pPr")
            p.insert(0, ppr)
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = el("w:rPr")
            ppr.append(rpr)  # the writer adds rPr last: nothing follows it in our paragraphs
        rpr.insert(0, self._revision(f"w:{mark}"))

    def mark_row(self, tr, mark: str) -> None:
        """Mark a table row as inserted or deleted (w:trPr/w:ins|w:del, after the other row properties)."""
        if not mark:
            return
        trpr = tr.find(qn("w:trPr"))
        if trpr is None:
            trpr = el("w:trPr")
            tr.insert(0, trpr)
        trpr.append(self._revision(f"w:{mark}"))


def _datetime(date: str) -> str:
    """'2024-05-07' -> '2024-05-07T00:00:00Z' (already full date-times pass through)."""
    return date if "T" in date else f"{date}T00:00:00Z"
