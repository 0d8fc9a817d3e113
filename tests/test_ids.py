"""`protocol ids`: adds the missing ids and leaves every other byte of every file as it was."""
from __future__ import annotations

import contextlib

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from builder.check import check_root
from builder.ids import fresh_id
from builder.slug import STOP_WORDS, slug
from conftest import MINI, assert_no_traceback, run_cli

NEW_PARAS = """
Officers give advice and carry out decisions.
- advice is impartial, and
- decisions are recorded.

## Who does what

Members set policy, again.

{#roles-kept} This one keeps its id.
"""


def _tree(tmp_path: Path, variant: str) -> Path:
    root = tmp_path / variant
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    purpose = root / "protocol_src" / "purpose.md"
    roles.write_text(roles.read_text() + NEW_PARAS, encoding="utf-8")
    purpose.write_text(purpose.read_text() + "\n## Another heading   \n\n  Indented paragraph without an id.\n",
                       encoding="utf-8")
    for path in (roles, purpose):
        data = path.read_bytes()
        if "crlf" in variant:
            data = data.replace(b"\n", b"\r\n")
        if "bom" in variant:
            data = b"\xef\xbb\xbf" + data
        path.write_bytes(data)
    return root


def _snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


ADDED = re.compile(r"^(\S+):(\d+): added id \{#([a-z0-9-]+)\}$", re.M)


@pytest.mark.parametrize("variant", ["lf", "crlf", "bom", "bom-crlf"])
def test_ids_changes_nothing_but_the_ids(tmp_path, variant):
    root = _tree(tmp_path, variant)
    before = _snapshot(root)
    proc = run_cli("ids", "--root", str(root))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    added = ADDED.findall(proc.stdout)
    assert len(added) == 5, proc.stdout  # 3 paragraphs and 2 headings had none
    assert "5 ids added." in proc.stdout
    after = _snapshot(root)
    assert after.keys() == before.keys()
    restored = dict(after)
    for path, line, new in added:
        data = restored[path]
        line_bytes = data.splitlines(keepends=True)[int(line) - 1]
        assert b"{#" + new.encode() + b"}" in line_bytes  # inserted on the line it names
        for form in (b"{#" + new.encode() + b"} ", b" {#" + new.encode() + b"}"):
            if form in data:
                restored[path] = data.replace(form, b"", 1)
                break
        else:  # pragma: no cover
            pytest.fail(f"{new} not found in {path}")
    assert restored == before  # every other byte unchanged: line endings, BOM, spacing, comments
    ids = [new for _, _, new in added]
    assert len(set(ids)) == len(ids)
    # the heading keeps its trailing spaces after the id; the indented paragraph keeps its indent
    purpose = after["protocol_src/purpose.md"].decode("utf-8-sig")
    assert re.search(r"## Another heading \{#[a-z0-9-]+\}   \r?\n", purpose)
    assert re.search(r"\n  \{#[a-z0-9-]+\} Indented paragraph", purpose)

    # afterwards the tree checks with no missing or duplicate ids, and a second run changes nothing
    _, diags = check_root(root)
    assert not [d for d in diags.items if d.code in ("I001", "I002", "I003")], [d.format() for d in diags.items]
    again = run_cli("ids", "--root", str(root))
    assert again.returncode == 0
    assert "Every paragraph already has an id." in again.stdout
    assert _snapshot(root) == after


def test_new_ids_never_repeat_an_existing_one(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text() + "\nMembers set policy.\n\nMembers set policy.\n", encoding="utf-8")
    # an id used only in a file that is not (yet) listed in protocol.yaml still counts as taken
    (root / "protocol_src" / "draft.md").write_text("---\ntitle: Draft\n---\n\n{#members-set-policy-2} x\n",
                                                     encoding="utf-8")
    proc = run_cli("ids", "--root", str(root))
    assert proc.returncode == 0
    new = [m[2] for m in ADDED.findall(proc.stdout)]
    assert new == ["members-set-policy", "members-set-policy-3"]


def test_ids_leaves_a_file_that_is_not_utf8_alone(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    data = roles.read_bytes() + b"\nCaf\xe9 paragraph.\n"
    roles.write_bytes(data)
    proc = run_cli("ids", "--root", str(root))
    assert_no_traceback(proc)
    assert proc.returncode == 0
    assert roles.read_bytes() == data


@contextlib.contextmanager
def read_only(folder: Path):
    """A folder nobody can write into, the running user included: permissions for an ordinary user, and
    the immutable attribute for root (whom permissions do not stop; CI runs as root)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        os.chmod(folder, 0o555)
        try:
            yield
        finally:
            os.chmod(folder, 0o755)


def test_ids_in_a_read_only_folder_is_one_clear_error(tmp_path):
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text() + "\nNo id here.\n", encoding="utf-8")
    before = roles.read_bytes()
    with read_only(root / "protocol_src"):
        proc = run_cli("ids", "--root", str(root))
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "cannot write protocol_src/roles.md" in proc.stderr
    assert roles.read_bytes() == before


def test_slug_and_fresh_id():
    assert fresh_id("The Monitoring Officer will keep the list", set()) == "monitoring-officer-keep-list"
    assert slug("!!!", fallback="paragraph") == "paragraph"
    taken = {"paragraph"}
    assert fresh_id("", taken) == "paragraph-2"
    assert fresh_id("", taken) == "paragraph-3"
    assert len(fresh_id("word " * 50, set())) <= 40
    # one slug for ids, file names and the site's anchors: accents are dropped, not the letters
    assert slug("Gifts & hospitality: the café", fallback="x") == "gifts-hospitality-the-cafe"
    assert slug("Gifts & hospitality: the café", fallback="x", stop_words=STOP_WORDS) == "gifts-hospitality-cafe"


def test_ids_write_failure_is_one_clear_error(tmp_path, monkeypatch, capsys):
    """Whoever runs the tests (root ignores permissions), a failed write is exit 1 with a message."""
    import builder.ids
    from builder.cli import main

    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    roles = root / "protocol_src" / "roles.md"
    before = roles.read_text() + "\nNo id here.\n"
    roles.write_text(before, encoding="utf-8")

    def refuse(path, data):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(builder.ids, "write_bytes_atomic", refuse)
    assert main(["ids", "--root", str(root)]) == 1
    err = capsys.readouterr().err
    assert "cannot write protocol_src/roles.md: Permission denied" in err
    assert "internal error" not in err
    assert roles.read_text() == before
