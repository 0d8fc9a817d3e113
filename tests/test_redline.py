"""The redline: the ordinary Word writer drawing a merged view. Accept all gives the new version, reject all the old.

Checked on the XML with our own accept/reject (tests/test_redline_xml.py),
against clean builds of each version, paragraph by paragraph with list ids and
levels (so every list number Word computes is the same). The property test runs
random edit scripts over a small generated model.
"""
from __future__ import annotations

import copy
import os
import subprocess
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from builder.diff import Comparison, compare, merged_view
from builder.load import load_tree
from builder.model import (
    GlossaryEntry, Heading, Metadata, Paragraph, Protocol, Passage, Ref, Release, Scenario, ScenarioPart, Section,
    Source, SubItem, Tags, Term, Text, Vocabulary,
)
from builder.view import plain_view
from builder.write.docx import write_docx
from conftest import REPO
import clients
from docx_read import outline
from test_redline_xml import document_xml, paragraphs, resolve, revision_count, revision_ids

OLD = REPO / "tests" / "fixtures" / "diff_old"
NEW = REPO / "tests" / "fixtures" / "diff_new"


def build(tmp: Path, old: Protocol, new: Protocol, **kw) -> tuple[Path, Path, Path]:
    red, clean_new, clean_old = tmp / "red.docx", tmp / "new.docx", tmp / "old.docx"
    write_docx(new, red, merged_view(Comparison(old, new, compare(old, new)), **kw), author="Monitoring Officer", date=new.meta.date)
    write_docx(new, clean_new)
    write_docx(old, clean_old)
    return red, clean_new, clean_old


def assert_accept_reject(red: Path, clean_new: Path, clean_old: Path) -> None:
    root = document_xml(red)
    assert paragraphs(resolve(root, "accept")) == paragraphs(document_xml(clean_new))
    assert paragraphs(resolve(root, "reject")) == paragraphs(document_xml(clean_old))


def assert_unique_ids(red: Path) -> None:
    ids = revision_ids(document_xml(red))
    assert len(ids) == len(set(ids)), "revision and bookmark ids must be unique"


# ---------------------------------------------------------------- the fixture pair

@pytest.fixture(scope="module")
def pair():
    return load_tree(OLD)[0], load_tree(NEW)[0]


def test_fixture_redline_accepts_to_new_and_rejects_to_old(pair, tmp_path):
    old, new = pair
    red, clean_new, clean_old = build(tmp_path, old, new)
    assert_accept_reject(red, clean_new, clean_old)
    assert_unique_ids(red)
    assert revision_count(document_xml(red)) > 0


def test_fixture_redline_without_moves_also_round_trips(pair, tmp_path):
    old, new = pair
    assert_accept_reject(*build(tmp_path, old, new, moves=False))


def test_unchanged_paragraphs_carry_no_revision(pair, tmp_path):
    old, new = pair
    red, _, _ = build(tmp_path, old, new)
    root = document_xml(red)
    unchanged = {b.id for b in compare(old, new).paragraphs() if b.change == "unchanged"}
    assert {"gifts-register", "gifts-refuse"} <= unchanged  # renumbered 3.1 -> 2.2, 3.2 -> 2.3: not a change
    from test_redline_xml import q
    for p in root.iter(q("p")):
        names = {b.get(q("name")) for b in p.iter(q("bookmarkStart"))}
        if any(n and n.endswith(("_gifts_register", "_gifts_refuse")) for n in names):
            # its words carry no revision (its paragraph mark may carry the next paragraph's, where a whole
            # paragraph after it was inserted or deleted: builder.write.docx.placement)
            assert revision_count(p) - len(p.findall("w:pPr/w:rPr/*", {"w": q("")[1:-1]})) == 0


def test_two_runs_are_byte_identical(pair, tmp_path):
    old, new = pair
    a, b = tmp_path / "a.docx", tmp_path / "b.docx"
    write_docx(new, a, merged_view(Comparison(old, new, compare(old, new))), author="Monitoring Officer", date=new.meta.date)
    write_docx(new, b, merged_view(Comparison(load_tree(OLD)[0], load_tree(NEW)[0], compare(load_tree(OLD)[0], load_tree(NEW)[0]))), author="Monitoring Officer",
               date=new.meta.date)
    assert a.read_bytes() == b.read_bytes()


