"""The structural diff: ids align, words change inside a paragraph, renumbering is not a change."""
from __future__ import annotations

import dataclasses
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
    # purpose-breach's only change is a renumbered cross-reference: counted apart from the real changes
    assert changes.counts() == {"inserted": 2, "deleted": 1, "changed": 3, "moved": 2, "unchanged": 4,
                                "consequential": 1}


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
    for table in doc.tables:  # one table for each section (and the glossary, the worked examples) changed
        assert [c.text for c in table.rows[0].cells] == ["Paragraph", "Existing wording",
                                                        "Proposed wording (changes marked)", "Reason"]
        assert table.rows[0]._tr.trPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblHeader") is not None
    rows = {r.cells[0].text: r for table in doc.tables for r in table.rows[1:]}
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
    assert ("1.0 -> 1.1: paragraphs: 3 changed, 2 inserted, 1 deleted, 2 moved; 1 only renumbered a "
            "cross-reference (consequential)") in proc.stdout
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


# ---------------------------------------------------------------- reasons (issue 14)

def test_the_author_reaches_the_schedule(tmp_path):
    root = _released(tmp_path)
    sched = tmp_path / "sched.docx"
    proc = run_cli("diff", "--root", str(root), "--from", "1.0", "--out", str(tmp_path / "red.docx"),
                   "--schedule", str(sched), "--author", "Head of Legal")
    assert proc.returncode == 0, proc.stderr
    assert Document(str(sched)).core_properties.author == "Head of Legal"
    from docx_read import W, part
    authors = {e.get(f"{{{W}}}author") for e in part(tmp_path / "red.docx").iter(f"{{{W}}}ins", f"{{{W}}}del")}
    assert "Head of Legal" in authors  # the redline's revisions, as before
    proc = run_cli("diff", "--root", str(root), "--from", "1.0", "--out", str(tmp_path / "red2.docx"),
                   "--schedule", str(sched))
    assert Document(str(sched)).core_properties.author == "Monitoring Officer"  # the owning role by default


def test_a_schedule_never_prints_the_older_releases_reasons(tmp_path):
    """The old side's amendments.yaml (a release's, for the round before it) is never read."""
    from builder.diff.reasons import Reasons

    old, new = load_tree(OLD)[0], load_tree(NEW)[0]
    old = dataclasses.replace(old, reasons=(("purpose-breach", "Last round's reason", old.meta.source),))
    comparison = Comparison(old, new, compare(old, new))
    reasons = Reasons(comparison)
    assert reasons.reason_for(comparison.changes.block("purpose-breach")) == "Consequential: cross-reference renumbered"
    from builder.write.schedule import schedule_rows
    assert "Last round's reason" not in {row.reason for row in schedule_rows(comparison)}


def test_swapped_pairs_two_keys_that_exchanged_places():
    from builder.diff.reasons import swapped

    assert swapped(list("ab"), list("ba")) == {"a": ("b",), "b": ("a",)}
    assert swapped(list("abcd"), list("dbca")) == {"a": ("d",), "d": ("a",)}  # not next to each other
    assert swapped(list("abcd"), list("bcda")) == {}  # a moved to the end: no swap
    assert swapped(list("abcd"), list("cdab")) == {"a": ("c",), "c": ("a",), "b": ("d",), "d": ("b",)}
    assert swapped(list("axb"), list("byay")) == {"a": ("b",), "b": ("a",)}  # x deleted, y inserted
    assert swapped(list("abc"), list("abc")) == {}


# ---------------------------------------------------------------- quick answers (the website's)

def _answer_rows(schedule) -> tuple[list, list]:
    """(the training part's quick answer rows, every other table's rows) of a schedule .docx."""
    doc = Document(str(schedule))
    training = [r for r in doc.tables[-1].rows[1:] if r.cells[0].text.startswith("Quick answer")]
    others = [r for t in doc.tables[:-1] for r in t.rows]
    return training, others


def test_the_shipped_schedule_lists_the_new_quick_answers_in_the_training_part(tmp_path):
    """Release 1.1 had no quick answers; draft 1.2 has them all: through the real CLI, each is a row of the
    schedule's training part (the website's), none is in a section's table, and the summary counts them."""
    import yaml

    answers = yaml.safe_load((REPO / "protocol_src" / "answers.yaml").read_text(encoding="utf-8"))["answers"]
    sched = tmp_path / "sched.docx"
    proc = run_cli("diff", "--root", str(REPO), "--from", "1.1", "--to", "draft", "--out", str(tmp_path / "red.docx"),
                   "--schedule", str(sched))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert f"{len(answers)} quick answers changed" in proc.stdout
    training, others = _answer_rows(sched)
    assert [r.cells[1].text for r in training] == ["(new)"] * len(answers)
    assert [r.cells[2].text.split("\n")[0] for r in training] == [f"[inserted: {a['question']}]" for a in answers]
    assert {r.cells[3].text for r in training} == {"Website only (reviewed against version 1.2)"}
    assert not any("Quick answer" in r.cells[0].text for r in others)
    assert "quick answers are on the training website only" in Document(str(sched)).paragraphs[-1].text


