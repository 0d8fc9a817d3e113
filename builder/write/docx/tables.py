"""Accessible tables: a described table whose header row repeats on every page and never splits."""
from __future__ import annotations

from .canvas import Canvas
from .paragraph import Paragraph
from .styles import HEADER_FILL, TEXT_WIDTH
from .xml import element, empty, properties, run

CANT_SPLIT, REPEAT_HEADER = empty("w:cantSplit"), empty("w:tblHeader")


def table(canvas: Canvas, caption: str, description: str, headers: tuple[str, ...], widths: tuple[int, ...],
          rows) -> str:
    """The w:tbl markup, across the text width in proportion to `widths`. rows: (mark, cells) where each cell
    is run-level markup; mark is "", "ins" or "del"."""
    scale = TEXT_WIDTH / sum(widths)
    twips = [int(w * scale) for w in widths]
    head = row([cell(width(w), [run(text)], "TableHeading", fill=HEADER_FILL) for text, w in zip(headers, twips)],
               CANT_SPLIT + REPEAT_HEADER)
    body = [row([cell(width(w), [contents], "TableText") for contents, w in zip(cells, twips)],
                CANT_SPLIT + canvas.revisions.mark_row(mark)) for mark, cells in rows]
    return element("w:tbl", described(caption, description) + grid(twips) + head + "".join(body))


def described(caption: str, description: str) -> str:
    """The table properties: grid style, full width, fixed layout, a header row, and its caption and
    description (which screen readers announce)."""
    return element("w:tblPr", empty("w:tblStyle", val="TableGrid") + empty("w:tblW", w=5000, type="pct")
                   + empty("w:tblLayout", type="fixed")
                   + empty("w:tblLook", firstRow=1, lastRow=0, firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
                   + empty("w:tblCaption", val=caption) + empty("w:tblDescription", val=description))


def grid(twips: list[int]) -> str:
    return element("w:tblGrid", "".join(empty("w:gridCol", w=w) for w in twips))


def row(cells: list[str], row_properties: str = "") -> str:
    """A w:tr of `cells`; row_properties is the markup inside its w:trPr."""
    return element("w:tr", properties("w:trPr", row_properties) + "".join(cells))


def width(twips: int) -> str:
    """A cell's width in twips (w:tcW)."""
    return empty("w:tcW", w=twips, type="dxa")


def cell(cell_width: str, paragraphs: list[str], style: str, fill: str = "") -> str:
    """A w:tc of `cell_width` (its w:tcW markup) holding one paragraph of `style` for each item of run markup."""
    shading = empty("w:shd", val="clear", color="auto", fill=fill) if fill else ""
    body = "".join(Paragraph(style, contents=[runs]).xml() for runs in paragraphs)
    return element("w:tc", element("w:tcPr", cell_width + shading) + body)
