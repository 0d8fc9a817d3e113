"""The starting document: the reference package in builder/data/reference/, opened by python-docx.

The folder holds the parts of an empty Word document, unpacked, as pandoc's
reference.docx does for its writer: the house style (word/styles.xml), the
list numbering (word/numbering.xml), the settings, the font table, the theme,
and an empty body with its section properties. To change how the documents
look, edit those files (styles.xml, numbering.xml and settings.xml are
indented for reading; the indentation is not kept); the writers only name the
styles. The folder is zipped in memory and opened with python-docx's public
API, so no python-docx internals are replaced. Only the language is set here,
from the protocol's `language:`.
"""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache
from pathlib import Path

import docx
from docx.oxml.ns import qn

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference"
_NOT_PARTS = {"README.md"}


def new_document(language: str):
    """An empty document in the house style, its text in `language` (e.g. en-GB)."""
    document = docx.Document(io.BytesIO(_reference_package()))
    lang = document.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:lang')}")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    document.settings.element.find(qn("w:themeFontLang")).set(qn("w:val"), language)
    return document


@lru_cache(maxsize=1)
def _reference_package() -> bytes:
    """The reference folder as a .docx (a zip of its files, at their paths)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        for path in sorted(p for p in REFERENCE.rglob("*") if p.is_file() and p.name not in _NOT_PARTS):
            package.write(path, path.relative_to(REFERENCE).as_posix())
    return out.getvalue()
