"""Three amendment cycles through the real command line (issue 14): release, amend, build, three times.

From the mini tree: release 1.1 with --next 1.2, amend, build; release 1.2 --next 1.3, amend, build; release
1.3 --next 1.4, amend, build. Each cycle edits the files as an author would and runs `protocol` in a
subprocess; each built document is read back with python-docx and the XML reader of tests/docx_read.py:

- the schedule's reasons are exactly the current draft's reasons plus the consequential rows (never an
  earlier round's reason, never "No reason recorded");
- the title page shows the current version and its own key dates, not the last release's;
- the version history grows by one row per release;
- the redline is against the latest release: rejecting every change gives the previous cycle's document
  (the text that was then released), accepting every change this cycle's.
"""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from docx import Document

from builder.diff.reasons import CROSS_REFERENCE
from conftest import MINI, assert_no_traceback, run_cli
from docx_read import outline, part, resolve_moves as resolve
from malformed_cases import SCENARIO

P, PUR, ROL, GLO, A = ("protocol_src/protocol.yaml", "protocol_src/purpose.md", "protocol_src/roles.md",
                       "protocol_src/glossary.yaml", "protocol_src/amendments.yaml")


def _edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, (rel, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reasons(root: Path, reasons: dict[str, str]) -> None:
    """Add the reasons under 'reasons:' as an author would, below the header --next wrote."""
    path = root / A
    text = path.read_text(encoding="utf-8")
    assert text.rstrip().endswith("reasons:"), text  # --next left no reasons behind
    path.write_text(text.rstrip() + "\n" + "".join(f'  {k}: "{v}"\n' for k, v in reasons.items()), encoding="utf-8")


def _dates(root: Path, date: str, meeting: str) -> None:
    """This draft's date and its meeting, under the comments --next left in dates:."""
    path = root / P
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^date: .*$", f"date: {date}", text, count=1, flags=re.M)
    lines = text.split("\n")
    at = lines.index("dates:") + 1
    while lines[at].startswith("  #"):
        at += 1
    lines.insert(at, f"  standards_committee: {meeting}")
    path.write_text("\n".join(lines), encoding="utf-8")


def _cli(*args: str) -> str:
    proc = run_cli(*args)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def _release(root: Path, version: str, date: str, minute: str, next_version: str) -> str:
    return _cli("release", "--root", str(root), version, "--status", "adopted", "--date", date, "--body",
                "Full Council", "--minute", minute, "--next", next_version)


# ---------------------------------------------------------------- the three rounds of amendments

def _cycle_1(root: Path) -> dict:
    _edit(root, PUR, "work together.", "work well together.")
    _edit(root, ROL, "{#roles-members}", "{#roles-officers} Officers advise members and carry out their "
                                         "decisions.\n\n{#roles-members}")  # 2.1 -> 2.2: purpose-status's reference
    _edit(root, GLO, "acts lawfully", "acts lawfully and fairly")
    reasons = {"purpose-what": "Member survey 2024: plainer", "roles-officers": "Officer engagement: the officers' role",
               "Monitoring Officer": "Legal review: fairness"}
    _dates(root, "2024-11-14", "2024-11-14")
    return {"reasons": reasons, "consequential": {"1.3": CROSS_REFERENCE}, "rows": 4}


def _cycle_2(root: Path) -> dict:
    _edit(root, P, "  - purpose\n  - roles\n", "  - roles\n  - purpose\n")  # a swap: either key is the swap's
    _edit(root, PUR, "## Status {#", "## Status of this protocol {#")
    (root / "scenarios" / "helpful.md").write_text(SCENARIO.replace('"1.1"', '"1.3"'), encoding="utf-8")
    reasons = {"roles": "Six-month review: roles first", "status-heading": "Six-month review: clearer heading",
               "helpful": "Six-month review: a first worked example"}
    _dates(root, "2025-05-15", "2025-05-15")
    # purpose-status: its reference to roles-members (2.2 -> 1.2) and its section moved; 7 scenario parts
    return {"reasons": reasons, "consequential": {"1.3 → 2.3": CROSS_REFERENCE}, "rows": 1 + 1 + 1 + 7}


def _cycle_3(root: Path) -> dict:
    _edit(root, PUR, "- officers, in the same way.", "- officers, and everyone who works with them, in the same way.")
    _edit(root, ROL, "{#roles-officers} Officers advise members and carry out their decisions.\n\n", "")
    (root / "protocol_src" / "records.md").write_text(
        "---\ntitle: Records\n---\n\n{#records-keep} Officers keep a note of advice.\n\n"
        "{#records-read} Members may read the notes of advice given to them.\n", encoding="utf-8")
    _edit(root, P, "  - purpose\n", "  - purpose\n  - records\n")
    _edit(root, "scenarios/helpful.md", "The officer wants to help.", "The officer wants to help at once.")
    reasons = {"purpose-both": "Review: everyone who works with them", "roles-officers": "Review: said twice",
               "records": "Review: a new section on records", "helpful": "Review: the pressure made clearer"}
    _dates(root, "2025-11-13", "2025-11-13")
    # purpose-status and the scenario's part that cites roles-members: it is 1.1 again (consequential, although
    # the scenario has a reason); the new section's two paragraphs share its reason
    return {"reasons": reasons, "consequential": {"2.3": CROSS_REFERENCE,
                                                  "Appendix A1: What the protocol says": CROSS_REFERENCE},
            "rows": 2 + 1 + 3 + 2}


CYCLES = [
    # (release, its date, minute, next draft, the round of amendments, the draft's date in words)
    ("1.1", "2024-05-21", "FC/24/31", "1.2", _cycle_1, "14 November 2024"),
    ("1.2", "2024-11-28", "FC/24/77", "1.3", _cycle_2, "15 May 2025"),
    ("1.3", "2025-05-29", "FC/25/40", "1.4", _cycle_3, "13 November 2025"),
]


@pytest.fixture(scope="module")
def cycles(tmp_path_factory) -> list[dict]:
    """Run the three cycles; for each, what was expected and the folder its build wrote."""
    base = tmp_path_factory.mktemp("cycles")
    root = base / "tree"
    shutil.copytree(MINI, root)
    out = []
    for n, (version, date, minute, next_version, amend, draft_date) in enumerate(CYCLES, start=1):
        said = _release(root, version, date, minute, next_version)
        expected = amend(root)
        _reasons(root, expected["reasons"])
        check = _cli("check", "--root", str(root))
        build = base / f"build-{n}"
        _cli("build", "--root", str(root), "--out", str(build), "--no-site")
        out.append({**expected, "version": next_version, "released": version, "build": build, "said": said,
                    "check": check, "draft_date": draft_date, "old_date": date})
    return out


def _file(build: Path, kind: str) -> Path:
    files = [p for p in build.iterdir() if p.is_file()]  # (the training packs are a folder beside them)
    found = [p for p in files if kind in p.name] if kind else [
        p for p in files if "redline" not in p.name and "schedule" not in p.name]
    assert len(found) == 1, sorted(p.name for p in build.iterdir())
    return found[0]


def _body(root) -> list[tuple]:
    """The protocol's body (its sections, from the first Heading 1 to the glossary) as comparable tuples."""
    rows = outline(root)
    start = next(i for i, r in enumerate(rows) if r[0] == "p" and r[1] == "Heading1")
    end = next(i for i, r in enumerate(rows) if r[0] == "p" and r[1] == "Heading1" and r[3] == "Glossary")
    return rows[start:end]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_schedule_gives_this_drafts_reasons_and_consequential_rows(cycles, n):
    cycle = cycles[n - 1]
    assert " V004: " not in cycle["check"] and " V005: " not in cycle["check"], cycle["check"]
    tables = Document(str(_file(cycle["build"], "schedule"))).tables  # one for each section changed (and so on)
    rows = [(r.cells[0].text, r.cells[3].text) for table in tables for r in table.rows[1:]]
    assert len(rows) == cycle["rows"], rows
    reasons = set(cycle["reasons"].values())
    consequential = {where: reason for where, reason in rows if reason.startswith("Consequential:")}
    assert consequential == cycle["consequential"], rows
    assert {reason for _, reason in rows} - set(consequential.values()) == reasons, rows
    for earlier in cycles[:n - 1]:  # never an earlier round's reason
        assert not set(earlier["reasons"].values()) & {reason for _, reason in rows}, rows


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_title_page_shows_this_version_and_its_own_dates(cycles, n):
    cycle = cycles[n - 1]
    document = Document(str(_file(cycle["build"], "")))
    details = [p.text for p in document.paragraphs if p.style.name == "Title Page Detail"
               or p.style.style_id == "TitlePageDetail"]
    assert f"Version {cycle['version']}" in details
    assert f"Date of this version: {cycle['draft_date']}" in details
    assert f"Standards Committee: {cycle['draft_date']}" in details
    assert f"Status: Draft for Standards Committee on {cycle['draft_date']}" in details
    assert not [d for d in details if "Full Council" in d or "Drafted" in d], details  # 1.1's dates are gone
    # the dates --next took off are comments in protocol.yaml, and said so
    assert "taken off the title page" in cycle["said"]


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_version_history_grows_by_one_row_per_release(cycles, n):
    cycle = cycles[n - 1]
    document = Document(str(_file(cycle["build"], "")))
    history = next(t for t in document.tables if t.rows[0].cells[0].text == "Version")
    versions = [r.cells[0].text for r in history.rows[1:]]
    assert versions == [c[0] for c in CYCLES[:n]] + [cycle["version"]]
    assert history.rows[-1].cells[2].text == "Not yet approved"
    assert history.rows[-2].cells[2].text == f"Adopted by Full Council (minute {CYCLES[n - 1][2]})"


@pytest.mark.parametrize("n", [1, 2, 3])
def test_the_redline_is_against_the_latest_release(cycles, n):
    cycle = cycles[n - 1]
    redline = _file(cycle["build"], "redline")
    assert f"-v{cycle['released']}-to-v{cycle['version']}-draft" in redline.name
    markup = part(redline)
    assert _body(resolve(markup, "ins")) == _body(part(_file(cycle["build"], "")))
    if n > 1:  # the text released at the start of this cycle is the previous cycle's draft
        assert _body(resolve(markup, "del")) == _body(part(_file(cycles[n - 2]["build"], "")))
    # python-docx opens it, and the tracked changes are there to accept or reject
    Document(str(redline))
    assert markup.findall(".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}ins")


def test_each_release_refuses_to_repeat_itself(cycles, tmp_path):
    """After the cycles, releasing the unchanged draft as a new version is refused, and nothing is written."""
    root = cycles[-1]["build"].parent / "tree"
    copy = tmp_path / "tree"
    shutil.copytree(root, copy)
    _release(copy, "1.4", "2025-11-27", "FC/25/90", "1.5")
    proc = run_cli("release", "--root", str(copy), "1.5", "--status", "adopted", "--date", "2026-05-21",
                   "--body", "Full Council")
    assert proc.returncode == 1 and "nothing has changed since release 1.4" in proc.stderr
    assert not (copy / "releases" / "1.5").exists()


# ---------------------------------------------------------------- a second cycle on text this test did not write

def _lines(root: Path, rel: str) -> list[str]:
    return (root / rel).read_text(encoding="utf-8").split("\n")


def _write_lines(root: Path, rel: str, lines: list[str]) -> None:
    (root / rel).write_text("\n".join(lines), encoding="utf-8")


def _a_dozen_edits(root: Path) -> dict[str, str]:
    """Twelve edits of every kind to the shipped text, chosen from its model (not from its wording, so they
    follow the text as it changes), each with its reason under the key the authoring guide gives."""
    from builder.load import load_tree
    from builder.model import Paragraph, Ref

    protocol, _ = load_tree(root)
    cited = {n.target for s in protocol.sections for p in s.paragraphs for inl in (p.inlines, *(i.inlines for i in p.items))
             for n in inl if isinstance(n, Ref)} | {c for sc in protocol.scenarios for c in sc.cites}
    cited |= {n.target for sc in protocol.scenarios for part in sc.parts for b in part.passages for n in b.inlines
              if isinstance(n, Ref)}
    cited |= {c for answer in protocol.answers for c in answer.cites}  # quick answers cite paragraphs too
    sections = protocol.sections
    reasons: dict[str, str] = {}
    s3, s5, s7 = sections[2], sections[4], sections[6]
    # 1. a paragraph reworded
    p = s3.paragraphs[0]
    lines = _lines(root, p.source.path)
    lines[p.source.line - 1] = lines[p.source.line - 1].rstrip() + " This applies at all times."
    _write_lines(root, p.source.path, lines)
    reasons[p.id] = "Test cycle: a paragraph reworded"
    # 2. a sub-item changed
    p = next(p for s in sections[3:] for p in s.paragraphs if p.items and p.id not in reasons)
    lines = _lines(root, p.source.path)
    lines[p.items[0].source.line - 1] = lines[p.items[0].source.line - 1].rstrip() + " (or both)"
    _write_lines(root, p.source.path, lines)
    reasons[p.id] = "Test cycle: a sub-item changed"
    # 3. a paragraph deleted (one nothing cites)
    p = next(p for p in s5.paragraphs[1:] if p.id not in cited and not p.items)
    lines = _lines(root, p.source.path)
    del lines[p.source.line - 1:p.source.line + 1]
    _write_lines(root, p.source.path, lines)
    reasons[p.id] = "Test cycle: a paragraph deleted"
    # 4. a paragraph inserted at the start of section 7 (its paragraphs are renumbered: references to them are
    #    consequential)
    lines = _lines(root, s7.source.path)
    first = s7.paragraphs[0].source.line
    lines[first - 1:first - 1] = ["{#test-cycle-new} Officers must record the advice they give.", ""]
    _write_lines(root, s7.source.path, lines)
    reasons["test-cycle-new"] = "Test cycle: a paragraph inserted"
    # 5. a paragraph moved to the end of another section (one nothing cites, with no sub-items)
    p = next(p for p in sections[8].paragraphs[1:] if p.id not in cited and not p.items)
    lines = _lines(root, p.source.path)
    moved = lines[p.source.line - 1]
    del lines[p.source.line - 1:p.source.line + 1]
    _write_lines(root, p.source.path, lines)
    target = sections[9].source.path
    _write_lines(root, target, _lines(root, target)[:-1] + ["", moved, ""] if not _lines(root, target)[-1]
                 else _lines(root, target) + ["", moved, ""])
    reasons[p.id] = "Test cycle: a paragraph moved"
    # 6. a section retitled
    s = sections[10]
    _edit(root, s.source.path, f"title: {s.title}", f"title: {s.title} (revised)")
    reasons[s.id] = "Test cycle: a section retitled"
    # 7. two sections swapped (the reason under the first: either key is the swap's)
    a, b = sections[11].id, sections[12].id
    _edit(root, P, f"  - {a}\n  - {b}\n", f"  - {b}\n  - {a}\n")
    reasons[a] = "Test cycle: two sections swapped"
    # 8. a new section
    (root / "protocol_src" / "test-cycle-records.md").write_text(
        "---\ntitle: Records of advice\n---\n\n{#test-cycle-records-note} Officers keep a note of the advice they give "
        "to members.\n", encoding="utf-8")
    _edit(root, P, f"  - {sections[-1].id}\n", f"  - {sections[-1].id}\n  - test-cycle-records\n")
    reasons["test-cycle-records"] = "Test cycle: a new section"
    # 9. a sub-heading reworded
    heading = next(h for s in sections for h in s.blocks if not isinstance(h, Paragraph))
    _edit(root, heading.source.path, f"## {heading.text} {{#{heading.id}}}", f"## {heading.text} in practice {{#{heading.id}}}")
    reasons[heading.id] = "Test cycle: a sub-heading reworded"
    # 10. a glossary definition changed
    term = protocol.glossary[0]
    _edit(root, "protocol_src/glossary.yaml", term.definition.split()[0] + " ", term.definition.split()[0] + " (in short) ")
    reasons[term.term.lower()] = "Test cycle: a definition changed"  # a term matches in any case
    # 11. a scenario reworded
    sc = protocol.scenarios[0]
    passage = sc.parts[0].passages[0]
    lines = _lines(root, sc.source.path)
    lines[passage.source.line - 1] = lines[passage.source.line - 1].rstrip() + " It was a Monday."
    _write_lines(root, sc.source.path, lines)
    reasons[sc.id] = "Test cycle: a scenario reworded"
    # 12. a sub-item added to a paragraph
    p = next(p for s in sections[13:] for p in s.paragraphs if p.items and p.id not in reasons)
    lines = _lines(root, p.source.path)
    lines.insert(p.items[-1].source.line, "- and anyone else the protocol names.")
    _write_lines(root, p.source.path, lines)
    reasons[p.id] = "Test cycle: a sub-item added"
    return reasons


def test_a_second_cycle_on_the_shipped_text(shipped_tree, tmp_path):
    root = shipped_tree
    shipped_reasons = {why for _, why, _ in __import__("builder.load", fromlist=["load_tree"]).load_tree(root)[0].reasons}
    old = re.search(r'^version: "([\d.]+)"', (root / "protocol_src" / "protocol.yaml").read_text("utf-8"), re.M)[1]
    nxt = f"{old.rsplit('.', 1)[0]}.{int(old.rsplit('.', 1)[1]) + 1}"  # the shipped draft, then the next
    said = _release(root, old, "2025-01-23", "FC/25/04", nxt)
    assert f"started draft {nxt}" in said
    reasons = _a_dozen_edits(root)
    _reasons(root, reasons)
    check = _cli("check", "--root", str(root))
    assert " V004: " not in check and " V005: " not in check and " error " not in check, check
    build = tmp_path / "build"
    _cli("build", "--root", str(root), "--out", str(build), "--no-site")
    tables = Document(str(_file(build, "schedule"))).tables  # one for each section changed (and so on)
    rows = [(r.cells[0].text, r.cells[3].text) for table in tables for r in table.rows[1:]]
    given = set(reasons.values())
    by_source = {"current draft": 0, "consequential": 0, "none": 0}
    for where, reason in rows:
        source = ("current draft" if reason in given else "consequential" if reason.startswith("Consequential: ")
                  else "none")
        by_source[source] += 1
        assert source != "none", (where, reason)
        assert reason not in shipped_reasons, (where, reason)  # never release 1.1's reasons
    assert {reason for _, reason in rows} >= given  # every reason is printed
    assert by_source["consequential"] >= 1, rows  # the inserted paragraph renumbers paragraphs others cite
    print(f"schedule {old} -> {nxt}: {len(rows)} rows by reason source {by_source}")  # the closing note's figure
    redline = part(_file(build, "redline"))
    assert _body(resolve(redline, "ins")) == _body(part(_file(build, "")))
