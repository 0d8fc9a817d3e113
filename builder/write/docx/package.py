"""Reproducible packaging: the same sources give byte-identical .docx files.

python-docx writes parts with the current time and in dictionary order; the
zip is rewritten with a fixed entry order, fixed timestamps and attributes.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...atomic import write_bytes_atomic

FIRST = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml")
STAMP = (1980, 1, 1, 0, 0, 0)


def _order(name: str) -> tuple[int, str]:
    return (FIRST.index(name) if name in FIRST else len(FIRST), name)


def normalise(raw: bytes, path: Path) -> None:
    """Write the package in `raw` to `path` with a stable order and stable metadata."""
    with zipfile.ZipFile(io.BytesIO(raw)) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=_order):
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    write_bytes_atomic(path, out.getvalue())
