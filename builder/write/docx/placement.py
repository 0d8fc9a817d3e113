"""Where each paragraph mark's revision goes, and whose revisions are dated later: a redline LibreOffice reads
as Word does.

Word and the spec resolve a removed paragraph mark by joining its paragraph to
the next, which keeps the next one's properties. LibreOffice 7.4 gets three
things wrong that the markup can avoid (what each rule below is for; the
evidence is in docs/libreoffice.md):

- After a whole deleted (inserted, moved) paragraph, LibreOffice leaves the
  paragraph *after* it out of one of its two list counts, so every later number
  shows one too low ("1.10[2.2]"); and where the paragraph before ends in
  inserted words it gives the joined paragraph the deleted one's list level. So
  for a run of whole paragraphs of one kind, each paragraph-mark revision moves
  one paragraph up: the paragraph before the run carries the first one's, and
  the last in the run is left unmarked. That is the same document (the
  paragraph before and the run's last have the same properties, the only case
  where it is done) and it is how Word itself records typing Enter at the end
  of a paragraph and then the new text.
- LibreOffice cannot remove a paragraph mark just before a table: "reject all"
  leaves an inserted paragraph that ends where its table begins as an empty
  numbered paragraph; and it gives the glossary's heading after a run of
  inserted paragraphs at the end of the body (a new paragraph's sub-items) the
  run's look. So a run of whole inserted (or moved-to) paragraphs followed by a
  table or by the end of the body moves its marks up even when the
  paragraph before the run looks different; the run's last paragraph then
  records that look as its old one (w:pPrChange), so rejecting gives the
  joined paragraph the look it had, in Word, LibreOffice and pandoc. (LibreOffice ignores a w:pPrChange in a
  paragraph whose words are all deleted, so a run of deleted paragraphs ending
  at a table cannot be helped: docs/libreoffice.md, R4.) A run that ends in a
  heading keeps its own marks: pandoc reads no paragraph-mark revision on a
  heading and joins nothing into one, so its Reject All would carry the
  paragraph before the run past the glossary's heading.
- LibreOffice ignores a move mark on a paragraph whose own text is not moved:
  a move mark that lands on such a paragraph is written as a plain deletion or
  insertion.
- Two insertions by one author at the same time are joined across the
  unchanged paragraph mark between them, which "reject all" then removes too:
  where a paragraph ends in an insertion and the next starts with one, and the
  mark between is not inserted, the second paragraph's revisions are dated two
  minutes later (every other paragraph along a chain).
- A moved paragraph that keeps its own move mark is removed by "reject all" in
  one piece only if nothing else is marked inside it: a renumbered
  cross-reference's marks (by the renumbering author) cut the move in pieces,
  and LibreOffice then joins what is left to the next paragraph with the moved
  one's properties. Where that next paragraph looks different (a sub-heading
  after the last paragraph of a run), the reference's new number is written as
  moved text and its old one left to the paragraph's old place (`plain`).
"""
from __future__ import annotations

from typing import NamedTuple, Sequence

from ...view import Line, renumbering
from .revisions import effect_of

_PLAIN = {"move-to": "ins", "move-from": "del"}


class Placement(NamedTuple):
    marks: list[str]  # the revision on each line's paragraph mark ("" for none)
    later: list[bool]  # the line's revisions are dated later
    plain: list[bool]  # a moved line whose renumbered references are drawn as moved text (no marks inside)
    before: list[tuple | None]  # the look a line's paragraph had in the old version, where it differs (pPrChange)


def place(lines: Sequence[Line], looks: Sequence[tuple | None]) -> Placement:
    """The placement for `lines`, drawn as paragraphs that look like `looks` (style, numbering, keep with next,
    page break: what Paragraph.properties gives), None for a line not drawn as a paragraph (a table), which
    nothing joins across."""
    marks = [line.mark or line.end for line in lines]
    before: list[tuple | None] = [None] * len(lines)
    i, n = 1, len(lines)
    while i < n:
        kind = effect_of(lines[i].mark)
        if not kind or marks[i - 1] or looks[i - 1] is None or looks[i] is None:
            i += 1
            continue
        last = i
        while last + 1 < n and looks[last + 1] is not None and lines[last + 1].mark \
                and effect_of(lines[last + 1].mark) == kind:
            last += 1
        # an inserted run that ends at a table or at the end of these lines (the glossary's heading comes next):
        # LibreOffice's Reject All would leave the run's last paragraph empty before the table, or give the
        # heading the run's look. Not a run that ends in a heading: pandoc joins no paragraph into a heading (its
        # reader reads no paragraph-mark revision on one), and LibreOffice removes an inserted heading there whole
        at_edge = kind == "ins" and (last + 1 == n or looks[last + 1] is None) and not _heading(looks[last])
        if looks[i - 1] == looks[last] or at_edge:
            for k in range(i - 1, last):  # paragraph k takes the mark of paragraph k + 1
                mark = lines[k + 1].mark
                marks[k] = mark if lines[k].mark == mark else _PLAIN.get(mark, mark)
            marks[last] = ""
            if looks[i - 1] != looks[last]:
                before[last] = looks[i - 1]
        i = last + 1
    return Placement(marks, _later(lines, looks, marks), _plain(lines, looks, marks), before)


def _heading(look: tuple) -> bool:
    """A paragraph pandoc reads as a heading (by its style), which no revised paragraph mark joins into."""
    return look[0].startswith("Heading")


def _plain(lines: Sequence[Line], looks, marks: list[str]) -> list[bool]:
    """The moved lines that keep their own move-to mark before a paragraph that looks different."""
    out = [False] * len(lines)
    for i in range(len(lines) - 1):
        if marks[i] == "move-to" and looks[i] is not None and looks[i + 1] is not None and looks[i + 1] != looks[i]:
            out[i] = bool(renumbering(lines[i].runs))
    return out


def _later(lines: Sequence[Line], looks, marks: list[str]) -> list[bool]:
    later = [False] * len(lines)
    for i in range(1, len(lines)):
        if looks[i - 1] is None or looks[i] is None or effect_of(marks[i - 1]) == "ins":
            continue
        end, start = _edge(lines[i - 1], last=True), _edge(lines[i], last=False)
        if end is not None and end == start and end[0] in ("ins", "move-to") and not later[i - 1]:
            later[i] = True
    return later


def _edge(line: Line, *, last: bool) -> tuple[str, bool] | None:
    """The revision a paragraph's text starts (or ends) with: (its mark, by the renumbering author); None when
    that text is unchanged."""
    runs = line.runs
    for k in (range(len(runs) - 1, -1, -1) if last else range(len(runs))):
        run = runs[k]
        if not run.text:
            continue
        if line.mark and (line.mark != "move-to" or not run.mark):
            return line.mark, False
        if not run.mark:
            return None
        renumbered = k in renumbering(runs)  # (only now: most paragraphs' edges are unchanged words)
        if line.mark == "move-to":
            return ("ins", True) if renumbered and run.mark == "ins" else ("move-to", False)
        return run.mark, renumbered
    return None
