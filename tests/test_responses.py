"""protocol responses, driven as a user would: the shipped draft built by the CLI, two consultees' copies edited
by real clients, the log read back, and --apply checked against LibreOffice's own Accept All.

The copies (tests/consultees.py makes them):
- Councillor Asha Quinn's, edited in LibreOffice with Track Changes on: words inserted, replaced and deleted
  in several paragraphs and a sub-heading, a cross-reference number and a glossary term typed over, a
  sub-item deleted, a paragraph added, comments, and a reply to one of them from Tomas Reid (group office);
- Dev Okafor's (union branch), with a comment added through python-docx's comments API and then edited in
  LibreOffice: a change in the same sub-item as Asha Quinn but to other words (the two are combined), a
  change to the same words as hers (a conflict: both listed), a section title and a worked example changed.
"""
from __future__ import annotations

import datetime
import difflib
import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

import consultees
from conftest import REPO, assert_no_traceback, run_cli
from test_redline_tools import libreoffice_texts

pytestmark = pytest.mark.slow
FIRST = "Purpose and status of this protocol"
ASHA, DEV = "Asha Quinn", "Dev Okafor"
VERSION = yaml.safe_load((REPO / "protocol_src" / "protocol.yaml").read_text(encoding="utf-8"))["version"]  # draft's
OLD = "1.0"  # the release an old copy was built from (kept since March): the draft has changed much since
# The edits are made on the shipped draft's text: each find-string is in exactly one paragraph of its Word document.
BULLY = "Add 'or victimise' <b>here</b> & in 6.3?"
REPLY = "Agreed: victimisation is in the code too."

ASHA_EDITS = [
    {"op": "insert", "after": "treat officers with courtesy", "text": ", patience"},
    {"op": "comment", "find": "treat officers with courtesy", "author": ASHA, "initials": "AQ",
     "text": "Patience matters most in heated meetings.", "date": "2024-05-20T09:30"},
    {"op": "replace", "find": "the council employs, whatever their grade",
     "with": "the council employs, whatever their grade or role"},
    {"op": "delete", "find": " so that they can carry out their role well"},
    {"op": "replace", "find": "why the protocol has teeth", "with": "why the protocol matters"},
    {"op": "replace", "find": "casework (see 9.4)", "with": "casework (see 9.5)"},
    {"op": "replace", "find": "The Monitoring Officer is the City", "with": "The monitoring officer is the City"},
    {"op": "delete_paragraph", "find": "never press an officer to change their professional advice"},
    {"op": "add_paragraph", "after": "challenge officers' advice and performance on the issue, not the person;",
     "text": "listen to officers' reasons before you disagree;"},
    {"op": "comment", "find": "never bully, harass, intimidate", "author": ASHA, "initials": "AQ",
     "text": BULLY, "date": "2024-05-20T09:40"},
    {"op": "comment", "find": "never bully, harass, intimidate", "author": "Tomas Reid", "initials": "TR",
     "text": REPLY, "date": "2024-05-21T14:05"},
]
DEV_COMMENTS = [{"find": "The protocol applies to members and officers alike.", "author": DEV, "initials": "DO",
                 "text": "Should this name agency staff as well?"}]
DEV_EDITS = [
    {"op": "replace", "find": "respect, whatever their grade;", "with": "respect, whatever their grade or role;"},
    {"op": "replace", "find": "so that they can carry out their role well", "with": "every year"},
    {"op": "replace", "find": "The role of officers", "with": "The role of council officers"},
    {"op": "replace", "find": "forty million pounds", "with": "£40 million"},
]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """The shipped sources, their Word build (by the CLI) and the two consultees' copies."""
    tmp = tmp_path_factory.mktemp("responses")
    root = tmp / "shipped"
    root.mkdir()
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, root / name)
    proc = run_cli("build", "--no-site", "--root", str(root), "--out", str(tmp / "build"))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    draft = _word_document(tmp / "build")
    asha, dev = tmp / "asha-quinn.docx", tmp / "dev-okafor.docx"
    commented = consultees.python_docx_comments(draft, tmp / "dev-commented.docx", DEV_COMMENTS)
    consultees.libreoffice_edits([{"src": draft, "dst": asha, "author": ASHA, "edits": ASHA_EDITS},
                                  {"src": commented, "dst": dev, "author": DEV, "edits": DEV_EDITS}], tmp / "lo")
    consultees.thread_reply(asha, BULLY, REPLY)
    return {"tmp": tmp, "root": root, "draft": draft, "asha": asha, "dev": dev}


