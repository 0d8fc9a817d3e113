"""The benchmark script runs end to end on the tiny size (figures are printed, never asserted)."""
from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

from conftest import REPO, assert_no_traceback, run_cli

sys.path.insert(0, str(REPO))

from benchmarks import generate as gen  # noqa: E402
from benchmarks.run import STEPS  # noqa: E402


def _digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        h.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return h.hexdigest()


def test_generated_tree_checks_clean_and_is_reproducible(tmp_path):
    base = gen.generate(tmp_path / "a", "tiny", seed=7)
    proc = run_cli("check", "--strict", "--root", str(base / "tree"))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    from builder.releases import load_release

    assert load_release(base / "tree", "1.0").meta.version == "1.0"  # the snapshot verifies and loads
    again = gen.generate(tmp_path / "b", "tiny", seed=7)
    assert _digest(base) == _digest(again)
    assert (base / "old.md").read_text(encoding="utf-8").startswith("% ")
    assert "[[" not in (base / "new.md").read_text(encoding="utf-8")


def test_benchmark_script_prints_every_step_on_the_tiny_size(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "benchmarks.run", "--sizes", "tiny", "--skip-external",
                           "--work", str(tmp_path)], cwd=REPO, capture_output=True, text=True, timeout=900)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| ")]
    for _, label, _ in STEPS:
        row = next((r for r in rows if r.startswith(f"| {label} | tiny |")), None)
        assert row is not None, f"no row for {label!r}:\n{proc.stdout}"
        assert "failed" not in row, row
    check_row = next(r for r in rows if r.startswith("| protocol check | tiny |"))
    assert "n/a" not in check_row
    assert (tmp_path / "results.json").is_file()
    assert (tmp_path / "tiny" / "tree" / "protocol_src" / "protocol.yaml").is_file()
