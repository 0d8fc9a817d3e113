"""PDFs without LibreOffice (a clear note, the Word documents still written), and `protocol diff --pdf`."""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from builder.load import load_tree
from builder.write.docx import write_docx
from builder.write.pdf import docx_to_pdf

from conftest import MINI, assert_no_traceback, run_cli


def test_docx_to_pdf_returns_none_without_soffice(tmp_path, monkeypatch):
    protocol, _ = load_tree(MINI)
    write_docx(protocol, tmp_path / "p.docx")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    assert docx_to_pdf(tmp_path / "p.docx", tmp_path / "p.pdf") is None
    assert not (tmp_path / "p.pdf").exists()


def test_build_pdf_says_clearly_when_libreoffice_is_missing(mini_tree, tmp_path):
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"))
    proc = run_cli("build", "--no-site", "--pdf", "--root", str(mini_tree), "--out", str(tmp_path / "out"), env=env)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "PDF not written: LibreOffice (soffice) is not installed" in proc.stderr
    out = Path(tmp_path / "out")
    assert list(out.glob("*.docx")) and not list(out.glob("*.pdf"))


def _released(tmp_path):
    from test_diff import _released as released

    return released(tmp_path)


def test_diff_pdf_says_clearly_when_libreoffice_is_missing(tmp_path):
    root = _released(tmp_path)
    env = dict(os.environ, PATH=str(tmp_path / "empty-bin"))
    out = tmp_path / "red.docx"
    proc = run_cli("diff", "--root", str(root), "--from", "1.0", "--to", "draft", "--out", str(out), "--pdf", env=env)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "PDF not written: LibreOffice (soffice) is not installed" in proc.stderr
    assert out.is_file() and not list(tmp_path.glob("*.pdf"))


@pytest.mark.slow
def test_diff_pdf_writes_the_agenda_pack_pdf(tmp_path):
    """`protocol diff --pdf`: the redline as a PDF whose every page after the first says what it shows, whose
    contents have page numbers, and whose numbers are text (a renumbered section: old and new side by side)."""
    import subprocess

    import clients

    root = _released(tmp_path)
    out = tmp_path / "red.docx"
    proc = run_cli("diff", "--root", str(root), "--from", "1.0", "--to", "draft", "--out", str(out), "--pdf",
                   str(tmp_path / "agenda.pdf"))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {tmp_path / 'agenda.pdf'}" in proc.stdout
    text = subprocess.run([clients.require(clients.pdftotext(), "pdftotext"), "-layout", str(tmp_path / "agenda.pdf"),
                           "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert all("Tracked changes: version 1.0 to version 1.1" in page.splitlines()[0] for page in pages[1:-1])
    assert re.search(r"Purpose of this protocol\.{4,}\s*\d+\s*$", pages[1], re.M)
    assert re.search(r"^\s*3 2\s+Gifts and hospitality", text, re.M)  # the section renumbered 3 -> 2
