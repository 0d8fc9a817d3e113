"""Nothing lost: failed, faulty and killed runs leave every earlier file as it was.

- A build that fails (a source error; a fault in a late step; a failed rename)
  leaves the previous output folder byte for byte and no staging folder behind.
- A build killed mid-way (SIGKILL while the website is being written) leaves the
  previous complete build, or nothing, and never a partial document; the next
  build removes the dead build's staging folder.
- `protocol ids`, `protocol release` and `protocol diff` write through a
  temporary file and a rename: when the rename (or any step) fails, the source
  files are unchanged, no temporary file is left, and a release leaves no
  releases/<version>/ and the same history.yaml and protocol.yaml.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import builder.build as build_module
from builder.build import build, clean_stale_staging
from builder.cli import main
from builder.errors import ProtocolError
from builder.release import make_release
from builder.snapshots import verify_snapshot
from conftest import REPO

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones included) and its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(parent: Path) -> list[str]:
    """Staging folders, .old folders and temporary files anywhere under `parent`."""
    return sorted(p.relative_to(parent).as_posix() for p in parent.rglob("*")
                  if ".building-" in p.name or ".releasing-" in p.name or p.name.endswith((".old", ".tmp")))


@pytest.fixture
def previous(mini_tree: Path, tmp_path: Path) -> tuple[Path, Path, dict]:
    """A tree and a complete earlier build of it (Word only: fast)."""
    out = tmp_path / "out"
    build(mini_tree, out, site=False)
    return mini_tree, out, snapshot(out)


# ---------------------------------------------------------------- failed builds

def test_a_source_error_leaves_the_previous_build(previous, tmp_path):
    root, out, before = previous
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("set policy.", "set policy [[nowhere]]."),
                     encoding="utf-8")
    assert main(["build", "--no-site", "--root", str(root), "--out", str(out)]) == 1
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


class Boom(RuntimeError):
    pass


def test_a_fault_in_a_late_step_leaves_the_previous_build(previous, tmp_path, monkeypatch):
    """The website writer writes half a site, then fails: the Word document already staged is thrown away too."""
    root, out, before = previous

    def half_a_site(protocol, site_dir, *, comparisons=(), downloads=(), offline=False, training=()):
        (site_dir / "protocol").mkdir(parents=True)
        (site_dir / "protocol" / "roles.html").write_text("<html><body>half", encoding="utf-8")
        raise Boom("the site writer failed")

    import builder.write.site

    monkeypatch.setattr(builder.write.site, "write_site", half_a_site)
    with pytest.raises(Boom):
        build(root, out)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


def test_a_fault_after_everything_is_written_leaves_the_previous_build(previous, tmp_path, monkeypatch):
    """A late step (the redline and the schedule, after the Word document and before the website) fails."""
    root, out, before = previous
    make_release(root, "1.1", "approved", "2024-05-07", "Standards Committee")  # so the build writes them
    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("set policy.", "set the policy."), encoding="utf-8")

    def late(*args, **kwargs):
        raise Boom("the schedule failed")

    monkeypatch.setattr(build_module, "write_amendments", late)
    with pytest.raises(Boom):
        build(root, out, site=False)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []
    # and through the command line: an unexpected fault is exit 3 and one line, still nothing replaced
    assert main(["build", "--no-site", "--root", str(root), "--out", str(out)]) == 3
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("failing_call", [1, 2])
def test_a_failed_rename_leaves_the_previous_build(previous, tmp_path, monkeypatch, capsys, failing_call):
    """Moving the old build aside (1) or the new one into place (2) fails, as on a locked or full disk."""
    root, out, before = previous
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == failing_call:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)
    assert main(["build", "--no-site", "--root", str(root), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "cannot write the outputs: No space left on device" in err and "internal error" not in err
    monkeypatch.setattr(os, "replace", real)
    assert snapshot(out) == before
    assert leftovers(tmp_path) == []


# ---------------------------------------------------------------- killed builds

def _start_build(root: Path, out: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.Popen([sys.executable, "-m", "builder.cli", "build", "--root", str(root), "--out", str(out)],
                            cwd=out.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill_while_the_site_is_written(proc: subprocess.Popen, out: Path) -> Path:
    """Wait until the build has staged its Word document and started the website, then SIGKILL it."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        staged = [p for p in out.parent.glob(f".{out.name}.building-*") if (p / "site").exists()
                  or any(p.glob("*.docx"))]
        if staged:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)
            return staged[0]
        if proc.poll() is not None:
            pytest.fail(f"the build finished (exit {proc.returncode}) before it could be killed")
        time.sleep(0.01)
    proc.kill()
    pytest.fail("the build never staged anything")


