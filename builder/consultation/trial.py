"""The plan tried on a scratch copy of the sources before anything is written.

`section_texts` reads the section files the suggestions are in (keeping a BOM apart). `verified` writes the
plan's new texts and reasons into a temporary copy of protocol_src/ (the scenarios and releases linked, not
copied) and checks it as `protocol check` does: the plan stands when the copy loads and checks with no error
the sources did not already have and every edited line reads as planned. A suggestion whose line does not is
given the reason and left out, and the rest are planned again; an error that no applied line explains stops
the whole apply (ProtocolError: nothing is changed).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..check import check_root
from ..edits import ReasonsUnwritable, add_reasons, fold
from ..errors import ProtocolError
from ..load import SRC
from ..view import plain_view
from . import Consultation
from .plan import Plan, plan

AMENDMENTS = f"{SRC}/amendments.yaml"
_BOM = b"\xef\xbb\xbf"


def section_texts(root: Path, consultation: Consultation) -> dict[str, tuple[bytes, str]]:
    """The section files the suggestions are in: path -> (the bytes before the text (a BOM), the text)."""
    out = {}
    for path in sorted({consultation.layout.slots[s.key].path for s in consultation.suggestions if s.edits}):
        if path.startswith(f"{SRC}/") and path.endswith(".md"):
            out[path] = decoded((root / path).read_bytes())
    return out


def decoded(data: bytes) -> tuple[bytes, str]:
    """(the BOM, or nothing; the UTF-8 text after it)."""
    bom = _BOM if data.startswith(_BOM) else b""
    return bom, data[len(bom):].decode("utf-8")


def verified(root: Path, consultation: Consultation, texts, result: Plan, nums, base_diags) -> Plan:
    """The plan, once the edited sources load and check with no new errors and every line reads as planned;
    a suggestion whose line does not is listed instead, and the rest planned again."""
    before = {(d.code, d.path, d.message) for d in base_diags.items if d.severity == "error"}
    for _ in range(len(consultation.suggestions) + 1):
        reasons = reasons_text(root, result.reasons)
        failed = _trial(root, texts, result, reasons, before, nums)
        if not failed:
            return result
        for s in consultation.suggestions:
            if s.key in failed and s.applicable:
                s.blockers.append(failed[s.key])
        result = plan(consultation, {k: v[1] for k, v in texts.items()}, nums)
    raise ProtocolError("the suggestions could not be applied so that the sources still check; nothing was changed")


def reasons_text(root: Path, reasons: dict[str, str]) -> str | None:
    """amendments.yaml's text with the reasons added (None when there are none to add)."""
    if not reasons:
        return None
    path = root / AMENDMENTS
    text = decoded(path.read_bytes())[1] if path.is_file() else None
    try:
        return add_reasons(text, reasons)
    except ReasonsUnwritable as exc:
        raise ProtocolError(f"{AMENDMENTS}: cannot add the reasons for the applied suggestions: {exc}.\n"
                            "    hint: write it as 'reasons:' followed by one 'id: reason' line each; "
                            "nothing was changed") from None


def _trial(root: Path, texts, result: Plan, reasons: str | None, before: set, nums) -> dict[str, str]:
    """Check the edited sources in a staging copy: key -> why, for each line that fails."""
    stage = Path(tempfile.mkdtemp(prefix="protocol-responses-"))
    try:
        shutil.copytree(root / SRC, stage / SRC)
        for name in ("scenarios", "releases"):
            if (root / name).is_dir():
                os.symlink((root / name).resolve(), stage / name)
        for path, new in result.texts.items():
            (stage / path).write_bytes(texts[path][0] + new.encode("utf-8"))
        if reasons is not None:
            (stage / AMENDMENTS).write_text(reasons, encoding="utf-8")
        protocol, diags = check_root(stage)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return _failures(protocol, diags, result, before, nums)


def _failures(protocol, diags, result: Plan, before: set, nums) -> dict[str, str]:
    failed = {}
    lines = {b.key: b for b in plain_view(protocol, nums).body}
    for key, expected in result.expected.items():
        line = lines.get(key)
        if line is None or fold(line.text) != expected:
            failed[key] = "once applied, the paragraph would not read as the consultee's copy does"
    for d in diags.items:
        if d.severity == "error" and (d.code, d.path, d.message) not in before:
            key = _line_at(protocol, d.path, d.line, result)
            if key is None:
                raise ProtocolError(f"applying the suggestions would give {d.path}:{d.line}: error {d.code}: "
                                    f"{d.message}; nothing was changed")
            failed[key] = f"once applied, {d.path} would have an error ({d.code}: {d.message})"
    return failed


def _line_at(protocol, path: str, line: int, result: Plan) -> str | None:
    """The applied line an error at path:line is in (its block is the last starting at or before the line)."""
    found = None
    for s in protocol.sections:
        for b in s.blocks:
            if b.source.path == path and b.source.line <= line:
                found = b.id
    return next((k for k in result.expected if k.split("/", 1)[0] == found), None)
