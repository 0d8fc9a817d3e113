"""The Word document for the Constitution, read back with python-docx and lxml (fast: no LibreOffice).

Built from the mini tree and from the shipped protocol, whatever it holds today.
"""
from __future__ import annotations

import subprocess
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx
import pytest

from builder.load import load_tree
from builder.number import numbers
from builder.filenames import word_name
from builder.view import plain_view
from builder.write.docx import write_docx

from conftest import MINI, REPO, assert_no_traceback, run_cli
import clients
from docx_read import NS, num_of, para_text, part, q, style_of

TREES = {"mini": MINI, "shipped": REPO}


@pytest.fixture(scope="module", params=sorted(TREES))
def built(request, tmp_path_factory):
    protocol, _ = load_tree(TREES[request.param])
    path = tmp_path_factory.mktemp(request.param) / word_name(protocol)
    write_docx(protocol, path)
    return protocol, path


def _body_paragraphs(path: Path):
    return part(path).find("w:body", NS).findall("w:p", NS)


def test_build_names_the_file_with_title_and_version(mini_tree, tmp_path):
    proc = run_cli("build", "--no-site", "--root", str(mini_tree), "--out", str(tmp_path / "out"))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "member-officer-relations-protocol-v1.1-draft.docx").is_file()


def test_styles_numbering_and_properties_read_back(built):
    protocol, path = built
    document = docx.Document(str(path))
    names = {s.name for s in document.styles}
    assert {"Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Body Text", "List Number",
            "List Number 2", "List Bullet", "TOC Heading", "Header", "Footer", "Hyperlink"} <= names
    for level, size in ((1, 16), (2, 13), (3, 12)):
        style = document.styles[f"Heading {level}"]
        assert style.font.bold and style.font.size.pt == size and style.font.name is None  # font from defaults
    levels = part(path, "word/numbering.xml").findall("w:abstractNum/w:lvl", NS)
    shape = [(lv.find("w:numFmt", NS).get(q("val")), lv.find("w:lvlText", NS).get(q("val"))) for lv in levels]
    assert shape[:3] == [("decimal", "%1"), ("decimal", "%1.%2"), ("lowerLetter", "(%3)")]
    core = document.core_properties
    meta = protocol.meta
    assert (core.title, core.author, core.language) == (meta.title, meta.owner, meta.language)
    assert meta.version in core.subject and meta.council in core.subject
    assert core.modified == datetime.fromisoformat(meta.date).replace(tzinfo=timezone.utc)
    first = min([r.date for r in protocol.history] + [meta.date])
    assert core.created == datetime.fromisoformat(first).replace(tzinfo=timezone.utc)
    assert part(path, "word/styles.xml").find("w:docDefaults//w:lang", NS).get(q("val")) == "en-GB"


def test_the_package_has_no_stock_template_leftovers(built):
    _, path = built
    names = zipfile.ZipFile(path).namelist()
    assert not [n for n in names if "stylesWithEffects" in n or "customXml" in n or "thumbnail" in n]
    assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]


def _simulate_numbering(paragraphs) -> list[str]:
    """Word's numbering of our multi-level list: a counter per level, deeper levels restart."""
    counters = [0, 0, 0]
    labels = []
    for p in paragraphs:
        num_id, ilvl = num_of(p)
        if num_id != "1":
            continue
        level = int(ilvl)
        counters[level] += 1
        counters[level + 1:] = [0] * (2 - level)
        labels.append(["%d" % counters[0], "%d.%d" % tuple(counters[:2]), "(%s)" % chr(96 + counters[2])][level])
    return labels


def test_every_section_paragraph_and_item_is_real_list_numbering_equal_to_the_model(built):
    protocol, path = built
    view = plain_view(protocol)
    numbered = [b for b in view.body if b.kind in ("section", "para", "item")]
    expected = [b.number if b.kind != "item" else b.number[b.number.index("("):] for b in numbered]
    paragraphs = _body_paragraphs(path)
    assert _simulate_numbering(paragraphs) == expected
    listed = [(style_of(p), num_of(p)[1], para_text(p)) for p in paragraphs if num_of(p)[0] == "1"]
    kinds = {"section": ("Heading1", "0"), "para": ("ListNumber", "1"), "item": ("ListNumber2", "2")}
    assert listed == [(*kinds[b.kind], b.text) for b in numbered]
    # a cross-reference shows the current number and links to its target
    refs = [(r, b) for b in view.body for r in b.runs if r.ref]
    nums = numbers(protocol)
    anchors = {bm.get(q("name")) for bm in part(path).iter(q("bookmarkStart"))}
    links = {(h.get(q("anchor")), para_text(h)) for h in part(path).iter(q("hyperlink"))}
    for run, _ in refs:
        if run.ref in nums:
            assert run.text == nums[run.ref]
            assert any(a in anchors and t == run.text for a, t in links)


def test_two_builds_are_byte_identical(built, tmp_path):
    protocol, path = built
    again = tmp_path / "again.docx"
    write_docx(protocol, again)
    assert again.read_bytes() == path.read_bytes()
    assert {i.date_time for i in zipfile.ZipFile(again).infolist()} == {(1980, 1, 1, 0, 0, 0)}


