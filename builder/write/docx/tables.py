"""Accessible tables: a described table whose header row repeats on every page and never splits."""
from __future__ import annotations

from .canvas import Canvas, paragraph
from .styles import HEADER_FILL, TEXT_WIDTH
from .xml import el, text_el, val


def table(canvas: Canvas, caption: str, description: str, headers: tuple[str, ...], widths: tuple[int, ...],
          rows) -> object:
    """rows: (mark, cells) where each cell is a list of run-level elements; mark is "", "ins" or "del"."""
    scale = TEXT_WIDTH / sum(widths)
    twips = [int(w * scale) for w in widths]
    tbl = el("w:tbl", _table_properties(caption, description), el("w:tblGrid", *(el("w:gridCol", w=w) for w in twips)))
    header = el("w:tr", el("w:trPr", el("w:cantSplit"), el("w:tblHeader")))
    for text, width in zip(headers, twips):
        header.append(_cell(width, [el("w:r", text_el(text))], "TableHeading", fill=HEADER_FILL))
    tbl.append(header)
    for mark, cells in rows:
        tr = el("w:tr", el("w:trPr", el("w:cantSplit")))
        canvas.revisions.mark_row(tr, mark)
        for contents, width in zip(cells, twips):
            tr.append(_cell(width, contents, "TableText"))
        tbl.append(tr)
    return tbl


def _table_properties(caption: str, description: str):
    return el("w:tblPr", val("w:tblStyle", "TableGrid"), el("w:tblW", w=5000, type="pct"),
              el("w:tblLayout", type="fixed"),
              el("w:tblLook", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1),
              val("w:tblCaption", caption), val("w:tblDescription", description))


def _cell(width: int, contents, style: str, fill: str = ""):
    tcpr = el("w:tcPr", el("w:tcW", w=width, type="dxa"))
    if fill:
        tcpr.append(el("w:shd", val="clear", color="auto", fill=fill))
    return el("w:tc", tcpr, paragraph(style, contents=contents))
