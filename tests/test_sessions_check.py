"""The training sessions' file (protocol_src/sessions.yaml) through `protocol check`, as an author meets it:
each mistake at its own file and line with a hint, the shipped file clean, a stale session warned about."""
from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from conftest import assert_no_traceback, run_cli

SESSIONS = Path("protocol_src") / "sessions.yaml"


def _edit(root: Path, old: str, new: str, count: int = 1) -> int:
    """Replace `old` (its first occurrence) and return the 1-based line it was on."""
    path = root / SESSIONS
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, count), encoding="utf-8")
    return line


def _check(root: Path, *extra: str):
    proc = run_cli("check", "--root", str(root), *extra)
    assert_no_traceback(proc)
    return proc, proc.stdout + proc.stderr


def test_shipped_sessions_cover_every_session_the_report_names(repo_root: Path):
    from builder.load import load_tree
    protocol, diags = load_tree(repo_root)
    ids = {s.id for s in protocol.sessions}
    assert len(ids) >= 9
    assert {"group-discussion", "cabinet-members", "scrutiny-members", "audit-committee-members",
            "backbench-members", "all-staff-workshop", "officers-supporting-members", "service-area-workshop",
            "member-induction", "staff-induction"} <= ids
    for s in protocol.sessions:
        assert s.aims and s.key_points and s.quiz and s.answers, s.id
        assert 2 <= len(s.scenarios) <= 3, s.id
        assert sum(a.minutes for a in s.agenda) == s.length, s.id
    proc, out = _check(repo_root, "--strict")
    assert proc.returncode == 0, out


def test_unknown_ids_and_timings_are_named_at_their_line(shipped_tree: Path):
    answer = _edit(shipped_tree, "answers: [change-my-report,", "answers: [change-my-reprt,")
    scenario = _edit(shipped_tree, "scenarios: [scrutiny-chair-and-the-data,", "scenarios: [scrutiny-chair-and-data,")
    cited = _edit(shipped_tree, "cites: [members-audit]", "cites: [members-audits]")
    length = _edit(shipped_tree, "length: 90", "length: 95")
    proc, out = _check(shipped_tree)
    assert proc.returncode == 1, out
    expect = [(answer, "P002", "change-my-report"), (scenario, "P003", "scrutiny-chair-and-the-data"),
              (cited, "P001", "members-audit"), (length, "P004", "length: 90")]
    for line, code, hint in expect:
        m = re.search(rf"^protocol_src/sessions.yaml:{line}: error {code}: .*\n    hint: .*{re.escape(hint)}", out, re.M)
        assert m, (code, line, out)


def test_too_few_scenarios_one_sided_and_a_bad_quiz(shipped_tree: Path):
    line = _edit(shipped_tree, "scenarios: [officer-vents-about-councillor, messages-to-a-junior-officer]",
                 "scenarios: [messages-to-a-junior-officer]")
    quiz = _edit(shipped_tree, "- question: Whom do officers serve?", "- question: Whom do officers serve")
    proc, out = _check(shipped_tree, "--strict")
    assert proc.returncode == 1
    assert f"sessions.yaml:{line}: warning P005" in out
    assert f"sessions.yaml:{line}: warning P009" in out and "an officer falling short" in out
    assert f"sessions.yaml:{quiz}: warning P008" in out


def test_a_changed_paragraph_makes_a_session_stale(shipped_tree: Path):
    """The draft's sessions were reviewed against 1.2 (the draft); pointing one at release 1.1 makes every cited
    paragraph that changed since 1.1 a warning at the line citing it, as for scenarios."""
    _edit(shipped_tree, 'reviewed_against: "1.2"', 'reviewed_against: "1.1"')
    text = (shipped_tree / SESSIONS).read_text(encoding="utf-8")
    cites = text.index("cites: [groups-budget, groups-confidential]")
    line = text[:cites].count("\n") + 1
    proc, out = _check(shipped_tree, "--strict")
    assert proc.returncode == 1
    assert re.search(rf"sessions.yaml:{line}: warning P006: session 'group-discussion' cites paragraph "
                     r"\d+\.\d+ \(groups-budget\), which has changed since version 1.1", out), out
    assert 'set reviewed_against: "1.2"' in out
    _edit(shipped_tree, 'reviewed_against: "1.1"', 'reviewed_against: "0.7"')
    proc, out = _check(shipped_tree)
    assert "P007" in out


def test_a_broken_sessions_file_is_an_error_not_a_traceback(shipped_tree: Path):
    (shipped_tree / SESSIONS).write_text("sessions:\n  - id: x\n    title: [unclosed\n", encoding="utf-8")
    proc, out = _check(shipped_tree)
    assert proc.returncode == 1
    assert "protocol_src/sessions.yaml:" in out


def test_stale_quick_answers_and_scenarios_are_named_at_the_line_that_names_them(shipped_tree: Path):
    """Every session pointed at release 1.1, and a quick answer reworded in the draft: the reworded answer, and the
    scenarios edited since 1.1, are warned about where a session names them (its answers: and scenarios: lines)."""
    path = shipped_tree / SESSIONS
    path.write_text(path.read_text(encoding="utf-8").replace('reviewed_against: "1.2"', 'reviewed_against: "1.1"'),
                    encoding="utf-8")
    # release 1.1 as if it had shipped the draft's quick answers (its manifest written as `protocol release` does)
    release = shipped_tree / "releases" / "1.1"
    answers = shipped_tree / "protocol_src" / "answers.yaml"
    shutil.copy(answers, release / "protocol_src" / "answers.yaml")
    files = sorted((p for sub in ("protocol_src", "scenarios") for p in (release / sub).rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(release).as_posix())
    (release / "MANIFEST.sha256").write_text("".join(
        f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}\n" for p in files),
        encoding="utf-8")
    answers.write_text(answers.read_text(encoding="utf-8").replace(
        "No. A cabinet member may comment on a draft", "No. A cabinet member may comment on your draft", 1),
        encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    proc, out = _check(shipped_tree, "--strict")
    assert proc.returncode == 1
    named = re.findall(r"^protocol_src/sessions.yaml:(\d+): warning P006: session '([^']+)' (names quick answer "
                       r"'[^']+'|uses scenario)", out, re.M)
    assert ("cabinet-members", "names quick answer 'change-my-report'") in {(s, k) for _, s, k in named}, out[-3000:]
    assert any(k == "uses scenario" for _, _, k in named)
    for line, _, kind in named:
        text = lines[int(line) - 1].strip()
        assert text.startswith("answers:" if kind.startswith("names") else "scenarios:"), (line, text)
