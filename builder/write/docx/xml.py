"""WordprocessingML written as text and parsed once: escaping, runs, links, and the parse into python-docx.

Building the document one lxml element at a time cost about 2.5 µs per element (150,000 of them in a
Constitution-size redline, most of the writer's time); the same markup written as text with f-strings and
parsed in one call costs a fraction of that. Callers write only the w: prefix (and xml:space).
"""
from __future__ import annotations

import hashlib
import re

from docx.oxml.parser import element_class_lookup
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Every node is kept as written (python-docx's own parser drops blank text, which nothing here writes anyway);
# the elements get python-docx's classes, as if python-docx had made them.
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)


def parse_into(markup: str, place) -> None:
    """Parse `markup` (sibling elements, w: prefixed) in one go and hand its elements, in order, to `place`
    (a parent's append, or a sibling's addprevious), which moves each into its python-docx part.

    The wrapper declares w: as every part's root does, so lxml finds the declaration there when an element
    is moved in and writes none of its own on it. The elements are handed over one at a time so that only
    two of their Python proxies exist at once: a list of the body's 14,000 would count as that many new
    objects for the garbage collector, enough to set off a full collection (0.15 s) during the write."""
    node = next(iter(etree.fromstring(f'<w:body xmlns:w="{W_NS}">{markup}</w:body>', _PARSER)), None)
    while node is not None:
        following = node.getnext()
        place(node)
        node = following


# What lxml escapes when it writes text and attribute values (a raw \r, and in attributes \t and \n, would not
# survive the parse: XML normalises line ends and attribute white space); control characters are not allowed in
# XML at all and are dropped from text.
_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r]")
_ATTR = re.compile(r'[&<>"\t\n\r]')
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _entity(match: re.Match) -> str:
    return _ENTITY.get(match.group(), "")


def escape(text: str) -> str:
    """Text as XML character data: control characters dropped; &, <, > (and \\r) escaped."""
    return _TEXT.sub(_entity, text)


def escape_attr(value: object) -> str:
    """A value for a double-quoted attribute: &, <, >, " (and \\t, \\n, \\r) escaped."""
    return _ATTR.sub(_entity, str(value))


def run(text: str, props: str = "", *, deleted: bool = False) -> str:
    """A w:r with its text (w:delText inside a deletion); props is the markup inside its w:rPr.

    An empty text is written as an empty CDATA section: python-docx wrote such a text as <w:t></w:t>, and only
    that parses back to it (an empty element parses to no text at all, which lxml writes <w:t/>)."""
    tag = "w:delText" if deleted else "w:t"
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<{tag} xml:space="preserve">{escape(text) or "<![CDATA[]]>"}</{tag}></w:r>'


TAB = "<w:r><w:tab/></w:r>"


def link(anchor: str, contents: str) -> str:
    """Contents linked to a bookmark in the document (anchor: a name made by bookmark_name)."""
    return f'<w:hyperlink w:anchor="{anchor}" w:history="1">{contents}</w:hyperlink>'


class Ids:
    """One counter for every w:id in the document: revisions and bookmarks never share a number."""

    def __init__(self) -> None:
        self._next = 0

    def take(self) -> int:
        self._next += 1
        return self._next


def bookmark_name(prefix: str, key: str) -> str:
    """A Word bookmark name for a stable id: hidden (leading _), letters/digits/_ only, at most 40 characters
    (nothing to escape in markup)."""
    body = re.sub(r"[^A-Za-z0-9]+", "_", key).strip("_")
    name = f"_{prefix}_{body}"
    if len(name) > 40:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        name = f"{name[:31]}_{digest}"
    return name
