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


# ---------------------------------------------------------------- --next: the next draft in the same step

MINI = REPO / "tests" / "fixtures" / "mini"


def _mini(tmp_path: Path) -> Path:
    root = tmp_path / "mini"
    shutil.copytree(MINI, root)
    return root


def test_next_starts_the_next_draft(tmp_path):
    root = _mini(tmp_path)
    meta = root / "protocol_src" / "protocol.yaml"
    # a meeting already fixed after the release stays, and is listed for the author to check
    meta.write_text(meta.read_text().replace("  full_council: 2024-05-21\n",
                                             "  full_council: 2024-05-21\n  next_review: 2024-11-14\n"))
    proc = release(root, "1.1", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council",
                   "--minute", "FC/24/31", "--next", "1.2")
    assert proc.returncode == 0, proc.stderr
    assert "started draft 1.2" in proc.stdout
    assert "drafted 2024-02-12, standards_committee 2024-03-28, full_council 2024-05-21" in proc.stdout
    assert "next_review 2024-11-14; keep only those that belong to draft 1.2" in proc.stdout
    text = meta.read_text()
    assert 'version: "1.2"' in text and "status: draft" in text and "date: 2024-05-21" in text
    assert "# The protocol's settings." in text  # comments kept
    assert ("dates:\n  # Version 1.1's dates, taken off the title page by `protocol release --next` (kept in "
            "releases/1.1/):\n  # drafted: 2024-02-12\n  # standards_committee: 2024-03-28\n"
            "  # full_council: 2024-05-21\n  next_review: 2024-11-14\n") in text
    draft = load_tree(root)[0]
    assert dict(draft.meta.dates) == {"next_review": "2024-11-14"}
    assert draft.reasons == ()
    reasons = (root / "protocol_src" / "amendments.yaml").read_text()
    assert "since release 1.1" in reasons and reasons.rstrip().endswith("reasons:")
    # the release itself is 1.1 as decided, with its own key dates
    released = load_release(root, "1.1")
    assert (released.meta.version, released.meta.status) == ("1.1", "adopted")
    assert dict(released.meta.dates)["full_council"] == "2024-05-21"
    assert verify_snapshot(root, "1.1") == []
    assert check_root(root)[1].errors == []


def test_next_twice_replaces_the_dates_it_took_off(tmp_path):
    root = _mini(tmp_path)
    release(root, "1.1", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council", "--next", "1.2")
    meta = root / "protocol_src" / "protocol.yaml"
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text().replace("work together.", "work well together."))
    (root / "protocol_src" / "amendments.yaml").write_text("reasons:\n  purpose-what: Plainer\n")
    meta.write_text(meta.read_text().replace("  # full_council: 2024-05-21\n",
                                             "  # full_council: 2024-05-21\n  standards_committee: 2024-11-14\n"))
    proc = release(root, "1.2", "--status", "adopted", "--date", "2024-11-28", "--body", "Full Council", "--next", "1.3")
    assert proc.returncode == 0, proc.stderr
    text = meta.read_text()
    assert text.count("taken off the title page") == 1
    assert "  # Version 1.2's dates" in text and "  # standards_committee: 2024-11-14\n" in text
    assert "drafted" not in text  # 1.1's dates are in releases/1.1/, not listed again
    assert load_release(root, "1.2").reasons[0][:2] == ("purpose-what", "Plainer")  # the release keeps its reasons
    assert load_tree(root)[0].reasons == ()


def test_next_needs_a_higher_version(tmp_path):
    root = _mini(tmp_path)
    for bad, says in (("1.1", "not after 1.1"), ("1.0", "not after 1.1"), ("one", "not a version number")):
        proc = release(root, "1.1", "--status", "adopted", "--date", "2024-05-21", "--body", "FC", "--next", bad)
        assert proc.returncode == 2 and says in proc.stderr, proc.stderr
    assert not (root / "releases").exists()


def test_a_failed_next_puts_every_file_back(tmp_path, monkeypatch):
    """A failure after the sources were written (here: the snapshot cannot be moved into place) restores
    protocol.yaml, history.yaml and amendments.yaml and leaves no release."""
    import builder.release as rel
    from builder.errors import ProtocolError

    root = _mini(tmp_path)
    (root / "protocol_src" / "amendments.yaml").write_text("reasons:\n")
    src = root / "protocol_src"
    before = {p.name: p.read_bytes() for p in src.iterdir()}

    def refuse(staged, target):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rel, "replace_dir", refuse)
    try:
        rel.make_release(root, "1.1", "adopted", "2024-05-21", "Full Council", next_version="1.2")
    except ProtocolError as exc:
        assert "No space left" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("the release should have failed")
    assert {p.name: p.read_bytes() for p in src.iterdir()} == before
    assert not (root / "releases" / "1.1").exists()


def test_without_next_the_message_says_what_to_change(tmp_path):
    root = _mini(tmp_path)
    proc = release(root, "1.1", "--status", "approved", "--date", "2024-03-28", "--body", "Standards Committee")
    assert proc.returncode == 0, proc.stderr
    assert "When Full Council adopts it: protocol release 1.1 --status adopted" in proc.stdout
    assert "--next" in proc.stdout and "status: draft" in proc.stdout
    # adopting the same text later is a further decision on 1.1, not "nothing has changed"
    proc = release(root, "1.1", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council", "--next", "1.2")
    assert proc.returncode == 0, proc.stderr


def test_the_approved_draft_awaiting_adoption_keeps_its_reasons_quiet(tmp_path):
    """Between approval and adoption the draft is the release: its reasons are that release's own, so check
    reports none of them as unused (V005), and adopting it is not refused."""
    root = _mini(tmp_path)
    release(root, "1.1", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council", "--next", "1.2")
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text().replace("work together.", "work well together."))
    (root / "protocol_src" / "amendments.yaml").write_text("reasons:\n  purpose-what: Plainer\n")
    assert release(root, "1.2", "--status", "approved", "--date", "2024-11-14", "--body", "SC").returncode == 0
    assert not [c for c in codes(root, dt.date(2024, 11, 15)) if c in ("V004", "V005")]
    proc = release(root, "1.2", "--status", "adopted", "--date", "2024-11-28", "--body", "Full Council", "--next", "1.3")
    assert proc.returncode == 0, proc.stderr


def test_a_review_under_way_is_not_overdue(tmp_path):
    """V003 is quiet while the reviewed draft exists (changed since the adopted release and dated on or before
    the review's due date); a draft dated after it, or no change at all, is still overdue."""
    root = tree(tmp_path)
    assert release(root, "1.0", "--status", "adopted", "--date", "2024-05-21", "--body", "Full Council",
                   "--next", "1.1").returncode == 0
    later = dt.date(2026, 12, 1)
    assert codes(root, later) == ["V003"]  # nothing reviewed yet
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text().replace("work together.", "work together well."))
    (root / "protocol_src" / "amendments.yaml").write_text("reasons:\n  purpose-what: Six-month review\n")
    meta = root / "protocol_src" / "protocol.yaml"
    text = meta.read_text()
    import re
    meta.write_text(re.sub(r"^date: .*$", "date: 2024-11-14", text, flags=re.M))
    assert "V003" not in codes(root, later)
    meta.write_text(re.sub(r"^date: .*$", "date: 2024-12-02", text, flags=re.M))
    assert "V003" in codes(root, later)
