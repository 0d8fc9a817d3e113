"""Split the Markdown body of a section file into raw blocks.

The grammar is deliberately small, so that a person can learn it in minutes:

    ## A sub-heading {#heading-id}

    {#paragraph-id audience=all-members objectives=8.2} The text of a numbered
    paragraph, over as many lines as you like.
    - a lettered sub-item, shown as (a)
    - another, shown as (b)

A blank line ends a paragraph. Lines are kept with their numbers so that every
problem can be reported at its line. The same scanner serves the loader and the
`protocol ids` command, so both always agree on where a paragraph starts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

ATTR_BLOCK = re.compile(r"^\{#([^\s}]*)([^}]*)\}[ \t]*(.*)$")
HEADING = re.compile(r"^(#+)[ \t]*(.*?)[ \t]*$")
HEADING_ID = re.compile(r"^(.*?)[ \t]*\{#([^\s}]*)\}$")
ITEM = re.compile(r"^[-*][ \t]+(.*)$")


@dataclass
class RawItem:
    line: int
    text_lines: list[str]


@dataclass
class RawBlock:
    what: str  # "paragraph" | "heading" | "bad-heading" | "orphan-item" | "bad-comment"
    line: int  # 1-based line in the file
    id: str | None  # None when the author has not given one yet
    attrs: str = ""  # the raw attribute text after the id, e.g. " audience=all-members"
    attr_ok: bool = True
    level: int = 0  # heading level (number of '#')
    text_lines: list[str] = field(default_factory=list)
    items: list[RawItem] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(t.strip() for t in self.text_lines)


def scan_blocks(body: str, first_line: int) -> list[RawBlock]:
    """Turn body text (starting at file line `first_line`) into raw blocks."""
    scanner = _Scanner()
    for offset, raw in enumerate(body.split("\n")):
        scanner.line(first_line + offset, raw.rstrip("\r"))
    if scanner.comment_from:
        scanner.blocks.append(RawBlock("bad-comment", scanner.comment_from, None))
    return scanner.blocks


class _Scanner:
    def __init__(self) -> None:
        self.blocks: list[RawBlock] = []
        self.current: RawBlock | None = None
        self.after_blank = True
        self.comment_from = 0  # line where an unfinished '<!--' comment started, 0 when none

    def line(self, line_no: int, line: str) -> None:
        stripped = line.strip()
        if self.comment_from:
            if "-->" in stripped:
                self.comment_from = 0
            return
        if not stripped:
            self.after_blank = True
            return
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            return  # an author's comment line
        if stripped.startswith("<!--") and "-->" not in stripped:
            self.comment_from = line_no  # a comment over several lines
            return
        indented = line[:1].isspace()
        # the patterns are tried only on lines that can match them (their first character)
        heading = HEADING.match(stripped) if stripped[0] == "#" else None
        item = ITEM.match(stripped) if stripped[0] in "-*" and (not indented or self.current is None) else None
        if heading and not indented:
            self.blocks.append(_heading(heading, line_no))
            self.current = None
        elif stripped.startswith("{#"):
            self.paragraph(line_no, stripped)
        else:
            self.text(line_no, line, stripped, item)
        self.after_blank = False

    def paragraph(self, line_no: int, stripped: str) -> None:
        """A numbered paragraph starting with its {#id ...} (or an attribute block that is not closed)."""
        m = ATTR_BLOCK.match(stripped)
        if m:
            self.current = RawBlock("paragraph", line_no, m.group(1), attrs=m.group(2))
            if m.group(3):
                self.current.text_lines.append(m.group(3))
        else:
            self.current = RawBlock("paragraph", line_no, "", attr_ok=False)
            self.current.text_lines.append(stripped)
        self.blocks.append(self.current)

    def text(self, line_no: int, line: str, stripped: str, item: re.Match | None) -> None:
        """A sub-item, or a line continuing the paragraph or item before it, or a paragraph without an id."""
        current = self.current
        if item and (current is None or current.what != "paragraph"):
            orphan = RawBlock("orphan-item", line_no, None)
            orphan.items.append(RawItem(line_no, [item.group(1)]))
            self.blocks.append(orphan)
            self.current = orphan
        elif item and current is not None:
            current.items.append(RawItem(line_no, [item.group(1)]))
        elif current is not None and current.items and (line[:1].isspace() or not self.after_blank):
            current.items[-1].text_lines.append(stripped)
        elif current is not None and current.what == "paragraph" and not self.after_blank:
            current.text_lines.append(stripped)
        else:
            self.current = RawBlock("paragraph", line_no, None)
            self.current.text_lines.append(stripped)
            self.blocks.append(self.current)


def _heading(m: re.Match, line_no: int) -> RawBlock:
    level = len(m.group(1))
    rest = m.group(2)
    idm = HEADING_ID.match(rest)
    if idm:
        block = RawBlock("heading", line_no, idm.group(2), level=level)
        block.text_lines.append(idm.group(1))
    elif "{#" in rest:  # an id was started but not closed: never stamp a second one beside it
        block = RawBlock("heading", line_no, "", level=level, attr_ok=False)
        block.text_lines.append(rest)
    else:
        block = RawBlock("heading", line_no, None, level=level)
        block.text_lines.append(rest)
    if level != 2:
        block.what = "bad-heading"
    return block
