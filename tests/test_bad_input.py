"""Bad input around the sources and at the command line: releases, reasons, scenarios against sections, and every command's arguments.

tests/malformed_cases.py holds the loader's catalogue (one defect in each of 93
small trees, run through `protocol check`). This file adds the cases around it:
release snapshots and the version history, amendments.yaml, ids shared between
sections and scenarios, scenario files that are huge, mis-encoded or tabbed, and
the arguments of `build`, `diff`, `release`, `new`, `coverage` and `serve`, and the untrusted Word files
`import` refuses (zip bombs, external entities and DTDs, an old .doc, a password-protected file, files
that are not a .docx; tests/import_cases.py makes them), and the consultees' copies `responses` refuses or
reports (the same hostile files, a copy built from other sources or never by the toolkit, a copy of an older
release, words typed without Track Changes; tests/responses_cases.py makes them).

Every case runs the real command line in a subprocess and must give exit code 1
or 2, say what is wrong in one message (`path:line: error CODE` with a hint when
the problem is in a file, one `protocol:` line when it is in the command), and
never show a traceback or an "internal error".
"""
from __future__ import annotations

import functools
import os
import shutil
import tempfile
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import MINI, REPO, assert_no_traceback, run_cli
from malformed_cases import CASES as LOADER_CASES, SCENARIO, apply as apply_edits
import import_cases
import responses_cases

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"
H = "protocol_src/history.yaml"
A = "protocol_src/amendments.yaml"
SNAP = "releases/1.0"
BIG = 6 * 1024 * 1024  # over the loader's 5 MB limit


@dataclass(frozen=True)
class Case:
    name: str
    base: str  # "mini" (tests/fixtures/mini) or "released" (release 1.0 approved, draft 1.1 on top)
    edits: tuple  # malformed_cases edits, or ("call", function(root, tmp))
    args: tuple  # the command line; {root} and {tmp} are filled in
    exit_code: int
    says: tuple = ()  # phrases the output must contain
    where: tuple = ()  # ((path, line, code), ...) reported as path:line: severity CODE
    absent: tuple = ()  # codes that must not be reported (no cascade)


def _c(name, base, edits, args, exit_code, says=(), where=(), absent=()) -> Case:
    return Case(name, base, tuple(edits), tuple(args), exit_code, tuple(says), tuple(where), tuple(absent))


def _call(fn):
    return ("call", fn)


def _manifest_line_broken(root: Path, tmp: Path) -> None:
    m = root / SNAP / "MANIFEST.sha256"
    lines = m.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = lines[1].replace("  ", " ", 1)
    m.write_text("".join(lines), encoding="utf-8")


def _snapshot_does_not_load(root: Path, tmp: Path) -> None:
    """An edit made to look legitimate (manifest recomputed): verified, but the text no longer parses."""
    from builder.snapshots import MANIFEST, manifest_text

    snap = root / SNAP
    (snap / "protocol_src" / "glossary.yaml").write_text("terms:\n  - term: \"Monitoring Officer\n", encoding="utf-8")
    (snap / MANIFEST).write_text(manifest_text(snap), encoding="utf-8")


def _other_tree_with_errors(root: Path, tmp: Path) -> None:
    other = tmp / "other"
    shutil.copytree(MINI, other)
    roles = other / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("set policy.", "set policy. See [[nowhere]]."),
                     encoding="utf-8")


def _file(rel: str):
    def make(root: Path, tmp: Path) -> None:
        path = tmp / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("a file, not a folder\n", encoding="utf-8")
    return make


def _replace_with_file(rel: str):
    def make(root: Path, tmp: Path) -> None:
        path = root / rel
        if path.is_dir():
            shutil.rmtree(path)
        path.write_text("a file, not a folder\n", encoding="utf-8")
    return make


def _folder_with_notes(root: Path, tmp: Path) -> None:
    (tmp / "documents").mkdir()
    (tmp / "documents" / "budget.xlsx").write_text("someone's work", encoding="utf-8")


def _scenario(name: str, text: str | bytes):
    return ("write", f"scenarios/{name}.md", text)


@functools.cache
def _good_docx() -> bytes:
    return import_cases.mini_docx()


@functools.cache
def _old_doc() -> bytes:
    """An old binary Word document, written by LibreOffice (MS Word 97 filter)."""
    import word_makers

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "old.doc"
        word_makers.libreoffice([{"path": str(path), "format": "doc", "blocks": [
            {"text": "1 Purpose", "bold": True}, {"text": "1.1 Members and officers work together."}]}], Path(tmp))
        return path.read_bytes()


def _bad_docx(maker, name: str = "bad.docx"):
    """Write a hostile or broken Word file (tests/import_cases.py) as {tmp}/bad.docx."""
    def make(root: Path, tmp: Path) -> None:
        (tmp / "secret.txt").write_text("TOP-SECRET-LINE\n", encoding="utf-8")
        (tmp / name).write_bytes(maker(tmp))
    return make


