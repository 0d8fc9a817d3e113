"""The .docx on disk: python-docx's package with the body written in, reproducibly.

python-docx saves the package (styles, numbering, headers and footers, core
properties, relationships) around a body that holds only the section
properties; the body's markup (builder.write.docx.xml) goes into
word/document.xml as text, and parts the toolkit writes itself (the extended
properties) replace python-docx's. The zip is then written with a fixed entry
order, fixed timestamps and attributes, so the same sources give the same bytes.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from ...atomic import write_bytes_atomic
from .xml import start

FIRST = ("[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml", "word/document.xml")
STAMP = (1980, 1, 1, 0, 0, 0)
DOCUMENT = "word/document.xml"
_BODY = start("w:body").encode()  # python-docx writes the body's start tag with no attributes


def save(document, path: Path, body: str, parts: dict[str, str] | None = None) -> None:
    """Write `document` to `path` with `body` (markup) before its section properties, and `parts` (name ->
    XML text) in place of python-docx's."""
    raw = io.BytesIO()
    document.save(raw)
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    xml = entries[DOCUMENT]
    if xml.count(_BODY) != 1:  # python-docx writes the body with no attributes, once
        raise ValueError(f"word/document.xml: no single {_BODY.decode()} to write the body into")
    entries[DOCUMENT] = xml.replace(_BODY, _BODY + body.encode("utf-8"), 1)
    entries.update((name, text.encode("utf-8")) for name, text in (parts or {}).items())
    write_bytes_atomic(Path(path), _zip(entries))


def _zip(entries: dict[str, bytes]) -> bytes:
    """The entries as a zip with fixed order, timestamps and attributes (any Office package: .docx, .pptx)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=_order):
            info = zipfile.ZipInfo(name, date_time=STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


def _order(name: str) -> tuple[int, str]:
    return (FIRST.index(name) if name in FIRST else len(FIRST), name)


reproducible_zip = _zip  # for the other Office packages the toolkit writes (builder.write.training.slides)
