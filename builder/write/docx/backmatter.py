"""After the protocol: the glossary, the worked examples appendix and the version history."""
from __future__ import annotations

from ...model import Protocol
from ...number import SCENARIO_PREFIX
from ...view import View
from .lines import draw_lines, draw_run, reserve_bookmarks
from .canvas import Canvas, TocEntry
from .paragraph import Paragraph
from .revisions import effect_of, run_mark
from .tables import table
from .wording import history_rows
from .xml import run


def _heading(canvas: Canvas, key: str, text: str) -> None:
    """An unnumbered Heading 1 starting a new page, listed in the contents."""
    p = Paragraph("Heading1", page_break=True, contents=[run(text)])
    name = canvas.claim_bookmark("b", key)
    canvas.bookmark(p, name)
    canvas.toc.append(TocEntry(1, ((text, ""),), name))
    canvas.add(p)


def _text(canvas: Canvas, text: str) -> None:
    canvas.add(Paragraph("BodyText", contents=[run(text)]))


def glossary(canvas: Canvas, view: View) -> None:
    if not view.glossary:
        return
    _heading(canvas, "glossary", "Glossary")
    _text(canvas, "In this protocol these words have the meanings below.")
    rows = []
    for row in view.glossary:
        mark = effect_of(row.mark)
        cells = ["".join(draw_run(canvas, r, run_mark(row.mark, r.mark)) for r in runs)
                 for runs in (row.term, row.definition)]
        rows.append((mark, cells))
    canvas.add(table(canvas, "Glossary", "Each term used in the protocol and what it means.",
                     ("Term", "Meaning"), (3, 7), rows))


def appendix(canvas: Canvas, view: View) -> None:
    if not view.appendix:
        return
    _heading(canvas, "appendix", f"Appendix {SCENARIO_PREFIX}: Worked examples")
    _text(canvas, "These examples are fictional: the people, places and events are invented. Each one shows "
                  "who it is for, the situation, the questions it raises and the paragraphs of the protocol it "
                  "illustrates.")
    reserve_bookmarks(canvas, view.appendix)
    draw_lines(canvas, view.appendix)


def version_history(canvas: Canvas, protocol: Protocol) -> None:
    _heading(canvas, "history", "Version history")
    rows = [("", [run(value) for value in values]) for values in history_rows(protocol)]
    canvas.add(table(canvas, "Version history", "Each version of the protocol: its date, the body that approved "
                     "or adopted it and a summary of the changes.",
                     ("Version", "Date", "Approved or adopted by", "Summary"), (1.6, 2.4, 3, 4), rows))
