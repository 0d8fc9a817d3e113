"""A paragraph decided in full before it is written as markup.

Its parts are set while it is drawn (the revision on its mark, the bookmarks and move ranges around its
contents) and it is written once, when it is added to the canvas.
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
    change: str = ""  # the w:pPrChange holding what the paragraph looked like before, written by Revisions
    border: str = ""  # the markup inside w:pBdr (the agenda pack's change bar)
    layout: str = ""  # tab stops and indents (w:tabs, w:ind), for a number written as text
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

    def look_xml(self) -> str:
        """The properties that make its look (pStyle, keepNext, pageBreakBefore, numPr), as markup."""
        return ((empty("w:pStyle", val=self.style) if self.style else "")
                + (_KEEP_NEXT if self.keep_next else "")
                + (_PAGE_BREAK if self.page_break else "")
                + self.num)

    def xml(self) -> str:
        """The w:p, its properties in schema order: pStyle, keepNext, pageBreakBefore, numPr, pBdr, tabs and
        ind, rPr, pPrChange."""
        ppr = (
            self.look_xml()
            + properties("w:pBdr", self.border)
            + self.layout
            + properties("w:rPr", self.mark)
            + self.change
        )
        return element("w:p", f"{properties('w:pPr', ppr)}{self.before}{''.join(self.contents)}{self.after}")


_KEEP_NEXT, _PAGE_BREAK = empty("w:keepNext"), empty("w:pageBreakBefore")
