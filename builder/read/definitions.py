"""A glossary from a definitions table or a list of definitions.

A table is a glossary when its header row names a term and its meaning ("Term | Meaning",
"Word | Definition"), or when it stands in a part titled Glossary, Definitions or Interpretation.
Paragraphs in such a part are definitions when they read as one: '"Member" means an elected
councillor', 'Member: an elected councillor', 'Member – an elected councillor'.
"""
from __future__ import annotations

import re

from .draft import Definition

GLOSSARY_TITLE = re.compile(r"^(glossary|definitions?|interpretation|meaning of (words|terms)|key terms|terms used|"
                            r"words used)( and (definitions|interpretation))?( of terms| used in this protocol)?\.?$",
                            re.I)
_HEAD_TERM = re.compile(r"^(term|terms|word|words|expression|phrase|abbreviation)s?$", re.I)
_HEAD_MEANING = re.compile(r"^(meaning|meanings|definition|definitions|what it means|description)$", re.I)
_QUOTES = "\"'\u2018\u2019\u201c\u201d"
_LINE = re.compile(r"^[" + _QUOTES + r"]?(?P<term>[^:" + _QUOTES + r"]{1,80}?)[" + _QUOTES + r"]?"
                   r"(?:\s*:\s+|\s+[\u2013\u2014-]\s+|\s+(?P<means>means|is defined as|refers to)\s+)(?P<rest>.+)$")


def header(row: list[str]) -> bool:
    return len(row) >= 2 and bool(_HEAD_TERM.match(row[0].strip())) and bool(_HEAD_MEANING.match(row[1].strip()))


def from_table(rows: list[list[str]], position: int, titled: bool) -> list[Definition] | None:
    """The definitions in a table, or None when it is not a glossary table."""
    if not rows or len(rows[0]) < 2:
        return None
    if header(rows[0]):
        rows = rows[1:]
    elif not titled:
        return None
    out = []
    for row in rows:
        if len(row) >= 2 and row[0].strip() and row[1].strip():
            out.append(Definition(row[0].strip().strip(_QUOTES), " ".join(row[1:]).strip(), position))
    return out


def from_line(text: str, position: int) -> Definition | None:
    m = _LINE.match(text.strip())
    if not m or len(m.group("term").split()) > 8:
        return None
    rest = m.group("rest").strip()
    if m.group("means"):
        rest = rest[:1].upper() + rest[1:]
    return Definition(m.group("term").strip(), rest, position)
