"""Tracked changes as Word revisions: w:ins, w:del, Word moves, and their paragraph and row forms (the markup itself
is written by builder.write.docx.xml).

Marks come from the view: "" unchanged, "ins", "del"; lines may also be
"move-from"/"move-to" (paired by `Line.move`). A move is written as a genuine
Word move: the moved paragraph at its old place is a move-from range
(`w:moveFromRangeStart` … `w:moveFromRangeEnd`, its runs in `w:moveFrom` with
`w:t` text, its paragraph mark `w:pPr/w:rPr/w:moveFrom`), and at its new place
the mirror image with moveTo; the two ranges are paired by `w:name`. Accepting a
move is accepting a deletion at the old place and an insertion at the new one,
rejecting it the reverse, so the text accepts and rejects exactly as a
deletion plus an insertion would. A cross-reference renumbered inside a moved
paragraph is, at the new place, its old number deleted inside the w:moveTo and
its new number inserted after it (both by the renumbering author).

The same drawing code renders the agenda pack's copy, where the marks are
formatting instead (builder.write.docx.formatting): both classes answer the
same calls.
"""
from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timedelta

from .paragraph import Paragraph
from .xml import Ids, attributes, element, empty, revision_start, run as run_xml

# What a mark does to the text: a move-to is kept on accept like an insertion, a move-from goes like a deletion.
_EFFECT = {"": "", "ins": "ins", "del": "del", "move-to": "ins", "move-from": "del"}
# The element a mark is written as.
_TAG = {"ins": "w:ins", "del": "w:del", "move-to": "w:moveTo", "move-from": "w:moveFrom"}
_RANGE = {"move-to": "w:moveToRange", "move-from": "w:moveFromRange"}


def effect_of(mark: str) -> str:
    """What a mark does on "accept all": "" (nothing), "ins" (kept) or "del" (removed)."""
    try:
        return _EFFECT[mark]
    except KeyError:
        raise ValueError(f"unknown change mark {mark!r}") from None


def run_mark(line: str, run: str) -> str:
    """A whole marked line marks every run in it; otherwise the run's own mark counts."""
    if line not in _EFFECT or run not in _EFFECT:  # reject unknown marks early
        effect_of(line), effect_of(run)
    return line or run


RENUMBERING = " (renumbering)"


class Revisions:
    """Writes revisions with one author and one date; ids come from the document's shared counter, taken
    when a revision is drawn (the ids are in the output, so the drawing order fixes them).

    A cross-reference whose number changed only because the paragraph it points to was renumbered is marked
    by a second author, "<author> (renumbering)", so a reader can hide those marks in Word (Review > Show
    Markup > Specific People) and see only the real amendments; accepting or rejecting is unaffected.

    Inside `later()` every revision is dated two minutes after the others: LibreOffice joins two insertions
    by one author within a minute of each other across the unchanged paragraph mark between them, and then
    rejects that mark too (builder.write.docx.placement says where).
    """

    tracked = True  # the marks are revisions (Formatting draws them as formatting)

    def __init__(self, ids: Ids, author: str, date: str) -> None:
        self.ids = ids
        self._moves: dict[str, str] = {}  # Line.move -> w:name shared by the move-from and move-to ranges
        # the author and date attributes of a revision: by renumbering or not, dated later or not
        day = _datetime(date)
        later = _two_minutes_after(day)
        self._by = {(renumbering, late): attributes(author=author + RENUMBERING if renumbering else author,
                                                    date=later if late else day)
                    for renumbering in (False, True) for late in (False, True)}
        self._late = False

    @contextmanager
    def later(self, late: bool = True):
        """Revisions drawn inside are dated later (see the class)."""
        before, self._late = self._late, late
        try:
            yield
        finally:
            self._late = before

    def _start(self, tag: str, renumbering: bool = False) -> str:
        """A revision's start tag with a new id, without its closing '>' or '/>'."""
        return revision_start(tag, self.ids.take(), self._by[renumbering, self._late])

    def _revision(self, mark: str) -> str:
        """A revision mark on its own (of a paragraph mark or a table row)."""
        effect_of(mark)
        return self._start(_TAG[mark]) + "/>"

    def wrap(self, mark: str, *runs: str, renumbering: bool = False) -> str:
        """Runs (or hyperlink contents) inside w:ins / w:del / w:moveFrom / w:moveTo; unchanged runs are
        returned as they are."""
        if not mark:
            return "".join(runs)
        effect_of(mark)
        tag = _TAG[mark]
        return f"{self._start(tag, renumbering)}>{''.join(runs)}</{tag}>"

    def run(self, text: str, props: str, mark: str, *, renumbering: bool = False, moved: str = "") -> str:
        """One run of text with its mark: a w:r inside the revision (w:delText when deleted). `moved` is the
        move a renumbered reference's old number is deleted inside ("move-to", or "")."""
        if not mark:  # most runs: unchanged words, no revision around them
            return run_xml(text, props)
        content = self.wrap(mark, run_xml(text, props, deleted=mark == "del"), renumbering=renumbering)
        return self.wrap(moved, content) if moved and mark == "del" else content

    def mark_paragraph(self, p: Paragraph, mark: str) -> None:
        """Mark the paragraph mark itself as inserted, deleted or moved (w:pPr/w:rPr/w:ins|w:del|w:moveTo|w:moveFrom)."""
        if mark:
            p.mark = self._revision(mark)

    def mark_look(self, p: Paragraph, before: tuple | None) -> None:
        """Record that the paragraph looked like `before` (Paragraph's first fields) in the old version
        (w:pPrChange): rejecting the change gives it that look back."""
        if before is not None:
            tag = "w:pPrChange"
            p.change = f"{self._start(tag)}>{element('w:pPr', Paragraph(*before).look_xml())}</{tag}>"

    def move_range(self, p: Paragraph, mark: str, move: str) -> None:
        """Put a moved paragraph's contents in a named move range (start after w:pPr, end last)."""
        if mark not in _RANGE:
            return
        name = self._moves.setdefault(move, f"move{len(self._moves) + 1}")
        tag, rid = _RANGE[mark], self.ids.take()
        p.enclose(f"{revision_start(tag + 'Start', rid, self._by[False, self._late])}{attributes(name=name)}/>",
                  empty(f"{tag}End", id=rid))

    def mark_row(self, mark: str) -> str:
        """The revision marking a table row as inserted or deleted (last in w:trPr); '' for an unchanged row."""
        return self._revision(effect_of(mark)) if mark else ""


def _two_minutes_after(stamp: str) -> str:
    """'2024-05-07T00:00:00Z' -> '2024-05-07T00:02:00Z' (an xsd:dateTime without fractions, as Word writes)."""
    when = datetime.fromisoformat(stamp.replace("Z", "+00:00")) + timedelta(minutes=2)
    return when.strftime("%Y-%m-%dT%H:%M:%S") + ("Z" if stamp.endswith("Z") else when.strftime("%z"))


def _datetime(date: str) -> str:
    """'2024-05-07' -> '2024-05-07T00:00:00Z' (already full date-times pass through)."""
    return date if "T" in date else f"{date}T00:00:00Z"
