"""Our own accept-all / reject-all on WordprocessingML, used by the redline tests, and its tests.

accept: w:del content removed, w:ins unwrapped; a paragraph whose mark is deleted
joins the next paragraph (which keeps its own properties); deleted table rows go.
reject: the mirror image (w:delText becomes w:t). The result is compared with a
clean build paragraph by paragraph: (style, list level, list id, text), which
fixes every list number Word computes.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def document_xml(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read("word/document.xml"))


def resolve(root: etree._Element, mode: str) -> etree._Element:
    """accept or reject every revision in a copy of the document element."""
    root = etree.fromstring(etree.tostring(root))
    drop, keep = ("del", "ins") if mode == "accept" else ("ins", "del")
    drop_tags = {q(drop), q("moveFrom" if mode == "accept" else "moveTo")}
    keep_tags = {q(keep), q("moveTo" if mode == "accept" else "moveFrom")}
    # table rows
    for tr in list(root.iter(q("tr"))):
        trpr = tr.find(q("trPr"))
        if trpr is not None:
            if any(c.tag in drop_tags for c in trpr):
                tr.getparent().remove(tr)
                continue
            for c in [c for c in trpr if c.tag in keep_tags]:
                trpr.remove(c)
    # a paragraph's old look (w:pPrChange): accepting drops it, rejecting puts it back
    for change in list(root.iter(q("pPrChange"))):
        ppr = change.getparent()
        if mode == "reject":
            for c in [c for c in ppr if c.tag not in (q("rPr"), q("pPrChange"))]:
                ppr.remove(c)
            old = change.find(q("pPr"))
            for k, c in enumerate(list(old) if old is not None else []):
                ppr.insert(k, c)
        ppr.remove(change)
    # paragraph marks
    for p in list(root.iter(q("p"))):
        rpr = p.find("w:pPr/w:rPr", NS)
        if rpr is None:
            continue
        marks = [c for c in rpr if c.tag in drop_tags | keep_tags]
        for c in marks:
            rpr.remove(c)
        if any(c.tag in drop_tags for c in marks):
            p.set("_joined", "1")
    # runs
    for el in list(root.iter(*drop_tags)):
        if el.getparent() is not None and el.getparent().tag != q("rPr"):
            el.getparent().remove(el)
    for el in list(root.iter(*keep_tags)):
        parent = el.getparent()
        if parent is None or parent.tag == q("rPr"):
            continue
        index = parent.index(el)
        for child in list(el):
            parent.insert(index, child)
            index += 1
        parent.remove(el)
    for t in root.iter(q("delText")):
        t.tag = q("t")
    for p in [p for p in root.iter(q("p")) if p.get("_joined")]:
        following = next(p.itersiblings(q("p")), None)
        content = [c for c in p if c.tag != q("pPr")]
        if following is not None and content:
            ppr = following.find(q("pPr"))
            at = 1 if ppr is not None else 0
            for c in content:
                following.insert(at, c)
                at += 1
        p.getparent().remove(p)
    return root


def paragraphs(root: etree._Element) -> list[tuple[str, str, str, str]]:
    """(style, list id, level, text) of each paragraph of the numbered body, glossary and appendix.

    From the first Heading 1 (the first section; the title page and contents
    come before it) up to the version history (document metadata, not text).
    """
    out = []
    started = False
    for p in root.iter(q("p")):
        style = (p.find("w:pPr/w:pStyle", NS).get(q("val")) if p.find("w:pPr/w:pStyle", NS) is not None else "")
        text = "".join(t.text or "" for t in p.iter(q("t"), q("delText")))
        if style == "Heading1":
            started = True
            if text.strip() == "Version history":
                break
        if not started:
            continue
        num = p.find("w:pPr/w:numPr", NS)
        num_id = num.find("w:numId", NS).get(q("val")) if num is not None else ""
        level = num.find("w:ilvl", NS).get(q("val")) if num is not None else ""
        out.append((style, num_id, level, text))
    return out


def revision_count(root: etree._Element) -> int:
    return sum(1 for _ in root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")))


def revision_ids(root: etree._Element) -> list[str]:
    tags = (q("ins"), q("del"), q("moveFrom"), q("moveTo"), q("bookmarkStart"), q("moveFromRangeStart"),
            q("moveToRangeStart"))
    return [el.get(q("id")) for el in root.iter(*tags)]


# ---------------------------------------------------------------- tests of the helper itself

_DOC = f"""<w:document xmlns:w="{W}"><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Title</w:t></w:r></w:p>
<w:p><w:r><w:t>Keep </w:t></w:r><w:del w:id="1" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>old</w:delText></w:r></w:del><w:ins w:id="2" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>new</w:t></w:r></w:ins></w:p>
<w:p><w:pPr><w:pStyle w:val="BodyText"/><w:rPr><w:del w:id="3" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:del w:id="4" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>Gone</w:delText></w:r></w:del></w:p>
<w:p><w:pPr><w:pStyle w:val="ListNumber"/><w:rPr><w:ins w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr><w:ins w:id="6" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:t>Added</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:t>Last</w:t></w:r></w:p>
</w:body></w:document>"""


def test_accept_and_reject_of_a_hand_written_document():
    root = etree.fromstring(_DOC)
    accepted = [t for *_, t in paragraphs(resolve(root, "accept"))]
    rejected = [t for *_, t in paragraphs(resolve(root, "reject"))]
    assert accepted == ["Title", "Keep new", "Added", "Last"]
    assert rejected == ["Title", "Keep old", "Gone", "Last"]
    assert revision_count(root) == 6
    assert revision_count(resolve(root, "accept")) == 0
