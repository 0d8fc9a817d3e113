"""Accessible tables: a described table whose header row repeats on every page and never splits."""
from __future__ import annotations

from .canvas import Canvas
from .styles import HEADER_FILL, TEXT_WIDTH
from .xml import element, empty, properties, run, styled

CANT_SPLIT, REPEAT_HEADER = empty("w:cantSplit"), empty("w:tblHeader")


def table(canvas: Canvas, caption: str, description: str, headers: tuple[str, ...], widths: tuple[int, ...],
          rows, *, header_mark: str = "") -> str:
    """The w:tbl markup, across the text width in proportion to `widths`. rows: (mark, cells) where each cell
    is run-level markup; mark is "", "ins" or "del" (header_mark: the header row's, when the table is new or
    gone in a redline)."""
    scale = TEXT_WIDTH / sum(widths)
    twips = [int(w * scale) for w in widths]
    head = row([cell(width(w), [canvas.marks.run(text, "", header_mark)],
                     "TableHeading", fill=HEADER_FILL) for text, w in zip(headers, twips)],
               CANT_SPLIT + REPEAT_HEADER + canvas.marks.mark_row(header_mark))
    body = [row([cell(width(w), [contents], "TableText") for contents, w in zip(cells, twips)],
                CANT_SPLIT + canvas.marks.mark_row(mark)) for mark, cells in rows]
    return element("w:tbl", described(caption, description) + grid(twips) + head + "".join(body))


PARAGRAPH_INDENT = 851  # twips: where a numbered paragraph's text starts (the list's level-1 indent)


WORD_TWIPS_PER_CHARACTER = 135  # an 11 pt bold character, on average (0.6 em)
CELL_MARGINS = 240  # the table style's left and right cell margins, with a little room


def paragraph_table(canvas: Canvas, caption: str, description: str, rows, cell_text) -> str:
    """The table that ends a numbered paragraph, in line with the paragraph's text. rows: (mark, cells) with the
    header row first, each cell as run-level markup; cell_text(row_index, column) gives a cell's plain words,
    which share out the widths (each column between 8 and 60 characters' worth)."""
    columns = len(rows[0][1])
    lengths = [sum(len(cell_text(r, c)) for r in range(len(rows))) / len(rows) for c in range(columns)]
    shares = [min(max(length, 8.0), 60.0) for length in lengths]
    available = TEXT_WIDTH - PARAGRAPH_INDENT
    words = [max((len(w) for r in range(len(rows)) for w in cell_text(r, c).split()), default=1)
             for c in range(columns)]
    least = [n * WORD_TWIPS_PER_CHARACTER + CELL_MARGINS for n in words]  # the longest word never breaks
    spare = available - sum(least)
    if spare < 0:  # too many long words to keep them whole: share by the words alone
        twips = [int(available * share / sum(shares)) for share in shares]
    else:
        twips = [int(low + spare * share / sum(shares)) for low, share in zip(least, shares)]
    (head_mark, head_cells), body = rows[0], rows[1:]
    head = row([cell(width(w), [contents], "TableHeading", fill=HEADER_FILL) for contents, w in zip(head_cells, twips)],
               CANT_SPLIT + REPEAT_HEADER + canvas.marks.mark_row(head_mark))
    cells = [row([cell(width(w), [contents], "TableText") for contents, w in zip(row_cells, twips)],
                 CANT_SPLIT + canvas.marks.mark_row(mark)) for mark, row_cells in body]
    return element("w:tbl", described(caption, description, indent=PARAGRAPH_INDENT, total=sum(twips))
                   + grid(twips) + head + "".join(cells))


def described(caption: str, description: str, *, indent: int = 0, total: int = 0) -> str:
    """The table properties: grid style, full width (or `total` twips from `indent`), fixed layout, a header
    row, and its caption and description (which screen readers announce)."""
    size = empty("w:tblW", w=total, type="dxa") if total else empty("w:tblW", w=5000, type="pct")
    inset = empty("w:tblInd", w=indent, type="dxa") if indent else ""
    return element("w:tblPr", empty("w:tblStyle", val="TableGrid") + size + inset
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
    body = "".join([styled(style, runs) for runs in paragraphs])
    return element("w:tc", element("w:tcPr", cell_width + shading) + body)