IMPORT = ("import", "{tmp}/bad.docx", "--out", "{tmp}/out")
RESPONSES = ("responses", "{tmp}/bad.docx", "--out", "{tmp}/log")
SC = SCENARIO  # a valid (short) scenario for the mini tree, citing roles-members
SC_LINES = SC.splitlines()

CASES: list[Case] = [
    # ------------------------------------------------------------ release snapshots
    _c("release-snapshot-missing", "released", [("delete", SNAP)], ["check"], 1,
       where=[(H, 4, "V001")], says=["releases/1.0/ is missing"]),
    _c("release-snapshot-file-edited", "released", [("append", f"{SNAP}/protocol_src/purpose.md", "\nEdited.\n")],
       ["check"], 1, where=[(H, 4, "V002")], says=["releases/1.0/protocol_src/purpose.md has been changed"]),
    _c("release-manifest-missing", "released", [("delete", f"{SNAP}/MANIFEST.sha256")], ["check"], 1,
       where=[(H, 4, "V002")], says=["MANIFEST.sha256 is missing"]),
    _c("release-manifest-malformed-line", "released", [_call(_manifest_line_broken)], ["check"], 1,
       where=[(H, 4, "V002")], says=["MANIFEST.sha256 line 2 is not 'checksum  path'"]),
    _c("release-manifest-not-utf8", "released", [("write", f"{SNAP}/MANIFEST.sha256", b"\xff\xfe\x00garbage")],
       ["check"], 1, where=[(H, 4, "V002")], says=["MANIFEST.sha256 cannot be read"]),
    _c("release-snapshot-file-added", "released", [("write", f"{SNAP}/scenarios/extra.md", "added later\n")],
       ["check"], 1, where=[(H, 4, "V002")], says=["extra.md was added after the release"]),
    _c("release-snapshot-file-deleted", "released", [("delete", f"{SNAP}/scenarios/planning-developer.md")],
       ["check"], 1, where=[(H, 4, "V002")], says=["planning-developer.md is missing from the snapshot"]),
    # ------------------------------------------------------------ the version history
    _c("history-releases-not-a-list", "released", [("write", H, 'releases: "1.0"\n')], ["check"], 1,
       where=[(H, 1, "M003")], absent=["C006", "V001"]),
    _c("history-truncated", "released", [("append", H, '  - version: "1.1\n')], ["check"], 1,
       where=[(H, 8, "S002")], absent=["C006"]),
    _c("history-tab", "released", [("replace", H, "    status: approved", "\tstatus: approved")], ["check"], 1,
       where=[(H, 5, "S002")], says=["tab"], absent=["C006"]),
    _c("history-bad-status", "released", [("replace", H, "status: approved", "status: final")], ["check"], 1,
       where=[(H, 5, "M005")]),
    _c("history-bad-date", "released", [("replace", H, "date: 2024-03-28", "date: 2024-02-30")], ["check"], 1,
       where=[(H, 6, "M004")], absent=["C006"]),
    _c("history-out-of-order", "released",
       [("append", H, '  - version: "0.9"\n    status: approved\n    date: 2024-01-01\n    body: SC\n')],
       ["check"], 1, where=[(H, 8, "V007"), (H, 8, "V001")]),
    _c("history-repeated", "released",
       [("append", H, '  - version: "1.0"\n    status: approved\n    date: 2024-03-28\n    body: SC\n')],
       ["check"], 1, where=[(H, 8, "V007")], says=["approved twice"]),
    # ------------------------------------------------------------ reasons (amendments.yaml)
    _c("reasons-not-a-mapping", "released", [("write", A, "reasons: [purpose-what, purpose-both]\n")], ["check"], 1,
       where=[(A, 1, "M003")], absent=["V004", "V005"]),
    _c("reason-not-text", "released", [("replace", A, "purpose-what: Member survey, March 2024 (question 12)",
                                        "purpose-what: [Member survey, March 2024]")], ["check"], 1,
       where=[(A, 2, "M003")], absent=["V004"]),
    _c("reasons-truncated", "released", [("write", A, 'reasons:\n  purpose-what: "Member survey\n')], ["check"], 1,
       where=[(A, 2, "S002")], absent=["V004"]),
    _c("reasons-tab", "released", [("replace", A, "  purpose-both:", "\tpurpose-both:")], ["check"], 1,
       where=[(A, 3, "S002")], absent=["V004"]),
    _c("reasons-python-tag", "released", [("replace", A, "Political group leaders' request",
                                           "!!python/object/apply:os.system ['touch pwned']")], ["check"], 1,
       where=[(A, 7, "S003")]),
    _c("reason-for-unchanged-id", "released", [("append", A, "  gifts-refuse: not changed at all\n")],
       ["check", "--strict"], 1, where=[(A, 16, "V005")]),
    _c("reason-missing", "released", [("replace", A, "  contact-junior: Member survey, March 2024 (question 4)\n", "")],
       ["check", "--strict"], 1, where=[("protocol_src/contact.md", 9, "V004")]),
    _c("version-equals-release", "released", [("replace", "protocol_src/protocol.yaml", 'version: "1.1"', 'version: "1.0"')],
       ["check", "--strict"], 1, where=[("protocol_src/protocol.yaml", 5, "V006")]),
    # ------------------------------------------------------------ an id pasted again (found from outside: it was an internal error)
    _c("id-pasted-again-in-its-section", "released",
       [("append", "protocol_src/gifts.md", "\n{#gifts-committee} A copied paragraph.\n")], ["check"], 1,
       where=[("protocol_src/gifts.md", 7, "I001"), ("protocol_src/gifts.md", 14, "I001")]),
    _c("id-pasted-again-then-diff", "released",
       [("append", "protocol_src/gifts.md", "\n{#gifts-committee} A copied paragraph.\n")],
       ["diff", "--from", "1.0", "--out", "{tmp}/r.docx"], 1,
       says=["the draft has 2 error(s)", "protocol_src/gifts.md:7: error I001"]),
    # ------------------------------------------------------------ scenarios against sections
    _c("id-section-and-scenario", "mini", [_scenario("roles", SC)], ["check"], 1,
       where=[("protocol_src/roles.md", 1, "I001"), ("scenarios/roles.md", 1, "I001")]),
    _c("id-heading-and-scenario", "mini", [_scenario("status-heading", SC)], ["check"], 1,
       where=[("protocol_src/purpose.md", 15, "I001"), ("scenarios/status-heading.md", 1, "I001")]),
    _c("scenario-very-large", "mini", [_scenario("huge", SC), ("big", "scenarios/huge.md", BIG)], ["check"], 1,
       where=[("scenarios/huge.md", 0, "S007")], absent=["C001", "C005"]),
    _c("scenario-mixed-encodings", "mini",
       [_scenario("helpful", SC.replace("asks an officer for help.", "asks an officer for help at the caf\udce9."))],
       ["check"], 1, where=[("scenarios/helpful.md", 10, "S001")], absent=["C001", "M002"]),
    _c("scenario-tab-in-front-matter", "mini", [_scenario("helpful", SC.replace("areas: [operational]", "\tareas: [operational]"))],
       ["check"], 1, where=[("scenarios/helpful.md", 4, "S002")], absent=["M002"]),
    _c("scenario-truncated-front-matter", "mini", [_scenario("helpful", SC.replace("cites: [roles-members]", "cites: [roles-members"))],
       ["check"], 1, where=[("scenarios/helpful.md", 5, "S002")], absent=["M002"]),
    _c("scenario-wrong-type", "mini", [_scenario("helpful", SC.replace("audience: [all-members]", "audience: {all: members}"))],
       ["check"], 1, where=[("scenarios/helpful.md", 3, "M003")]),
    _c("scenario-refers-to-itself", "mini", [_scenario("helpful", SC.replace("the route.", "the route in [[helpful]]."))],
       ["check"], 1, where=[("scenarios/helpful.md", 19, "R004")]),
    _c("scenario-script", "mini", [_scenario("helpful", SC.replace("the route.", "the route. <script>alert(1)</script>"))],
       ["check"], 1, where=[("scenarios/helpful.md", 19, "X001")]),
    _c("scenario-tags-with-vocabulary-broken", "mini",
       [_scenario("helpful", SC.replace("cites:", "principles: [openness]\ncites:")),
        ("replace", "protocol_src/vocabulary.yaml", "  - id: everyone", "\t- id: everyone")],
       ["check"], 1, where=[("protocol_src/vocabulary.yaml", 5, "S002")], absent=["T001", "T002", "T004"]),
    _c("scenario-tags-with-a-vocabulary-list-missing", "mini",
       [_scenario("helpful", SC), ("replace", "protocol_src/vocabulary.yaml", "areas:\n", "area_list:\n")],
       ["check"], 1, where=[("protocol_src/vocabulary.yaml", 0, "M002")], absent=["T004"]),
    # ------------------------------------------------------------ diff
    _c("diff-from-unknown-version", "released", [], ["diff", "--from", "9.9"], 2,
       says=["there is no release '9.9'", "releases: 1.0"]),
    _c("diff-to-unknown-version", "released", [], ["diff", "--from", "1.0", "--to", "2.0"], 2,
       says=["there is no release '2.0'", "releases: 1.0"]),
    _c("diff-from-missing-path", "released", [], ["diff", "--from", "/no/such/path"], 2,
       says=["'/no/such/path' is not a release", "releases: 1.0"]),
    _c("diff-from-folder-without-sources", "released", [("call", lambda r, t: (t / "empty").mkdir())],
       ["diff", "--from", "{tmp}/empty"], 2, says=["no protocol_src/"]),
    _c("diff-from-corrupted-release", "released", [("append", f"{SNAP}/protocol_src/purpose.md", "\nEdited.\n")],
       ["diff", "--from", "1.0", "--out", "{tmp}/r.docx"], 1,
       says=["release 1.0 cannot be used", "purpose.md has been changed since the release"]),
    _c("diff-from-release-that-does-not-load", "released", [_call(_snapshot_does_not_load)],
       ["diff", "--from", "1.0", "--out", "{tmp}/r.docx"], 1,
       says=["release 1.0 does not load", "protocol_src/glossary.yaml:2: error S002"]),
    _c("diff-from-tree-with-errors", "released", [_call(_other_tree_with_errors)],
       ["diff", "--from", "{tmp}/other", "--out", "{tmp}/r.docx"], 1,
       says=["protocol_src/roles.md:7: error R001"]),
    _c("diff-out-folder-missing", "released", [], ["diff", "--from", "1.0", "--out", "{tmp}/nowhere/r.docx"], 2,
       says=["does not exist"]),
    _c("diff-out-is-a-folder", "released", [("call", lambda r, t: (t / "afolder").mkdir())],
       ["diff", "--from", "1.0", "--out", "{tmp}/afolder"], 2, says=["it is a folder"]),
    _c("diff-out-under-a-file", "released", [_call(_file("afile"))],
       ["diff", "--from", "1.0", "--out", "{tmp}/afile/r.docx"], 2, says=["does not exist"]),
    # ------------------------------------------------------------ build
    _c("build-out-under-a-file", "mini", [_call(_file("afile"))], ["build", "--no-site", "--out", "{tmp}/afile/out"], 2,
       says=["cannot write the output folder"]),
    _c("build-out-is-a-file", "mini", [_call(_file("afile"))], ["build", "--no-site", "--out", "{tmp}/afile"], 2,
       says=["is a file, not a folder"]),
    _c("build-out-is-the-root", "mini", [], ["build", "--no-site", "--out", "{root}"], 2,
       says=["holds the sources"]),
    _c("build-out-holds-the-root", "mini", [], ["build", "--no-site", "--out", "{tmp}"], 2,
       says=["holds the sources"]),
    _c("build-out-inside-the-sources", "mini", [], ["build", "--no-site", "--out", "{root}/protocol_src/out"], 2,
       says=["inside protocol_src/"]),
    _c("build-out-holds-other-files", "mini", [_call(_folder_with_notes)],
       ["build", "--no-site", "--out", "{tmp}/documents"], 2, says=["budget.xlsx"]),
    _c("build-with-a-source-error", "mini", [("replace", "protocol_src/roles.md", "set policy.", "set policy [[nowhere]].")],
       ["build", "--no-site", "--out", "{tmp}/out"], 1, where=[("protocol_src/roles.md", 7, "R001")],
       says=["nothing was built"]),
    # ------------------------------------------------------------ release
    _c("release-bad-status", "released", [], ["release", "1.1", "--status", "final", "--date", "2024-06-01", "--body", "FC"],
       2, says=["invalid choice: 'final'"]),
    _c("release-bad-date", "released", [], ["release", "1.1", "--status", "adopted", "--date", "2024-6-1", "--body", "FC"],
       2, says=["YYYY-MM-DD"]),
    _c("release-date-not-in-calendar", "released", [],
       ["release", "1.1", "--status", "adopted", "--date", "2024-13-01", "--body", "FC"], 2, says=["calendar"]),
    _c("release-version-backwards", "released", [],
       ["release", "0.9", "--status", "adopted", "--date", "2024-06-01", "--body", "FC"], 2,
       says=["not after the latest release 1.0"]),
    _c("release-date-before-last", "released", [],
       ["release", "1.1", "--status", "adopted", "--date", "2024-01-01", "--body", "FC"], 2,
       says=["before the last release"]),
    _c("release-adopting-changed-text", "released", [],
       ["release", "1.0", "--status", "adopted", "--date", "2024-06-01", "--body", "FC"], 1,
       says=["cannot adopt different text as 1.0"]),
    _c("release-version-with-a-path", "released", [],
       ["release", "../1.1", "--status", "adopted", "--date", "2024-06-01", "--body", "FC"], 2,
       says=["not a version number"]),
    _c("release-folder-exists-unlisted", "released", [("mkdir", "releases/1.1")],
       ["release", "1.1", "--status", "adopted", "--date", "2024-06-01", "--body", "FC"], 2,
       says=["releases/1.1/ already exists"]),
    _c("release-releases-is-a-file", "mini", [_call(_replace_with_file("releases"))],
       ["release", "1.1", "--status", "approved", "--date", "2024-06-01", "--body", "SC"], 1,
       says=["releases is a file"]),
    _c("release-empty-body", "released", [], ["release", "1.1", "--status", "adopted", "--date", "2024-06-01",
                                               "--body", " "], 2, says=["--body"]),
    _c("release-with-source-errors", "released",
       [("replace", "protocol_src/purpose.md", "{#purpose-new}", "{#Purpose_New}")],
       ["release", "1.1", "--status", "adopted", "--date", "2024-06-01", "--body", "FC"], 1,
       says=["protocol_src/purpose.md:17: error I002"]),
    # ------------------------------------------------------------ new
    _c("new-empty-title", "mini", [], ["new", "scenario", ""], 2, says=["the title is empty"]),
    _c("new-blank-title", "mini", [], ["new", "scenario", "   "], 2, says=["the title is empty"]),
    _c("new-control-characters", "mini", [], ["new", "scenario", "The \x1b[31mred\x1b[0m report"], 2,
       says=["one line of plain text"]),
    _c("new-id-escapes-the-folder", "mini", [], ["new", "scenario", "The leak", "--id", "../../etc/leak"], 2,
       says=["cannot contain '/'"]),
    _c("new-id-taken", "mini", [], ["new", "scenario", "The leak", "--id", "roles-members"], 2, says=["already used"]),
    _c("new-unknown-kind", "mini", [], ["new", "story", "The leak"], 2, says=["invalid choice: 'story'"]),
    _c("new-scenarios-is-a-file", "mini", [_call(_replace_with_file("scenarios"))], ["new", "scenario", "The leak"], 1,
       says=["scenarios is a file"]),
    # ------------------------------------------------------------ import: an untrusted .docx (issue 18)
    _c("import-zip-bomb", "mini", [_call(_bad_docx(lambda t: import_cases.zip_bomb(_good_docx())))], IMPORT, 2,
       says=["unpacks to 300 MB", "refused, not unpacked", "zip bomb"]),
    _c("import-zip-bomb-lying-about-its-size", "mini", [_call(_bad_docx(lambda t: import_cases.lying_bomb(_good_docx())))],
       IMPORT, 2, says=["cannot be unpacked", "zip bomb"]),
    _c("import-too-many-parts", "mini", [_call(_bad_docx(lambda t: import_cases.too_many_parts(_good_docx())))],
       IMPORT, 2, says=["parts; a .docx with more than 10000 is not read by `protocol import`"]),
    _c("import-external-entity", "mini",
       [_call(_bad_docx(lambda t: import_cases.external_entity(_good_docx(), t / "secret.txt")))], IMPORT, 2,
       says=["declares a DTD or entities", "refused"]),
    _c("import-entity-expansion", "mini", [_call(_bad_docx(lambda t: import_cases.billion_laughs(_good_docx())))],
       IMPORT, 2, says=["word/styles.xml", "declares a DTD"]),
    _c("import-old-doc", "mini", [_call(_bad_docx(lambda t: _old_doc()))], IMPORT, 2,
       says=["old Word 97-2003 document (.doc)", "save it as a Word document (.docx)"]),
    _c("import-password-protected", "mini", [_call(_bad_docx(lambda t: import_cases.encrypted(_good_docx())))],
       IMPORT, 2, says=["password-protected (encrypted)", "remove the password"]),
    _c("import-not-a-zip", "mini", [_call(_bad_docx(lambda t: import_cases.not_a_zip()))], IMPORT, 2,
       says=["is not a Word .docx file (it is not a zip package"]),
    _c("import-a-pdf", "mini", [_call(_bad_docx(lambda t: import_cases.pdf()))], IMPORT, 2,
       says=["is a PDF", "give `protocol import` the Word document the PDF was made from"]),
    _c("import-zip-without-a-document", "mini", [_call(_bad_docx(lambda t: import_cases.no_document(_good_docx())))],
       IMPORT, 2, says=["not a Word document (it has no main document part)"]),
    _c("import-part-given-twice", "mini", [_call(_bad_docx(lambda t: import_cases.duplicate_part(_good_docx())))],
       IMPORT, 2, says=["two parts named 'word/document.xml'"]),
    _c("import-malformed-xml", "mini", [_call(_bad_docx(lambda t: import_cases.malformed_xml(_good_docx())))],
       IMPORT, 2, says=["cannot be read as a Word document"]),
    _c("import-main-part-without-a-body", "mini", [_call(_bad_docx(lambda t: import_cases.no_body(_good_docx())))],
       IMPORT, 2, says=["its main part holds no document body"]),
    _c("import-main-part-not-a-document", "mini",
       [_call(_bad_docx(lambda t: import_cases.not_a_document_root(_good_docx())))], IMPORT, 2,
       says=["its main part holds no document body"]),
    _c("responses-main-part-without-a-body", "mini", [_call(_bad_docx(lambda t: import_cases.no_body(_good_docx())))],
       RESPONSES, 2, says=["its main part holds no document body"]),
    _c("import-no-such-file", "mini", [], IMPORT, 2, says=["bad.docx: no such file"]),
    _c("import-file-is-a-folder", "mini", [("call", lambda r, t: (t / "bad.docx").mkdir())], IMPORT, 2,
       says=["is not a file"]),
    _c("import-out-not-empty", "mini", [_call(_bad_docx(lambda t: _good_docx())), _call(_folder_with_notes)],
       ("import", "{tmp}/bad.docx", "--out", "{tmp}/documents"), 2, says=["is not empty"]),
    _c("import-out-is-a-file", "mini", [_call(_bad_docx(lambda t: _good_docx())), _call(_file("afile"))],
       ("import", "{tmp}/bad.docx", "--out", "{tmp}/afile"), 2, says=["is a file"]),
    _c("import-out-under-a-missing-folder", "mini", [_call(_bad_docx(lambda t: _good_docx()))],
       ("import", "{tmp}/bad.docx", "--out", "{tmp}/nowhere/out"), 2, says=["does not exist"]),
    _c("import-without-out", "mini", [_call(_bad_docx(lambda t: _good_docx()))], ("import", "{tmp}/bad.docx"), 2,
       says=["the following arguments are required: --out"]),
    # ------------------------------------------------------------ responses: consultees' copies (issue 19)
    _c("responses-not-a-docx", "mini", [_call(_bad_docx(lambda t: b"Dear Monitoring Officer, my comments:\n"))],
       RESPONSES, 2, says=["is not a Word .docx file"]),
    _c("responses-zip-bomb", "mini", [_call(_bad_docx(lambda t: import_cases.zip_bomb(_good_docx())))], RESPONSES, 2,
       says=["unpacks to 300 MB", "zip bomb"]),
    _c("responses-zip-bomb-lying-about-its-size", "mini",
       [_call(_bad_docx(lambda t: import_cases.lying_bomb(_good_docx())))], RESPONSES, 2, says=["zip bomb"]),
    _c("responses-external-entity", "mini",
       [_call(_bad_docx(lambda t: import_cases.external_entity(_good_docx(), t / "secret.txt")))], RESPONSES, 2,
       says=["declares a DTD or entities"]),
    _c("responses-entity-expansion", "mini", [_call(_bad_docx(lambda t: import_cases.billion_laughs(_good_docx())))],
       RESPONSES, 2, says=["declares a DTD"]),
    _c("responses-password-protected", "mini", [_call(_bad_docx(lambda t: import_cases.encrypted(_good_docx())))],
       RESPONSES, 2, says=["password-protected"]),
    _c("responses-a-pdf", "mini", [_call(_bad_docx(lambda t: import_cases.pdf()))], RESPONSES, 2,
       says=["is a PDF", "give `protocol responses` the Word document the PDF was made from"]),
    _c("responses-too-many-parts", "mini", [_call(_bad_docx(lambda t: import_cases.too_many_parts(_good_docx())))],
       RESPONSES, 2, says=["parts; a .docx with more than 10000 is not read by `protocol responses`"]),
    _c("responses-not-from-the-toolkit", "mini", [_call(_bad_docx(lambda t: responses_cases.foreign()))],
       RESPONSES, 2, says=["was not written by `protocol build`", "protocol import"]),
    _c("responses-built-from-other-sources", "mini",
       [_call(_bad_docx(lambda t: responses_cases.other_sources(_good_docx())))], RESPONSES, 2,
       says=["was built from other sources", "is a paragraph of these sources"]),
    _c("responses-from-another-version", "released",
       [_call(lambda r, t: (t / "bad.docx").write_bytes(responses_cases.release(r, "1.0")))], RESPONSES, 1,
       says=["built from version 1.0 (the sources are version 1.1)", "does not match the sources"]),
    _c("responses-edited-without-track-changes", "mini",
       [_call(_bad_docx(lambda t: responses_cases.untracked(_good_docx())))], RESPONSES, 1,
       says=["1 differs from them", "differs: 1.2 (purpose-both): It applies [inserted: equally] to:", "does not match the sources"]),
    _c("responses-no-such-file", "mini", [], RESPONSES, 2, says=["bad.docx: no such file"]),
    _c("responses-file-is-a-folder", "mini", [("call", lambda r, t: (t / "bad.docx").mkdir())], RESPONSES, 2,
       says=["is not a file"]),
    _c("responses-same-file-twice", "mini", [_call(_bad_docx(lambda t: _good_docx()))],
       ("responses", "{tmp}/bad.docx", "{tmp}/bad.docx", "--out", "{tmp}/log"), 2, says=["is given twice"]),
    _c("responses-out-is-a-file", "mini", [_call(_bad_docx(lambda t: _good_docx())), _call(_file("afile"))],
       ("responses", "{tmp}/bad.docx", "--out", "{tmp}/afile"), 2, says=["is a file"]),
    _c("responses-out-inside-the-sources", "mini", [_call(_bad_docx(lambda t: _good_docx()))],
       ("responses", "{tmp}/bad.docx", "--out", "{root}/protocol_src/log"), 2, says=["inside protocol_src/"]),
    _c("responses-author-unknown", "mini", [_call(_bad_docx(lambda t: _good_docx()))],
       RESPONSES + ("--apply", "--author", "Nobody Known"), 2, says=["no tracked change in these copies is by"]),
    _c("responses-only-unknown", "mini", [_call(_bad_docx(lambda t: _good_docx()))],
       RESPONSES + ("--apply", "--only", "no-such-paragraph"), 2, says=["no copy changes a paragraph or heading"]),
    _c("responses-apply-with-source-errors", "mini",
       [("replace", "protocol_src/roles.md", "set policy.", "set policy [[nowhere]]."),
        _call(_bad_docx(lambda t: _good_docx()))], RESPONSES + ("--apply",), 1, says=["fix them before applying"]),
    # ------------------------------------------------------------ coverage and serve (arguments only)
    _c("coverage-format-unknown", "mini", [], ["coverage", "--format", "xml"], 2, says=["invalid choice: 'xml'"]),
    _c("coverage-root-without-sources", "mini", [], ["coverage", "--root", "{tmp}"], 2, says=["no protocol_src/"]),
    _c("serve-port-not-a-number", "mini", [], ["serve", "--port", "eighty"], 2, says=["not a port number"]),
    _c("serve-port-out-of-range", "mini", [], ["serve", "--port", "70000"], 2, says=["not a port number"]),
    _c("serve-root-missing", "mini", [], ["serve", "--root", "{tmp}/nope"], 2, says=["no such folder"]),
    _c("serve-root-without-sources", "mini", [], ["serve", "--root", "{tmp}"], 2, says=["no protocol_src/"]),
]

