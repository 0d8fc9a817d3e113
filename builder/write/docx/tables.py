"""Accessible tables: a described table whose header row repeats on every page and never splits."""
from __future__ import annotations

from .canvas import Canvas
from .paragraph import Paragraph
from .styles import HEADER_FILL, TEXT_WIDTH
from .xml import escape_attr, run


def table(canvas: Canvas, caption: str, description: str, headers: tuple[str, ...], widths: tuple[int, ...],
          rows) -> str:
    """The w:tbl markup. rows: (mark, cells) where each cell is run-level markup; mark is "", "ins" or "del"."""
    scale = TEXT_WIDTH / sum(widths)
    twips = [int(w * scale) for w in widths]
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in twips)
    out = [f"<w:tbl>{_table_properties(caption, description)}<w:tblGrid>{grid}</w:tblGrid>",
           "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
           *(cell(width, [run(text)], "TableHeading", fill=HEADER_FILL) for text, width in zip(headers, twips)),
           "</w:tr>"]
    for mark, cells in rows:
        out.append(f"<w:tr><w:trPr><w:cantSplit/>{canvas.revisions.mark_row(mark)}</w:trPr>")
        out.extend(cell(width, [contents], "TableText") for contents, width in zip(cells, twips))
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def _table_properties(caption: str, description: str) -> str:
    return ('<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>'
            '<w:tblLayout w:type="fixed"/>'
            '<w:tblLook w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
            f'<w:tblCaption w:val="{escape_attr(caption)}"/><w:tblDescription w:val="{escape_attr(description)}"/>'
            "</w:tblPr>")


def cell(width: int, paragraphs: list[str], style: str, fill: str = "") -> str:
    """A w:tc of `width` twips holding one paragraph of `style` for each item of run markup."""
    shading = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
    body = "".join(Paragraph(style, contents=[runs]).xml() for runs in paragraphs)
    return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shading}</w:tcPr>{body}</w:tc>'