def _word_document(folder: Path) -> Path:
    """The draft's Word document in a build folder (not its redline or schedule of amendments)."""
    draft = folder / f"member-officer-relations-protocol-v{VERSION}-draft.docx"
    assert draft.is_file(), sorted(p.name for p in folder.iterdir())
    return draft


def _tree(made, name: str) -> Path:
    root = made["tmp"] / name
    shutil.copytree(made["root"], root)
    return root


def _run(made, root: Path, *args: str):
    out = made["tmp"] / f"log-{root.name}"
    proc = run_cli("responses", str(made["asha"]), str(made["dev"]), "--root", str(root), "--out", str(out), *args)
    assert_no_traceback(proc)
    log = json.loads((out / "consultation-log.json").read_text(encoding="utf-8"))
    return proc, log, out


@pytest.fixture(scope="module")
def logged(made):
    root = _tree(made, "log-only")
    proc, log, out = _run(made, root)
    return root, proc, log, out


def _row(log, copy: str, paragraph: str) -> dict:
    found = [s for s in log["suggestions"] if s["copy"] == copy and s["paragraph"] == paragraph]
    assert len(found) == 1, (copy, paragraph, [(s["copy"], s["paragraph"]) for s in log["suggestions"]])
    return found[0]


def _inserted(row) -> list[str]:
    return [r["text"] for r in row["change"] if r["mark"] == "ins"]


def _deleted(row) -> list[str]:
    return [r["text"] for r in row["change"] if r["mark"] == "del"]


def _in_words(day: str) -> str:
    """A date of the JSON log (YYYY-MM-DD) as the council writes it in words: '20 May 2024'."""
    d = datetime.date.fromisoformat(day)
    return f"{d.day} {d:%B %Y}"


def test_the_log_has_a_row_for_each_suggestion(logged):
    root, proc, log, out = logged
    assert [c["built_from"] for c in log["copies"]] == [VERSION, VERSION]
    a = _row(log, "asha-quinn.docx", "6.2(a)")
    assert a["id"] == "behaviours-members" and a["revision_authors"] == [ASHA] and a["what"] == "changes words"
    assert _inserted(a) == [", patience"] and a["can_be_applied"]
    assert [(c["author"], c["text"], c["on"]) for c in a["comments"]] == [
        (ASHA, "Patience matters most in heated meetings.", "treat officers with courtesy")]
    d = _row(log, "dev-okafor.docx", "6.2(a)")
    assert d["revision_authors"] == [DEV] and "or role" in "".join(_inserted(d)) and d["can_be_applied"]
    rows = [(s["copy"], s["paragraph"]) for s in log["suggestions"]]
    assert rows.index(("dev-okafor.docx", "6.2(a)")) == rows.index(("asha-quinn.docx", "6.2(a)")) + 1
    b = _row(log, "asha-quinn.docx", "1.2(b)")
    assert b["id"] == "purpose-who" and "or role" in "".join(_inserted(b)) and b["can_be_applied"]
    heading = _row(log, "asha-quinn.docx", "Sub-heading \u201cStatus: why the protocol has teeth\u201d")
    assert heading["id"] == "purpose-status-heading" and heading["can_be_applied"]
    assert "matters" in "".join(_inserted(heading)) and "teeth" in "".join(_deleted(heading))
    # every paragraph of both copies matches the sources: none differs, none is missing, none is unknown
    assert all(c["differ"] == [] and c["not_in_sources"] == [] and c["not_in_copy"] == [] for c in log["copies"]), \
        [(c["file"], c["differ"], c["not_in_sources"], c["not_in_copy"]) for c in log["copies"]]
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_what_cannot_be_applied_is_listed_with_the_reason(logged):
    _, _, log, _ = logged
    ref = _row(log, "asha-quinn.docx", "6.2(g)")
    assert not ref["can_be_applied"] and "cross-reference" in ref["to_make_by_hand"][0]
    term = _row(log, "asha-quinn.docx", "4.7(b)")
    assert not term["can_be_applied"] and "glossary term {{Monitoring Officer}}" in term["to_make_by_hand"][0]
    deleted = _row(log, "asha-quinn.docx", "6.2(e)")
    assert deleted["what"] == "deletes a paragraph" and not deleted["can_be_applied"]
    assert "never press an officer to change their professional advice" in "".join(_deleted(deleted))
    added = _row(log, "asha-quinn.docx", "6.2(b)")
    assert added["what"] == "adds a paragraph" and "listen to officers' reasons" in "".join(_inserted(added))
    asha, dev = _row(log, "asha-quinn.docx", "3.2(e)"), _row(log, "dev-okafor.docx", "3.2(e)")
    for row, other in ((asha, "dev-okafor.docx"), (dev, "asha-quinn.docx")):
        assert not row["can_be_applied"] and any("same words" in w and other in w for w in row["to_make_by_hand"])
    title = _row(log, "dev-okafor.docx", "Section 4 (title)")
    assert "section's title" in title["to_make_by_hand"][0] and "roles-officers.md" in title["to_make_by_hand"][0]
    example = next(s for s in log["suggestions"] if s["copy"] == "dev-okafor.docx"
                   and s["paragraph"].startswith("Worked example"))
    assert "£40 million" in "".join(_inserted(example)) and "scenarios/softening-the-risks.md" in \
        example["to_make_by_hand"][0]


