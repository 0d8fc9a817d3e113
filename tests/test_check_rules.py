"""Each rule of the core loader and checker (S, M, I, L, R, T and X codes), in-process."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from builder.check import check_tree, check_root, trace
from builder.diagnostics import RULES, Collector, Diagnostic, did_you_mean, summary, to_json
from builder.load import load_tree
from builder.phrases import Phrases, words_of
from conftest import MINI, REPO, assert_no_traceback, run_cli
from malformed_cases import CASES, CYCLE_CASES, LONG, apply

CORE = sorted(c for c in RULES if c[0] in "SMILRTX")
WARNINGS = {"X002", "X005", "X008", "T006", "T008"}  # everything else the core emits is an error


def _tree(tmp_path: Path, *edits) -> Path:
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    from malformed_cases import Case
    apply(root, Case("x", tuple(edits), ()))
    return root


def _found(diags: Collector, code: str) -> list[Diagnostic]:
    return [d for d in diags.sorted() if d.code == code]


def test_rules_table_matches_the_authoring_guide():
    guide = (REPO / "docs" / "authoring.md").read_text(encoding="utf-8")
    table = dict(re.findall(r"^\| ([A-Z]\d{3}) \| (.+?) \|$", guide, re.M))
    assert table == RULES


@pytest.mark.parametrize("case", [c for c in CASES + CYCLE_CASES
                                  if not c.command and any(code in CORE for _, _, code in c.expect)],
                         ids=lambda c: c.name)
def test_rule_in_process(tmp_path, case):
    """The same trees as the CLI catalogue, checked in-process: code, place, severity and a hint."""
    root = tmp_path / "t"
    shutil.copytree(MINI, root)
    apply(root, case)
    _, diags = check_root(root)
    for path, line, code in case.expect:
        hits = [d for d in _found(diags, code) if d.path == path and d.line == line]
        assert hits, (case.name, [d.format() for d in diags.sorted()])
        d = hits[0]
        assert d.severity == ("warning" if code in WARNINGS else "error")
        assert d.hint, d.format()
        assert d.message and "Traceback" not in d.message


def test_every_core_rule_is_exercised():
    covered = {code for c in CASES for _, _, code in c.expect}
    assert set(CORE) - covered <= {"T004", "T006"}  # T004 is a scenario rule; T006 below


def test_mini_tree_has_no_errors():
    _, diags = check_root(MINI)
    assert diags.errors == []


# ---------------------------------------------------------------- particular rules

def test_duplicate_id_is_reported_in_both_places(tmp_path):
    root = _tree(tmp_path, ("append", "protocol_src/roles.md", "\n{#purpose-what} Again.\n"))
    _, diags = check_root(root)
    places = {(d.path, d.line) for d in _found(diags, "I001")}
    assert places == {("protocol_src/purpose.md", 9), ("protocol_src/roles.md", 9)}
    assert all("purpose-what" in d.message for d in _found(diags, "I001"))


def test_unknown_key_suggests_the_right_one(tmp_path):
    root = _tree(tmp_path, ("replace", "protocol_src/protocol.yaml", "council:", "counsil:"))
    _, diags = check_root(root)
    m001 = _found(diags, "M001")
    assert [(d.line, d.hint) for d in m001] == [(3, 'Did you mean "council"?')]
    # the renamed key leaves 'council' missing: reported once, as M002
    assert [d.code for d in diags.errors] == ["M001", "M002"]


def test_did_you_mean():
    assert did_you_mean("audiance", ["audience", "principles"]) == 'Did you mean "audience"?'
    assert did_you_mean("zzz", ["audience"]) == ""


def test_long_sentence_is_a_warning_at_35_words(tmp_path):
    ok = " ".join(["Word"] * 35) + "."  # 35 words: fine; a sentence starts with a capital
    root = _tree(tmp_path, ("replace", "protocol_src/roles.md", "Members set policy.", ok + " Then " + LONG[:-5] + "."))
    _, diags = check_root(root)
    x002 = _found(diags, "X002")
    assert len(x002) == 1 and x002[0].severity == "warning"
    assert "40 words" in x002[0].message


def test_self_reference_is_an_error_but_a_cycle_is_not(tmp_path):
    root = _tree(tmp_path,
                 ("replace", "protocol_src/roles.md", "set policy.", "set policy, see [[purpose-status]]."))
    _, diags = check_root(root)
    assert diags.errors == []
    root2 = _tree(tmp_path / "2", ("replace", "protocol_src/roles.md", "set policy.", "set policy, see [[roles-members]]."))
    _, diags = check_root(root2)
    assert [(d.code, d.severity) for d in diags.errors] == [("R004", "error")]


def test_section_tag_problem_is_reported_at_the_tag_line(tmp_path):
    root = _tree(tmp_path, ("replace", "protocol_src/purpose.md", "audience: [everyone]", "audience:\n  - everyone\n  - evryone"))
    _, diags = check_root(root)
    t001 = _found(diags, "T001")
    assert [(d.path, d.line) for d in t001] == [("protocol_src/purpose.md", 7)]
    assert t001[0].hint == 'Did you mean "everyone"?'


def test_missing_vocabulary_list_does_not_make_every_tag_unknown(tmp_path):
    text = (MINI / "protocol_src" / "vocabulary.yaml").read_text()
    start, end = text.index("principles:\n"), text.index("objectives:\n")
    root = _tree(tmp_path, ("write", "protocol_src/vocabulary.yaml", text[:start] + text[end:]))
    _, diags = check_root(root)
    assert [d.code for d in diags.errors] == ["M002"]


def test_broken_glossary_gives_one_problem(tmp_path):
    root = _tree(tmp_path, ("write", "protocol_src/glossary.yaml", "terms:\n  - term: [Monitoring Officer\n"))
    _, diags = check_root(root)
    assert [d.code for d in diags.items] == ["S002"]


def test_unreadable_section_does_not_make_references_unknown(tmp_path):
    root = _tree(tmp_path, ("write", "protocol_src/roles.md", b"---\ntitle: R\xf4les\n---\n\n{#roles-members} x.\n"))
    _, diags = check_root(root)
    assert [(d.code, d.line) for d in diags.errors] == [("S001", 2)]


def test_objective_served_by_no_paragraph_is_a_warning(tmp_path):
    _, diags = check_root(MINI)
    t006 = _found(diags, "T006")
    assert {d.message.split()[1] for d in t006} == {"8.2", "8.3", "8.5", "8.7", "8.8", "8.9"}
    assert all(d.severity == "warning" and d.path == "protocol_src/vocabulary.yaml" for d in t006)


def test_trace_lists_paragraphs_per_objective():
    protocol, _ = load_tree(MINI)
    served = trace(protocol)
    assert served["8.1"] == ["purpose-what", "purpose-both", "purpose-status"]  # a section tag counts for each
    assert served["8.10"] == ["purpose-status"]
    assert served["8.4"] == ["roles-members"]
    assert served["8.2"] == []


def test_trace_command_prints_the_table():
    proc = run_cli("trace", "--root", str(MINI))
    assert_no_traceback(proc)
    lines = proc.stdout.splitlines()
    assert lines[0].split() == ["Objective", "Paragraphs", "Served", "by"]
    row = next(ln for ln in lines if ln.startswith("8.1 "))
    assert row.split()[1:] == ["3", "1.1,", "1.2,", "1.3"]
    assert any(ln.startswith("8.2 ") and ln.rstrip().endswith("NONE") for ln in lines)
    assert proc.returncode == 1  # some objectives have no paragraph


def test_trace_prints_the_texts_length_and_sentence_length(tmp_path):
    # counted on a paragraph written here: 3 sentences of 4, 2 and 6 words; a lead-in and two sub-items
    root = tmp_path / "tree"
    shutil.copytree(MINI, root)
    section = root / "protocol_src" / "purpose.md"
    section.write_text(section.read_text(encoding="utf-8") + "\n{#purpose-counted} You must read this. "
                       "Then act. Ask the Monitoring Officer first:\n- one two;\n- three four five.\n",
                       encoding="utf-8")
    proc = run_cli("trace", "--root", str(root))
    assert_no_traceback(proc)
    last = proc.stdout.strip().splitlines()[-1]
    before = run_cli("trace", "--root", str(MINI)).stdout.strip().splitlines()[-1]
    words = lambda line: int(re.search(r"The text: ([\d,]+) words", line).group(1).replace(",", ""))
    sentences = lambda line: int(re.search(r"; ([\d,]+) sentences", line).group(1).replace(",", ""))
    assert words(last) - words(before) == 4 + 2 + 5 + 2 + 3
    assert sentences(last) - sentences(before) == 5


def test_the_shipped_protocol_is_between_10000_and_14000_words_with_short_sentences():
    proc = run_cli("trace", "--root", str(REPO))
    assert proc.returncode == 0, proc.stdout  # every objective is served
    found = re.search(r"The text: ([\d,]+) words .*?, ([\d.]+) words on average \(([\d.]+) reading",
                      proc.stdout)
    assert found, proc.stdout[-400:]
    assert 10_000 <= int(found.group(1).replace(",", "")) <= 14_000
    assert float(found.group(2)) <= 18 and float(found.group(3)) <= 18


def test_check_tree_is_repeatable():
    protocol, diags = load_tree(MINI)
    check_tree(protocol, diags)
    first = diags.sorted()
    check_tree(protocol, diags)
    assert diags.sorted() == first  # the same problems, not twice over


def test_json_and_summary():
    d = Diagnostic("X002", "warning", "protocol_src/a.md", 3, "long", "split it")
    assert json.loads(to_json([d])) == [{"code": "X002", "severity": "warning", "path": "protocol_src/a.md",
                                         "line": 3, "message": "long", "hint": "split it"}]
    assert d.format() == "protocol_src/a.md:3: warning X002: long\n    hint: split it"
    assert Diagnostic("S007", "error", "f", 0, "big").format() == "f: error S007: big"
    assert summary([]) == "No problems found."
    assert summary([d, d]) == "0 errors, 2 warnings."


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "ab", "Declare", "declared", "£5", "x9", " - ", "’s", "ß", "İ", "...", ", ",
                                 "a-b", "ba", "\n"]), max_size=14),
       st.lists(st.sampled_from(["a", "ab", "b", "dec", "declare", "£", "x", "ss", "s"]), min_size=1, max_size=3))
def test_a_phrase_is_used_when_its_words_start_consecutive_words_of_the_text(parts, phrase_words):
    """Phrases (the synonyms check and the search's tags) answers as the definition does, word by word."""
    text, phrase = " ".join(parts), " ".join(phrase_words)
    words, wanted = words_of(text), words_of(phrase)
    expected = any(all(words[i + k].startswith(w) for k, w in enumerate(wanted))
                   for i in range(len(words) - len(wanted) + 1))
    assert Phrases(text).uses(phrase) is expected
