"""`protocol build --pdf` when LibreOffice is missing: no PDF, a clear note, the Word document still written."""
from __future__ import annotations

import os
from pathlib import Path

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