def test_comments_with_their_replies_and_the_python_docx_comment(logged):
    _, _, log, out = logged
    bully = _row(log, "asha-quinn.docx", "6.2(c)")
    assert bully["what"] == "comments" and bully["revision_authors"] == []
    assert bully["comment_authors"] == [ASHA, "Tomas Reid"]
    [thread] = bully["comments"]
    assert thread["text"] == BULLY and thread["date"] == "2024-05-20"
    assert thread["replies"] == [{"author": "Tomas Reid", "date": "2024-05-21", "text": REPLY}]
    both = _row(log, "dev-okafor.docx", "1.4")
    assert [c["text"] for c in both["comments"]] == ["Should this name agency staff as well?"]
    assert both["comment_authors"] == [DEV]
    md = (out / "consultation-log.md").read_text(encoding="utf-8")
    assert "Add 'or victimise' \\<b\\>here\\</b\\> \\& in 6.3?" in md and "<b>" not in md
    assert "Reply by Tomas Reid, 21 May 2024: Agreed: victimisation is in the code too." in md


def test_the_word_log_is_a_table_word_reads(logged):
    import docx

    _, _, log, out = logged
    document = docx.Document(str(out / "consultation-log.docx"))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["No.", "Paragraph", "Consultee", "Suggested change",
                                                    "Comments and replies", "Decision", "Reason"]
    assert len(table.rows) == len(log["suggestions"]) + 1
    texts = [[c.text for c in row.cells] for row in table.rows[1:]]
    bully = next(t for t in texts if "Tomas Reid" in t[2])
    assert "Add 'or victimise' <b>here</b> & in 6.3?" in bully[4]  # shown as typed, never as markup
    assert all(t[5] == "" and t[6] == "" for t in texts)  # Decision and Reason left for the Monitoring Officer
    patience = next(t for t in texts if t[1].startswith("6.2(a)") and ASHA in t[2])
    assert "[inserted: , patience]" in patience[3]


def test_the_log_alone_changes_no_source_and_is_reproducible(made, logged):
    root, _, _, out = logged
    for path in (made["root"] / "protocol_src").iterdir():
        assert (root / "protocol_src" / path.name).read_bytes() == path.read_bytes(), path.name
    again = made["tmp"] / "again"
    proc = run_cli("responses", str(made["asha"]), str(made["dev"]), "--root", str(root), "--out", str(again))
    for name in ("consultation-log.docx", "consultation-log.md", "consultation-log.json"):
        assert (again / name).read_bytes() == (out / name).read_bytes(), name
    assert proc.returncode == 0, proc.stdout  # both copies match the sources


