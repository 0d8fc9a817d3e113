"""The protocol's teeth: each "must" names the code obligation it evidences, and Appendix B lists them.

vocabulary.yaml's `obligations:` list holds the member code's obligations and
the officer code and policy rules (each with `code: member` or `code: officer`);
a paragraph names the ones its duty rests on (`obligations=…`). The Word
document's Appendix B is generated from those tags, and in a redline it is
tracked like any table: a new appendix is inserted whole, a paragraph newly
tagged adds a row.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest

from builder.load import load_tree
from builder.view import DUTY_COLUMNS, plain_view
from builder.write.docx import write_docx
from conftest import REPO, assert_no_traceback, run_cli
from test_redline import assert_accept_reject, build
from test_redline_tools import libreoffice_texts

OLD = REPO / "tests" / "fixtures" / "diff_old"
OBLIGATIONS = """obligations:
  - id: member-respect
    label: "Member code 1: Respect"
    code: member
  - id: member-impartiality
    label: "Member code 3: Impartiality of officers"
    code: member
  - id: officer-dignity
    label: "Dignity at work policy"
    code: officer
"""


def tagged(tmp: Path, name: str = "tagged") -> Path:
    """diff_old with an obligations list and two duties: one for members, one for both sides."""
    root = tmp / name
    shutil.copytree(OLD, root)
    (root / "protocol_src" / "vocabulary.yaml").write_text(
        (OLD / "protocol_src" / "vocabulary.yaml").read_text(encoding="utf-8") + OBLIGATIONS, encoding="utf-8")
    contact = root / "protocol_src" / "contact.md"
    text = contact.read_text(encoding="utf-8")
    text = text.replace("{#contact-junior} Do not press junior staff for action.",
                        "{#contact-junior obligations=member-respect,member-impartiality} Members must not press "
                        "junior staff for action.")
    text = text.replace("{#contact-groups} Officers may brief",
                        "{#contact-groups obligations=member-respect,officer-dignity} Members and officers must be "
                        "courteous in briefings. Officers may brief")
    contact.write_text(text, encoding="utf-8")
    return root


def test_the_draft_with_obligations_checks_clean(tmp_path):
    proc = run_cli("check", "--root", str(tagged(tmp_path)), "--strict")
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_appendix_b_lists_each_duty_with_its_obligations(tmp_path):
    protocol, _ = load_tree(tagged(tmp_path))
    path = tmp_path / "d.docx"
    write_docx(protocol, path)
    document = docx.Document(str(path))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert "Appendix B: Duties and the codes of conduct" in headings
    table = next(t for t in document.tables if t.rows[0].cells[0].text == DUTY_COLUMNS[0])
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == list(DUTY_COLUMNS)
    assert rows[1][0] == "2.2" and rows[1][1].startswith("Members must not press junior staff")
    assert rows[1][2] == "Member code 1: Respect; Member code 3: Impartiality of officers" and rows[1][3] == "None"
    assert rows[2][0] == "2.4" and rows[2][2] == "Member code 1: Respect" and rows[2][3] == "Dignity at work policy"
    assert len(rows) == 3


def test_no_obligations_no_appendix(tmp_path):
    protocol, _ = load_tree(OLD)
    assert plain_view(protocol).duties == ()
    path = tmp_path / "old.docx"
    write_docx(protocol, path)
    assert "Appendix B" not in "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


@pytest.fixture(scope="module")
def redline(tmp_path_factory):
    """A redline from the untagged fixture to the tagged one: Appendix B is new."""
    tmp = tmp_path_factory.mktemp("duties")
    old, new = load_tree(OLD)[0], load_tree(tagged(tmp))[0]
    return build(tmp, old, new)


def test_a_new_appendix_is_inserted_whole_and_rejects_to_the_old_document(redline):
    assert_accept_reject(*redline)
    red = docx.Document(str(redline[0]))
    heading = next(p for p in red.paragraphs if "Duties and the codes of conduct" in "".join(p._p.itertext()))
    assert heading._p.find(".//" + docx.oxml.ns.qn("w:ins")) is not None


def test_libreoffice_accepts_and_rejects_the_new_appendix(redline, tmp_path):
    red, clean_new, clean_old = redline
    accepted, new_text, rejected, old_text = libreoffice_texts(
        tmp_path, [("accept", red), ("plain", clean_new), ("reject", red), ("plain", clean_old)])
    assert accepted == new_text
    assert rejected == old_text
    assert any("Members must not press junior staff" in line for line in new_text)


def test_a_paragraph_newly_tagged_adds_one_row(tmp_path):
    first = tagged(tmp_path, "first")
    second = tagged(tmp_path, "second")
    routes = second / "protocol_src" / "contact.md"
    routes.write_text(routes.read_text(encoding="utf-8").replace(
        "{#contact-routes} Ask the officer", "{#contact-routes obligations=officer-dignity} Officers must answer. Ask "
        "the officer"), encoding="utf-8")
    red, clean_new, clean_old = build(tmp_path, load_tree(first)[0], load_tree(second)[0])
    assert_accept_reject(red, clean_new, clean_old)
    table = next(t for t in docx.Document(str(red)).tables if t.rows[0].cells[0].text == DUTY_COLUMNS[0])
    inserted = [row for row in table.rows
                if row._tr.find(docx.oxml.ns.qn("w:trPr")).find(docx.oxml.ns.qn("w:ins")) is not None]
    words = "".join(t.text for t in inserted[0].cells[0]._tc.iter(docx.oxml.ns.qn("w:t"))) if inserted else ""
    assert len(inserted) == 1 and words == "2.1"  # python-docx's cell.text leaves out tracked insertions


def test_coverage_counts_topics_and_whose_conduct_falls_short(tmp_path):
    root = tagged(tmp_path)
    vocabulary = root / "protocol_src" / "vocabulary.yaml"
    vocabulary.write_text(vocabulary.read_text(encoding="utf-8")
                          + "topics:\n  - id: casework\n    label: Casework\n    minimum: 2\n", encoding="utf-8")
    scenario = next((root / "scenarios").glob("*.md"))
    scenario.write_text(scenario.read_text(encoding="utf-8").replace(
        "reviewed_against:", "topics: [casework]\nfailures: [member]\nreviewed_against:", 1), encoding="utf-8")
    proc = run_cli("coverage", "--root", str(root), "--require")
    assert_no_traceback(proc)
    assert proc.returncode == 1
    out = proc.stdout + proc.stderr
    assert "topic 'casework' (Casework) has 1 scenario; at least 2 needed" in out
    assert "/officer" in out and "an officer falls short" in out


def test_the_website_has_a_duties_page(tmp_path):
    out = tmp_path / "build"
    proc = run_cli("build", "--root", str(tagged(tmp_path)), "--out", str(out))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    page = (out / "site" / "duties.html").read_text(encoding="utf-8")
    assert "Members must not press junior staff" in page or "Do not press" in page or "2.2" in page
    assert '<a href="#member-respect">Member code 1: Respect</a>' in page
    assert '<dt id="officer-dignity">Dignity at work policy</dt>' in page
    home = (out / "site" / "index.html").read_text(encoding="utf-8")
    assert "duties.html" in home  # in the navigation
