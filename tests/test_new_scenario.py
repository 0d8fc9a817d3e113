"""protocol new scenario "Title": a file from the template with a fresh id, never overwriting."""
from __future__ import annotations

import json

from conftest import assert_no_traceback, run_cli


def _new(root, *args):
    proc = run_cli("new", "scenario", *args, "--root", str(root))
    assert_no_traceback(proc)
    return proc


def test_creates_a_file_with_a_fresh_id_and_the_current_version(mini_tree):
    proc = _new(mini_tree, "The planning committee and the persistent developer")
    assert proc.returncode == 0, proc.stderr
    path = mini_tree / "scenarios" / "planning-committee-persistent-developer.md"
    assert path.is_file()
    assert "created scenarios/planning-committee-persistent-developer.md" in proc.stdout
    text = path.read_text(encoding="utf-8")
    assert 'title: "The planning committee and the persistent developer"' in text
    assert 'reviewed_against: "1.1"' in text  # the mini tree's current version
    for part in ("The situation", "What makes it hard", "What the protocol says", "What good looks like",
                 "What goes wrong", "Questions for discussion", "Notes for facilitators"):
        assert f"\n## {part}\n" in text


def test_the_new_file_loads_and_check_lists_what_to_fill_in(mini_tree):
    _new(mini_tree, "The leaked report")
    proc = run_cli("check", "--root", str(mini_tree), "--format", "json")
    assert_no_traceback(proc)
    assert proc.returncode == 1
    ours = [d for d in json.loads(proc.stdout) if d["path"] == "scenarios/leaked-report.md"]
    codes = sorted({d["code"] for d in ours if d["severity"] == "error"})
    assert codes == ["C001", "M002"]  # empty parts and empty required fields; no syntax errors
    assert {d["message"].split("'")[1] for d in ours if d["code"] == "M002"} == {"audience", "areas", "cites"}
    assert len([d for d in ours if d["code"] == "C001"]) == 7


def test_ids_are_unique_against_every_id(mini_tree):
    first = _new(mini_tree, "The leaked report")
    second = _new(mini_tree, "The leaked report!")
    assert first.returncode == second.returncode == 0
    assert (mini_tree / "scenarios" / "leaked-report.md").is_file()
    assert (mini_tree / "scenarios" / "leaked-report-2.md").is_file()
    # a title whose slug is a paragraph id gets a suffix, never the paragraph's id
    third = _new(mini_tree, "Roles: members")
    assert third.returncode == 0
    assert (mini_tree / "scenarios" / "roles-members-2.md").is_file()
    assert not (mini_tree / "scenarios" / "roles-members.md").exists()


def test_ids_in_old_releases_are_not_reused(mini_tree):
    old = mini_tree / "releases" / "1.0" / "scenarios"
    old.mkdir(parents=True)
    (old / "leaked-report.md").write_text("retired\n")
    assert _new(mini_tree, "The leaked report").returncode == 0
    assert (mini_tree / "scenarios" / "leaked-report-2.md").is_file()


def test_refuses_to_overwrite_an_existing_file(mini_tree):
    (mini_tree / "scenarios").mkdir(exist_ok=True)
    existing = mini_tree / "scenarios" / "my-story.md"
    existing.write_text("half-written, not yet valid\n", encoding="utf-8")
    proc = _new(mini_tree, "Anything", "--id", "my-story")
    assert proc.returncode == 2
    assert "already used" in proc.stderr
    assert existing.read_text(encoding="utf-8") == "half-written, not yet valid\n"


def test_titles_are_quoted_safely(mini_tree):
    proc = _new(mini_tree, 'The "Friends of Eastgate Park": a #hashtag & colon: test')
    assert proc.returncode == 0
    from builder.load import load_tree

    protocol, _ = load_tree(mini_tree)
    assert [s.title for s in protocol.scenarios] == ['The "Friends of Eastgate Park": a #hashtag & colon: test']


def test_bad_usage_exits_2(mini_tree, tmp_path):
    for args, message in ((["   "], "title is empty"), (["Title", "--id", "Bad_Id"], "malformed"),
                          (["Title", "--id", "purpose-what"], "already used")):
        proc = _new(mini_tree, *args)
        assert proc.returncode == 2, args
        assert message in proc.stderr
    wrong_kind = run_cli("new", "section", "Title", "--root", str(mini_tree))
    assert wrong_kind.returncode == 2
    no_root = run_cli("new", "scenario", "Title", "--root", str(tmp_path / "nowhere"))
    assert no_root.returncode == 2
    assert_no_traceback(no_root)
    assert sorted(p.name for p in (mini_tree / "scenarios").glob("*.md")) == ["README.md"]
