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

ATTR_START = re.compile(r"^\{#")
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
    blocks: list[RawBlock] = []
    current: RawBlock | None = None
    after_blank = True
    comment_from = 0  # line where an unfinished '<!--' comment started, 0 when none
    for offset, raw in enumerate(body.split("\n")):
        line_no = first_line + offset
        line = raw.rstrip("\r")
        stripped = line.strip()
        if comment_from:
            if "-->" in stripped:
                comment_from = 0
            continue
        if not stripped:
            after_blank = True
            continue
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            continue  # an author's comment line
        if stripped.startswith("<!--") and "-->" not in stripped:
            comment_from = line_no  # a comment over several lines
            continue
        heading = HEADING.match(stripped)
        item = ITEM.match(stripped) if not line[:1].isspace() or current is None else None
        if heading and not line[:1].isspace():
            current = _heading(heading, line_no)
            blocks.append(current)
            current = None
        elif ATTR_START.match(stripped):
            m = ATTR_BLOCK.match(stripped)
            if m:
                current = RawBlock("paragraph", line_no, m.group(1), attrs=m.group(2))
                if m.group(3):
                    current.text_lines.append(m.group(3))
            else:
                current = RawBlock("paragraph", line_no, "", attr_ok=False)
                current.text_lines.append(stripped)
            blocks.append(current)
        elif item and (current is None or current.what != "paragraph"):
            orphan = RawBlock("orphan-item", line_no, None)
            orphan.items.append(RawItem(line_no, [item.group(1)]))
            blocks.append(orphan)
            current = orphan
        elif item and current is not None:
            current.items.append(RawItem(line_no, [item.group(1)]))
        elif current is not None and current.items and (line[:1].isspace() or not after_blank):
            current.items[-1].text_lines.append(stripped)
        elif current is not None and current.what == "paragraph" and not after_blank:
            current.text_lines.append(stripped)
        else:
            current = RawBlock("paragraph", line_no, None)
            current.text_lines.append(stripped)
            blocks.append(current)
        after_blank = False
    if comment_from:
        blocks.append(RawBlock("bad-comment", comment_from, None))
    return blocks


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
