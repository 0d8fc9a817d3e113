"""Tiny helpers for building WordprocessingML elements with lxml (through python-docx's oxml)."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from docx.oxml.ns import NamespacePrefixedTag, qn
from docx.oxml.parser import oxml_parser
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@lru_cache(maxsize=None)
def _tag(tag: str) -> tuple[str, dict[str, str]]:
    """(Clark name, namespace map) for a prefixed tag, as docx.oxml.OxmlElement works them out."""
    nsptag = NamespacePrefixedTag(tag)
    return nsptag.clark_name, nsptag.nsmap


@lru_cache(maxsize=None)
def _w_attr(name: str) -> str:
    return qn(f"w:{name}")


def _new(tag: str) -> etree._Element:
    """OxmlElement(tag) without re-parsing the prefix each time: the same parser, so the same element classes."""
    clark, nsmap = _tag(tag)
    return oxml_parser.makeelement(clark, attrib=None, nsmap=nsmap)


def el(tag: str, *children, **attrs) -> etree._Element:
    """`el("w:p", child, val="x")`: attributes are given without prefix and put in the w: namespace."""
    node = _new(tag)
    for name, value in attrs.items():
        node.set(_w_attr(name), str(value))
    for child in children:
        if child is not None:
            node.append(child)
    return node


def val(tag: str, value: object) -> etree._Element:
    return el(tag, val=value)


def text_el(text: str, deleted: bool = False) -> etree._Element:
    node = _new("w:delText" if deleted else "w:t")
    node.set(XML_SPACE, "preserve")
    node.text = clean(text)
    return node


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def clean(text: str) -> str:
    """Text that is allowed in XML (control characters dropped)."""
    return _CONTROL.sub("", text)


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