# ---------------------------------------------------------------- --apply, against LibreOffice's Accept All

def _build(made, root: Path) -> Path:
    out = made["tmp"] / f"build-{root.name}"
    proc = run_cli("build", "--no-site", "--root", str(root), "--out", str(out))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return _word_document(out)


def _paired(old: list[str], new: list[str]) -> dict[int, int]:
    """Paragraphs of the original matched with those of the consultee's accepted copy (changed ones paired)."""
    pairs = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            pairs.update({i1 + d: j1 + d for d in range(i2 - i1)})
    return pairs


@pytest.fixture(scope="module")
def applied(made):
    """Asha Quinn's suggestions applied (--author), the result built, and LibreOffice's texts of the original
    build, of her copy with every change accepted, and of the new build."""
    root = _tree(made, "apply-asha")
    proc, log, _ = _run(made, root, "--apply", "--author", ASHA)
    rebuilt = _build(made, root)
    plain = consultees.strip_comments(made["asha"], made["tmp"] / "asha-no-comments.docx")
    original, accepted, new = libreoffice_texts(made["tmp"], [("plain", made["draft"]), ("accept", plain),
                                                             ("plain", rebuilt)], FIRST)
    return root, proc, log, [consultees.lines("\n".join(t)) for t in (original, accepted, new)]


def test_apply_gives_the_consultees_accepted_wording(applied):
    root, proc, log, (original, accepted, new) = applied
    assert proc.returncode == 1, proc.stdout  # some suggestions are to be made by hand
    done = [s for s in log["suggestions"] if s["status"] == "applied"]
    assert {s["paragraph"] for s in done} == {"6.2(a)", "1.2(b)", "3.2(e)",
                                              "Sub-heading \u201cStatus: why the protocol has teeth\u201d"}
    assert all(s["copy"] == "asha-quinn.docx" for s in done)
    assert len(new) == len(original)  # no paragraph added or removed by --apply
    pairs = _paired(original, accepted)
    changed = [i for i in range(len(original)) if new[i] != original[i]]
    assert len(changed) == len(done)
    for i in changed:  # each changed paragraph reads exactly as LibreOffice's Accept All of her copy
        assert new[i] == accepted[pairs[i]], (original[i], new[i])
    for i, j in pairs.items():  # her other changes (listed) left the sources as they were
        if i not in changed:
            assert new[i] == original[i]
    listed = {s["paragraph"] for s in log["suggestions"] if s["status"] == "not applied"}
    assert {"6.2(g)", "4.7(b)", "6.2(e)", "6.2(b)"} <= listed
    assert all(s["status"] == "not chosen" for s in log["suggestions"]
               if s["copy"] == "dev-okafor.docx" and s["revision_authors"])
    for paragraph in ("6.2(g)", "4.7(b)", "6.2(e)", "6.2(b)"):
        assert f"  {paragraph}" in proc.stdout  # listed for the author in the report too


def test_apply_records_the_reasons_and_checks_clean(made, applied):
    root, proc, log, _ = applied
    text = (root / "protocol_src" / "amendments.yaml").read_text(encoding="utf-8")
    before = (made["root"] / "protocol_src" / "amendments.yaml").read_text(encoding="utf-8")
    day = {s["id"]: _in_words(s["date"]) for s in log["suggestions"] if s["status"] == "applied"}
    why = {"purpose-who": f"Consultation: {ASHA}, {day['purpose-who']}",
           "purpose-status-heading": f"Consultation: {ASHA}, {day['purpose-status-heading']}",
           "members-all": f"Consultation: {ASHA}, {day['members-all']}",  # in the document's order
           "behaviours-members": f"Consultation: {ASHA}, {day['behaviours-members']}: "
                                 "Patience matters most in heated meetings."}  # her comment on the paragraph
    expected = before
    for key, reason in why.items():  # a reason already there is kept, the consultation's added after it
        line = re.search(rf'^  {key}: "(.*)"$', before, re.M)
        expected = expected.replace(line[0], f'  {key}: "{line[1]}; {reason}"') if line else \
            expected + f'  {key}: "{reason}"\n'
    assert text == expected  # the file's other lines untouched
    check = run_cli("check", "--root", str(root))
    assert check.returncode == 0, check.stdout
    changed = {p.name for p in (root / "protocol_src").iterdir()
               if p.read_bytes() != (made["root"] / "protocol_src" / p.name).read_bytes()}
    assert changed == {"amendments.yaml", "behaviours.md", "purpose.md", "roles-members.md"}
    behaviours = (root / "protocol_src" / "behaviours.md").read_text(encoding="utf-8")
    assert "- treat officers with courtesy, patience and respect, whatever their grade;\n" in behaviours
    assert "[[casework-routes]]" in behaviours  # references and ids as they were


