"""The session-start check: a missing client stops the whole run at once, naming it and its install step.

The check runs for real in a child pytest whose PATH holds every program of
this machine's PATH except pandoc (links in a temporary folder), as on a
machine where the install step was skipped.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import clients
from conftest import REPO


def _path_without(tmp: Path, *names: str) -> str:
    """A PATH of one folder linking every program on this PATH but `names` (first one found wins)."""
    folder = tmp / "bin"
    folder.mkdir()
    for entry in os.environ.get("PATH", "").split(os.pathsep):
        base = Path(entry)
        if not base.is_dir():
            continue
        for program in base.iterdir():
            link = folder / program.name
            if program.name in names or link.exists() or link.is_symlink():
                continue
            if program.is_file() and os.access(program, os.X_OK):
                link.symlink_to(program)
    return str(folder)


def test_every_client_is_found_where_the_install_puts_it():
    assert clients.missing() == []
    assert Path(clients.openxml_audit()).parent == Path(sys.executable).parent
    assert clients.uno_works()


def test_a_missing_client_fails_the_run_at_once_naming_it_and_its_install_step(tmp_path):
    env = dict(os.environ, PATH=_path_without(tmp_path, "pandoc"))
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           str(REPO / "tests" / "test_number.py")],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    assert proc.returncode != 0, out
    assert "pandoc: not found; tests/run.sh installs it: apt-get install pandoc" in out, out
    assert "1 client(s) missing" in out, out  # only pandoc: everything else was found
    assert " passed" not in out and "collected" not in out, out  # stopped before any test was collected


def test_the_run_starts_by_printing_each_clients_version():
    proc = subprocess.run([sys.executable, "-m", "pytest", "--co", "-q", "-p", "no:cacheprovider",
                           str(REPO / "tests" / "test_number.py")],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    header = [line for line in proc.stdout.splitlines() if line.startswith("clients: ")]
    names = [line.split(":")[1].strip() for line in header]
    for name in ("pandoc", "LibreOffice", "Chromium", "openxml-audit", "axe-core"):
        assert name in names, proc.stdout
    assert not any("not found" in line or "not installed" in line for line in header), header
