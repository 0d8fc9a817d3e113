"""A paragraph decided in full before it is written as markup.

It stays adjustable until it is added to the canvas: Revisions.join_inserted_paragraph moves an inserted
paragraph mark onto the paragraph before once both are drawn, so draw_lines adds each paragraph only when
the next one is drawn.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .xml import element, empty, properties


@dataclass(eq=False)
class Paragraph:
    style: str = ""  # paragraph style id ("" for none)
    num: str = ""  # the w:numPr markup ("" when not numbered)
    keep_next: bool = False
    page_break: bool = False
    mark: str = ""  # the revision on the paragraph mark (w:pPr/w:rPr), written by Revisions
    contents: list[str] = field(default_factory=list)  # run-level markup, in order (a body block's: one element each)
    before: str = ""  # markup opening what encloses the contents (move range, bookmark), outermost first
    after: str = ""  # and closing it, innermost first

    def enclose(self, start: str, end: str) -> None:
        """Put markup around the contents, outside whatever already encloses them."""
        self.before = start + self.before
        self.after += end

    def properties(self) -> tuple:
        """What the paragraph looks like, without the revision on its mark."""
        return self.style, self.num, self.keep_next, self.page_break

    def xml(self) -> str:
        """The w:p, its properties in schema order: pStyle, keepNext, pageBreakBefore, numPr, rPr."""
        ppr = (
            (empty("w:pStyle", val=self.style) if self.style else "")
            + (_KEEP_NEXT if self.keep_next else "")
            + (_PAGE_BREAK if self.page_break else "")
            + self.num
            + properties("w:rPr", self.mark)
        )
        return element("w:p", f"{properties('w:pPr', ppr)}{self.before}{''.join(self.contents)}{self.after}")


_KEEP_NEXT, _PAGE_BREAK = empty("w:keepNext"), empty("w:pageBreakBefore")
