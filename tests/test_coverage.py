"""protocol coverage: key areas, audiences and sections x scenarios, on a small fixture tree."""
from __future__ import annotations

import json
import shutil

from conftest import REPO, assert_no_traceback, run_cli

TREE = REPO / "tests" / "fixtures" / "scenarios_coverage"

EXPECTED_TEXT = """\
3 scenarios.

Key area      n  scenarios
regulatory    2  planning-visit, ward-casework
operational   2  contractor-lunch, ward-casework

Audience          n  scenarios
everyone          0  -  GAP
all-members       2  planning-visit, ward-casework
cabinet-members   1  contractor-lunch
all-officers      1  contractor-lunch

Section   n  scenarios
purpose   1  ward-casework
roles     3  contractor-lunch, planning-visit, ward-casework

Paragraphs no scenario illustrates (information, not a gap): 2 of 4
  1.2    purpose-both
  1.3    purpose-status

Gaps: 1
  audience 'everyone' (Everyone) has 0 scenarios; at least 1 needed
"""


def test_coverage_tables_on_the_fixture_tree():
    proc = run_cli("coverage", "--root", str(TREE))
    assert_no_traceback(proc)
    assert proc.returncode == 0, "without --require, gaps are reported but do not fail"
    assert proc.stdout == EXPECTED_TEXT
    assert proc.stderr == ""


def test_require_makes_a_gap_an_error():
    proc = run_cli("coverage", "--root", str(TREE), "--require")
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "gap: audience 'everyone' (Everyone) has 0 scenarios; at least 1 needed" in proc.stderr
    assert "1 coverage gap;" in proc.stderr


def test_json_output_has_the_same_tables():
    proc = run_cli("coverage", "--root", str(TREE), "--format", "json")
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    assert data["scenarios"] == ["contractor-lunch", "planning-visit", "ward-casework"]
    assert {r["id"]: r["scenarios"] for r in data["areas"]} == {
        "regulatory": ["planning-visit", "ward-casework"], "operational": ["contractor-lunch", "ward-casework"]}
    assert [r["id"] for r in data["audiences"] if r["gap"]] == ["everyone"]
    assert [(u["id"], u["number"], u["section"]) for u in data["uncited_paragraphs"]] == [
        ("purpose-both", "1.2", "purpose"), ("purpose-status", "1.3", "purpose")]
    assert data["gaps"] == ["audience 'everyone' (Everyone) has 0 scenarios; at least 1 needed"]


def _copy(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(TREE, root)
    return root


def test_closing_the_gaps_passes_require_even_with_unillustrated_paragraphs(tmp_path):
    root = _copy(tmp_path)
    sc = root / "scenarios" / "planning-visit.md"
    sc.write_text(sc.read_text().replace("audience: [all-members]", "audience: [all-members, everyone]"))
    proc = run_cli("coverage", "--root", str(root), "--require")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert "Gaps: none" in proc.stdout
    assert "Paragraphs no scenario illustrates (information, not a gap): 2 of 4" in proc.stdout


def test_a_key_area_needs_two_scenarios_and_a_section_needs_one(tmp_path):
    root = _copy(tmp_path)
    (root / "scenarios" / "planning-visit.md").unlink()
    sc = root / "scenarios" / "ward-casework.md"
    sc.write_text(sc.read_text().replace("audience: [all-members]", "audience: [all-members, everyone]")
                  .replace("cites: [purpose-what, roles-members]", "cites: [roles-members]"))
    proc = run_cli("coverage", "--root", str(root), "--require")
    assert proc.returncode == 1
    gaps = [line for line in proc.stderr.splitlines() if line.startswith("gap: ")]
    assert gaps == [
        "gap: key area 'regulatory' (Regulatory decisions) has 1 scenario; at least 2 needed",
        "gap: section 'purpose' (Purpose and status of this protocol) has 0 scenarios; at least 1 needed",
    ]


def test_a_scenario_citing_a_paragraph_covers_its_section(tmp_path):
    root = _copy(tmp_path)
    proc = run_cli("coverage", "--root", str(root), "--format", "json")
    sections = {r["id"]: r["scenarios"] for r in json.loads(proc.stdout)["sections"]}
    assert sections["purpose"] == ["ward-casework"]  # cites purpose-what, a paragraph of 'purpose'
    assert "planning-visit" in sections["roles"]  # cites the section 'roles' itself


def test_broken_sources_are_noted_not_hidden(tmp_path):
    root = _copy(tmp_path)
    (root / "scenarios" / "broken.md").write_text("no front matter here\n")
    proc = run_cli("coverage", "--root", str(root))
    assert_no_traceback(proc)
    assert "the sources have 1 error (run 'protocol check')" in proc.stderr


def test_help_says_what_a_gap_is():
    proc = run_cli("coverage", "--help")
    assert proc.returncode == 0
    assert "fewer than 2 scenarios" in proc.stdout
    assert "information only" in proc.stdout


def test_bad_root_is_a_usage_error(tmp_path):
    proc = run_cli("coverage", "--root", str(tmp_path / "missing"))
    assert_no_traceback(proc)
    assert proc.returncode == 2
