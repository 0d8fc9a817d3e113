"""protocol release: status transitions, snapshot and manifest, and the release rules of protocol check."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from builder.check import check_root
from builder.check.history import check_history
from builder.diagnostics import Collector
from builder.load import load_tree
from builder.project import compare_latest, load_project
from builder.snapshots import load_release, verify_snapshot
from conftest import REPO, assert_no_traceback, run_cli

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"


def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    shutil.copytree(OLD, root)
    return root


def release(root: Path, *args: str):
    proc = run_cli("release", "--root", str(root), *args)
    assert_no_traceback(proc)
    return proc


def draft_on_top(root: Path) -> None:
    """Replace the released text with the 1.1 draft, keeping history.yaml and releases/."""
    for sub in ("protocol_src", "scenarios"):
        for f in (NEW / sub).iterdir():
            shutil.copy(f, root / sub / f.name)


def history_rules(root: Path, today=None) -> Collector:
    """What the rules on the version history alone report."""
    project = load_project(root)
    diags = Collector()
    check_history(project, compare_latest(project, words=False), diags, today=today or dt.date(2024, 6, 1))
    return diags


def codes(root: Path, today=None) -> list[str]:
    return sorted(d.code for d in history_rules(root, today).items)


def test_release_writes_snapshot_manifest_history_and_metadata(tmp_path):
    root = tree(tmp_path)
    proc = release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "Standards Committee",
                   "--minute", "SC/24/12")
    assert proc.returncode == 0, proc.stderr
    assert verify_snapshot(root, "1.0") == []
    assert (root / "releases" / "1.0" / "MANIFEST.sha256").read_text().count("\n") == len(
        [p for p in (root / "releases" / "1.0").rglob("*") if p.is_file()]) - 1
    history = (root / "protocol_src" / "history.yaml").read_text()
    assert 'version: "1.0"' in history and "status: approved" in history and '"SC/24/12"' in history
    meta = (root / "protocol_src" / "protocol.yaml").read_text()
    assert "# Fixture for the diff tests" in meta  # comments kept
    assert 'version: "1.0"' in meta and "status: approved" in meta and "date: 2024-03-28" in meta
    assert load_release(root, "1.0").meta.status == "approved"
    assert load_project(root).latest.version == "1.0"
    assert check_root(root)[1].errors == []


def test_approved_then_adopted_records_review_date(tmp_path):
    root = tree(tmp_path)
    assert release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "Standards Committee").returncode == 0
    proc = release(root, "1.0", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council")
    assert proc.returncode == 0, proc.stderr
    assert "review due: 2024-11-21" in proc.stdout
    protocol, _ = load_tree(root)
    assert [(r.status, r.review_due) for r in protocol.history] == [("approved", ""), ("adopted", "2024-11-21")]
    assert verify_snapshot(root, "1.0") == []
    assert codes(root, dt.date(2024, 11, 21)) == []
    assert codes(root, dt.date(2024, 11, 22)) == ["V003"]


def test_status_cannot_go_backwards_or_repeat(tmp_path):
    root = tree(tmp_path)
    release(root, "1.0", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council")
    for status in ("approved", "adopted"):
        proc = release(root, "1.0", "--status", status, "--date", "2024-06-01", "--body", "Full Council")
        assert proc.returncode == 2 and "already adopted" in proc.stderr


def test_adopting_changed_text_under_the_same_version_is_refused(tmp_path):
    root = tree(tmp_path)
    release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "Standards Committee")
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text().replace("work together", "work well together"))
    proc = release(root, "1.0", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council")
    assert proc.returncode == 1
    assert "new version" in proc.stderr
    assert verify_snapshot(root, "1.0") == []  # the snapshot is untouched


def test_bad_arguments_are_usage_errors(tmp_path):
    root = tree(tmp_path)
    for args, words in ((["1.x", "--status", "approved", "--date", "2024-03-28", "--body", "SC"], "not a version"),
                        (["1.0", "--status", "approved", "--date", "2024-02-30", "--body", "SC"], "calendar"),
                        (["1.0", "--status", "approved", "--date", "28/03/2024", "--body", "SC"], "YYYY-MM-DD")):
        proc = release(root, *args)
        assert proc.returncode == 2 and words in proc.stderr
    release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC")
    proc = release(root, "0.9", "--status", "approved", "--date", "2024-04-01", "--body", "SC")
    assert proc.returncode == 2 and "not after the latest release" in proc.stderr
    assert not (root / "releases" / "0.9").exists()


def test_release_refused_when_check_has_errors(tmp_path):
    root = tree(tmp_path)
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text() + "\n{#bad} See [[nowhere]].\n")
    proc = release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC")
    assert proc.returncode == 1 and "R001" in proc.stderr
    assert not (root / "releases").exists() or not any((root / "releases").iterdir())


def test_corrupted_and_missing_snapshots_are_reported(tmp_path):
    root = tree(tmp_path)
    release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC")
    snap = root / "releases" / "1.0" / "protocol_src" / "purpose.md"
    snap.write_text(snap.read_text() + "\n")
    assert "V002" in codes(root)
    proc = run_cli("check", "--root", str(root))
    assert proc.returncode == 1 and "history.yaml" in proc.stdout and "V002" in proc.stdout
    shutil.rmtree(root / "releases" / "1.0")
    assert "V001" in codes(root)


def test_reasons_version_and_stale_scenarios(tmp_path):
    root = tree(tmp_path)
    release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC")
    draft_on_top(root)
    assert codes(root) == []  # every change has a reason; the cited paragraphs did not change
    amendments = root / "protocol_src" / "amendments.yaml"
    text = amendments.read_text()
    amendments.write_text(text.replace("  purpose-what: Member survey, March 2024 (question 12)\n", "")
                          + "  gifts-refuse: not changed at all\n")
    got = codes(root)
    assert got.count("V004") == 1 and got.count("V005") == 1
    meta = root / "protocol_src" / "protocol.yaml"
    meta.write_text(meta.read_text().replace('version: "1.1"', 'version: "1.0"'))
    assert "V006" in codes(root)


def test_stale_scenario_names_the_changed_paragraph(tmp_path):
    root = tree(tmp_path)
    release(root, "1.0", "--status", "approved", "--date", "2024-03-28", "--body", "SC")
    draft_on_top(root)
    gifts = root / "protocol_src" / "gifts.md"
    gifts.write_text(gifts.read_text().replace("Refuse any gift", "Politely refuse any gift"))
    stale = [d for d in history_rules(root).items if d.code == "C004"]
    assert len(stale) == 1 and stale[0].severity == "warning"
    assert "planning-developer" in stale[0].message and "2.3 (gifts-refuse)" in stale[0].message
    assert stale[0].path == "scenarios/planning-developer.md"
