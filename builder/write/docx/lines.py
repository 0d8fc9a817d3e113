"""The view's lines drawn as Word paragraphs: a style per kind of line, list numbering, links and change marks.

In a redline the marks are revisions, placed as builder.write.docx.placement
says. In the agenda pack's copy (the canvas draws marks as formatting) there is
no list numbering, since a PDF has none: each number is written as text from the
view, an old number struck through beside the new one, and every changed
paragraph has a change bar; two paragraphs merged into one are drawn as one.
"""
from __future__ import annotations

from ...view import Line, Mark, Run, renumbering
from .canvas import Canvas, TocEntry
from .formatting import CHANGE_BAR, GAP
from .numbering import LIST_LEVEL, num_pr
from .paragraph import Paragraph
from .placement import place
from .revisions import effect_of, run_mark
from .styles import PARAGRAPH
from .tables import paragraph_table
from .xml import TAB, element, empty, link

BOOKMARKED = ("section", "heading", "para", "scenario")
_NONE: frozenset = frozenset()
TOC_LEVEL = {"section": 1, "heading": 2, "scenario": 2}
KEEP_WITH_NEXT = ("meta", "part")
NUMBERED = ("section", "para", "item")  # the kinds whose number is written as text in the agenda pack's copy
# (left indent, hanging indent) in twips for a number written as text, by list level: room for an old and a new
# number side by side ("(f) (e)", "18.3 19.3": 2.6 cm, since 2 cm let a pair of two-digit numbers run into the text)
TEXT_INDENTS = {0: (1474, 1474), 1: (1474, 1474), 2: (2324, 850)}


def reserve_bookmarks(canvas: Canvas, lines) -> None:
    """Bookmark names for every linkable line, so references can point forwards."""
    for b in lines:
        if b.kind in BOOKMARKED and effect_of(b.mark) != "del":
            canvas.claim_bookmark("p", b.key)


def draw_lines(canvas: Canvas, lines, *, first_page_break: bool = False) -> None:
    breaks = _first_lines(lines) if first_page_break else set()
    looks = [_look(line, i in breaks) for i, line in enumerate(lines)]
    if not canvas.marks.tracked:
        _render_lines(canvas, lines, looks)
        return
    placement = place(lines, looks)
    for i, line in enumerate(lines):
        if line.kind == "table":  # a table ends its paragraph (its look is None: nothing joins across it)
            canvas.add(draw_table(canvas, line))
            continue
        if not placement.later[i]:  # (most lines: no need to enter later(), outside which nothing is dated later)
            canvas.add(draw_line(canvas, line, looks[i], placement.marks[i], plain_move=placement.plain[i],
                                 before=placement.before[i]))
            continue
        with canvas.marks.later():
            canvas.add(draw_line(canvas, line, looks[i], placement.marks[i], plain_move=placement.plain[i],
                                 before=placement.before[i]))


def _look(line: Line, page_break: bool) -> tuple | None:
    """What the line's paragraph looks like (Paragraph's first fields: style, numbering, keep with next, page
    break); None for a line not drawn as a paragraph (placement moves no revision across it)."""
    if line.kind not in PARAGRAPH:
        return None
    return PARAGRAPH[line.kind], num_pr(line.kind), line.kind in KEEP_WITH_NEXT, page_break


def _first_lines(lines) -> set[int]:
    """Where the page break before the body goes: on the first line, and, in a redline, also on the first
    line that survives "accept all" and the first that survives "reject all", so both start a new page."""
    marks = [effect_of(b.mark) for b in lines]
    firsts = {0} if lines else set()
    for gone in ("del", "ins"):
        firsts.update(i for i in [next((i for i, m in enumerate(marks) if m != gone), None)] if i is not None)
    return firsts