def test_apply_of_both_copies_combines_apart_and_lists_conflicts(made):
    root = _tree(made, "apply-both")
    proc, log, _ = _run(made, root, "--apply")
    assert proc.returncode == 1
    behaviours = (root / "protocol_src" / "behaviours.md").read_text(encoding="utf-8")
    assert "- treat officers with courtesy, patience and respect, whatever their grade or role;\n" in behaviours
    members = (root / "protocol_src" / "roles-members.md").read_text(encoding="utf-8")
    assert "- takes part in training so that they can carry out their role well.\n" in members  # the conflict
    assert {s["status"] for s in log["suggestions"] if s["paragraph"] == "3.2(e)"} == {"not applied"}
    reasons = (root / "protocol_src" / "amendments.yaml").read_text(encoding="utf-8")
    line = next(ln for ln in reasons.splitlines() if ln.startswith("  behaviours-members: "))
    assert ASHA in line and DEV in line
    assert run_cli("check", "--root", str(root)).returncode == 0


def test_apply_only_the_chosen_paragraphs(made):
    root = _tree(made, "apply-only")
    proc, log, _ = _run(made, root, "--apply", "--only", "purpose-who")
    changed = {p.name for p in (root / "protocol_src").iterdir()
               if p.read_bytes() != (made["root"] / "protocol_src" / p.name).read_bytes()}
    assert changed == {"amendments.yaml", "purpose.md"}
    assert [s["paragraph"] for s in log["suggestions"] if s["status"] == "applied"] == ["1.2(b)"]


# ---------------------------------------------------------------- a copy of another version, edited without tracking

OLD_EDITS = [
    {"op": "replace", "find": "gifts or hospitality from anyone with an interest",
     "with": "gifts or hospitality of any kind from anyone with an interest"},
    {"op": "insert", "after": "When you take up a resident's problem, use the member enquiry system.",
     "text": " Keep the reference number."},
    {"op": "replace", "find": "contact the named officer for your ward", "with": "contact at once the named officer "
     "for your ward"},
    {"op": "replace", "find": "come to every meeting with an open mind",
     "with": "come to each meeting with an open mind", "untracked": True},
]


@pytest.fixture(scope="module")
def old_copy(made):
    """A copy of an old release's Word document (kept since March), edited in LibreOffice: one change on a sub-item
    whose only difference in the draft is a renumbered cross-reference, one on a paragraph the draft rewrote, and
    one word typed with Track Changes off in a paragraph the draft left alone."""
    from builder.snapshots import load_release
    from builder.write.docx import write_docx

    old = made["tmp"] / f"protocol-v{OLD}.docx"
    write_docx(load_release(made["root"], OLD), old)
    copy = made["tmp"] / "old-copy.docx"
    consultees.libreoffice_edits([{"src": old, "dst": copy, "author": ASHA, "edits": OLD_EDITS}], made["tmp"] / "lo-old")
    return copy


