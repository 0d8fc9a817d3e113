"""The Word writer's markup-as-text helpers: what they write must parse back to what lxml itself would write
for the same element built one node at a time (the writer's output is byte-identical to that older way)."""
from __future__ import annotations

import re

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, strategies as st
from lxml import etree

from builder.write.docx.paragraph import Paragraph
from builder.write.docx.xml import escape, escape_attr, parse_into, run

CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# any character XML allows, and the control characters it does not (text drops them)
xml_chars = st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufffe\uffff")


def parsed(markup: str) -> list:
    out = []
    parse_into(markup, out.append)
    return out


@given(st.text(xml_chars))
def test_a_run_parses_to_what_lxml_writes_for_the_same_text(text):
    r = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = CONTROL.sub("", text)
    r.append(t)
    (node,) = parsed(run(text))
    assert etree.tostring(node) == etree.tostring(r)


@given(st.text(xml_chars.filter(lambda c: not CONTROL.match(c))))
def test_an_attribute_value_parses_back_to_itself(value):
    reference = OxmlElement("w:ins")
    reference.set(qn("w:author"), value)
    (node,) = parsed(f'<w:ins w:author="{escape_attr(value)}"/>')
    assert node.get(qn("w:author")) == value
    assert etree.tostring(node) == etree.tostring(reference)


def test_escaping_markup_characters():
    assert escape('a & b < c > d "e"\r\x07') == 'a &amp; b &lt; c &gt; d "e"&#13;'
    assert escape_attr('a & b < c > d "e"\t\n\r') == "a &amp; b &lt; c &gt; d &quot;e&quot;&#9;&#10;&#13;"


def test_an_empty_text_stays_an_empty_element_with_an_end_tag():
    """python-docx wrote an empty text as <w:t></w:t>, not <w:t/>: the bytes must stay the same."""
    (node,) = parsed(run("\x07", deleted=True))
    assert b'<w:delText xml:space="preserve"></w:delText>' in etree.tostring(node)


def test_moved_elements_declare_no_namespace_of_their_own():
    document = docx.Document()
    body = document.element.body
    parse_into(Paragraph("BodyText", keep_next=True, contents=[run("x & y")]).xml(),
               body.find(qn("w:sectPr")).addprevious)
    written = etree.tostring(document.element).decode()
    assert ('<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:keepNext/></w:pPr>'
            '<w:r><w:t xml:space="preserve">x &amp; y</w:t></w:r></w:p><w:sectPr') in written
    assert written.count("xmlns:w=") == 1


def test_a_paragraph_without_properties_has_no_ppr():
    assert Paragraph(contents=[run("a")]).xml() == '<w:p><w:r><w:t xml:space="preserve">a</w:t></w:r></w:p>'
