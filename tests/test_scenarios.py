"""Worked scenarios: loading and checking through the real CLI, the link back from
paragraphs to scenarios, and the stale-scenario warning after an amendment."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from conftest import MINI, REPO, assert_no_traceback, run_cli

FIXTURES = REPO / "tests" / "fixtures"
VALID = FIXTURES / "scenarios_valid" / "late-night-email.md"
MALFORMED = FIXTURES / "scenarios_malformed"


def tree_with(tmp_path: Path, *scenario_files: Path) -> Path:
    """A copy of the mini tree with the given scenario files in scenarios/."""
    root = tmp_path / "tree"
    shutil.copytree(MINI, root)
    (root / "scenarios").mkdir(exist_ok=True)
    for f in scenario_files:
        shutil.copy(f, root / "scenarios" / f.name)
    return root


def check_json(root: Path, *extra: str):
    proc = run_cli("check", "--root", str(root), "--format", "json", *extra)
    assert_no_traceback(proc)
    return proc, json.loads(proc.stdout)


# ---------------------------------------------------------------- a valid scenario

def test_valid_scenario_loads_and_checks_clean(tmp_path):
    root = tree_with(tmp_path, VALID)
    proc, diags = check_json(root)
    assert proc.returncode == 0, proc.stdout
    assert [d for d in diags if d["path"].startswith("scenarios/")] == []


def test_comment_lines_are_ignored_and_word_count_covers_all_parts(tmp_path):
    from builder.check.scenarios import scenario_words
    from builder.load import load_tree

    root = tree_with(tmp_path, VALID)
    protocol, diags = load_tree(root)
    (sc,) = protocol.scenarios
    assert sc.id == "late-night-email"
    assert [p.key for p in sc.parts] == ["situation", "pressures", "protocol", "good", "wrong", "questions",
                                         "facilitators"]
    assert [b.bullet for b in sc.part("questions").passages] == [True] * 3
    assert sc.part("situation").source.line == 12
    assert 300 <= scenario_words(sc) <= 700
    assert not any("<!--" in str(b.inlines) for p in sc.parts for b in p.passages)


def test_model_links_paragraphs_back_to_scenarios(tmp_path):
    """Protocol.scenarios_citing(id): the link from a paragraph to the scenarios that illustrate it."""
    from builder.load import load_tree

    second = tmp_path / "second-email.md"
    second.write_text(VALID.read_text().replace("cites: [purpose-status, roles-members]", "cites: [roles-members]"))
    root = tree_with(tmp_path, VALID, second)
    protocol, _ = load_tree(root)
    assert [s.id for s in protocol.scenarios_citing("roles-members")] == ["late-night-email", "second-email"]
    assert [s.id for s in protocol.scenarios_citing("purpose-status")] == ["late-night-email"]
    assert protocol.scenarios_citing("purpose-what") == []


# ---------------------------------------------------------------- malformed scenarios

# file in tests/fixtures/scenarios_malformed -> the errors `protocol check` must report: {(path, line, code)}
EXPECTED_ERRORS: dict[str, set[tuple[str, int, str]]] = {
    "no-front-matter.md": {("scenarios/no-front-matter.md", 1, "S005")},
    "unclosed-front-matter.md": {("scenarios/unclosed-front-matter.md", 1, "S005")},
    "yaml-syntax-error.md": {("scenarios/yaml-syntax-error.md", 3, "S002")},
    "yaml-tag.md": {("scenarios/yaml-tag.md", 7, "S003"), ("scenarios/yaml-tag.md", 7, "M002")},
    "duplicate-key.md": {("scenarios/duplicate-key.md", 4, "S004")},
    "unknown-key.md": {("scenarios/unknown-key.md", 3, "M001"), ("scenarios/unknown-key.md", 2, "M002")},
    "missing-cites.md": {("scenarios/missing-cites.md", 2, "M002")},
    "cites-mapping.md": {("scenarios/cites-mapping.md", 6, "M003"), ("scenarios/cites-mapping.md", 6, "M002")},
    "missing-part.md": {("scenarios/missing-part.md", 8, "C001")},
    "empty-part.md": {("scenarios/empty-part.md", 40, "C001")},
    "unknown-part.md": {("scenarios/unknown-part.md", 34, "C002"), ("scenarios/unknown-part.md", 8, "C001")},
    "heading-level.md": {("scenarios/heading-level.md", 34, "C002"), ("scenarios/heading-level.md", 8, "C001")},
    "duplicate-part.md": {("scenarios/duplicate-part.md", 45, "C002")},
    "text-before-part.md": {("scenarios/text-before-part.md", 12, "C002")},
    "cites-unknown.md": {("scenarios/cites-unknown.md", 8, "C003")},
    "cites-heading.md": {("scenarios/cites-heading.md", 6, "C003")},
    "unknown-audience.md": {("scenarios/unknown-audience.md", 3, "T001")},
    "unknown-area.md": {("scenarios/unknown-area.md", 6, "T004")},
    "unknown-principle.md": {("scenarios/unknown-principle.md", 5, "T002")},
    "unknown-version.md": {("scenarios/unknown-version.md", 7, "C006")},
    "Bad_Name.md": {("scenarios/Bad_Name.md", 1, "I002")},
    # a scenario's id is its file name: here it clashes with a paragraph's id (reported at both places)
    "roles-members.md": {("scenarios/roles-members.md", 1, "I001"), ("protocol_src/roles.md", 7, "I001")},
    "unknown-ref.md": {("scenarios/unknown-ref.md", 23, "R001")},
    "unknown-term.md": {("scenarios/unknown-term.md", 23, "R002")},
    "unclosed-ref.md": {("scenarios/unclosed-ref.md", 46, "R003")},
    "raw-html.md": {("scenarios/raw-html.md", 18, "X001")},
    "not-utf8.md": {("scenarios/not-utf8.md", 19, "S001")},
}


def test_every_malformed_fixture_has_an_expectation():
    on_disk = {p.name for p in MALFORMED.glob("*.md")} - {"too-short.md"}
    assert on_disk == set(EXPECTED_ERRORS)
    assert len(on_disk) >= 10


@pytest.mark.parametrize("name", sorted(EXPECTED_ERRORS))
def test_malformed_scenario_reports_file_line_and_rule(tmp_path, name):
    root = tree_with(tmp_path, MALFORMED / name)
    proc = run_cli("check", "--root", str(root))
    assert_no_traceback(proc)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    for path, line, code in EXPECTED_ERRORS[name]:
        assert f"{path}:{line}: error {code}:" in proc.stdout, proc.stdout
    proc, diags = check_json(root)
    assert proc.returncode == 1
    errors = {(d["path"], d["line"], d["code"]) for d in diags if d["severity"] == "error"}
    assert errors == EXPECTED_ERRORS[name]
    assert all(d["hint"] for d in diags if d["severity"] == "error"), "every error comes with a hint"


def test_the_offending_value_is_named_with_a_suggestion(tmp_path):
    root = tree_with(tmp_path, MALFORMED / "cites-unknown.md", MALFORMED / "unknown-audience.md")
    proc = run_cli("check", "--root", str(root))
    assert "cites 'roles-member', which is not a paragraph or section" in proc.stdout
    assert 'Did you mean "roles-members"?' in proc.stdout
    assert "unknown audience 'al-officers'" in proc.stdout
    assert 'Did you mean "all-officers"?' in proc.stdout


def test_a_yaml_error_is_not_followed_by_missing_field_noise(tmp_path):
    root = tree_with(tmp_path, MALFORMED / "yaml-syntax-error.md")
    _, diags = check_json(root)
    assert [d["code"] for d in diags if d["path"].startswith("scenarios/")] == ["S002"]


def test_word_count_is_a_warning_that_strict_turns_into_a_failure(tmp_path):
    root = tree_with(tmp_path, MALFORMED / "too-short.md")
    proc, diags = check_json(root)
    assert proc.returncode == 0
    ours = [d for d in diags if d["path"] == "scenarios/too-short.md"]
    assert [(d["code"], d["severity"], d["line"]) for d in ours] == [("C005", "warning", 1)]
    assert "has 54 words" in ours[0]["message"]
    strict = run_cli("check", "--root", str(root), "--strict")
    assert_no_traceback(strict)
    assert strict.returncode == 1
    assert "scenarios/too-short.md:1: warning C005:" in strict.stdout


def test_all_malformed_fixtures_at_once_are_all_reported(tmp_path):
    """One run shows every problem: a broken scenario never hides another."""
    root = tree_with(tmp_path, *sorted(MALFORMED.glob("*.md")))
    proc, diags = check_json(root)
    assert proc.returncode == 1
    errors = {(d["path"], d["line"], d["code"]) for d in diags if d["severity"] == "error"}
    for expected in EXPECTED_ERRORS.values():
        assert expected <= errors


# ---------------------------------------------------------------- stale scenarios (C004)

def _freeze(root: Path, version: str) -> None:
    """Write releases/<version>/ as `protocol release` does: a copy plus MANIFEST.sha256."""
    folder = root / "releases" / version
    for sub in ("protocol_src", "scenarios"):
        shutil.copytree(root / sub, folder / sub)
    files = sorted((p for p in folder.rglob("*") if p.is_file()), key=lambda p: p.relative_to(folder).as_posix())
    (folder / "MANIFEST.sha256").write_text("".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(folder).as_posix()}\n" for p in files),
        encoding="utf-8")


def _released_tree(tmp_path: Path) -> Path:
    """Mini tree released as 1.0 with the valid scenario reviewed against 1.0; now drafting 1.1."""
    root = tree_with(tmp_path, VALID)
    sc = root / "scenarios" / VALID.name
    sc.write_text(sc.read_text().replace('reviewed_against: "1.1"', 'reviewed_against: "1.0"'))
    meta = root / "protocol_src" / "protocol.yaml"
    meta.write_text(meta.read_text().replace('version: "1.1"', 'version: "1.0"').replace("status: draft",
                                                                                          "status: approved"))
    (root / "protocol_src" / "history.yaml").write_text(
        "releases:\n  - version: \"1.0\"\n    status: approved\n    date: 2024-03-28\n"
        "    body: Standards Committee\n    summary: First version.\n", encoding="utf-8")
    _freeze(root, "1.0")
    meta.write_text(meta.read_text().replace('version: "1.0"', 'version: "1.1"').replace("status: approved",
                                                                                          "status: draft"))
    return root


def test_stale_scenario_warning_after_a_cited_paragraph_is_edited(tmp_path):
    root = _released_tree(tmp_path)
    before = run_cli("check", "--root", str(root), "--format", "json")
    assert_no_traceback(before)
    assert not [d for d in json.loads(before.stdout) if d["code"] == "C004"], "no amendment yet, nothing stale"

    roles = root / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text().replace("Members set policy.", "Members set policy and the budget."))
    (root / "protocol_src" / "amendments.yaml").write_text(
        "reasons:\n  roles-members: Standards Committee, 2024\n  purpose-what: Plain English\n", encoding="utf-8")
    # an edit to a paragraph the scenario does not cite makes nothing stale
    purpose = root / "protocol_src" / "purpose.md"
    purpose.write_text(purpose.read_text().replace("work together.", "work together well."))

    proc = run_cli("check", "--root", str(root), "--format", "json")
    assert_no_traceback(proc)
    stale = [d for d in json.loads(proc.stdout) if d["code"] == "C004"]
    assert len(stale) == 1, stale
    (d,) = stale
    assert d["severity"] == "warning"
    assert d["path"] == "scenarios/late-night-email.md"
    assert "late-night-email" in d["message"] and "roles-members" in d["message"]
    assert "purpose-what" not in d["message"]
    text = run_cli("check", "--root", str(root), "--strict")
    assert text.returncode == 1
    assert "warning C004:" in text.stdout

    # reviewing the scenario against the draft clears the warning
    sc = root / "scenarios" / VALID.name
    sc.write_text(sc.read_text().replace('reviewed_against: "1.0"', 'reviewed_against: "1.1"'))
    after = run_cli("check", "--root", str(root), "--format", "json")
    assert not [d for d in json.loads(after.stdout) if d["code"] == "C004"]
