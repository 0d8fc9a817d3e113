"""The structural diff: ids align, words change inside a paragraph, renumbering is not a change."""
from __future__ import annotations

import shutil

import pytest
from docx import Document

from builder.diff import Comparison, compare, merged_view
from builder.diff.words import diff_runs
from builder.load import load_tree
from builder.project import compare_latest, compare_releases, load_project
from builder.view import Run
from builder.write.amendments import write_amendments
from builder.write.schedule import write_schedule
from builder.write.site.what_changed import page_body, what_changed_pages
from conftest import REPO, assert_no_traceback, run_cli

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"


@pytest.fixture(scope="module")
def pair():
    return load_tree(OLD)[0], load_tree(NEW)[0]


@pytest.fixture(scope="module")
def changes(pair):
    return compare(*pair)


def marked(runs):
    return "".join({"del": "[-%s-]", "ins": "{+%s+}"}.get(r.mark, "%s") % r.text for r in runs)


@pytest.fixture(scope="module")
def comparison(pair, changes):
    return Comparison(*pair, changes)


def test_kinds_by_id(changes):
    kinds = {b.id: b.change for b in changes.blocks()}
    assert kinds["purpose-what"] == "changed"
    assert kinds["purpose-old"] == "deleted"
    assert kinds["purpose-new"] == "inserted"
    assert kinds["gifts-committee"] == "moved"
    assert kinds["contact-groups"] == "moved"  # moved to another section and reworded
    assert changes.block("contact-groups").edited and not changes.block("gifts-committee").edited
    assert kinds["gifts-register"] == kinds["gifts-refuse"] == kinds["contact-routes"] == "unchanged"
    assert changes.counts() == {"inserted": 2, "deleted": 1, "changed": 4, "moved": 2, "unchanged": 4}


def test_renumbered_paragraph_is_unchanged(changes):
    b = changes.block("gifts-register")
    assert (b.old_number, b.new_number, b.change) == ("3.1", "2.2", "unchanged")
    assert not any(r.mark for r in b.runs)


def test_word_level_change_is_a_phrase_not_letters(changes):
    assert marked(changes.block("purpose-what").runs) == (
        "This protocol sets out how members and [-officers-]{+senior officers should+} work together.")


def test_cross_reference_renumbered_is_a_small_change_of_the_number(changes):
    b = changes.block("purpose-breach")
    assert marked(b.runs).endswith("See [-2.1-]{+3.1+}.")
    assert b.reference_only and not b.source_edited


def test_sub_items_aligned_by_sequence(changes):
    items = changes.block("contact-junior").items
    assert [(i.change, i.old_number, i.new_number) for i in items] == [
        ("unchanged", "2.2(a)", "3.2(a)"), ("deleted", "2.2(b)", ""), ("changed", "2.2(c)", "3.2(b)")]
    assert marked(items[2].runs) == "contact the [-chief executive-]{+Chief Executive+}."


def test_heading_glossary_scenario_and_metadata(changes):
    assert marked(changes.block("contact-urgent-heading").runs) == "Urgent {+and out-of-hours +}matters"
    gloss = {g.term: g.change for g in changes.glossary}
    assert gloss == {"Chief Executive": "inserted", "Monitoring Officer": "unchanged", "political group": "unchanged",
                     "Standards Committee": "changed"}
    sc = changes.scenarios[0]
    assert sc.change == "changed"
    assert {p.key: p.change for p in sc.parts}["good"] == "changed"
    assert [b.change for b in {p.key: p for p in sc.parts}["questions"].passages] == [
        "unchanged", "unchanged", "unchanged", "inserted"]
    assert {(m.field, m.old, m.new) for m in changes.meta} >= {("version", "1.0", "1.1"), ("status", "approved", "draft")}
    sections = {s.id: s.change for s in changes.sections}
    assert sections == {"purpose": "unchanged", "gifts": "unchanged", "contact": "moved", "media": "inserted"}


def test_identical_models_have_no_changes(pair):
    old, _ = pair
    ch = compare(old, load_tree(OLD)[0])
    assert not ch.text_changed
    assert all(not b.mark and not any(r.mark for r in b.runs) for b in merged_view(Comparison(old, old, ch)).body)


def test_diff_runs_keeps_both_sides():
    old = (Run("Ask the "), Run("Monitoring Officer", term="Monitoring Officer"), Run(" first."))
    new = (Run("Always ask the "), Run("Monitoring Officer", term="Monitoring Officer"), Run("."))
    runs = diff_runs(old, new)
    assert "".join(r.text for r in runs if r.mark != "ins") == "Ask the Monitoring Officer first."
    assert "".join(r.text for r in runs if r.mark != "del") == "Always ask the Monitoring Officer."
    assert any(r.term == "Monitoring Officer" and not r.mark for r in runs)