def _no_partial_document(folder: Path) -> None:
    import zipfile

    for path in folder.rglob("*.docx"):
        with zipfile.ZipFile(path) as z:  # a complete package: the zip's central directory is there
            assert z.testzip() is None, path


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_build_and_the_next_cleans_up(previous, tmp_path):
    root, out, before = previous
    proc = _start_build(root, out)
    staged = _kill_while_the_site_is_written(proc, out)
    assert proc.returncode == -signal.SIGKILL
    assert snapshot(out) == before  # the previous complete build, untouched
    _no_partial_document(out)
    assert staged.exists()  # what the killed build leaves: its hidden staging folder, beside OUT
    assert main(["build", "--no-site", "--root", str(root), "--out", str(out)]) == 0
    assert not staged.exists()
    assert leftovers(tmp_path) == []
    _no_partial_document(out)


@pytest.mark.slow
def test_a_killed_first_build_leaves_no_output_folder(mini_tree, tmp_path):
    out = tmp_path / "first"
    proc = _start_build(mini_tree, out)
    _kill_while_the_site_is_written(proc, out)
    assert not out.exists()
    assert main(["build", "--no-site", "--root", str(mini_tree), "--out", str(out)]) == 0
    assert leftovers(tmp_path) == []


def test_stale_staging_folders_are_removed_but_not_a_running_build(tmp_path):
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    gone = tmp_path / f".out.building-{dead.pid}-abc"
    legacy = tmp_path / ".out.building-xyz123"
    running = tmp_path / f".out.building-{os.getppid()}-def"  # a live process: another build in progress
    other = tmp_path / f".output.building-{dead.pid}-ghi"  # another output folder's: not ours to remove
    for folder in (gone, legacy, running, other):
        (folder / "site").mkdir(parents=True)
        (folder / "half.docx").write_bytes(b"PK\x03\x04")
    removed = clean_stale_staging(out)
    assert sorted(removed) == sorted([gone, legacy])
    assert running.exists() and other.exists()
    old = time.time() - 2 * build_module.STALE_AFTER
    os.utime(running, (old, old))
    assert clean_stale_staging(out) == [running]  # a day old: its process id is someone else's now


# ---------------------------------------------------------------- protocol ids

def _fail_replace(monkeypatch):
    def refuse(src, dst):
        raise OSError(5, "Input/output error")
    monkeypatch.setattr(os, "replace", refuse)


def test_ids_leaves_the_file_as_it_was_when_the_rename_fails(mini_tree, monkeypatch, capsys):
    roles = mini_tree / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8") + "\nOfficers advise.\n", encoding="utf-8")
    before = snapshot(mini_tree)
    _fail_replace(monkeypatch)
    assert main(["ids", "--root", str(mini_tree)]) == 1
    err = capsys.readouterr().err
    assert "cannot write protocol_src/roles.md" in err and "internal error" not in err
    assert snapshot(mini_tree) == before  # no temporary file left beside it either


# ---------------------------------------------------------------- protocol release

def _released_tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(OLD, root)
    return root


def _count_replaces(monkeypatch, fn) -> int:
    real = os.replace
    calls = []

    def counting(src, dst):
        calls.append(dst)
        return real(src, dst)

    monkeypatch.setattr(os, "replace", counting)
    fn()
    monkeypatch.setattr(os, "replace", real)
    return len(calls)


def _fail_nth_replace(monkeypatch, n: int) -> None:
    real = os.replace
    calls = []

    def flaky(src, dst):
        calls.append(dst)
        if len(calls) == n:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", flaky)


def test_a_release_that_fails_at_any_rename_changes_nothing(tmp_path, monkeypatch):
    """Each rename a release makes (protocol.yaml, history.yaml, the snapshot folder) fails in turn."""
    probe = _released_tree(tmp_path / "probe")
    total = _count_replaces(monkeypatch, lambda: make_release(probe, "1.0", "approved", "2024-03-28", "SC"))
    assert total >= 3
    for n in range(1, total + 1):
        root = _released_tree(tmp_path / f"n{n}")
        before = snapshot(root)
        _fail_nth_replace(monkeypatch, n)
        with pytest.raises(ProtocolError, match="nothing was changed"):
            make_release(root, "1.0", "approved", "2024-03-28", "SC")
        monkeypatch.undo()
        assert snapshot(root) == before, n  # protocol.yaml and history.yaml (absent here) as they were
        assert not (root / "releases").exists(), n
        assert leftovers(root) == [], n


