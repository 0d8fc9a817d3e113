"""The Word writer's markup-as-text helpers (builder/write/docx/xml.py): what they write is already what lxml
writes for the same elements, so the body goes into word/document.xml as text and stays byte-identical to the
elements built one node at a time and serialised by lxml."""
from __future__ import annotations

import re

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import given, strategies as st
from lxml import etree

from builder.write.docx.paragraph import Paragraph
from builder.write.docx.xml import W_NS, element, empty, escape, escape_attr, parse_into, run, styled

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


@given(st.sampled_from(["", "TableText", "A&B"]), st.text(xml_chars), st.booleans())
def test_a_styled_paragraph_is_the_paragraph_record_written(style, text, deleted):
    """styled() writes a table cell's paragraph without the record: the same markup as the record gives."""
    runs = run(text, deleted=deleted) if text else ""
    assert styled(style, runs) == Paragraph(style, contents=[runs]).xml()


def _read(xml: bytes):
    """Parse as lxml reads python-docx's parts, an empty text kept as '' (lxml reads <w:t></w:t> as no text,
    which it writes as <w:t/>; python-docx set such a text to '', which it writes as <w:t></w:t>)."""
    return etree.fromstring(xml.replace(b"></w:t>", b"><![CDATA[]]></w:t>")
                            .replace(b"></w:delText>", b"><![CDATA[]]></w:delText>"))


def _as_lxml_writes_it(markup: str) -> bool:
    """Reading the markup and writing it again with lxml gives the same text."""
    wrapped = f'<w:body xmlns:w="{W_NS}">{markup}</w:body>'.encode("utf-8")
    return etree.tostring(_read(wrapped), encoding="UTF-8") == wrapped


@given(st.text(xml_chars), st.text(xml_chars), st.booleans(), st.booleans())
def test_markup_is_already_in_the_form_lxml_writes(text, value, deleted, spaces):
    assert _as_lxml_writes_it(run(text, empty("w:rStyle", val=value), deleted=deleted, spaces=spaces))
    assert _as_lxml_writes_it(element("w:hyperlink", run(text), anchor=value, history="1"))
    assert _as_lxml_writes_it(element("w:p", ""))  # no content: written <w:p/>, as lxml writes it


def test_every_body_the_writer_makes_is_in_the_form_lxml_writes(tmp_path):
    """The shipped protocol's document, redline and schedule: word/document.xml parses and is written again
    by lxml to exactly the same bytes (the body went in as text)."""
    import zipfile

    from builder.project import compare_latest, load_project
    from builder.write.amendments import write_amendments
    from builder.write.docx import write_docx
    from conftest import REPO

    project = load_project(REPO)
    write_docx(project.draft, tmp_path / "protocol.docx")
    paths = [tmp_path / "protocol.docx", *write_amendments(compare_latest(project), tmp_path)]
    assert len(paths) == 3
    for path in paths:
        xml = zipfile.ZipFile(path).read("word/document.xml")
        assert etree.tostring(_read(xml), xml_declaration=True, encoding="UTF-8", standalone=True) == xml, path.name