def test_merged_view_places_deleted_where_they_stood(comparison):
    view = merged_view(comparison)
    keys = [(b.key, b.mark) for b in view.body]
    assert keys.index(("purpose-old", "del")) == keys.index(("purpose-breach", "")) + 1
    assert ("gifts-committee", "move-to") in keys and ("gifts-committee~old", "move-from") in keys
    assert ("contact-groups", "ins") in keys and ("contact-groups~old", "del") in keys  # moved and reworded


def test_schedule_read_back_with_python_docx(comparison, tmp_path):
    path = tmp_path / "schedule.docx"
    write_schedule(comparison, path)
    doc = Document(str(path))
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Paragraph", "Existing wording",
                                                    "Proposed wording (changes marked)", "Reason"]
    assert table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    rows = {r.cells[0].text: r for r in table.rows[1:]}
    row = rows["1.1"]
    assert row.cells[1].text == "This protocol sets out how members and officers work together."
    assert "[deleted: officers]" in row.cells[2].text and "[inserted: senior officers should]" in row.cells[2].text
    struck = [r.text for p in row.cells[2].paragraphs for r in p.runs if r.font.strike]
    underlined = [r.text for p in row.cells[2].paragraphs for r in p.runs if r.font.underline]
    assert struck == ["officers"] and underlined == ["senior officers should"]
    assert row.cells[3].text == "Member survey, March 2024 (question 12)"
    assert "2.4 → 1.5 (moved and amended)" in rows
    assert "3.3 → 2.1 (moved)" in rows
    assert rows["1.3"].cells[3].text.startswith("Consequential")
    again = tmp_path / "again.docx"
    write_schedule(comparison, again)
    assert again.read_bytes() == path.read_bytes()


def test_what_changed_page_is_accessible_and_escaped(comparison):
    body = page_body(comparison, "What changed from 1.0 to 1.1 draft")
    assert "<del><span class=\"change-cue\">[deleted: </span>officers" in body
    assert "<ins><span class=\"change-cue\">[inserted: </span>senior officers should" in body
    assert "Paragraph 2.4 → 1.5 (moved and amended)" in body
    assert "<script" not in body


def _released(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(OLD, root)
    proc = run_cli("release", "--root", str(root), "1.0", "--status", "approved", "--date", "2024-03-28",
                   "--body", "Standards Committee")
    assert proc.returncode == 0, proc.stderr
    for sub in ("protocol_src", "scenarios"):
        for f in (NEW / sub).iterdir():
            shutil.copy(f, root / sub / f.name)
    return root


def test_diff_command_and_site_pages(tmp_path):
    root = _released(tmp_path)
    out = tmp_path / "red.docx"
    proc = run_cli("diff", "--root", str(root), "--from", "1.0", "--to", "draft", "--out", str(out),
                   "--schedule", str(tmp_path / "sched.docx"), "--author", "Head of Legal")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert out.is_file() and (tmp_path / "sched.docx").is_file()
    assert "1.0 -> 1.1: paragraphs: 4 changed, 2 inserted, 1 deleted, 2 moved" in proc.stdout
    project = load_project(root, releases="all")
    pages = what_changed_pages(project.draft, compare_releases(project, compare_latest(project)))
    assert [name for name, _, _ in pages] == ["changes-1.0-to-1.1-draft.md"]
    proc = run_cli("diff", "--root", str(root), "--from", "9.9", "--to", "draft")
    assert proc.returncode == 2 and "releases: 1.0" in proc.stderr
    assert_no_traceback(proc)
    proc = run_cli("diff", "--root", str(root), "--from", str(OLD), "--to", str(NEW), "--out", str(tmp_path / "p.docx"))
    assert proc.returncode == 0, proc.stderr


def test_amendment_outputs_for_build(tmp_path):
    root = _released(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    project = load_project(root)
    written = write_amendments(compare_latest(project), out)
    assert [p.name for p in written] == [
        "member-officer-relations-protocol-redline-v1.0-to-v1.1-draft.docx",
        "member-officer-relations-protocol-schedule-of-amendments-v1.0-to-v1.1-draft.docx"]
    plain = tmp_path / "plain"
    shutil.copytree(OLD, plain)
    assert compare_latest(load_project(plain)) is None  # no release yet: nothing to compare with
    same = project.draft
    assert write_amendments(Comparison(same, same, compare(same, same)), out) == []  # nothing changed
