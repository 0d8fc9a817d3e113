"""The reader's numbers: Word's list numbering worked out as Word displays it, and typed numbers read."""
from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from lxml import etree

import import_cases
from builder.cli import main
from builder.read.labels import of_label, typed
from builder.read.numbering import Numbering, format_number

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbering(abstract: str, nums: str) -> Numbering:
    return Numbering(etree.fromstring(f'<w:numbering xmlns:w="{W}">{abstract}{nums}</w:numbering>'))


def lvl(i: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


PROTOCOL = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "decimal", "%1") + lvl(1, "decimal", "%1.%2")
            + lvl(2, "lowerLetter", "(%3)") + "</w:abstractNum>")


def test_a_multilevel_list_restarts_each_level_under_the_one_above():
    n = numbering(PROTOCOL, '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>')
    shown = [n.label("1", level).text for level in (0, 1, 1, 2, 2, 1, 2, 0, 1, 2)]
    assert shown == ["1", "1.1", "1.2", "(a)", "(b)", "1.3", "(a)", "2", "2.1", "(a)"]


def test_a_num_with_start_override_restarts_the_shared_list_where_it_is_first_used():
    """pandoc's way: every list a new num over one abstract list, each restarting at 1."""
    nums = ('<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
            '<w:num w:numId="2"><w:abstractNumId w:val="0"/>'
            '<w:lvlOverride w:ilvl="1"><w:startOverride w:val="5"/></w:lvlOverride></w:num>')
    n = numbering(PROTOCOL, nums)
    assert [n.label("1", 1).text, n.label("1", 1).text, n.label("2", 1).text, n.label("2", 1).text,
            n.label("1", 1).text] == ["1.1", "1.2", "1.5", "1.6", "1.7"]


def test_lvl_restart_zero_never_restarts_and_legal_numbering_shows_decimals():
    abstract = ('<w:abstractNum w:abstractNumId="0">' + lvl(0, "upperRoman", "%1.")
                + lvl(1, "decimal", "%1.%2", extra='<w:lvlRestart w:val="0"/><w:isLgl/>') + "</w:abstractNum>")
    n = numbering(abstract, '<w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>')
    assert [n.label("3", i).text for i in (0, 1, 1, 0, 1)] == ["I.", "1.1", "1.2", "II.", "2.3"]


def test_bullets_numbering_id_zero_and_unknown_lists_show_no_number():
    abstract = '<w:abstractNum w:abstractNumId="0">' + lvl(0, "bullet", "\u2022") + "</w:abstractNum>"
    n = numbering(abstract, '<w:num w:numId="4"><w:abstractNumId w:val="0"/></w:num>')
    assert n.label("4", 0).text == "" and n.label("4", 0).fmt == "bullet"
    assert n.label("0", 0) is None and n.label("99", 0) is None


@pytest.mark.parametrize("value, fmt, shown", [(1, "lowerLetter", "a"), (26, "lowerLetter", "z"), (27, "lowerLetter", "aa"),
                                               (4, "lowerRoman", "iv"), (9, "upperRoman", "IX"), (14, "lowerRoman", "xiv"),
                                               (7, "decimalZero", "07"), (3, "decimal", "3")])
def test_formats(value, fmt, shown):
    assert format_number(value, fmt) == shown


@pytest.mark.parametrize("text, kind, parts, rest", [
    ("4.3 Members must", "decimal", (4, 3), "Members must"),
    ("4.3.\tMembers", "decimal", (4, 3), "Members"),
    ("1. Purpose", "decimal", (1,), "Purpose"),
    ("Section 6: Roles", "decimal", (6,), "Roles"),
    ("4.0 Roles of members", "decimal", (4,), "Roles of members"),
    ("(a) first", "letter", (1,), "first"),
    ("b) second", "letter", (2,), "second"),
    ("(iv) fourth", "roman", (4,), "fourth"),
    ("\u2022 a bullet", "bullet", (), "a bullet"),
])
def test_typed_numbers(text, kind, parts, rest):
    number, left = typed(text)
    assert (number.kind, number.parts, left) == (kind, parts, rest)


@pytest.mark.parametrize("text", ["2024 budget was set", "etc. and so on", "Members must", "£4.3 million"])
def test_text_that_only_looks_numbered(text):
    assert typed(text)[0] is None


def test_a_single_i_is_a_letter_or_a_roman_numeral_and_the_list_format_decides():
    number, _ = typed("(i) item")
    assert (number.kind, number.value, number.alt.kind, number.alt.value) == ("letter", 9, "roman", 1)
    assert of_label("(i)", "lowerRoman").kind == "roman" and of_label("(i)", "lowerLetter").value == 9
    assert of_label("1.2", "decimal").parts == (1, 2)


def _mutations(good: bytes, seed: int) -> bytes:
    """document.xml and numbering.xml with random attribute values and texts: what a damaged file holds."""
    rng = random.Random(seed)
    parts = {}
    with zipfile.ZipFile(io.BytesIO(good)) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    for name in ("word/document.xml", "word/numbering.xml", "word/styles.xml"):
        root = etree.fromstring(parts[name])
        nodes = list(root.iter())
        for node in rng.sample(nodes, min(25, len(nodes))):
            for key in list(node.attrib)[:1]:
                node.set(key, rng.choice(["", "-1", "999999", "x", "%9%1.%", "0", "9", "true", "\u202e"]))
            if rng.random() < 0.2 and node.text:
                node.text = rng.choice(["", "[[", "{{x}}", "<b>", "1.1", "(i)", "\t"])
        parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def test_damaged_documents_never_cause_an_internal_error(tmp_path, capsys):
    good = import_cases.mini_docx()
    for seed in range(30):
        path = tmp_path / f"damaged-{seed}.docx"
        path.write_bytes(_mutations(good, seed))
        code = main(["import", str(path), "--out", str(tmp_path / f"out-{seed}")])
        captured = capsys.readouterr()
        assert code in (0, 1, 2), (seed, captured.err)
        assert "internal error" not in captured.err, (seed, captured.err)
        if code == 2:
            assert not (tmp_path / f"out-{seed}").exists()
    assert not [p for p in Path(tmp_path).iterdir() if p.name.startswith(".")]  # no staging left behind
