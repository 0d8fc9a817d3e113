"""All WordprocessingML the writers write goes through here: elements, attributes, escaping, runs and links.

The body of a document is written as markup text, exactly as lxml writes the
same elements (python-docx serialises its parts with lxml): so the text goes
straight into word/document.xml (builder.write.docx.package) without being
parsed and written again, and the result is byte for byte what building the
elements one node at a time gave. Building them with lxml cost about 2.5 µs per
element, 150,000 of them in a Constitution-size redline.

What lxml writes, and so what is written here:
- an attribute as name="value", with &, <, >, " and tab, line feed and carriage
  return escaped; text with &, <, > and carriage return escaped; characters XML
  does not allow are dropped (control characters, U+FFFE, U+FFFF);
- an element with no content as <w:name/>; an empty text (w:t) as <w:t></w:t>
  (python-docx set it to '', not to nothing).

Writers name elements and attributes with their prefix (w:, xml:); in keyword
form an attribute is written with w: (`val="x"` is w:val="x", `xml_space` is
xml:space).
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from docx.oxml.parser import element_class_lookup
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# What lxml escapes when it writes text and attribute values (a raw \r, and in attributes \t and \n, would not
# survive a parse: XML normalises line ends and attribute white space); the characters XML does not allow at all
# are dropped.
_TEXT = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f&<>\r\ufffe\uffff]")
_ATTR = re.compile(r'[\x00-\x08\x0b\x0c\x0e-\x1f&<>"\t\n\r\ufffe\uffff]')
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}


def _entity(match: re.Match) -> str:
    return _ENTITY.get(match.group(), "")


def escape(text: str) -> str:
    """Text as XML character data: &, <, > (and \\r) escaped; characters XML does not allow dropped."""
    return _TEXT.sub(_entity, text)


def escape_attr(value: object) -> str:
    """A value for a double-quoted attribute: &, <, >, " (and \\t, \\n, \\r) escaped; the rest as escape()."""
    return _ATTR.sub(_entity, str(value))


def attributes(**values: object) -> str:
    """' w:name="value"' for each keyword (xml_space is xml:space), values escaped (a number needs none)."""
    return "".join(f' {"xml:space" if name == "xml_space" else "w:" + name}='
                   f'"{value if type(value) is int else escape_attr(value)}"' for name, value in values.items())


@lru_cache(maxsize=4096)
def empty(tag: str, /, **values: object) -> str:
    """An element with no content: <w:tag w:attr="value"/> (the same few are written thousands of times)."""
    return f"<{tag}{attributes(**values)}/>"


def start(tag: str, /, **values: object) -> str:
    """The start tag of an element with attributes."""
    return f"<{tag}{attributes(**values)}>"


def element(tag: str, content: str, /, **values: object) -> str:
    """An element around `content` (markup); with no content it is written as lxml writes it, <w:tag/>."""
    if not content:
        return empty(tag, **values)
    if not values:  # most elements (w:p, w:tc, w:tr...): no attributes to write
        return f"<{tag}>{content}</{tag}>"
    return f"{start(tag, **values)}{content}</{tag}>"


def properties(tag: str, children: str) -> str:
    """A properties element (w:pPr, w:rPr, w:tcPr...) when it holds something, else nothing at all."""
    return f"<{tag}>{children}</{tag}>" if children else ""


_PRESERVED = start("w:t", xml_space="preserve")
_PRESERVED_DELETED = start("w:delText", xml_space="preserve")


def run(text: str, props: str = "", *, deleted: bool = False, spaces: bool = True) -> str:
    """A w:r with its text (w:delText inside a deletion); props is the markup inside its w:rPr.

    The text keeps its spaces (xml:space="preserve"); with spaces=False that is said only when the text starts
    or ends with white space, as python-docx does for a run it adds."""
    body = escape(text)
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    if deleted:
        opening = _PRESERVED_DELETED if spaces or text.strip() != text else "<w:delText>"
        return f"<w:r>{rpr}{opening}{body}</w:delText></w:r>"
    opening = _PRESERVED if spaces or text.strip() != text else "<w:t>"
    return f"<w:r>{rpr}{opening}{body}</w:t></w:r>"


TAB = element("w:r", empty("w:tab"))


def styled(style: str, contents: str) -> str:
    """A w:p of `style` holding `contents` (run markup) and nothing else: what
    builder.write.docx.paragraph.Paragraph(style, contents=[contents]).xml() writes, without making the record
    (a table cell's paragraph: tens of thousands of them in a schedule)."""
    if not style:
        return element("w:p", contents)
    return f"<w:p><w:pPr>{empty('w:pStyle', val=style)}</w:pPr>{contents}</w:p>"


def link(anchor: str, contents: str) -> str:
    """Contents linked to a bookmark in the document (anchor: a name made by bookmark_name)."""
    if not contents:
        return empty("w:hyperlink", anchor=anchor, history="1")
    return f'<w:hyperlink w:anchor="{escape_attr(anchor)}" w:history="1">{contents}</w:hyperlink>'


def bookmark(bid: int, name: str) -> tuple[str, str]:
    """The start and end of a bookmark (each bookmark once in a document: not worth keeping in empty's cache)."""
    return f'<w:bookmarkStart w:id="{bid}" w:name="{escape_attr(name)}"/>', f'<w:bookmarkEnd w:id="{bid}"/>'


def revision_start(tag: str, rid: int, by: str) -> str:
    """A revision's start tag (w:ins, w:del, w:moveFrom...) without its closing '>' or '/>': its id, then `by`,
    the author and date attributes (made once by attributes())."""
    return f'<{tag} w:id="{rid}"{by}'



class Ids:
    """One counter for every w:id in the document: revisions and bookmarks never share a number."""

    def __init__(self) -> None:
        self._next = 0

    def take(self) -> int:
        self._next += 1
        return self._next


def bookmark_name(prefix: str, key: str) -> str:
    """A Word bookmark name for a stable id: hidden (leading _), letters/digits/_ only, at most 40 characters."""
    body = re.sub(r"[^A-Za-z0-9]+", "_", key).strip("_")
    name = f"_{prefix}_{body}"
    if len(name) > 40:
        digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
        name = f"{name[:31]}_{digest}"
    return name


# ---------------------------------------------------------------- into a python-docx part

# Every node is kept as written; the elements get python-docx's classes, as if python-docx had made them.
_PARSER = etree.XMLParser(resolve_entities=False)
_PARSER.set_element_class_lookup(element_class_lookup)


def parse_into(markup: str, place) -> None:
    """Parse `markup` (sibling elements, w: prefixed) and hand its elements, in order, to `place` (a parent's
    append, or a sibling's addprevious), which moves each into its python-docx part (a header or footer:
    the body goes into its part as text, builder.write.docx.package).

    The wrapper declares w: as every part's root does, so lxml finds the declaration there when an element
    is moved in and writes none of its own on it. An empty text is read as an empty CDATA section: lxml
    reads <w:t></w:t> as no text at all, which it would write back as <w:t/>."""
    markup = markup.replace("></w:t>", "><![CDATA[]]></w:t>").replace("></w:delText>", "><![CDATA[]]></w:delText>")
    node = next(iter(etree.fromstring(f'<w:body xmlns:w="{W_NS}">{markup}</w:body>', _PARSER)), None)
    while node is not None:
        following = node.getnext()
        place(node)
        node = following