BY_NAME = {c.name: c for c in CASES}


@dataclass(frozen=True)
class _Edits:  # what malformed_cases.apply expects
    name: str
    edits: tuple


def _apply(root: Path, tmp: Path, case: Case) -> None:
    apply_edits(root, _Edits(case.name, tuple(e for e in case.edits if e[0] != "call")))
    for e in case.edits:
        if e[0] == "call":
            e[1](root, tmp)


@pytest.fixture(scope="module")
def released_base(tmp_path_factory) -> Path:
    """The diff fixture released as 1.0 (approved), with the 1.1 draft and its reasons on top: checks clean."""
    from builder.release import make_release

    root = tmp_path_factory.mktemp("released") / "tree"
    shutil.copytree(OLD, root)
    make_release(root, "1.0", "approved", "2024-03-28", "SC")
    for sub in ("protocol_src", "scenarios"):
        for f in (NEW / sub).iterdir():
            shutil.copy(f, root / sub / f.name)
    return root


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    env.pop("PROTOCOL_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def results(tmp_path_factory, released_base) -> dict:
    base = tmp_path_factory.mktemp("bad-input")
    jobs = {}
    for case in CASES:
        tmp = base / case.name
        root = tmp / "tree"
        shutil.copytree(MINI if case.base == "mini" else released_base, root)
        _apply(root, tmp, case)
        args = [a.format(root=root, tmp=tmp) for a in case.args]
        if "--root" not in args and args[0] != "import":  # import reads a file and writes --out: no root
            args += ["--root", str(root)]
        jobs[case.name] = (root, tmp, args)
    with ThreadPoolExecutor(max_workers=max(2, min(8, os.cpu_count() or 2))) as pool:
        futures = {name: pool.submit(_run, args, tmp) for name, (root, tmp, args) in jobs.items()}
        return {name: (jobs[name][0], jobs[name][1], f.result()) for name, f in futures.items()}


def test_the_released_base_checks_clean(released_base):
    proc = run_cli("check", "--root", str(released_base), "--strict")
    assert proc.returncode == 0, proc.stdout


@pytest.mark.parametrize("name", list(BY_NAME))
def test_bad_input(name, results):
    case = BY_NAME[name]
    root, tmp, proc = results[name]
    out = proc.stdout + proc.stderr
    assert_no_traceback(proc)
    assert "internal error" not in out, out
    assert proc.returncode == case.exit_code, out
    for phrase in case.says:
        assert phrase in out, f"{phrase!r} not in:\n{out}"
    lines = out.splitlines()
    for path, line, code in case.where:
        where = f"{path}:{line}:" if line else f"{path}:"
        found = [i for i, ln in enumerate(lines) if ln.startswith(where) and f" {code}: " in ln]
        assert found, f"expected {where} … {code} in:\n{out}"
        assert lines[found[0] + 1].startswith("    hint: "), out  # one clear message, with a hint
    for code in case.absent:
        assert f" {code}: " not in out, f"cascade: {code} reported as well:\n{out}"
    if not case.where:  # a problem with the command: exactly one message saying what is wrong
        assert sum(ln.startswith("protocol:") for ln in lines) == 1, out


def test_a_refused_build_deletes_nothing(results):
    """--out naming the sources, a folder of other files or a file: everything is still there afterwards."""
    root, tmp, _ = results["build-out-is-the-root"]
    assert (root / "protocol_src" / "roles.md").is_file() and (root / "protocol_src" / "protocol.yaml").is_file()
    root, tmp, _ = results["build-out-holds-the-root"]
    assert (root / "protocol_src" / "roles.md").is_file()
    assert sorted(p.name for p in tmp.iterdir()) == ["tree"]  # no staging folder either
    root, tmp, _ = results["build-out-holds-other-files"]
    assert (tmp / "documents" / "budget.xlsx").read_text(encoding="utf-8") == "someone's work"
    root, tmp, _ = results["build-out-is-a-file"]
    assert (tmp / "afile").read_text(encoding="utf-8") == "a file, not a folder\n"
    assert not list(tmp.glob(".afile*"))


def test_refused_commands_write_nothing(results, released_base):
    for name in ("release-adopting-changed-text", "release-version-backwards", "release-with-source-errors",
                 "release-date-before-last"):
        root, _, _ = results[name]
        assert (root / H).read_bytes() == (released_base / H).read_bytes(), name
        assert sorted(p.name for p in (root / "releases").iterdir()) == ["1.0"], name
    for name in ("diff-from-corrupted-release", "diff-from-release-that-does-not-load", "diff-from-tree-with-errors"):
        _, tmp, _ = results[name]
        assert not list(tmp.glob("*r.docx*")), name
    for name in ("new-empty-title", "new-id-escapes-the-folder", "new-id-taken"):
        root, tmp, _ = results[name]
        assert sorted(p.name for p in (root / "scenarios").iterdir()) == ["README.md"], name
        assert not list(tmp.rglob("leak*")), name


def test_a_refused_import_writes_nothing(results):
    """Nothing beside the tree, the bad file and the secret: no --out, no staging folder; the secret never read."""
    for name, case in BY_NAME.items():
        if not name.startswith("import-") or name in ("import-out-not-empty", "import-out-is-a-file"):
            continue
        root, tmp, proc = results[name]
        assert {p.name for p in tmp.iterdir()} <= {"bad.docx", "secret.txt", "tree"}, (name, list(tmp.iterdir()))
        assert "TOP-SECRET" not in proc.stdout + proc.stderr, name
    root, tmp, _ = results["import-out-not-empty"]
    assert sorted(p.name for p in (tmp / "documents").iterdir()) == ["budget.xlsx"]


def test_a_refused_responses_writes_nothing(results):
    """No log folder and no change to the sources when a copy is refused; the secret is never read."""
    for name, case in BY_NAME.items():
        if not name.startswith("responses-") or case.exit_code != 2:
            continue
        root, tmp, proc = results[name]
        assert not (tmp / "log").exists(), name
        assert not list(root.rglob("*.tmp")), name
        assert "TOP-SECRET" not in proc.stdout + proc.stderr, name
    for name in ("responses-from-another-version", "responses-edited-without-track-changes",
                 "responses-apply-with-source-errors"):
        root, tmp, proc = results[name]
        assert not list((root / "protocol_src").glob(".*")), name  # nothing staged was left behind
    root, tmp, _ = results["responses-out-is-a-file"]
    assert (tmp / "afile").read_text(encoding="utf-8") == "a file, not a folder\n"


def test_python_tag_in_reasons_is_never_executed(results):
    root, tmp, proc = results["reasons-python-tag"]
    assert not list(tmp.rglob("pwned"))


def test_id_shared_by_a_section_and_a_scenario_is_reported_at_both(results):
    """Both places are named, each pointing at the other."""
    _, _, proc = results["id-section-and-scenario"]
    i001 = [ln for ln in proc.stdout.splitlines() if " I001: " in ln]
    assert len(i001) == 2, proc.stdout
    assert "scenarios/roles.md:1" in i001[0] + i001[1] and "protocol_src/roles.md:1" in i001[0] + i001[1]


def test_scenario_with_bom_and_crlf_is_accepted(mini_tree):
    """CRLF and a BOM are accepted, not rejected, in scenarios as in sections."""
    (mini_tree / "scenarios" / "helpful.md").write_bytes(b"\xef\xbb\xbf" + SC.encode("utf-8").replace(b"\n", b"\r\n"))
    proc = run_cli("check", "--root", str(mini_tree), "--format", "json")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout
    plain = mini_tree.parent / "plain"
    shutil.copytree(mini_tree, plain)
    (plain / "scenarios" / "helpful.md").write_text(SC, encoding="utf-8")
    base = run_cli("check", "--root", str(plain), "--format", "json")
    assert proc.stdout.replace(str(mini_tree), "") == base.stdout.replace(str(plain), "")


def test_reasons_with_bom_and_crlf_are_accepted(released_base, tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(released_base, root)
    for rel in (A, H):
        path = root / rel
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes().replace(b"\n", b"\r\n"))
    proc = run_cli("check", "--root", str(root), "--strict")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_catalogue_size():
    """Issue 8: at least 40 bad-input cases across sources, scenarios, releases, reasons and arguments."""
    from test_malformed import USAGE

    assert len({c.name for c in CASES}) == len(CASES)
    assert not {c.name for c in CASES} & {c.name for c in LOADER_CASES}
    assert len(CASES) >= 40
    assert len(CASES) + len(LOADER_CASES) + len(USAGE) >= 140
