"""An imported .docx is untrusted input (SECURITY.md): what it may hold is read as text or not at all.

The refusals (zip bombs, entities and DTDs, .doc, password-protected and non-.docx files) are in the
bad-input catalogue (tests/test_bad_input.py); here are the files the import accepts but must
defuse: macros, embedded objects, and names that look like paths.
"""
from __future__ import annotations

import json
from pathlib import Path

import import_cases
from conftest import assert_no_traceback, run_cli


def _import(tmp: Path, data: bytes) -> tuple[dict, Path]:
    source = tmp / "in" / "document.docx"
    source.parent.mkdir()
    source.write_bytes(data)
    out = tmp / "work" / "out"
    out.parent.mkdir()
    proc = run_cli("import", str(source), "--out", str(out), "--format", "json", cwd=tmp / "work")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads(proc.stdout), out


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_macros_are_reported_and_never_run(tmp_path):
    report, out = _import(tmp_path, import_cases.macro_enabled(import_cases.mini_docx()))
    messages = [n["message"] for n in report["notes"]]
    assert "macros (word/vbaProject.bin): ignored, never run" in messages
    assert any("macro-enabled document (.docm)" in m for m in messages)
    assert not list(tmp_path.rglob("pwned")) and not list(tmp_path.rglob("*.bin"))
    assert all(name.endswith((".md", ".yaml")) for name in _files(out))


def test_embedded_objects_are_reported_and_never_opened(tmp_path):
    report, out = _import(tmp_path, import_cases.embedded_object(import_cases.mini_docx()))
    messages = [(n["position"], n["message"]) for n in report["notes"]]
    assert any("1 embedded object(s) (word/embeddings/oleObject1.bin): ignored" in m for _, m in messages)
    assert (25, "an embedded object: not imported (the source format holds text only)") in messages
    assert not list(out.rglob("*.bin"))


def test_names_that_look_like_paths_never_become_paths(tmp_path):
    report, out = _import(tmp_path, import_cases.path_names(import_cases.mini_docx()))
    assert _files(out) == ["protocol_src/con-section.md", "protocol_src/etc-passwd.md", "protocol_src/glossary.yaml",
                           "protocol_src/protocol.yaml", "protocol_src/vocabulary.yaml"]
    assert sorted(p.name for p in (tmp_path / "work").iterdir()) == ["out"]  # nothing beside it, no staging left
    assert not list(tmp_path.rglob("escaped.txt")) and not Path("/etc/absolute.txt").exists()
    text = (out / "protocol_src" / "etc-passwd.md").read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "../../etc/passwd"\n---\n')  # the words are kept, as a quoted title
    heading = (out / "protocol_src" / "con-section.md").read_text(encoding="utf-8")
    assert "## ..\\..\\Windows\\System32 {#windows-system32}" in heading
    assert [i["id"] for i in report["ids"] if i["kind"] == "section"] == ["con-section", "etc-passwd"]
    check = run_cli("check", "--root", str(out))
    assert check.returncode == 0, check.stdout


def test_xml_comments_in_the_document_are_passed_over(tmp_path):
    """Comments and processing instructions in the body, a paragraph and a run are not text: the import reads the
    document as it reads the same document without them."""
    (tmp_path / "plain").mkdir(), (tmp_path / "commented").mkdir()
    plain, plain_out = _import(tmp_path / "plain", import_cases.mini_docx())
    commented, out = _import(tmp_path / "commented", import_cases.xml_comments(import_cases.mini_docx()))
    assert commented["counts"] == plain["counts"] and commented["counts"]["paragraphs"] > 0
    assert _files(out) == _files(plain_out)
    for name in _files(out):
        assert (out / name).read_bytes() == (plain_out / name).read_bytes(), name
