"""Reading a built .docx back for the Word writer's tests: paragraphs, and accept/reject of revisions in the XML."""
from __future__ import annotations

import copy
import zipfile
from pathlib import Path

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def part(path: Path, name: str = "word/document.xml") -> etree._Element:
    with zipfile.ZipFile(path) as z:
        return etree.fromstring(z.read(name))


def para_text(p) -> str:
    """The text a paragraph shows, deleted text included (w:t and w:delText), tabs as tabs."""
    out = []
    for node in p.iter(q("t"), q("delText"), q("tab")):
        if node.tag == q("tab"):
            if node.getparent().tag == q("r"):
                out.append("\t")
        else:
            out.append(node.text or "")
    return "".join(out)


def style_of(p) -> str:
    s = p.find("w:pPr/w:pStyle", NS)
    return s.get(q("val")) if s is not None else ""


def num_of(p) -> tuple[str, str]:
    n = p.find("w:pPr/w:numPr", NS)
    if n is None:
        return ("", "")
    return (n.find("w:numId", NS).get(q("val")), n.find("w:ilvl", NS).get(q("val")))


def outline(root) -> list[tuple]:
    """Every body paragraph and table row, in order, as plain comparable tuples (bookmarks and ids ignored)."""
    out = []
    body = root.find("w:body", NS)
    for child in body:
        if child.tag == q("p"):
            out.append(("p", style_of(child), num_of(child), para_text(child)))
        elif child.tag == q("tbl"):
            for tr in child.findall("w:tr", NS):
                out.append(("row", tuple(para_text(tc) for tc in tr.findall("w:tc", NS))))
    return out


def _unwrap(node) -> None:
    parent = node.getparent()
    index = parent.index(node)
    for child in reversed(list(node)):
        parent.insert(index, child)
    parent.remove(node)


def resolve(root, keep: str) -> etree._Element:
    """All revisions resolved the way Word does it: keep="ins" accepts every change, keep="del" rejects it.

    Kept revisions are unwrapped (w:delText becoming w:t); dropped ones are removed with their content;
    a paragraph whose mark is dropped merges into the next paragraph; a dropped table row disappears.
    """
    root = copy.deepcopy(root)
    drop = "del" if keep == "ins" else "ins"
    for tr in root.iter(q("tr")):
        if tr.find(f"w:trPr/w:{drop}", NS) is not None:
            tr.getparent().remove(tr)
    for p in list(root.iter(q("p"))):
        mark = p.find(f"w:pPr/w:rPr/w:{drop}", NS)
        if mark is None:
            continue
        content = [c for c in p if c.tag != q("pPr")]
        nxt = p.getnext()
        insert_at = 1 if nxt is not None and nxt.find("w:pPr", NS) is not None else 0
        for c in content:
            if c.tag == q(drop):
                continue  # removed below anyway
            if nxt is None or nxt.tag != q("p"):
                raise AssertionError("a paragraph mark is dropped with nothing to merge into")
            nxt.insert(insert_at, c)
            insert_at += 1
        p.getparent().remove(p)
    for node in list(root.iter(q(drop))):
        parent = node.getparent()
        if parent is not None and parent.tag != q("rPr") and parent.tag != q("trPr"):
            parent.remove(node)
    for node in list(root.iter(q(keep))):
        if node.getparent().tag in (q("rPr"), q("trPr")):
            node.getparent().remove(node)
        else:
            _unwrap(node)
    for dt in root.iter(q("delText")):
        dt.tag = q("t")
    return root


def resolve_moves(root, keep: str) -> etree._Element:
    """`resolve`, with Word moves first rewritten as what they do: a move-from is a deletion at the old place
    (its w:t becoming w:delText), a move-to an insertion at the new one; the range markers go."""
    root = copy.deepcopy(root)
    for tag, as_tag in (("moveFrom", "del"), ("moveTo", "ins")):
        for node in list(root.iter(q(tag))):
            node.tag = q(as_tag)
            if as_tag == "del":
                for t in node.iter(q("t")):
                    t.tag = q("delText")
    for node in list(root.iter(*(q(f"move{side}Range{end}") for side in ("From", "To") for end in ("Start", "End")))):
        node.getparent().remove(node)
    return resolve(root, keep)