def test_adopting_keeps_the_approved_snapshot_when_a_rename_fails(tmp_path, monkeypatch):
    """Adopting replaces releases/1.0/: if that fails, the approved snapshot is still there, intact."""
    probe = _released_tree(tmp_path / "probe")
    make_release(probe, "1.0", "approved", "2024-03-28", "SC")
    total = _count_replaces(monkeypatch, lambda: make_release(probe, "1.0", "adopted", "2024-05-21", "FC"))
    for n in range(1, total + 1):
        root = _released_tree(tmp_path / f"n{n}")
        make_release(root, "1.0", "approved", "2024-03-28", "SC")
        before = snapshot(root)
        _fail_nth_replace(monkeypatch, n)
        with pytest.raises(ProtocolError):
            make_release(root, "1.0", "adopted", "2024-05-21", "FC")
        monkeypatch.undo()
        assert snapshot(root) == before, n
        assert verify_snapshot(root, "1.0") == [], n
        assert leftovers(root) == [], n


def test_a_release_that_fails_while_copying_changes_nothing(tmp_path, monkeypatch, capsys):
    root = _released_tree(tmp_path)
    before = snapshot(root)
    real_copytree = shutil.copytree
    copied = []

    def flaky(src, dst, **kw):
        copied.append(src)
        if len(copied) == 3:
            raise OSError(28, "No space left on device", str(dst))
        return shutil.copy2(src, dst, **kw)

    def copytree(src, dst, **kw):  # copytree's own default copy function is bound when it is defined
        return real_copytree(src, dst, copy_function=flaky, **kw)

    monkeypatch.setattr(shutil, "copytree", copytree)
    code = main(["release", "--root", str(root), "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC"])
    err = capsys.readouterr().err
    assert code == 1, err
    assert "cannot write the release: No space left on device" in err and "internal error" not in err
    assert snapshot(root) == before
    assert not (root / "releases").exists()


def test_release_interrupted_by_ctrl_c_changes_nothing(tmp_path, monkeypatch, capsys):
    """KeyboardInterrupt during the last step: exit 130, 'nothing was changed' is true."""
    root = _released_tree(tmp_path)
    before = snapshot(root)
    import builder.release

    def interrupted(staged, target):
        raise KeyboardInterrupt

    monkeypatch.setattr(builder.release, "replace_dir", interrupted)
    code = main(["release", "--root", str(root), "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC"])
    assert code == 130
    assert "nothing was changed" in capsys.readouterr().err
    assert snapshot(root) == before
    assert not (root / "releases").exists()


# ---------------------------------------------------------------- protocol diff --out

def test_diff_keeps_the_previous_redline_when_the_rename_fails(tmp_path, monkeypatch, capsys):
    root = _released_tree(tmp_path)
    make_release(root, "1.0", "approved", "2024-03-28", "SC")
    for sub in ("protocol_src", "scenarios"):
        for f in (NEW / sub).iterdir():
            shutil.copy(f, root / sub / f.name)
    redline = tmp_path / "redline.docx"
    redline.write_bytes(b"the redline that went to Full Council")
    _fail_replace(monkeypatch)
    code = main(["diff", "--root", str(root), "--from", "1.0", "--out", str(redline)])
    err = capsys.readouterr().err
    assert code == 1 and "cannot write" in err and "internal error" not in err
    assert redline.read_bytes() == b"the redline that went to Full Council"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["redline.docx", "tree"]


def test_what_the_commands_write_has_the_permissions_of_any_file_the_user_saves(tmp_path):
    """Staging is private (mkstemp and mkdtemp make 0o600 and 0o700), but what replaces a target is not: under
    the usual umask 022 a web server or a colleague can read the build, the release and the imported sources."""
    from conftest import MINI, run_cli

    old = os.umask(0o022)
    try:
        root = tmp_path / "tree"
        shutil.copytree(MINI, root)
        built = run_cli("build", "--root", str(root), "--out", str(tmp_path / "out"), "--no-site")
        assert built.returncode == 0, built.stdout + built.stderr
        docx = next((tmp_path / "out").glob("*.docx"))
        imported = run_cli("import", str(docx), "--out", str(tmp_path / "imported"))
        assert imported.returncode in (0, 1), imported.stdout + imported.stderr
        released = run_cli("release", "9.9", "--status", "approved", "--date", "2030-01-01", "--body",
                           "Standards Committee", "--root", str(root))
        assert released.returncode == 0, released.stdout + released.stderr
        for top in (tmp_path / "out", tmp_path / "imported", root / "releases" / "9.9", root / "protocol_src"):
            for path in [top, *top.rglob("*")]:
                mode = path.stat().st_mode & 0o777
                assert mode == (0o755 if path.is_dir() else 0o644), (path, oct(mode))
    finally:
        os.umask(old)