def _contrast(a: str, b: str) -> float:
    def luminance(hex_: str) -> float:
        channels = [int(hex_[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def test_accessibility(built):
    protocol, path = built
    root = part(path)
    paragraphs = _body_paragraphs(path)
    # heading levels never skip, starting at 1
    levels = [int(style_of(p)[-1]) for p in paragraphs if style_of(p).startswith("Heading")]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    # no empty paragraphs used as spacing, in the body or in table cells
    assert all(para_text(p).strip() for p in root.iter(q("p"))), "empty paragraph"
    # every table has a repeating header row of non-empty cells and a caption
    for tbl in root.iter(q("tbl")):
        first = tbl.find("w:tr", NS)
        assert first.find("w:trPr/w:tblHeader", NS) is not None
        assert all(para_text(tc).strip() for tc in first.findall("w:tc", NS))
        assert tbl.find("w:tblPr/w:tblCaption", NS).get(q("val"))
    # colour contrast: text colours on white, table header text on the fill of the header cells
    fills = {shd.get(q("fill")) for tbl in root.iter(q("tbl")) for shd in tbl.find("w:tr", NS).iter(q("shd"))}
    assert len(fills) == 1, fills
    styles = part(path, "word/styles.xml")
    colours = {}
    for style in styles.findall("w:style", NS):
        color = style.find("w:rPr/w:color", NS)
        if color is None:
            continue
        colours[style.get(q("styleId"))] = color.get(q("val"))
        background = fills.copy().pop() if style.get(q("styleId")) == "TableHeading" else "FFFFFF"
        assert _contrast(color.get(q("val")), background) >= 4.5, style.get(q("styleId"))
    assert "TableHeading" in colours
    assert not list(root.iter(q("color"))), "direct colour in the body"
    # title and language set
    document = docx.Document(str(path))
    assert document.core_properties.title == protocol.meta.title
    assert document.core_properties.language == "en-GB"


def test_front_matter_title_page_and_contents_field(built):
    protocol, path = built
    paragraphs = _body_paragraphs(path)
    first = [(style_of(p), para_text(p)) for p in paragraphs[:3]]
    assert first[:2] == [("Subtitle", protocol.meta.council), ("Title", protocol.meta.title)]
    texts = [para_text(p) for p in paragraphs]
    assert f"Version {protocol.meta.version}" in texts
    assert f"Owner: {protocol.meta.owner}" in texts
    assert any(t.startswith("Status: ") for t in texts)
    instr = "".join(i.text for i in part(path).iter(q("instrText")))
    assert 'TOC \\o "1-2" \\h' in instr
    toc = [(style_of(p), para_text(p).split("\t")[0]) for p in paragraphs if style_of(p).startswith("TOC") and style_of(p) != "TOCHeading"]
    headings = [({"Heading1": "TOC1", "Heading2": "TOC2"}[style_of(p)], para_text(p)) for p in paragraphs
                if style_of(p) in ("Heading1", "Heading2")]
    assert toc == headings  # the stored result already lists every heading, in order
    settings = part(path, "word/settings.xml")
    assert settings.find("w:updateFields", NS).get(q("val")) == "true"


def test_back_matter_glossary_appendix_and_history(built):
    protocol, path = built
    texts = [para_text(p) for p in _body_paragraphs(path)]
    tables = list(part(path).iter(q("tbl")))
    rows = [[para_text(tc) for tc in tr.findall("w:tc", NS)] for tbl in tables for tr in tbl.findall("w:tr", NS)]
    if protocol.glossary:
        assert "Glossary" in texts
        for g in protocol.glossary:
            assert [g.term, g.definition] in rows
    assert ["Version", "Date", "Approved or adopted by", "Summary"] in rows
    for release in protocol.history:
        assert any(r[0] == release.version for r in rows)
    for scenario in protocol.scenarios:
        title = next(t for t in texts if t.endswith(" " + scenario.title))
        at = texts.index(title)
        assert texts[at + 1].startswith("For: ") and texts[at + 2].startswith("Illustrates paragraph")


def test_headers_and_footers(built):
    protocol, path = built
    section = docx.Document(str(path)).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0].text
    assert protocol.meta.title in header and f"Version {protocol.meta.version}" in header
    assert protocol.meta.status.capitalize() in header
    footer = part(path, _footer_part(path))
    instr = " ".join(i.text.strip() for i in footer.iter(q("instrText")))
    assert instr.startswith("PAGE") and "NUMPAGES" in instr
    assert "Page " in para_text(footer) and " of " in para_text(footer)


def _footer_part(path: Path) -> str:
    return next(n for n in zipfile.ZipFile(path).namelist() if n.startswith("word/footer"))


def test_openxml_audit_reports_no_findings(built):
    _, path = built
    proc = subprocess.run([clients.require(clients.openxml_audit(), "openxml-audit"), str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "no findings" in proc.stdout and "Errors: 0" in proc.stdout
