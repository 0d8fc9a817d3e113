"""After the protocol: the glossary, the worked examples appendix and the version history."""
from __future__ import annotations

from ...number import SCENARIO_PREFIX
from ...view import DUTY_COLUMNS, View
from .lines import draw_lines, draw_run, reserve_bookmarks
from .canvas import Canvas, TocEntry
from .paragraph import Paragraph
from .revisions import effect_of, run_mark
from .tables import table
from .xml import run

DUTIES_PREFIX = "B"  # the worked examples are Appendix A


def _heading(canvas: Canvas, key: str, text: str, mark: str = "") -> None:
    """An unnumbered Heading 1 starting a new page, listed in the contents (inserted or deleted whole in a
    redline when `mark` says so)."""
    p = Paragraph("Heading1", page_break=True, contents=[canvas.marks.run(text, "", mark)])
    canvas.marks.mark_paragraph(p, mark)
    name = canvas.claim_bookmark("b", key) if mark != "del" else ""
    canvas.bookmark(p, name)
    canvas.toc.append(TocEntry(1, ((text, mark),), name, mark))
    canvas.add(p)


def _text(canvas: Canvas, text: str, mark: str = "") -> None:
    p = Paragraph("BodyText", contents=[canvas.marks.run(text, "", mark)])
    canvas.marks.mark_paragraph(p, mark)
    canvas.add(p)


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


DUTIES_INTRO = ("Each paragraph of this protocol that says \u201cmust\u201d sets a duty. Not meeting it can be evidence in "
                "a complaint under the member code of conduct, or in a case under the employee code of conduct and "
                "the disciplinary policy. This table lists each duty with the obligation or rule whose breach it "
                "can evidence.")


def duties(canvas: Canvas, view: View) -> None:
    """Appendix B: the protocol's duties and the codes of conduct they rest on (the protocol's "teeth")."""
    if not view.duties:
        return
    mark = view.duties_mark
    _heading(canvas, "duties", f"Appendix {DUTIES_PREFIX}: Duties and the codes of conduct", mark)
    _text(canvas, DUTIES_INTRO, mark)
    rows = [(effect_of(row.mark), ["".join(draw_run(canvas, r, run_mark(row.mark, r.mark)) for r in cell)
                                   for cell in row.cells]) for row in view.duties]
    canvas.add(table(canvas, "Duties and the codes of conduct", "Each paragraph that sets a duty, with the member "
                     "code obligation and the officer code or policy rule whose breach it can evidence.",
                     DUTY_COLUMNS, (1.8, 3.2, 2.9, 2.9), rows, header_mark=mark))


def version_history(canvas: Canvas, view: View) -> None:
    """The view's version history: in a redline, a release new since the old version is an inserted row."""
    _heading(canvas, "history", "Version history")
    rows = [(effect_of(row.mark), ["".join(draw_run(canvas, r, run_mark(row.mark, r.mark)) for r in cell)
                                   for cell in row.cells]) for row in view.history]
    canvas.add(table(canvas, "Version history", "Each version of the protocol: its date, the body that approved "
                     "or adopted it and a summary of the changes.",
                     ("Version", "Date", "Approved or adopted by", "Summary"), (1.6, 2.4, 3, 4), rows))
