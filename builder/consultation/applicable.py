"""Whether a suggestion can be applied to the section files, and its edits on the sources' words.

Only a change of words inside one paragraph, sub-item or sub-heading can be: a change that adds, deletes, joins
or splits paragraphs, or one in a section's title, a worked example or a part the build writes itself, is made
by hand. The consultee's word edits are carried from the copy's words onto the sources' (builder.consultation.
positions), never into a cross-reference's number. A paragraph whose words in the copy are not the sources'
(the sources changed since the copy was built, or the consultee typed without Track Changes) takes the edits in
the words the sources have now when every sentence they touch still reads as in the copy (three-way, sentence
by sentence), and lists them otherwise.
"""
from __future__ import annotations

import re

from ..edits import fold, word_edits
from ..read.responses import Copy, Passage
from .layout import Layout, Slot
from .positions import mapping, to_source
from .suggestions import Suggestion

EDITABLE = ("para", "item", "heading")
_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def judge(s: Suggestion, copy: Copy, passage: Passage, slot: Slot | None, lay: Layout) -> None:
    """Fill in the suggestion's edits, or the blockers that keep it for the author to make by hand, and notes."""
    if passage.structural:
        s.blockers.append(f"it {s.what}")
        return
    if slot is None:
        s.blockers.append(f"it is in {s.where}, which is not in the section files")
        return
    if slot.kind not in EDITABLE:
        what = {"section": "the section's title (its 'title:' line)",
                "table": "a cell of the paragraph's table (its '|' lines)"}.get(slot.kind, "the worked example")
        s.blockers.append(f"it changes {what}, in {slot.path}")
        return
    original = copy.originals[passage.originals[0]]
    table = mapping(original, slot, lay)
    if table is None:
        _rebased(s, fold(original.text), slot.text, passage.accepted[0])
        return
    for start, end, words in word_edits(fold(original.text), passage.accepted[0]):
        a, b = to_source(table, start), to_source(table, end)
        if a is None or b is None:
            s.blockers.append("it changes the number of a cross-reference (a [[reference]] in the source)")
            s.edits = []
            return
        s.edits.append((a, b, words))
    if not s.edits:
        s.notes.append("its tracked changes leave the words as they were")


def _rebased(s: Suggestion, old: str, now: str, new: str) -> None:
    """A paragraph whose words in the copy are not the sources' (the sources changed since the copy was built,
    or the consultee typed without Track Changes): the consultee's tracked changes are made in the words the
    sources have now when every sentence they touch is as the copy has it, and listed otherwise."""
    if new == now:
        s.notes.append("the sources already read as the copy does with its changes accepted")
        return
    since = word_edits(old, now)  # exact: what moves the consultee's edits onto today's words
    sentences = _sentences(old)
    changed = {k for b, e, _ in word_edits(old, now, tidy=True) for k in _touched(sentences, b, e)}
    edits, made = [], 0
    for start, end, words in word_edits(old, new):
        if (start, end, words) in since:
            made += 1  # the sources have this change already
            continue
        if changed & _touched(sentences, start, end) or any(start <= e and b <= end for b, e, _ in since):
            s.blockers.append("it changes a sentence that differs between the copy and the sources as they now "
                              "stand (changed since the copy was built, or typed without Track Changes)")
            return
        shift = sum(len(w) - (e - b) for b, e, w in since if e < start)
        edits.append((start + shift, end + shift, words))
    s.edits = edits
    if edits:
        s.notes.append("the paragraph has changed since the copy was built (or was edited without Track Changes): "
                       "the consultee's change is made in the words the sources have now")
    if made:
        s.notes.append("the sources already have " + ("this change" if made == 1 and not edits else
                                                      f"{made} of its changes"))


def _sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence (or clause ended by ';' or ':') of a paragraph, the spaces after it included."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _touched(sentences: list[tuple[int, int]], start: int, end: int) -> set[int]:
    """The sentences an edit of [start, end) reaches; an insertion between two sentences reaches neither."""
    if start == end:
        return {k for k, (b, e) in enumerate(sentences) if b < start < e}
    return {k for k, (b, e) in enumerate(sentences) if start < e and b < end}
