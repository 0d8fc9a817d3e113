"""Unit tests for the loader: YAML, front matter, the block scanner, inline text, tags, encodings."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from builder.diagnostics import Collector
from builder.load import NotASourceRoot, load_tree
from builder.load.blocks import scan_blocks
from builder.load.files import decode
from builder.load.inlines import parse_inlines, valid_id
from builder.load.yamlsrc import YList, YMap, YScalar, parse_yaml, split_front_matter
from builder.model import Heading, Paragraph, Ref, Term, Text
from conftest import MINI


def codes(diags: Collector) -> list[str]:
    return [d.code for d in diags.sorted()]


def tree(tmp_path: Path, **files: str) -> Path:
    """A copy of the mini tree with some protocol_src files replaced (name with '_' for '.')."""
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    for name, text in files.items():
        (root / "protocol_src" / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return root


# ---------------------------------------------------------------- the mini tree

def test_mini_tree_loads_cleanly():
    protocol, diags = load_tree(MINI)
    assert diags.errors == []
    assert protocol.meta.title == "Member/Officer Relations Protocol"
    assert protocol.meta.version == "1.1"  # quoted: a string, never the float 1.1
    assert protocol.meta.date == "2024-05-07"
    assert protocol.meta.section_order == ("purpose", "roles")
    assert dict(protocol.meta.dates)["standards_committee"] == "2024-03-28"
    assert [s.id for s in protocol.sections] == ["purpose", "roles"]
    purpose = protocol.sections[0]
    assert purpose.title == "Purpose and status of this protocol"
    assert purpose.keywords == ("purpose", "status")
    assert purpose.tags.objectives == ("8.1", "8.6")
    assert [b.id for b in purpose.blocks] == ["purpose-what", "purpose-both", "status-heading", "purpose-status"]
    assert isinstance(purpose.blocks[2], Heading) and purpose.blocks[2].text == "Status"


def test_paragraph_tags_items_refs_and_terms():
    protocol, _ = load_tree(MINI)
    both = protocol.sections[0].blocks[1]
    assert isinstance(both, Paragraph)
    assert both.tags.audiences == ("all-members", "all-officers")
    assert both.tags.principles == ("leadership",)
    assert [i.source.line for i in both.items] == [12, 13]
    assert both.items[0].inlines == (Text("members, and"),)
    status = protocol.sections[0].blocks[3]
    assert status.source.line == 17
    assert Term("Monitoring Officer", "Monitoring Officer") in status.inlines
    assert Ref("roles-members") in status.inlines
    # section tags and paragraph tags add up
    eff = protocol.effective_tags(protocol.sections[0], status)
    assert eff.objectives == ("8.1", "8.6", "8.10")


def test_vocabulary_and_glossary():
    protocol, _ = load_tree(MINI)
    voc = protocol.vocabulary
    assert "8.10" in voc.ids("objectives")  # never the number 8.1
    assert voc.get("audiences", "cabinet-members").part_of == "all-members"
    assert len(voc.areas) == 4
    entry = protocol.glossary_entry("mo")
    assert entry is not None and entry.term == "Monitoring Officer"
    assert entry.source.line == 2


def test_load_tree_refuses_a_folder_without_sources(tmp_path):
    with pytest.raises(NotASourceRoot):
        load_tree(tmp_path / "missing")
    with pytest.raises(NotASourceRoot):
        load_tree(tmp_path)


# ---------------------------------------------------------------- YAML

def test_yaml_keeps_every_scalar_a_string_with_its_line():
    c = Collector()
    node = parse_yaml("a: 8.10\nb: no\nc: 2024-01-01\nd:\n  - 1\n  - x\ne:\n", "f", 5, c)
    assert isinstance(node, YMap) and c.items == []
    assert node.get("a") == YScalar("8.10", 5)
    assert node.get("b").value == "no"
    assert node.get("c").value == "2024-01-01"
    assert isinstance(node.get("d"), YList) and [i.value for i in node.get("d").items] == ["1", "x"]
    assert node.get("d").items[1].line == 10
    assert node.get("e").is_null
    assert node.key_line("c") == 7


@pytest.mark.parametrize("text,line,code", [
    ("a: b: c\n", 1, "S002"),
    ("a: 1\nb: [x, y\n", 2, "S002"),
    ("a: 1\nb: 'open\nc: 2\n", 2, "S002"),
    ("a:\n\t- x\n", 2, "S002"),
    ("a: 1\na: 2\n", 2, "S004"),
    ("a: !!python/object/apply:os.system ['true']\n", 1, "S003"),
    ("a: !!set {x}\n", 1, "S003"),
    ("a: !local x\n", 1, "S003"),
    ("a: =\n", 1, "S003"),  # PyYAML's implicit 'value' tag, refused whichever composer reads it
    ("a: 1\nb: [x, =]\n", 2, "S003"),
])
def test_yaml_problems_have_the_right_line(text, line, code):
    c = Collector()
    parse_yaml(text, "f.yaml", 1, c)
    assert [(d.code, d.line) for d in c.items] == [(code, line)]


def test_yaml_line_offset_in_front_matter():
    c = Collector()
    parse_yaml("title: x\nsummary: a: b\n", "s.md", 2, c)
    assert [(d.code, d.line) for d in c.items] == [("S002", 3)]


def test_yaml_alias_bomb_and_deep_nesting_are_refused():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n" for i in range(8))
    c = Collector()
    assert parse_yaml(bomb, "f", 1, c) is None
    assert codes(c) == ["S002"]
    c = Collector()
    assert parse_yaml("a: " + "[" * 3000 + "]" * 3000, "f", 1, c) is None
    assert codes(c) == ["S002"]


def test_split_front_matter():
    fm, fm_line, body, body_line = split_front_matter("---\ntitle: x\n---\n\nbody\n")
    assert (fm, fm_line, body_line) == ("title: x", 2, 4)
    assert body == "\nbody\n"
    assert split_front_matter("no front matter")[0] is None
    with pytest.raises(ValueError):
        split_front_matter("---\ntitle: x\n")


# ---------------------------------------------------------------- files and encodings

def test_decode_accepts_bom_crlf_and_cr():
    c = Collector()
    assert decode(b"\xef\xbb\xbfa\r\nb\rc\n", "f", c) == "a\nb\nc\n"
    assert c.items == []


@pytest.mark.parametrize("data,line", [
    (b"ok\ncaf\xe9\n", 2),
    (b"a\nb\nc\x00\n", 3),
    (b"a\r\nb\x07\n", 2),
    ("a\nb".encode("utf-16"), 1),
])
def test_decode_rejects_non_text_at_the_line(data, line):
    c = Collector()
    assert decode(data, "f", c) is None
    assert [(d.code, d.line) for d in c.items] == [("S001", line)]


def _lf_tree(tmp_path: Path, name: str, transform) -> Path:
    root = tmp_path / name
    shutil.copytree(MINI, root)
    for path in (root / "protocol_src").iterdir():
        path.write_bytes(transform(path.read_bytes()))
    return root


@pytest.mark.parametrize("transform", [
    lambda b: b"\xef\xbb\xbf" + b,
    lambda b: b.replace(b"\n", b"\r\n"),
    lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"),
], ids=["bom", "crlf", "bom-crlf"])
def test_crlf_and_bom_give_the_same_model(tmp_path, transform):
    plain, plain_diags = load_tree(MINI)
    other, other_diags = load_tree(_lf_tree(tmp_path, "x", transform))
    assert other.sections == plain.sections
    assert other.meta.__dict__ | {"source": None} == plain.meta.__dict__ | {"source": None}
    assert other.glossary == plain.glossary and other.vocabulary == plain.vocabulary
    assert codes(other_diags) == codes(plain_diags)


# ---------------------------------------------------------------- the block scanner

BODY = """
{#one audience=all-members} First line
continued here.
- item a
  continues
- item b

## A heading {#a-heading}

<!-- a comment -->
Paragraph without id.

<!-- a comment
over lines -->
{#two} Two.
"""


def test_scan_blocks():
    blocks = scan_blocks(BODY, 10)
    assert [(b.what, b.line, b.id) for b in blocks] == [
        ("paragraph", 11, "one"), ("heading", 17, "a-heading"), ("paragraph", 20, None), ("paragraph", 24, "two")]
    one = blocks[0]
    assert one.attrs.strip() == "audience=all-members"
    assert one.text == "First line continued here."
    assert [(i.line, " ".join(i.text_lines)) for i in one.items] == [(13, "item a continues"), (15, "item b")]
    assert blocks[1].text == "A heading" and blocks[1].level == 2


def test_scan_blocks_reports_shapes():
    kinds = [(b.what, b.line) for b in scan_blocks("# Top\n\n- orphan\n\n### Deep {#d}\n\n{#x text\n\n<!-- open\n", 1)]
    assert kinds == [("bad-heading", 1), ("orphan-item", 3), ("bad-heading", 5), ("paragraph", 7), ("bad-comment", 9)]
    assert scan_blocks("{#x text\n", 1)[0].attr_ok is False


# ---------------------------------------------------------------- inline text

def test_parse_inlines():
    c = Collector()
    nodes = parse_inlines("See  [[a-b]] and {{political group|political groups}}\n now.", "f", 3, c)
    assert nodes == (Text("See "), Ref("a-b"), Text(" and "), Term("political group", "political groups"), Text(" now."))
    assert c.items == []


@pytest.mark.parametrize("text,code", [
    ("a <script>x</script>", "X001"),
    ("a <img src=x onerror=alert(1)", "X001"),
    ("a <!-- hidden --> b", "X001"),
    ("&lt;b&gt;", "X001"),
    ("see [[open", "R003"),
    ("ask {{open", "R003"),
])
def test_parse_inlines_problems(text, code):
    c = Collector()
    parse_inlines(text, "f", 4, c)
    assert [(d.code, d.line) for d in c.items] == [(code, 4)]


@pytest.mark.parametrize("text", ["if a < b and b > c", "members & officers", "3 <= 4", "a<3"])
def test_plain_text_with_angle_brackets_is_not_html(text):
    c = Collector()
    parse_inlines(text, "f", 1, c)
    assert c.items == []


@pytest.mark.parametrize("value,ok", [
    ("members-contact-staff", True), ("a1", True), ("a" * 60, True), ("a" * 61, False), ("A", False),
    ("a--b", False), ("-a", False), ("a-", False), ("../x", False), ("a/b", False), ("", False), ("a_b", False),
])
def test_valid_id(value, ok):
    assert valid_id(value) is ok


# ---------------------------------------------------------------- loading whole files

def test_section_tags_on_lists_and_comma_lines(tmp_path):
    root = tree(tmp_path, roles__md="---\ntitle: Roles\naudience: everyone, all-members\nobjectives:\n  - \"8.4\"\n---\n\n"
                                     "{#roles-members objectives=8.1,8.2} Members set policy.\n")
    protocol, diags = load_tree(root)
    roles = protocol.sections[1]
    assert roles.tags.audiences == ("everyone", "all-members")
    assert roles.tags.objectives == ("8.4",)
    assert roles.paragraphs[0].tags.objectives == ("8.1", "8.2")
    assert diags.errors == []


def test_broken_section_front_matter_does_not_also_report_missing_title(tmp_path):
    root = tree(tmp_path, roles__md="---\ntitle: Roles\naudience: [everyone\n---\n\n{#roles-members} Members set policy.\n")
    protocol, diags = load_tree(root)
    assert [(d.code, d.line) for d in diags.errors] == [("S002", 3)]
    assert protocol.sections[1].paragraphs[0].id == "roles-members"  # the body is still read


def test_broken_protocol_yaml_still_loads_sections_in_file_order(tmp_path):
    root = tree(tmp_path, protocol__yaml="title: [\n")
    protocol, diags = load_tree(root)
    assert codes(diags) == ["S002"]
    assert [s.id for s in protocol.sections] == ["purpose", "roles"]


def test_section_list_lines_point_at_each_entry(tmp_path):
    text = (MINI / "protocol_src" / "protocol.yaml").read_text() + "  - roles\n  - gone\n"
    root = tree(tmp_path, protocol__yaml=text)
    _, diags = load_tree(root)
    assert [(d.code, d.line) for d in diags.errors] == [("L004", 21), ("L001", 22)]


def test_empty_dates_mapping_is_fine(tmp_path):
    text = (MINI / "protocol_src" / "protocol.yaml").read_text()
    text = text.replace("dates:\n  drafted: 2024-02-12\n  standards_committee: 2024-03-28\n  full_council: 2024-05-21\n",
                        "dates:\n")
    protocol, diags = load_tree(tree(tmp_path, protocol__yaml=text))
    assert diags.errors == [] and protocol.meta.dates == ()


def test_heading_with_an_unclosed_id_is_not_given_a_second_one():
    block = scan_blocks("## Status {#status\n", 1)[0]
    assert block.what == "heading" and block.attr_ok is False and block.id == ""


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system", "!!python/object/apply:subprocess.call",
                                 "!!python/object/new:os.system"])
def test_python_tags_are_reported_and_never_run(tmp_path, tag):
    target = tmp_path / "created-by-yaml"
    c = Collector()
    node = parse_yaml(f"title: {tag} [\"touch {target}\"]\n", "protocol_src/protocol.yaml", 1, c)
    assert [(d.code, d.line) for d in c.items] == [("S003", 1)]
    assert isinstance(node, YMap) and node.get("title").value == ""
    assert not target.exists()