def draw_line(canvas: Canvas, line: Line, look: tuple, mark: str, *, plain_move: bool = False,
              before: tuple | None = None) -> Paragraph:
    """The paragraph of one line; `mark` is the revision on its paragraph mark, `plain_move` says a moved
    line's renumbered references are drawn as moved text, their old numbers left out, and `before` is the
    look its paragraph had in the old version where that differs (builder.write.docx.placement)."""
    whole = effect_of(line.mark)
    p = Paragraph(*look)
    canvas.marks.mark_paragraph(p, mark)
    canvas.marks.mark_look(p, before)
    runs = coalesced(line.runs)
    renumbered = renumbering(runs) if line.mark in ("", "move-to") and len(runs) > 1 else _NONE
    if plain_move:
        runs = tuple(r for k, r in enumerate(runs) if not (k in renumbered and r.mark == "del"))
        renumbered = _NONE
    for i, run in enumerate(runs):
        if i in renumbered:  # the renumbering's own marks, inside a moved paragraph too
            content = draw_run(canvas, run, run.mark, renumbering=True, moved=line.mark)
        else:
            content = draw_run(canvas, run, run_mark(line.mark, run.mark))
        if not canvas.marks.tracked and _replaced(line.mark, runs, i):  # in print, old words stand apart from the new
            content += canvas.marks.run(GAP, "", "")
        if content:
            p.contents.append(content)
    name = canvas.bookmarks.get(line.key, "") if whole != "del" and line.kind in BOOKMARKED else ""
    canvas.bookmark(p, name)
    canvas.marks.move_range(p, line.mark, line.move)
    if line.kind in TOC_LEVEL:  # the contents (a field result) show a moved heading as deleted and inserted
        entry = tuple((r.text, effect_of(run_mark(line.mark, r.mark))) for r in runs if r.text)
        number, renumbered_only = _toc_number(line)
        canvas.toc.append(TocEntry(TOC_LEVEL[line.kind], entry, name, whole, number, renumbered_only))
    return p


def draw_table(canvas: Canvas, line: Line) -> str:
    """A paragraph's table: each row inserted, deleted or kept, each cell's words with their own marks. Its
    caption and description (announced by screen readers) are the same in every version, since a table's
    properties cannot be tracked: accepting or rejecting a redline must give each version's own document."""
    rows = [(effect_of(row.mark), ["".join(draw_run(canvas, r, run_mark(row.mark, r.mark)) for r in cell)
                                   for cell in row.cells]) for row in line.rows]
    return paragraph_table(canvas, TABLE_CAPTION, TABLE_DESCRIPTION, rows,
                           lambda r, c: "".join(run.text for run in line.rows[r].cells[c]))


TABLE_CAPTION = "Table"
TABLE_DESCRIPTION = "Part of the numbered paragraph above it. The first row holds the column headings."


def coalesced(runs: tuple[Run, ...]) -> tuple[Run, ...]:
    """Neighbouring runs of plain words with the same mark as one run. LibreOffice reads each run of a
    revision apart and takes a deleted run whose words equal an inserted paragraph's for a move (a paragraph
    moved and amended, whose text up to a reference is its new text); joined, the words are the paragraph's."""
    if len(runs) < 2:
        return runs
    out: list[Run] = []
    for run in runs:
        last = out[-1] if out else None
        if last is not None and run.mark == last.mark and not (run.ref or run.term or last.ref or last.term):
            out[-1] = Run(last.text + run.text, run.mark)
        else:
            out.append(run)
    return tuple(out) if len(out) < len(runs) else runs


def _replaced(mark: str, runs: tuple[Run, ...], i: int) -> bool:
    """Run i is deleted words that the next run replaces, with no space between them."""
    return (not mark and i + 1 < len(runs) and runs[i].mark == "del" and runs[i + 1].mark == "ins"
            and runs[i].text[-1:].strip() != "" and runs[i + 1].text[:1].strip() != "")


def _toc_number(line: Line) -> tuple[tuple[tuple[str, str], ...], bool]:
    """A section's number in the contents as (text, mark) runs, and whether its marks only renumber it."""
    if line.kind != "section" or not line.number:
        return (), False
    if line.mark:
        return ((line.number, effect_of(line.mark)),), False
    if line.old_number and line.old_number != line.number:
        return ((line.old_number, "del"), (line.number, "ins")), True
    return ((line.number, ""),), False


