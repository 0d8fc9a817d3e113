"""Shared test helpers: the repository root, a small valid source tree, and running the CLI."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
MINI = REPO / "tests" / "fixtures" / "mini"


@pytest.fixture
def repo_root() -> Path:
    return REPO


@pytest.fixture
def mini_tree(tmp_path: Path) -> Path:
    """A copy of the small valid tree in tests/fixtures/mini, safe to edit."""
    dest = tmp_path / "mini"
    shutil.copytree(MINI, dest)
    return dest


@pytest.fixture
def shipped_tree(tmp_path: Path) -> Path:
    """A copy of the shipped protocol (protocol_src/, scenarios/, releases/), safe to edit."""
    dest = tmp_path / "shipped"
    dest.mkdir()
    for name in ("protocol_src", "scenarios", "releases"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, dest / name)
    return dest


def write_site_of(root: Path, out: Path, **options):
    """The website of the tree in `root` as `protocol build` writes it (with a What changed page for each
    release), without the checks; returns the draft's model."""
    from builder.project import compare_latest, compare_releases, load_project
    from builder.write.site import write_site

    project = load_project(root, releases="all")
    write_site(project.draft, out, comparisons=compare_releases(project, compare_latest(project)), **options)
    return project.draft


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run `protocol …` in a real subprocess, as a user would."""
    return subprocess.run([sys.executable, "-m", "builder.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600)


def assert_no_traceback(proc: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in proc.stderr + proc.stdout, proc.stderr


# ---------------------------------------------------------------- the clients the suite drives

@pytest.hookimpl(trylast=True)
def pytest_sessionstart(session) -> None:
    """Print each real client's version once (even under -q: a failing CI log says what it ran against),
    then fail the run at once when one is missing: a skip would let a broken set-up pass."""
    import clients

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        for line in clients.versions():
            reporter.write_line(f"clients: {line}")
    problems = clients.missing()
    if problems:
        lines = "\n".join(f"  - {p}" for p in problems)
        pytest.exit(f"the test suite cannot run: {len(problems)} client(s) missing\n{lines}\n"
                    "Run the README's test command (bash tests/run.sh), which installs them.", returncode=1)
