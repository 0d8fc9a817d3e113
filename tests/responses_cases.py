"""Copies of a draft that `protocol responses` must refuse or report, made on the fly (no binary fixtures).

The hostile files (zip bombs, entities, not a .docx) are tests/import_cases.py's: the consultation reader
opens a copy with the import's safeguards. Here: a copy edited without Track Changes, one built by the toolkit
from other sources, a Word document the toolkit never wrote, and a copy of an older release.
"""
from __future__ import annotations

import io
import tempfile
from pathlib import Path

import import_cases


def untracked(good: bytes) -> bytes:
    """The mini fixture's copy with words typed over and no tracked change: what Track Changes off leaves."""
    parts = import_cases._parts(good)
    document = parts["word/document.xml"].decode("utf-8")
    assert "It applies to:" in document
    parts["word/document.xml"] = document.replace("It applies to:", "It applies equally to:", 1).encode("utf-8")
    return import_cases._zip(parts)


def other_sources(good: bytes) -> bytes:
    """A copy the toolkit built from another protocol: every paragraph id (bookmark and link) is another one."""
    parts = import_cases._parts(good)
    document = parts["word/document.xml"].decode("utf-8")
    document = document.replace('w:name="_p_', 'w:name="_p_elsewhere_').replace('w:anchor="_p_', 'w:anchor="_p_elsewhere_')
    parts["word/document.xml"] = document.encode("utf-8")
    return import_cases._zip(parts)


def foreign() -> bytes:
    """A protocol written in Word by someone else (python-docx): headings and numbered text, no toolkit ids."""
    import docx

    document = docx.Document()
    document.add_heading("Member/Officer Protocol", 0)
    document.add_heading("1 Purpose", 1)
    document.add_paragraph("1.1 This protocol sets out how members and officers work together.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def release(root: Path, version: str) -> bytes:
    """The Word document of a release of the tree, as it was built when it was sent out."""
    from builder.snapshots import load_release
    from builder.write.docx import write_docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old.docx"
        write_docx(load_release(root, version), path)
        return path.read_bytes()


def current(root: Path) -> bytes:
    """The Word document of the tree's draft."""
    from builder.load import load_tree
    from builder.write.docx import write_docx

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "draft.docx"
        write_docx(load_tree(root)[0], path)
        return path.read_bytes()