def draw_run(canvas: Canvas, run: Run, mark: Mark, *, renumbering: bool = False, moved: str = "") -> str:
    """One view run as Word content (one element, or '' for no text): a run with its mark, inside a link for
    references. A reference that is only renumbered is marked by the renumbering author (see Revisions);
    inside a moved paragraph its old number is deleted inside the move (`moved`)."""
    if not run.text:
        return ""
    props = _LINK if run.ref else _TERM if run.term else ""
    content = canvas.marks.run(run.text, props, mark, renumbering=renumbering, moved=moved)
    anchor = canvas.bookmarks.get(run.ref, "") if run.ref else ""
    return link(anchor, content) if anchor else content


_LINK, _TERM = empty("w:rStyle", val="Hyperlink"), empty("w:rStyle", val="GlossaryTerm")  # a run's own style


# ---------------------------------------------------------------- the agenda pack's copy

def _render_lines(canvas: Canvas, lines, looks) -> None:
    """Lines with their numbers written as text and a change bar beside each changed one; the second of two
    merged paragraphs joins the first, its old number struck through where it began."""
    joined: Paragraph | None = None
    for line, look in zip(lines, looks):
        if line.kind == "table":
            if joined is not None:
                canvas.add(joined)
                joined = None
            canvas.add(draw_table(canvas, line))
            continue
        style, numbering, *rest = look
        p = draw_line(canvas, line, (style, "" if line.kind in NUMBERED else numbering, *rest), "")
        label = _label(canvas, line, after_merge=joined is not None) if line.kind in NUMBERED else ""
        if _changed(line):
            p.border = CHANGE_BAR
        if joined is not None:
            joined.contents.append(label + p.before + "".join(p.contents) + p.after)
            p = joined
        elif label:
            left, hanging = TEXT_INDENTS[LIST_LEVEL[line.kind][1]]
            p.layout = element("w:tabs", empty("w:tab", val="left", pos=left)) + empty("w:ind", left=left,
                                                                                        hanging=hanging)
            p.contents.insert(0, label + TAB)
        if line.end == "del":
            joined = p
            continue
        joined = None
        canvas.add(p)
    if joined is not None:
        canvas.add(joined)


def _label(canvas: Canvas, line: Line, *, after_merge: bool) -> str:
    """A line's number as runs: unchanged; old struck through beside the new one when renumbered; only the new
    one underlined for a line new here, only the old one struck through for a line gone from here."""
    effect = effect_of(line.mark)
    new = "" if effect == "del" or after_merge else _short(line, line.number)
    old = "" if effect == "ins" else _short(line, line.old_number or (line.number if effect == "del" else ""))
    if old and new and old != new:
        return canvas.marks.run(old, "", "del", renumbering=True) + canvas.marks.run(GAP, "", "") + \
            canvas.marks.run(new, "", "ins", renumbering=True)
    if old and new:
        return canvas.marks.run(new, "", "")
    if new:
        return canvas.marks.run(new, "", line.mark or "ins")
    gone = line.mark or "del"
    return (canvas.marks.run(GAP, "", "") if after_merge else "") + canvas.marks.run(old, "", gone)


def _short(line: Line, number: str) -> str:
    """A sub-item's own letter ('(b)'), not its paragraph's number too."""
    return number[number.find("("):] if line.kind == "item" and "(" in number else number


def _changed(line: Line) -> bool:
    """The line's words or its paragraph changed (a renumbered cross-reference alone is not a change)."""
    if line.mark or line.end or (line.kind in NUMBERED and line.number and not line.old_number):
        return True  # (the last: the second paragraph of a split, new here though its words are not)
    renumbered = renumbering(line.runs)
    return any(r.mark and i not in renumbered for i, r in enumerate(line.runs))
