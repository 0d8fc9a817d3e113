"""The redline: the ordinary Word writer drawing a merged view. Accept all gives the new version, reject all the old.

Checked on the XML with our own accept/reject (tests/test_redline_xml.py),
against clean builds of each version, paragraph by paragraph with list ids and
levels (so every list number Word computes is the same). The property test runs
random edit scripts over a small generated model.
"""
from __future__ import annotations

import subprocess
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from builder.diff import Comparison, compare, merged_view
from builder.load import load_tree
from builder.model import (
    GlossaryEntry, Heading, Metadata, Paragraph, Protocol, Passage, Ref, Scenario, ScenarioPart, Section,
    Source, SubItem, Tags, Term, Text, Vocabulary,
)
from builder.view import plain_view
from builder.write.docx import write_docx
from conftest import REPO
import clients
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
            assert revision_count(p) == 0


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
    for m in renumbering:
        link = m.getparent()
        assert link.tag == q("hyperlink")  # a cross-reference …
        other = "ins" if m.tag == q("del") else "del"
        partners = [s for s in (link.getprevious(), link.getnext()) if s is not None and s.tag == q("hyperlink")
                    and s.get(q("anchor")) == link.get(q("anchor")) and s.find(q(other)) is not None]
        assert partners  # … whose old number is deleted next to its new number, same target
        assert "".join(m.itertext()).replace(".", "").isdigit()
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


def make_protocol(state: dict, version: str) -> Protocol:
    meta = Metadata("Protocol", "Middleford City Council", "Monitoring Officer", version, "draft", "2024-05-07",
                    "", "en-GB", tuple(s["id"] for s in state["sections"]), (), SRC)
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
                    inlines += (Text(" Ask the "), Term("Monitoring Officer", "Monitoring Officer"), Text("."))
                items = tuple(SubItem(text(i), SRC) for i in b["items"])
                blocks.append(Paragraph(b["id"], inlines, items, Tags(), SRC))
        sections.append(Section(s["id"], " ".join(s["title"]).capitalize(), "", (), Tags(), tuple(blocks), SRC))
    parts = tuple(ScenarioPart(key, title, tuple(Passage(k == "bullet", text(w), SRC) for k, w in state["scenario"][key]), SRC)
                  for key, title in (("situation", "The situation"), ("good", "What good looks like"),
                                     ("questions", "Questions for discussion")))
    scenario = Scenario("example", "An example", (), (), (), ("p1",), "1.0", parts, SRC)
    glossary = (GlossaryEntry("Monitoring Officer", " ".join(state["definition"]), (), SRC),)
    return Protocol(meta, tuple(sections), glossary, (scenario,), Vocabulary(), ())


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


OPS = ("reword", "item", "insert", "delete", "move", "move-section", "heading", "scenario", "glossary")


def _view_sides(view, which: str):
    drop_block = {"accept": ("del", "move-from"), "reject": ("ins", "move-to")}[which]
    drop_run = "del" if which == "accept" else "ins"
    blocks = [(b.kind, "".join(r.text for r in b.runs if r.mark != drop_run))
              for b in view.body + view.appendix if b.mark not in drop_block]
    rows = [("".join(r.text for r in g.term), "".join(r.text for r in g.definition if r.mark != drop_run))
            for g in view.glossary if g.mark != drop_run]
    return blocks, rows


def _plain_sides(view):
    return [(b.kind, b.text) for b in view.body + view.appendix], \
        [("".join(r.text for r in g.term), "".join(r.text for r in g.definition)) for g in view.glossary]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_random_edit_scripts_accept_to_new_and_reject_to_old(tmp_path_factory, data):
    import copy

    state = base_state()
    old = make_protocol(state, "1.0")
    edited = copy.deepcopy(state)
    script = data.draw(st.lists(st.sampled_from(OPS), min_size=1, max_size=6), label="script")
    for op in script:
        apply(edited, (op,), data)
    new = make_protocol(edited, "1.1")
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
            assert not b.mark and not any(r.mark for r in b.runs), (script, b)
    # the Word document, through our XML accept/reject
    tmp = tmp_path_factory.mktemp("prop")
    red, clean_new = tmp / "red.docx", tmp / "new.docx"
    write_docx(new, red, view, author="Monitoring Officer", date=new.meta.date)
    write_docx(new, clean_new)
    root = document_xml(red)
    assert paragraphs(resolve(root, "accept")) == paragraphs(document_xml(clean_new))
    assert paragraphs(resolve(root, "reject")) == _base_paragraphs(tmp_path_factory)
    assert_unique_ids(red)


_BASE: list = []


def _base_paragraphs(tmp_path_factory):
    """The clean build of the unedited model (the same for every example): built once."""
    if not _BASE:
        path = tmp_path_factory.mktemp("base") / "old.docx"
        write_docx(make_protocol(base_state(), "1.0"), path)
        _BASE.append(paragraphs(document_xml(path)))
    return _BASE[0]


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
    """Revisions in the text itself (the contents list repeats inserted headings as insertions too)."""
    from test_redline_xml import q

    total = 0
    for p in root.iter(q("p")):
        style = p.find("w:pPr/w:pStyle", {"w": q("")[1:-1]})
        if style is None or not style.get(q("val")).startswith("TOC"):
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
