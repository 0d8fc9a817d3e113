"""The Word document as LibreOffice and pandoc see it, and its first pages as pictures.

LibreOffice's text export prints each paragraph with the number its list
numbering gives it: every section, paragraph and sub-item must read exactly as
the website's numbering of the model says. The PDF and PNG renderings are kept
in tests/artefacts/docx/ (git-ignored) for a person to look at.
"""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.load import load_tree
from builder.filenames import pdf_name, word_name
from builder.view import plain_view
from builder.write.docx import write_docx
from builder.write.pdf import convert, measured_pdf

from conftest import MINI, REPO, assert_no_traceback, run_cli
import clients

pytestmark = pytest.mark.slow
ARTEFACTS = REPO / "tests" / "artefacts" / "docx"
TREES = {"mini": MINI, "shipped": REPO}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    """Both trees built and converted to text by one LibreOffice run: {name: (protocol, docx, lines)}."""
    out = tmp_path_factory.mktemp("lo")
    made = {}
    for name, root in TREES.items():
        protocol, _ = load_tree(root)
        path = out / f"{name}.docx"
        write_docx(protocol, path)
        made[name] = (protocol, path)
    result = {}
    for name, (protocol, path) in made.items():
        txt = convert(path, out, "txt:Text (encoded):UTF8")
        lines = [" ".join(line.split()) for line in txt.read_text(encoding="utf-8-sig").splitlines()]
        result[name] = (protocol, path, [line for line in lines if line])
    return result


def _expected_body(protocol) -> list[str]:
    out = []
    for b in plain_view(protocol).body:
        if b.kind == "table":  # LibreOffice's text export writes a table one cell to a line
            out += [" ".join("".join(r.text for r in cell).split()) for row in b.rows for cell in row.cells]
            continue
        label = {"section": b.number, "para": b.number, "item": b.number[b.number.find("("):]}.get(b.kind, "")
        out.append(" ".join(f"{label} {b.text}".split()))
    return [line for line in out if line]  # an empty cell is no line


def _expected_appendix(protocol) -> list[str]:
    return [" ".join((("\u2022 " if b.kind == "bullet" else "") + b.text).split()) for b in plain_view(protocol).appendix]


def _find(lines: list[str], expected: list[str], start: int = 0) -> list[str]:
    at = lines.index(expected[0], start)
    return lines[at:at + len(expected)]


def _body_start(lines: list[str], first: str) -> int:
    """Where the body starts: the first section's title after its entry in the contents (which reads the same:
    the entries carry the section numbers)."""
    return max(i for i, line in enumerate(lines) if line == first)


@pytest.mark.parametrize("tree", sorted(TREES))
def test_libreoffice_numbers_every_paragraph_as_the_website_does(converted, tree):
    protocol, _, lines = converted[tree]
    expected = _expected_body(protocol)
    assert len(expected) > 3
    assert _find(lines, expected, _body_start(lines, expected[0])) == expected


def test_libreoffice_reads_the_worked_examples(converted):
    protocol, _, lines = converted["shipped"]  # the mini fixture has no worked examples
    expected = _expected_appendix(protocol)
    assert len(expected) > 100
    start = lines.index("Appendix A: Worked examples", _body_start(lines, _expected_body(protocol)[0]))
    assert _find(lines, expected, start) == expected


@pytest.mark.parametrize("tree", sorted(TREES))
def test_pandoc_reads_every_paragraph(converted, tree):
    protocol, path, _ = converted[tree]
    proc = subprocess.run([clients.require(clients.pandoc(), "pandoc"), "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    text = " ".join(proc.stdout.split())
    view = plain_view(protocol)
    for block in view.body + view.appendix:
        assert " ".join(block.text.split()) in text, block.key
    for row in view.glossary:
        assert row.term[0].text in text


@pytest.fixture(scope="module")
def pdf(converted):
    protocol, path, _ = converted["shipped"]
    if ARTEFACTS.exists():
        shutil.rmtree(ARTEFACTS)
    ARTEFACTS.mkdir(parents=True)
    shutil.copy(path, ARTEFACTS / word_name(protocol))
    made = ARTEFACTS / pdf_name(protocol)
    pages = measured_pdf(lambda at, measured: write_docx(protocol, at, pages=measured), made)
    assert pages and made.is_file()
    subprocess.run([clients.require(clients.pdftoppm(), "pdftoppm"), "-r", "70", "-png", "-f", "1", "-l", "6", str(made), str(ARTEFACTS / "page")],
                   check=True)
    text = subprocess.run([clients.require(clients.pdftotext(), "pdftotext"), "-layout", str(made), "-"], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(made)], capture_output=True,
                                                            text=True, check=True).stdout).group(1))
    return protocol, made, text, pages


def test_pdf_has_page_x_of_y_and_contents_with_page_numbers(pdf):
    protocol, made, text, pages = pdf
    assert pages >= 3
    page_texts = text.split("\f")
    assert "Page 1 of" not in page_texts[0]  # the title page has no header or footer
    assert f"Page 2 of {pages}" in page_texts[1] and f"Page {pages} of {pages}" in page_texts[pages - 1]
    assert protocol.meta.title in page_texts[1] and f"Version {protocol.meta.version}" in page_texts[1]
    contents = page_texts[1]
    first_section = protocol.sections[0].title
    entry = next(line for line in contents.splitlines() if first_section[:30] in line)
    number = re.search(r"\.{3,}\s*(\d+)\s*$", entry)  # measured contents: dot leader and page number …
    assert number, entry
    on = int(number.group(1))  # … the page the section starts on (after the contents)
    assert re.search(rf"^\s*1\s+{re.escape(first_section)}\s*$", page_texts[on - 1], re.M)
    assert not any(re.search(rf"^\s*1\s+{re.escape(first_section)}\s*$", t, re.M) for t in page_texts[2:on - 1])
    assert re.match(r"\s*1\s", entry), entry  # and the section number
    assert len(list(ARTEFACTS.glob("page-*.png"))) >= 3


def test_no_word_of_a_paragraph_table_breaks_across_lines_in_the_pdf(pdf):
    """LibreOffice lays the tables out in the PDF: each word of each cell is whole on one line (a column
    narrower than its longest word would break it, as 'Basel' / 'ine')."""
    protocol, _, text, _ = pdf
    tokens = set(re.findall(r"[A-Za-z][A-Za-z'’]*", text))
    tables = [p.table for s in protocol.sections for p in s.paragraphs if p.table is not None]
    assert len(tables) >= 3
    for table in tables:
        for row in table.all_rows:
            for cell in row.cells:
                words = re.findall(r"[A-Za-z][A-Za-z'’]*", "".join(getattr(n, "text", "") for n in cell))
                missing = [w for w in words if len(w) > 5 and w not in tokens]
                assert not missing, missing


def test_build_pdf_through_the_command(mini_tree, tmp_path):
    proc = run_cli("build", "--no-site", "--pdf", "--root", str(mini_tree), "--out", str(tmp_path / "out"))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    pdf = tmp_path / "out" / "member-officer-relations-protocol-v1.1-draft.pdf"
    assert pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")