def test_author_and_date_are_on_every_revision(pair, tmp_path):
    old, new = pair
    red = tmp_path / "red.docx"
    write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author="Head of Legal", date="2024-05-07")
    from test_redline_xml import q
    marks = list(document_xml(red).iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")))
    assert marks
    assert {m.get(q("author")) for m in marks} == {"Head of Legal", "Head of Legal (renumbering)"}
    assert {m.get(q("date")) for m in marks} == {"2024-05-07T00:00:00Z"}


def test_a_reference_only_renumbered_is_marked_by_the_renumbering_author(pair, tmp_path):
    """So a reader can hide consequential renumbering in Word (Show Markup > Specific People)."""
    old, new = pair
    red = tmp_path / "red.docx"
    write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author="Head of Legal", date="2024-05-07")
    from test_redline_xml import q
    root = document_xml(red)
    renumbering = [m for m in root.iter(q("ins"), q("del")) if m.get(q("author")) == "Head of Legal (renumbering)"]
    assert renumbering
    by_paragraph: dict = {}
    for m in renumbering:
        link = next(a for a in m.iterancestors() if a.tag in (q("hyperlink"), q("p")))
        assert link.tag == q("hyperlink")  # a cross-reference (or a contents entry) …
        assert "".join(m.itertext()).replace(".", "").isdigit()  # … whose number …
        para = next(m.iterancestors(q("p")))
        by_paragraph.setdefault(para, []).append((m.tag, link.get(q("anchor"))))
    for marks in by_paragraph.values():  # … is deleted, then its new number inserted, with the same target
        assert [tag for tag, _ in marks] == [q("del"), q("ins")] * (len(marks) // 2)
        assert all(a == b for (_, a), (_, b) in zip(marks[::2], marks[1::2]))
    # the real edits keep the plain author
    assert any(m.get(q("author")) == "Head of Legal" for m in root.iter(q("ins"), q("del")))


def test_openxml_audit_reports_no_findings(pair, tmp_path):
    old, new = pair
    red, _, _ = build(tmp_path, old, new)
    exe = clients.require(clients.openxml_audit(), "openxml-audit")
    proc = subprocess.run([exe, str(red)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Errors: 0" in proc.stdout


# ---------------------------------------------------------------- a small generated model

SRC = Source("generated.md", 1)
WORDS = ("members", "officers", "the", "council", "must", "may", "report", "promptly", "to", "ward", "duty",
         "director", "in", "writing", "and", "meetings")


def text(words) -> tuple:
    return (Text(" ".join(words).capitalize() + "."),)


def make_protocol(state: dict, version: str, released: tuple[str, ...] = ()) -> Protocol:
    """The protocol of a generated state: draft `version`, after the releases `released` (version history)."""
    meta = Metadata("Protocol", "Middleford City Council", "Monitoring Officer", version, "draft", "2024-05-07",
                    "", "en-GB", tuple(s["id"] for s in state["sections"]), (), SRC)
    term = state.get("term", "Monitoring Officer")
    sections = []
    for s in state["sections"]:
        blocks = []
        for b in s["blocks"]:
            if b["kind"] == "heading":
                blocks.append(Heading(b["id"], " ".join(b["words"]).capitalize(), SRC))
            else:
                inlines = text(b["words"])
                if b.get("ref"):
                    inlines += (Text(" See "), Ref(b["ref"]), Text("."))
                if b.get("term"):
                    inlines += (Text(" Ask the "), Term(term, term), Text("."))
                items = tuple(SubItem(text(i), SRC) for i in b["items"])
                blocks.append(Paragraph(b["id"], inlines, items, Tags(), SRC))
        sections.append(Section(s["id"], " ".join(s["title"]).capitalize(), "", (), Tags(), tuple(blocks), SRC))
    parts = tuple(ScenarioPart(key, title, tuple(Passage(k == "bullet", text(w), SRC) for k, w in state["scenario"][key]), SRC)
                  for key, title in (("situation", "The situation"), ("good", "What good looks like"),
                                     ("questions", "Questions for discussion")))
    scenario = Scenario("example", "An example", (), (), (), ("p1",), "1.0", parts, SRC)
    glossary = (GlossaryEntry(term, " ".join(state["definition"]), (), SRC),)
    history = tuple(Release(v, "adopted", f"2024-0{3 + i}-01", "Full Council", "", f"Round {i}", "", SRC)
                    for i, v in enumerate(released))
    if version in released:  # a release: adopted on its date
        meta = replace(meta, status="adopted", date=history[released.index(version)].date)
    return Protocol(meta, tuple(sections), glossary, (scenario,), Vocabulary(), history)


def base_state() -> dict:
    n = iter(range(1, 1000))
    sections = []
    for s in range(3):
        blocks = []
        for p in range(3):
            i = next(n)
            blocks.append({"kind": "para", "id": f"p{i}", "words": list(WORDS[i % 7: i % 7 + 5]),
                           "items": [list(WORDS[3:6]), list(WORDS[6:9])] if i % 4 == 0 else [],
                           "ref": "p1" if i == 5 else "", "term": i % 3 == 0})
            if p == 1:
                blocks.append({"kind": "heading", "id": f"h{i}", "words": ["urgent", "matters"]})
        sections.append({"id": f"s{s + 1}", "title": ["section", str(s + 1)], "blocks": blocks})
    return {"sections": sections, "next": 100, "definition": ["the", "statutory", "officer"],
            "scenario": {"situation": [("text", list(WORDS[:6])), ("text", list(WORDS[6:12]))],
                         "good": [("text", list(WORDS[2:9]))],
                         "questions": [("bullet", ["what", "should", "happen"]), ("bullet", ["who", "decides"])]}}


def paragraphs_of(state):
    return [(s, i) for s in state["sections"] for i, b in enumerate(s["blocks"]) if b["kind"] == "para"]


def apply(state: dict, op: tuple, data) -> None:
    kind = op[0]
    paras = paragraphs_of(state)
    if kind == "reword" and paras:
        s, i = paras[data.draw(st.integers(0, len(paras) - 1))]
        words = s["blocks"][i]["words"]
        at = data.draw(st.integers(0, len(words) - 1))
        how = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        if how == "replace":
            words[at] = data.draw(st.sampled_from(WORDS))
        elif how == "insert":
            words.insert(at, data.draw(st.sampled_from(WORDS)))
        elif len(words) > 1:
            del words[at]
    elif kind == "item" and paras:
        s, i = paras[data.draw(st.integers(0, len(paras) - 1))]
        items = s["blocks"][i]["items"]
        how = data.draw(st.sampled_from(["add", "drop", "reword"]))
        if how == "add" or not items:
            items.insert(data.draw(st.integers(0, len(items))), [data.draw(st.sampled_from(WORDS)) for _ in range(3)])
        elif how == "drop":
            del items[data.draw(st.integers(0, len(items) - 1))]
        else:
            items[data.draw(st.integers(0, len(items) - 1))].append(data.draw(st.sampled_from(WORDS)))
    elif kind == "insert":
        s = data.draw(st.sampled_from(state["sections"]))
        state["next"] += 1
        s["blocks"].insert(data.draw(st.integers(0, len(s["blocks"]))),
                           {"kind": "para", "id": f"p{state['next']}", "words": ["new", "words", "here"], "items": []})
    elif kind == "delete" and len(paras) > 1:
        s, i = paras[data.draw(st.integers(0, len(paras) - 1))]
        del s["blocks"][i]
    elif kind == "move" and paras:
        s, i = paras[data.draw(st.integers(0, len(paras) - 1))]
        block = s["blocks"].pop(i)
        target = data.draw(st.sampled_from(state["sections"]))
        target["blocks"].insert(data.draw(st.integers(0, len(target["blocks"]))), block)
    elif kind == "move-section":
        secs = state["sections"]
        sec = secs.pop(data.draw(st.integers(0, len(secs) - 1)))
        secs.insert(data.draw(st.integers(0, len(secs))), sec)
    elif kind == "heading":
        heads = [b for s in state["sections"] for b in s["blocks"] if b["kind"] == "heading"]
        if heads:
            data.draw(st.sampled_from(heads))["words"].append(data.draw(st.sampled_from(WORDS)))
    elif kind == "scenario":
        key = data.draw(st.sampled_from(["situation", "good", "questions"]))
        blocks = state["scenario"][key]
        how = data.draw(st.sampled_from(["reword", "add", "drop"]))
        if how == "add" or not blocks:
            blocks.insert(data.draw(st.integers(0, len(blocks))),
                          ("bullet" if key == "questions" else "text", ["a", "new", "line"]))
        elif how == "drop" and len(blocks) > 1:
            del blocks[data.draw(st.integers(0, len(blocks) - 1))]
        else:
            k, w = blocks[data.draw(st.integers(0, len(blocks) - 1))]
            w.insert(0, data.draw(st.sampled_from(WORDS)))
    elif kind == "glossary":
        state["definition"].append(data.draw(st.sampled_from(WORDS)))
    else:
        _apply_more(state, kind, data, paras)


def _apply_more(state: dict, kind: str, data, paras) -> None:
    """The kinds of edit of issue 13's round: split, merge, a section added or deleted, a sub-item deleted, the
    glossary term renamed (and every use of it)."""
    if kind == "split":
        long = [(s, i) for s, i in paras if len(s["blocks"][i]["words"]) >= 2]
        if long:
            s, i = data.draw(st.sampled_from(long))
            block = s["blocks"][i]
            at = data.draw(st.integers(1, len(block["words"]) - 1))
            state["next"] += 1
            rest = {"kind": "para", "id": f"p{state['next']}", "words": block["words"][at:], "items": block["items"]}
            block["words"], block["items"] = block["words"][:at], []
            s["blocks"].insert(i + 1, rest)
    elif kind == "merge":
        pairs = [(s, i) for s in state["sections"] for i in range(len(s["blocks"]) - 1)
                 if s["blocks"][i]["kind"] == s["blocks"][i + 1]["kind"] == "para" and not s["blocks"][i]["items"]]
        if pairs and len(paras) > 1:
            s, i = data.draw(st.sampled_from(pairs))
            first, second = s["blocks"][i], s["blocks"].pop(i + 1)
            first["words"] += second["words"]
            first["items"] = second["items"]
    elif kind == "add-section":
        state["next"] += 1
        n = state["next"]
        state["sections"].insert(data.draw(st.integers(0, len(state["sections"]))), {
            "id": f"s{n}", "title": ["new", "section"], "blocks": [
                {"kind": "para", "id": f"p{n}", "words": ["members", "report", "to", "the", "council"], "items": []}]})
    elif kind == "delete-section" and len(state["sections"]) > 1:
        del state["sections"][data.draw(st.integers(0, len(state["sections"]) - 1))]
    elif kind == "drop-item":
        with_items = [(s, i) for s, i in paras if s["blocks"][i]["items"]]
        if with_items:
            s, i = data.draw(st.sampled_from(with_items))
            items = s["blocks"][i]["items"]
            del items[data.draw(st.integers(0, len(items) - 1))]
    elif kind == "rename-term":
        state["term"] = data.draw(st.sampled_from(["Monitoring Lead", "Standards Officer", "Proper Officer"]))


OPS = ("reword", "item", "insert", "delete", "move", "move-section", "heading", "scenario", "glossary", "split",
       "merge", "add-section", "delete-section", "drop-item", "rename-term")


def _view_sides(view, which: str):
    """What accepting (rejecting) every mark of a merged view leaves: lines whose mark goes are dropped, runs
    whose mark goes are dropped, and a line whose own paragraph mark goes (Line.end) joins the next."""
    drop_block = {"accept": ("del", "move-from"), "reject": ("ins", "move-to")}[which]
    drop_run = "del" if which == "accept" else "ins"
    blocks, joined = [], False
    for b in view.body + view.appendix:
        if b.mark in drop_block:
            continue
        words = "".join(r.text for r in b.runs if r.mark != drop_run)
        if joined:
            blocks[-1] = (b.kind, blocks[-1][1] + words)
        else:
            blocks.append((b.kind, words))
        joined = b.end == drop_run
    rows = [("".join(r.text for r in g.term), "".join(r.text for r in g.definition if r.mark != drop_run))
            for g in view.glossary if g.mark != drop_run]
    return blocks, rows


def _plain_sides(view):
    return [(b.kind, b.text) for b in view.body + view.appendix], \
        [("".join(r.text for r in g.term), "".join(r.text for r in g.definition)) for g in view.glossary]


SAMPLES: list[dict] = []  # every SAMPLE_EVERY-th example's documents, for LibreOffice and pandoc (the test after)
SAMPLE_EVERY, SAMPLE_AT_MOST, SAMPLE_AT_LEAST = 4, 60, 40
VERSIONS = ("1.0", "1.1", "1.2")


def scripted_pair(data) -> tuple[Protocol, Protocol, list]:
    """The base model released as 1.0, then one or two rounds of a random edit script: the last release and the
    draft after it (two releases in a row: the second round is compared with the first round's release)."""
    rounds = data.draw(st.integers(1, 2), label="rounds")
    states, scripts = [base_state()], []
    for _ in range(rounds):
        scripts.append(data.draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=6), label="script"))
        edited = copy.deepcopy(states[-1])
        for op in scripts[-1]:
            apply(edited, (op,), data)
        states.append(edited)
    released = VERSIONS[:rounds]
    return make_protocol(states[-2], released[-1], released), make_protocol(states[-1], VERSIONS[rounds], released), \
        scripts


# The same 200 scripts every run, so CI is repeatable; PROTOCOL_EXPLORE=1 draws new ones (a search for failures,
# each to be minimised into a fixed regression test like those below).
@settings(max_examples=200, deadline=None, derandomize=not os.environ.get("PROTOCOL_EXPLORE"),
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_random_edit_scripts_accept_to_new_and_reject_to_old(tmp_path_factory, data):
    old, new, scripts = scripted_pair(data)
    changes = compare(old, new)
    view = merged_view(Comparison(old, new, changes))
    # the merged view itself
    assert _view_sides(view, "accept") == _plain_sides(plain_view(new))
    assert _view_sides(view, "reject") == _plain_sides(plain_view(old))
    # no revision for an unchanged paragraph (renumbering is not a change); a moved section moves its paragraphs
    moved_sections = {s.id for s in changes.sections if s.moved}
    unchanged = {b.id for b in changes.paragraphs() if b.change == "unchanged" and b.new_section not in moved_sections}
    for b in view.body:
        owner = b.key.split("/")[0]
        if owner in unchanged and b.kind in ("para", "item"):
            assert not b.mark and not any(r.mark for r in b.runs), (scripts, b)
    # the Word document, the whole of it, through our XML accept/reject
    tmp = tmp_path_factory.mktemp("prop")
    red, clean_new, clean_old = tmp / "red.docx", tmp / "new.docx", tmp / "old.docx"
    write_docx(new, red, view, author="Monitoring Officer", date=new.meta.date)
    write_docx(new, clean_new)
    write_docx(old, clean_old)
    root = document_xml(red)
    assert outline(resolve(root, "accept")) == outline(document_xml(clean_new)), scripts
    assert outline(resolve(root, "reject")) == outline(document_xml(clean_old)), scripts
    assert_unique_ids(red)
    _sample(scripts, view, red, clean_new, clean_old, view.body[0].text if view.body else "")


_SEEN = [0]


def _sample(scripts, view, red, clean_new, clean_old, first) -> None:
    _SEEN[0] += 1
    if _SEEN[0] % SAMPLE_EVERY == 0 and len(SAMPLES) < SAMPLE_AT_MOST and first:
        SAMPLES.append({"scripts": scripts, "view": view, "red": red, "new": clean_new, "old": clean_old,
                        "first": first})


@pytest.mark.slow
def test_sampled_edit_scripts_in_libreoffice_and_pandoc(tmp_path_factory):
    """At least 40 of the property's scripts, read by the real clients: LibreOffice and pandoc accept and
    reject each redline to the whole clean documents, and LibreOffice's unresolved numbers are what its 7.4
    rules predict (builder.write.docx.placement avoids the others). A failure names the scripts, to be kept
    as a fixed regression test."""
    import libreoffice
    from test_redline_tools import pandoc_paragraphs

    if len(SAMPLES) < SAMPLE_AT_LEAST:  # run alone: let the property make its examples first
        test_random_edit_scripts_accept_to_new_and_reject_to_old(tmp_path_factory)
    samples = SAMPLES[:SAMPLE_AT_MOST]
    assert len(samples) >= SAMPLE_AT_LEAST
    assert {"split", "merge", "move-section", "add-section", "delete-section", "drop-item", "rename-term"} <= {
        op for x in samples for script in x["scripts"] for op in script}
    assert any(len(x["scripts"]) == 2 for x in samples)  # two releases in a row
    jobs = [job for x in samples for job in (("accept", x["red"]), ("reject", x["red"]), ("plain", x["new"]),
                                              ("plain", x["old"]), ("pdf", x["red"]))]
    outs = libreoffice.run_jobs(tmp_path_factory.mktemp("lo-samples"), jobs)
    for k, x in enumerate(samples):
        accepted, rejected, new_text, old_text = (p.read_text(encoding="utf-8-sig") for p in outs[5 * k: 5 * k + 4])
        assert accepted == new_text, x["scripts"]
        assert rejected == old_text, x["scripts"]
        assert pandoc_paragraphs(x["red"], "accept") == pandoc_paragraphs(x["new"]), x["scripts"]
        assert pandoc_paragraphs(x["red"], "reject") == pandoc_paragraphs(x["old"]), x["scripts"]
        printed = libreoffice.pdf_labels(libreoffice.pdf_text(outs[5 * k + 4]), x["first"])
        assert printed == libreoffice.expected_labels(x["view"], libreoffice.paragraph_marks(x["red"], x["view"])), \
            x["scripts"]


def exact_in_every_client(tmp_path: Path, old: Protocol, new: Protocol) -> str:
    """The redline from `old` to `new` accepts to the clean new build and rejects to the clean old one in our XML
    reading, pandoc and LibreOffice; returns LibreOffice's text of the clean old build."""
    import libreoffice
    from test_redline_tools import pandoc_paragraphs

    red, clean_new, clean_old = build(tmp_path, old, new)
    assert_accept_reject(red, clean_new, clean_old)
    assert pandoc_paragraphs(red, "accept") == pandoc_paragraphs(clean_new)
    assert pandoc_paragraphs(red, "reject") == pandoc_paragraphs(clean_old)
    accepted, rejected, new_text, old_text = libreoffice.texts(tmp_path / "lo", [
        ("accept", red), ("reject", red), ("plain", clean_new), ("plain", clean_old)])
    assert accepted == new_text
    assert rejected == old_text
    return old_text


def _find(section: dict, pid: str) -> int:
    return next(i for i, b in enumerate(section["blocks"]) if b["id"] == pid)


def _moved_into_section_one(state: dict, pid: str, *, drop_ref: bool = False) -> dict:
    """p1 and p2 deleted and `pid` moved from section 2 to the start of section 1 (before its sub-heading)."""
    s1, s2 = state["sections"][0], state["sections"][1]
    for gone in ("p1", "p2"):
        del s1["blocks"][_find(s1, gone)]
    block = s2["blocks"].pop(_find(s2, pid))
    if drop_ref:
        block["ref"] = ""
    s1["blocks"].insert(0, block)
    return state


@pytest.mark.slow
@pytest.mark.parametrize("drop_ref", [False, True], ids=["moved", "moved-and-amended"])
def test_a_paragraph_moved_after_deleted_ones_before_a_sub_heading(tmp_path, drop_ref):
    """Two failures the sampled scripts found, minimised (['delete', 'delete', 'item', 'delete', 'move',
    'drop-item']): p5, whose cross-reference to p1 is renumbered when p1 is deleted, moved to the top of
    section 1 after p1 and p2 were deleted, so it keeps its own move mark just before the sub-heading
    'Urgent matters'. LibreOffice's Reject All gave that sub-heading p5's list number ("1.3 Urgent
    matters"): the renumbering marks inside the move cut it in pieces (builder.write.docx.placement now
    writes the new number as moved text there). Moved and amended (its reference dropped), p5 is deleted at
    its old place, after sub-items and before a sub-heading, and its first run's words equal the inserted
    paragraph's: LibreOffice took them for a move and Accept All gave that sub-heading the list number
    (the Word writer now writes neighbouring plain runs with one mark as one run)."""
    old = make_protocol(base_state(), "1.0", ("1.0",))
    new = make_protocol(_moved_into_section_one(base_state(), "p5", drop_ref=drop_ref), "1.1", ("1.0",))
    assert "Urgent matters" in exact_in_every_client(tmp_path, old, new)


@pytest.mark.slow
def test_a_section_moved_to_the_end_with_a_sub_item_added_to_its_last_paragraph(tmp_path):
    """A failure the sampled scripts found, minimised (['add-section', 'item', 'move-section', 'move-section']):
    section 1 moved to the end and a sub-item added to its last paragraph, which so is moved and amended (an
    insertion after the moved sub-heading), its new sub-item the last line of the body. The run of inserted
    and moved-to paragraphs could not move its marks up (the paragraph before it, 3.3, looks different from
    the sub-item), and LibreOffice's Reject All gave the Glossary heading after it a paragraph number ("3.4
    Glossary"); the marks now move up and the sub-item records 3.3's look as its old one (w:pPrChange)."""
    state = base_state()
    state["sections"].append(state["sections"].pop(0))
    state["sections"][-1]["blocks"][3]["items"] = [["a", "b", "c"]]
    old, new = make_protocol(base_state(), "1.0", ("1.0",)), make_protocol(state, "1.1", ("1.0",))
    assert "Glossary" in exact_in_every_client(tmp_path, old, new)



def _heading_at_the_end(state: dict, shape: str) -> dict:
    """The body ending in a new heading after 3.3: a section added at the end whose paragraph then moved to the
    top of section 1 ("section"), or a sub-heading added at the end of section 3 ("sub-heading")."""
    if shape == "section":
        state["sections"].append({"id": "s101", "title": ["new", "section"], "blocks": []})
        state["sections"][0]["blocks"].insert(0, {"kind": "para", "id": "p101", "items": [],
                                                  "words": ["members", "report", "to", "the", "council"]})
    else:
        state["sections"][-1]["blocks"].append({"kind": "heading", "id": "h101", "words": ["late", "matters"]})
    return state


@pytest.mark.slow
def test_a_heading_inserted_at_the_end_of_the_body_keeps_its_own_mark(tmp_path):
    """A failure a random run found, minimised (['drop-item', 'add-section', 'drop-item', 'move', 'add-section',
    'heading']): a section added at the end of the body lost its only paragraph to a move, so the body ended in
    an inserted heading. Moving the run's mark up (as for inserted paragraphs at the end of the body) put it on
    3.3 and left the heading unmarked with 3.3's look in a w:pPrChange: right in Word's terms and in
    LibreOffice, but pandoc's Reject All lost 3.3 before the Glossary heading (its reader joins no paragraph
    into a heading and reads no paragraph-mark revision on one: it carried 3.3's words to the glossary's first
    paragraph). A run that ends in a heading now keeps its own marks."""
    import libreoffice
    from test_redline_tools import pandoc_paragraphs

    old = make_protocol(base_state(), "1.0", ("1.0",))
    docs = []
    for shape in ("section", "sub-heading"):
        new = make_protocol(_heading_at_the_end(base_state(), shape), "1.1", ("1.0",))
        (tmp_path / shape).mkdir()
        red, clean_new, clean_old = build(tmp_path / shape, old, new)
        assert_accept_reject(red, clean_new, clean_old)
        assert pandoc_paragraphs(red, "accept") == pandoc_paragraphs(clean_new), shape
        assert pandoc_paragraphs(red, "reject") == pandoc_paragraphs(clean_old), shape
        docs.append((shape, red, clean_new, clean_old))
    outs = libreoffice.texts(tmp_path / "lo", [job for _, red, clean_new, clean_old in docs for job in (
        ("accept", red), ("reject", red), ("plain", clean_new), ("plain", clean_old))])
    for k, (shape, *_) in enumerate(docs):
        accepted, rejected, new_text, old_text = outs[4 * k: 4 * k + 4]
        assert "Glossary" in old_text and accepted == new_text and rejected == old_text, shape



@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason=(
    "LibreOffice 7.4's Reject All numbers the sub-heading 'Urgent matters' ('1.3 Urgent matters') after p1 "
    "moved away (move-from), p2 deleted and a new paragraph with p2's very words inserted before the sub-heading; "
    "with other words it is right, and Word's rules, pandoc and our XML reading are right: not yet analysed "
    "(docs/libreoffice.md, 'Open')"))
def test_a_paragraph_deleted_and_added_again_after_a_move_before_a_sub_heading(tmp_path):
    """A failure a random run found (['merge', 'drop-item', 'split', 'delete', 'merge', 'move']), minimised: p1
    moved to section 3 and p2 deleted and inserted again with the same words under a new id, just before section
    1's sub-heading. The inserted paragraph cannot move its mark up (the paragraph before it is deleted), and
    LibreOffice's Reject All gives the sub-heading its list number."""
    state = base_state()
    s1, s3 = state["sections"][0], state["sections"][2]
    s1["blocks"][_find(s1, "p2")]["id"] = "p101"
    s3["blocks"].insert(_find(s3, "h8"), s1["blocks"].pop(_find(s1, "p1")))
    old, new = make_protocol(base_state(), "1.0", ("1.0",)), make_protocol(state, "1.1", ("1.0",))
    exact_in_every_client(tmp_path, old, new)


# ---------------------------------------------------------------- proportionality

def _big_state(sections: int, per_section: int) -> dict:
    state = {"sections": [], "next": 10_000, "definition": ["the", "officer"],
             "scenario": base_state()["scenario"]}
    n = 0
    for s in range(sections):
        blocks = []
        for _ in range(per_section):
            n += 1
            blocks.append({"kind": "para", "id": f"p{n}", "words": list(WORDS[n % 9: n % 9 + 6]), "items": []})
        state["sections"].append({"id": f"s{s}", "title": ["section", str(s)], "blocks": blocks})
    return state


def _marks_after(state, edit) -> int:
    import copy
    import tempfile

    edited = copy.deepcopy(state)
    edit(edited)
    old, new = make_protocol(state, "1.0"), make_protocol(edited, "1.1")
    with tempfile.TemporaryDirectory() as tmp:
        red = Path(tmp) / "red.docx"
        write_docx(new, red, merged_view(Comparison(old, new, compare(old, new))), author="MO", date="2024-05-07")
        return body_revision_count(document_xml(red))


def body_revision_count(root) -> int:
    """Revisions in the text itself: from the first section to the version history (the title page and the
    version history change with every version; the contents list repeats inserted headings as insertions)."""
    from test_redline_xml import q

    total, started = 0, False
    for p in root.iter(q("p")):
        style = p.find("w:pPr/w:pStyle", {"w": q("")[1:-1]})
        name = style.get(q("val")) if style is not None else ""
        text = "".join(t.text or "" for t in p.iter(q("t"), q("delText")))
        if name == "Heading1":
            started = True
            if text == "Version history":
                break
        if started:
            total += revision_count(p)
    return total


def test_one_word_changed_is_two_marks_whatever_the_size():
    for size in (2, 20):
        state = _big_state(size, 10)
        assert _marks_after(state, lambda s: s["sections"][0]["blocks"][3]["words"].__setitem__(2, "zebra")) == 2


def test_inserting_a_section_at_the_start_renumbers_without_marks_elsewhere():
    state = _big_state(6, 8)

    def insert(s):
        s["sections"].insert(0, {"id": "new", "title": ["new"], "blocks": [
            {"kind": "para", "id": "pn", "words": ["fresh", "text"], "items": []}]})
    # title and one paragraph: each an inserted run plus an inserted paragraph mark (4); the worked example's
    # "Illustrates paragraph 1.1" becomes 2.1 (a deleted and an inserted number: 2); nothing else is marked
    assert _marks_after(state, insert) == 6


def test_moving_a_section_costs_marks_for_that_section_only():
    small, large = _big_state(4, 5), _big_state(40, 5)

    def move(s):
        s["sections"].append(s["sections"].pop(1))
    assert _marks_after(small, move) == _marks_after(large, move) == 4 * (1 + 5)
