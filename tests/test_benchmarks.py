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
    from builder.snapshots import load_release

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


def test_fingerprint_names_every_word_output_and_repeats_exactly(tmp_path):
    """benchmarks/fingerprint.py (how a change is shown to change no byte): two runs in fresh processes,
    one of them in another work folder, print the same SHA-256 for each Word output, the built site and
    what `protocol check` says, for the tiny tree and the shipped protocol."""
    runs = []
    for work in ("a", "b"):
        proc = subprocess.run([sys.executable, "-m", "benchmarks.fingerprint", "--sizes", "tiny",
                               "--work", str(tmp_path / work)], cwd=REPO, capture_output=True, text=True)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
        runs.append(proc.stdout.splitlines())
    assert runs[0] == runs[1]
    names = [line.split("  ", 1)[1] for line in runs[0]]
    assert all(len(line.split("  ", 1)[0]) == 64 for line in runs[0])
    for source in ("tiny", "shipped"):
        for folder in (f"{source}/", f"{source}/build/"):
            kinds = sorted("redline" if "-redline-" in n else "schedule" if "-schedule-of-amendments-" in n
                           else "word" for n in names if n.startswith(folder) and "/" not in n[len(folder):]
                           and n.endswith(".docx"))
            assert kinds == ["redline", "schedule", "word"], names
        assert any(n.startswith(f"{source}/build/site/ (") for n in names), names
        assert f"{source}/protocol check --format json (exit 0)" in names, names
    shipped = next(tmp_path.glob("a/outputs/shipped/*-redline-*.docx"))
    assert hashlib.sha256(shipped.read_bytes()).hexdigest() in "\n".join(runs[0])


def test_fingerprint_refuses_a_folder_that_is_not_the_toolkit(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "benchmarks.fingerprint", "--code", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True)
    assert_no_traceback(proc)
    assert proc.returncode == 2 and "not a checkout of the toolkit" in proc.stderr


def test_training_benchmark_prints_its_table_on_the_tiny_size():
    proc = subprocess.run([sys.executable, "-m", "benchmarks.training", "--sizes", "tiny", "--repeat", "1"],
                          cwd=REPO, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stderr
    row = next(line for line in proc.stdout.splitlines() if line.startswith("| tiny |"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2] == "10" and cells[-1] == "0"  # ten sessions written, none with a P-rule finding
    assert float(cells[4]) > 0
