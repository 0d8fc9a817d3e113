"""A consultee's copy and the parts 1.2's Word document added: a paragraph's table and the duties appendix.

The shipped draft is built by the CLI; the copy is that file, read back unedited and then with a tracked
insertion in a table cell (written into the document's XML as Word writes one: w:ins with an author and
date around a run), and `protocol responses` run on each through the CLI.
"""
from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import REPO, assert_no_traceback, run_cli

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tables")
    root = tmp / "shipped"
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, root / name)
    proc = run_cli("build", "--no-site", "--root", str(root), "--out", str(tmp / "build"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    draft, = (p for p in (tmp / "build").glob("member-officer-relations-protocol-v*-draft.docx")
              if "redline" not in p.name and "schedule" not in p.name)
    return tmp, root, draft


def _responses(root: Path, copy: Path, out: Path) -> tuple[int, dict]:
    proc = run_cli("responses", "--root", str(root), str(copy), "--out", str(out))
    assert_no_traceback(proc)
    return proc.returncode, json.loads((out / "consultation-log.json").read_text(encoding="utf-8"))


def test_an_unedited_copy_matches_every_line_tables_and_duties_appendix_included(built):
    tmp, root, draft = built
    code, log = _responses(root, draft, tmp / "unedited")
    copy, = log["copies"]
    assert (code, copy["not_in_copy"], copy["not_in_sources"], copy["differ"], log["suggestions"]) == (0, [], [], [], [])


def _insert_in_a_cell(src: Path, dst: Path, cell_text: str, words: str) -> None:
    """A tracked insertion of `words` at the end of the table cell whose text is `cell_text`."""
    with zipfile.ZipFile(src) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    doc = etree.fromstring(parts["word/document.xml"])
    cells = [tc for tc in doc.iter(f"{{{W}}}tc") if "".join(tc.itertext()).strip() == cell_text]
    assert len(cells) == 1, (cell_text, len(cells))
    para = cells[0].findall("w:p", NS)[-1]
    ins = etree.SubElement(para, f"{{{W}}}ins", {f"{{{W}}}id": "9001", f"{{{W}}}author": "Kit Marlowe-Ade",
                                                 f"{{{W}}}date": "2024-11-20T10:00:00Z"})
    run = etree.SubElement(ins, f"{{{W}}}r")
    text = etree.SubElement(run, f"{{{W}}}t", {"{http://www.w3.org/XML/1998/namespace}space": "preserve"})
    text.text = words
    parts["word/document.xml"] = etree.tostring(doc, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


def test_a_tracked_change_in_a_table_cell_is_named_by_its_paragraph_and_kept_for_the_author(built):
    tmp, root, draft = built
    from builder.load import load_tree
    from builder.number import numbers

    protocol = load_tree(root)[0]
    para = next(p for s in protocol.sections for p in s.paragraphs if p.table is not None)
    cell = "".join(getattr(n, "text", "") for n in para.table.rows[0].cells[0])
    copy = tmp / "kit.docx"
    _insert_in_a_cell(draft, copy, cell, " (and online)")
    before = {p: p.read_bytes() for p in (root / "protocol_src").iterdir()}
    code, log = _responses(root, copy, tmp / "kit")
    report, = log["copies"]
    assert report["not_in_copy"] == [] and report["not_in_sources"] == []
    row, = log["suggestions"]
    assert row["paragraph"] == f"{numbers(protocol)[para.id]}, its table" and row["id"] == para.id
    assert row["revision_authors"] == ["Kit Marlowe-Ade"] and row["proposed"].endswith(" (and online)")
    assert row["can_be_applied"] is False
    assert any("a cell of the paragraph's table" in why for why in row["to_make_by_hand"]), row
    applied = run_cli("responses", "--root", str(root), str(copy), "--out", str(tmp / "kit2"), "--apply")
    assert_no_traceback(applied)
    assert {p: p.read_bytes() for p in (root / "protocol_src").iterdir()} == before  # listed, never applied


def test_the_redline_given_as_a_copy_is_refused_and_nothing_is_written(built):
    tmp, root, _ = built
    redline, = (tmp / "build").glob("*-redline-*.docx")
    out = tmp / "from-redline"
    proc = run_cli("responses", "--root", str(root), str(redline), "--out", str(out))
    assert_no_traceback(proc)
    assert proc.returncode == 2
    assert f"{redline.name} is a redline" in proc.stderr and "send consultees the Word document" in proc.stderr
    assert not out.exists()


@pytest.mark.parametrize("command", ["import", "responses"])
def test_a_document_over_the_size_limit_is_refused_by_name_and_nothing_is_written(built, tmp_path, command):
    from builder.read.archive import MAX_FILE

    _, root, _ = built
    big = tmp_path / "huge.docx"
    with open(big, "wb") as handle:  # sparse: the size without the disk
        handle.truncate(MAX_FILE + 1)
    out = tmp_path / "out"
    args = ["import", str(big), "--out", str(out)] if command == "import" else \
        ["responses", "--root", str(root), str(big), "--out", str(out)]
    proc = run_cli(*args)
    assert_no_traceback(proc)
    assert proc.returncode == 2 and f"huge.docx is larger than {MAX_FILE // 2**20} MB" in proc.stderr, proc.stderr
    assert not out.exists()