def test_a_copy_of_another_version_is_reported_paragraph_by_paragraph(made, old_copy):
    root = _tree(made, "old-version")
    out = made["tmp"] / "log-old"
    proc = run_cli("responses", str(old_copy), "--root", str(root), "--out", str(out))
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"built from version {OLD} (the sources are version {VERSION})" in proc.stdout
    assert "does not match the sources" in proc.stderr
    log = json.loads((out / "consultation-log.json").read_text(encoding="utf-8"))
    [copy] = log["copies"]
    differ = {d["key"] for d in copy["differ"]}
    assert {"casework-routes", "purpose-status", "review-first", "planning-open-mind"} <= differ
    assert "planning-lobbying/6" not in differ  # only its cross-reference's number changed since the release
    untracked = next(d for d in copy["differ"] if d["key"] == "planning-open-mind")
    assert [r["text"] for r in untracked["change"] if r["mark"] == "ins"] == ["each"]
    assert [r["text"] for r in untracked["change"] if r["mark"] == "del"] == ["every"]
    assert any("purpose-not-rules" in u for u in copy["not_in_sources"])  # deleted in the draft
    routes = _row(log, "old-copy.docx", "9.4")  # one change apart from the draft's new words, one in them
    assert not routes["can_be_applied"] and "differs between the copy and the sources as they now stand" in \
        routes["to_make_by_hand"][0]
    gifts = _row(log, "old-copy.docx", "8.6(f)")
    assert gifts["id"] == "planning-lobbying" and gifts["can_be_applied"] and not gifts["notes"], gifts
    proc = run_cli("responses", str(old_copy), "--root", str(root), "--out", str(out), "--apply")
    assert proc.returncode == 1
    planning = (root / "protocol_src" / "planning-licensing.md").read_text(encoding="utf-8")
    before = (made["root"] / "protocol_src" / "planning-licensing.md").read_text(encoding="utf-8")
    # the tracked change made, with the reference as it was; the words typed without tracking left alone
    assert planning == before.replace(
        "- do not accept gifts or hospitality from anyone with an interest in the case (see [[gifts-regulatory]]).\n",
        "- do not accept gifts or hospitality of any kind from anyone with an interest in the case "
        "(see [[gifts-regulatory]]).\n", 1) != before
    casework = (root / "protocol_src" / "services-casework.md").read_bytes()
    assert casework == (made["root"] / "protocol_src" / "services-casework.md").read_bytes()


OLD_APART = [{"op": "insert", "after": "When you take up a resident's problem, use the member enquiry system.",
              "text": " Keep the reference number."}]


def test_a_change_apart_from_what_the_draft_changed_since_is_made_in_todays_words(made):
    """A copy of an old release whose one change is in a sentence the draft left alone (the draft rewrote the end
    of the paragraph): it is applied to the paragraph as the sources have it now, and the log says so."""
    from builder.snapshots import load_release
    from builder.write.docx import write_docx

    old = made["tmp"] / f"protocol-v{OLD}-again.docx"
    write_docx(load_release(made["root"], OLD), old)
    copy = made["tmp"] / "old-apart.docx"
    consultees.libreoffice_edits([{"src": old, "dst": copy, "author": ASHA, "edits": OLD_APART}], made["tmp"] / "lo-apart")
    root = _tree(made, "old-apart")
    out = made["tmp"] / "log-apart"
    proc = run_cli("responses", str(copy), "--root", str(root), "--out", str(out), "--apply")
    assert_no_traceback(proc)
    assert proc.returncode == 1  # the copy still does not match the sources in every paragraph
    log = json.loads((out / "consultation-log.json").read_text(encoding="utf-8"))
    routes = _row(log, "old-apart.docx", "9.4")
    assert routes["status"] == "applied" and "changed since the copy was built" in routes["notes"][0]
    text = (root / "protocol_src" / "services-casework.md").read_text(encoding="utf-8")
    before = (made["root"] / "protocol_src" / "services-casework.md").read_text(encoding="utf-8")
    assert text == before.replace("use the {{member enquiry system}}. It sends",
                                  "use the {{member enquiry system}}. Keep the reference number. It sends", 1) != before
    again = run_cli("responses", str(copy), "--root", str(root), "--out", str(out), "--apply")
    log = json.loads((out / "consultation-log.json").read_text(encoding="utf-8"))
    assert _row(log, "old-apart.docx", "9.4")["what_happens"] == "Nothing to apply (the sources already have this change)."
    assert (root / "protocol_src" / "services-casework.md").read_text(encoding="utf-8") == text
    assert "To make by hand" not in again.stdout
