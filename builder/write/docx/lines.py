"""The view's lines drawn as Word paragraphs: a style per kind of line, list numbering, links and revisions."""
from __future__ import annotations

from ...view import Line, Mark, Run
from .canvas import Canvas, TocEntry
from .numbering import num_pr
from .paragraph import Paragraph
from .revisions import effect_of, run_mark
from .styles import PARAGRAPH
from .xml import empty, link, run as run_xml

BOOKMARKED = ("section", "heading", "para", "scenario")
TOC_LEVEL = {"section": 1, "heading": 2, "scenario": 2}
KEEP_WITH_NEXT = ("meta", "part")


def reserve_bookmarks(canvas: Canvas, lines) -> None:
    """Bookmark names for every linkable line, so references can point forwards."""
    for b in lines:
        if b.kind in BOOKMARKED and effect_of(b.mark) != "del":
            canvas.claim_bookmark("p", b.key)


def draw_lines(canvas: Canvas, lines, *, first_page_break: bool = False) -> None:
    breaks = _first_lines(lines) if first_page_break else set()
    previous = None  # added to the canvas only once the next is drawn: the join may still change it
    for i, line in enumerate(lines):
        p = draw_line(canvas, line, page_break=i in breaks)
        if previous is not None:
            canvas.revisions.join_inserted_paragraph(previous, p)
            canvas.add(previous)
        previous = p
    if previous is not None:
        canvas.add(previous)


def _first_lines(lines) -> set[int]:
    """Where the page break before the body goes: on the first line, and, in a redline, also on the first
    line that survives "accept all" and the first that survives "reject all", so both start a new page."""
    marks = [effect_of(b.mark) for b in lines]
    firsts = {0} if lines else set()
    for gone in ("del", "ins"):
        firsts.update(i for i in [next((i for i, m in enumerate(marks) if m != gone), None)] if i is not None)
    return firsts


def draw_line(canvas: Canvas, line: Line, *, page_break: bool = False) -> Paragraph:
    mark = effect_of(line.mark)
    name = ""
    p = Paragraph(PARAGRAPH[line.kind], num=num_pr(line.kind), page_break=page_break,
                  keep_next=line.kind in KEEP_WITH_NEXT)
    canvas.revisions.mark_paragraph(p, line.mark)
    renumbered = renumbering(line.runs) if not line.mark else set()
    for i, run in enumerate(line.runs):
        content = draw_run(canvas, run, run_mark(line.mark, run.mark), renumbering=i in renumbered)
        if content:
            p.contents.append(content)
    if mark != "del" and line.kind in BOOKMARKED:
        name = canvas.bookmarks.get(line.key, "")
        canvas.bookmark(p, name)
    canvas.revisions.move_range(p, line.mark, line.move)
    if line.kind in TOC_LEVEL:  # the contents (a field result) show a moved heading as deleted and inserted
        runs = tuple((r.text, effect_of(run_mark(line.mark, r.mark))) for r in line.runs if r.text)
        canvas.toc.append(TocEntry(TOC_LEVEL[line.kind], runs, name if mark != "del" else "", mark))
    return p


def renumbering(runs) -> set[int]:
    """Indexes of the runs that only renumber a cross-reference: a deleted reference directly followed by an
    inserted one to the same target (the source still points at the same paragraph; its number changed)."""
    out: set[int] = set()
    for i in range(len(runs) - 1):
        a, b = runs[i], runs[i + 1]
        if a.ref and a.mark == "del" and b.mark == "ins" and b.ref == a.ref and not a.term and not b.term:
            out.update((i, i + 1))
    return out


def draw_run(canvas: Canvas, run: Run, mark: Mark, *, renumbering: bool = False) -> str:
    """One view run as Word content (one element, or '' for no text): a run (in w:ins/w:del when marked),
    inside a link for references. A reference that is only renumbered is marked by the renumbering author
    (see Revisions)."""
    if not run.text:
        return ""
    style = "Hyperlink" if run.ref else "GlossaryTerm" if run.term else ""
    props = empty("w:rStyle", val=style) if style else ""
    content = canvas.revisions.wrap(mark, run_xml(run.text, props, deleted=mark == "del"), renumbering=renumbering)
    anchor = canvas.bookmarks.get(run.ref, "") if run.ref else ""
    return link(anchor, content) if anchor else content