def test_a_quick_answer_changed_is_marked_and_one_only_renumbered_is_not_listed(tmp_path):
    """Draft against draft (two folders): one answer reworded with a reason given under its id (printed, and
    no V005), one whose cited paragraph was renumbered (no row: the website computes the number), one
    deleted."""
    from builder.write.schedule import schedule_groups

    old_root, new_root = tmp_path / "old", tmp_path / "new"
    for root in (old_root, new_root):
        shutil.copytree(REPO / "protocol_src", root / "protocol_src")
        shutil.copytree(REPO / "scenarios", root / "scenarios")
        path = root / "protocol_src" / "answers.yaml"  # an answer that names a paragraph of section 1 by number
        path.write_text(path.read_text(encoding="utf-8").replace(
            "council expects them to follow this protocol.",
            "council expects them to follow this protocol (see [[purpose-others]])."), encoding="utf-8")
    src = new_root / "protocol_src"
    answers = (src / "answers.yaml").read_text(encoding="utf-8")
    answers = answers.replace("Use the member enquiry system first.", "Use the member enquiry system first, always.")
    start = answers.index("  - id: accept-match-tickets")
    answers = answers[:start] + answers[answers.index("  - id: ", start + 5):]  # deleted
    (src / "answers.yaml").write_text(answers, encoding="utf-8")
    (src / "amendments.yaml").write_text('reasons:\n  who-to-contact-casework: "Training feedback: say it is '
                                         'always first"\n', encoding="utf-8")
    purpose = (src / "purpose.md").read_text(encoding="utf-8")  # a new first paragraph renumbers section 1
    first = purpose.index("\n{#") + 1
    (src / "purpose.md").write_text(purpose[:first] + '{#purpose-new caption="New"} A new first paragraph.\n\n'
                                    + purpose[first:], encoding="utf-8")
    old, new = load_tree(old_root)[0], load_tree(new_root)[0]
    comparison = Comparison(old, new, compare(old, new))
    by_id = {a.id: a for a in comparison.changes.answers}
    assert by_id["co-opted-members-code"].reference_only
    assert by_id["accept-match-tickets"].change == "deleted"
    assert "{+, always+}" in marked(by_id["who-to-contact-casework"].answer)
    training = schedule_groups(comparison)[-1]
    rows = {r.where: r for r in training.rows if r.where.startswith("Quick answer")}
    assert sorted(rows) == ["Quick answer", "Quick answer (deleted)"]
    assert rows["Quick answer"].reason == "Training feedback: say it is always first"
    from builder.diff.reasons import Reasons
    reasons = Reasons(comparison)  # a quick answer's reason is accepted (no V005), none is asked for (no V004)
    assert reasons.unused() == [] and [a.key for a in reasons.missing()] == ["purpose-new"]


def _what_check_reads(changes):
    """What `protocol check` and `protocol release` read from a comparison (not the marked words)."""
    blocks = [(b.what, b.id, b.change, b.old_number, b.new_number, b.old_section, b.new_section, b.edited,
               b.moved, b.source_edited, b.tags_changed, b.reference_only, b.text_changed) for b in changes.blocks()]
    sections = [(s.id, s.change, s.old_number, s.new_number, s.moved, s.details_changed) for s in changes.sections]
    scenarios = [(s.id, s.change, s.source_edited, s.details_changed, s.reference_only) for s in changes.scenarios]
    others = ([(g.term, g.change) for g in changes.glossary], [(a.id, a.change, a.reference_only) for a in changes.answers])
    return blocks, sections, scenarios, others, changes.text_changed


@pytest.mark.parametrize("tree", ["fixture", "shipped"])
def test_the_quick_comparison_says_what_changed_as_the_full_one_does(tree):
    """compare(words=False), which leaves out the word diff (and a changed paragraph's sub-items), gives `check`
    every kind, number and flag the full comparison gives: on the diff fixture and on the shipped draft against
    each of its releases (1.2's rewrite: most paragraphs changed, split, merged or renumbered)."""
    if tree == "fixture":
        pairs = [load_tree(OLD)[0], load_tree(NEW)[0]],
    else:
        project = load_project(REPO, releases="all")
        pairs = [(r, project.draft) for r in project.releases()]
    assert pairs
    for old, new in pairs:
        full, quick = compare(old, new), compare(old, new, words=False)
        assert sum(b.change != "unchanged" for b in full.blocks()) > 0
        assert _what_check_reads(quick) == _what_check_reads(full)


# ---------------------------------------------------------------- keys given twice (found from outside)

from hypothesis import given, settings, strategies as st  # noqa: E402

from builder.diff.align import lcs, merge_order  # noqa: E402

_KEYS = st.lists(st.sampled_from("abcdef"), max_size=12)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(_KEYS, _KEYS)
def test_merge_order_takes_every_element_once_even_with_a_key_given_twice(old, new):
    """An id pasted again in the same section (I001) made the block walk loop for ever: `protocol check` hung.
    Whatever the two orders hold, the walk ends having taken each element of each side once (a "both" takes
    one of each; it names the new side's key)."""
    anchors = set(lcs([k for k in dict.fromkeys(old) if k in set(new)], list(dict.fromkeys(new))))
    out = merge_order(old, new, anchors)
    assert sum(where in ("old", "both") for where, _ in out) == len(old)
    assert [k for where, k in out if where in ("new", "both")] == new
    if len(set(old)) == len(old) and len(set(new)) == len(new):  # unique keys: the anchors are in both, in order
        assert [k for where, k in out if where in ("old", "both")] == old
