"""Issue 13's round, from scratch, as the Monitoring Officer makes it: through the real command line.

A copy of the shipped protocol has its draft released (OLD) and built (the
released version's papers); then the twelve edits of tests/amendment_round.py
make the next draft (NEW), and `protocol build --pdf` writes the Word document
and its PDF, the redline, the schedule of amendments and the agenda pack's PDF.
Read by real clients:
- LibreOffice and pandoc accept every change in the redline to exactly the clean
  NEW document and reject every change to exactly the clean OLD document, whole
  documents (title page, contents, body, glossary, appendices, version history);
- the agenda pack's PDF, read by pdftotext, numbers every paragraph as NEW does
  (an old number beside it where it changed), its contents give the page each
  heading is on, and every page after the first says what it shows;
- the schedule has one row for the split and one for the merge, saying so, and
  no row for the website's facilitator notes among the protocol's rows.
The PDFs and the schedule's first page are kept as PNG in tests/artefacts/round/.
"""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from builder.diff import merged_view
from builder.project import compare_latest, load_project
from conftest import REPO, assert_no_traceback, run_cli
import amendment_round
import clients
import libreoffice
from test_redline_tools import pandoc_paragraphs

pytestmark = pytest.mark.slow
ARTEFACTS = REPO / "tests" / "artefacts" / "round"
STEM = "member-officer-relations-protocol"


OLD, NEW = amendment_round.versions()


@pytest.fixture(scope="module")
def round_two(tmp_path_factory) -> dict:
    tmp = tmp_path_factory.mktemp("round")
    root = tmp / "council"
    amendment_round.release_then_edit(root, build_released=tmp / f"build-{OLD}")
    proc = run_cli("check", "--root", str(root))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    new = tmp / f"build-{NEW}"
    proc = run_cli("build", "--no-site", "--pdf", "--root", str(root), "--out", str(new))
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    versions = f"v{OLD}-to-v{NEW}-draft"
    made = {
        "root": root, "old": tmp / f"build-{OLD}" / f"{STEM}-v{OLD}.docx", "new": new / f"{STEM}-v{NEW}-draft.docx",
        "pdf": new / f"{STEM}-v{NEW}-draft.pdf", "red": new / f"{STEM}-redline-{versions}.docx",
        "agenda": new / f"{STEM}-redline-{versions}.pdf",
        "schedule": new / f"{STEM}-schedule-of-amendments-{versions}.docx",
    }
    for name, path in made.items():
        assert path.exists(), (name, sorted(p.name for p in path.parent.iterdir()))
    project = load_project(root, releases="all")
    comparison = compare_latest(project)
    made["view"] = merged_view(comparison)
    made["on"], made["nn"] = comparison.changes.old_numbers, comparison.changes.new_numbers
    return made


def test_libreoffice_accepts_and_rejects_to_the_clean_builds_whole_documents(round_two, tmp_path):
    accepted, rejected, new, old = libreoffice.texts(tmp_path, [
        ("accept", round_two["red"]), ("reject", round_two["red"]), ("plain", round_two["new"]),
        ("plain", round_two["old"])])
    assert len(new) > 400 and any(line.startswith(f"Version {NEW}") for line in new)
    assert accepted == new
    assert rejected == old


def test_pandoc_accepts_and_rejects_to_the_clean_builds_whole_documents(round_two):
    assert pandoc_paragraphs(round_two["red"], "accept") == pandoc_paragraphs(round_two["new"])
    assert pandoc_paragraphs(round_two["red"], "reject") == pandoc_paragraphs(round_two["old"])


def test_the_marks_are_the_minimum(round_two):
    """Each edit costs its own marks: the moved paragraph and the swapped section are moves, the split adds a
    paragraph mark, the merge removes one, and renumbered cross-references are the renumbering author's."""
    from docx_read import part, q

    root = part(round_two["red"])
    marks = list(root.iter(q("ins"), q("del"), q("moveFrom"), q("moveTo")))
    renumbering = [m for m in marks if m.get(q("author")).endswith("(renumbering)")]
    assert renumbering and all("".join(m.itertext()).strip(".()").replace(".", "").isdigit() for m in renumbering)
    moved = [p for p in root.iter(q("p")) if p.find(f"{q('pPr')}/{q('rPr')}/{q('moveTo')}") is not None
             or p.find(q("moveTo")) is not None]
    texts = ["".join(t.text or "" for t in p.iter(q("t"))) for p in moved]
    assert any(t.startswith("Democratic Services keeps a record") for t in texts)  # the moved paragraph
    assert any(t == "Information, confidentiality and data protection" for t in texts)  # the swapped section


def test_the_agenda_pdf_numbers_every_paragraph_as_the_new_version(round_two):
    text = libreoffice.pdf_text(round_two["agenda"])
    wanted = agenda_labels(round_two["view"])
    assert len(wanted) > 300
    missing = labels_in_order(text, wanted, round_two["view"].body[0].text)
    assert missing == []
    on, nn = round_two["on"], round_two["nn"]
    assert f"{on['review-changes']} {nn['review-changes']}" in wanted  # renumbered (a section was inserted before)
    assert nn["review-records"] in wanted and "(e)" in wanted  # the split's new paragraph, the deleted sub-item


def test_the_agenda_pdf_contents_give_each_headings_page(round_two):
    for pdf, tracked in ((round_two["agenda"], True), (round_two["pdf"], False)):
        pages = libreoffice.pdf_text(pdf).split("\f")
        entries = contents_entries(pages)
        assert len(entries) > 40
        for title, page in entries:
            assert _squash(title) in _squash(pages[page - 1]), (pdf.name, title, page)  # (a title may wrap)
        for page in pages[1:-1]:
            assert (f"Tracked changes: version {OLD} to version {NEW}" in page.splitlines()[0]) == tracked


def test_the_schedule_labels_the_split_and_the_merge_and_keeps_training_notes_apart(round_two):
    import docx

    doc = docx.Document(str(round_two["schedule"]))
    rows = [r.cells[0].text for t in doc.tables for r in t.rows[1:]]
    on, nn = round_two["on"], round_two["nn"]
    assert f"{on['review-changes']} split into {nn['review-changes']} and {nn['review-records']}" in rows
    assert (f"{on['learning-worked-examples']} and {on['learning-topics']} merged into "
            f"{nn['learning-worked-examples']}") in rows
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    assert headings[-1] == "Training notes on the website"
    training = doc.tables[-1]
    firsts = {r.cells[0].text: r.cells[1].text.split("\n")[0] for r in training.rows[1:]}
    assert {first for where, first in firsts.items() if where.startswith("Appendix")} == {"Notes for facilitators"}
    # the renamed term in a quick answer (the website's): listed here, with the question it answers
    answers = [r for r in training.rows[1:] if r.cells[0].text == "Quick answer"]
    assert [r.cells[1].text.split("\n")[0] for r in answers] == [
        "Who do I contact about a resident's problem?"]
    assert "[inserted: liaison]" in answers[0].cells[2].text and "Website only" in answers[0].cells[3].text
    for table in doc.tables[:-1]:
        assert not any(w in r.cells[0].text + r.cells[1].text for r in table.rows
                       for w in ("Notes for facilitators", "Quick answer"))
    assert "2 December 2024" in doc.sections[0].header.paragraphs[0].text


def test_the_schedule_layout_is_what_every_reader_shows(round_two):
    """A visible header row (white words on the house navy, repeated on every page), a grid with the columns'
    own widths (fixed layout), and page X of Y in the footer; no date written as 2024-12-02."""
    from docx_read import part, q

    root = part(round_two["schedule"])
    for table in root.iter(q("tbl")):
        grid = [int(c.get(q("w"))) for c in table.find(q("tblGrid"))]
        head, *rows = table.findall(q("tr"))
        assert head.find(f"{q('trPr')}/{q('tblHeader')}") is not None
        assert {c.find(f"{q('tcPr')}/{q('shd')}").get(q("fill")) for c in head.findall(q("tc"))} == {"1F3864"}
        for tr in [head] + rows:
            assert [int(c.find(f"{q('tcPr')}/{q('tcW')}").get(q("w"))) for c in tr.findall(q("tc"))] == grid
        assert table.find(f"{q('tblPr')}/{q('tblLayout')}").get(q("type")) == "fixed"
    footer = part(round_two["schedule"], "word/footer1.xml")
    instructions = " ".join(t.text for t in footer.iter(q("instrText")))
    assert "PAGE" in instructions and "NUMPAGES" in instructions
    assert not re.search(r"\d{4}-\d{2}-\d{2}", "".join(t.text or "" for t in root.iter(q("t"))))


def test_openxml_audit_finds_nothing_in_the_papers(round_two):
    exe = clients.require(clients.openxml_audit(), "openxml-audit")
    for name in ("red", "schedule", "new"):
        proc = subprocess.run([exe, str(round_two[name])], capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and "Errors: 0" in proc.stdout, (name, proc.stdout + proc.stderr)


def test_pictures_of_the_papers(round_two, tmp_path):
    """The agenda pack's PDF, the Word document's PDF and the schedule's first page as PNG, for a person."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    schedule, = libreoffice.run_jobs(tmp_path, [("pdf", round_two["schedule"])])
    pdftoppm = clients.require(clients.pdftoppm(), "pdftoppm")
    for pdf, name, last in ((round_two["agenda"], "agenda", 8), (round_two["pdf"], "protocol", 3),
                            (schedule, "schedule", 1)):
        subprocess.run([pdftoppm, "-r", "60", "-png", "-f", "1", "-l", str(last), str(pdf), str(ARTEFACTS / name)],
                       check=True, timeout=120)
    assert len(list(ARTEFACTS.glob("schedule-*.png"))) == 1


# ---------------------------------------------------------------- reading the PDFs

def agenda_labels(view) -> list[str]:
    """The number each numbered line of the merged view is printed with in the agenda pack: the old number
    then the new where it changed, else the one it has (the second of two merged paragraphs joins the first)."""
    from builder.write.docx.revisions import effect_of

    out, after_merge = [], False
    for line in view.body:
        if line.kind in libreoffice.NUMBERED and not after_merge:
            effect = effect_of(line.mark)
            new = "" if effect == "del" else _short(line, line.number)
            old = "" if effect == "ins" else _short(line, line.old_number or (line.number if effect == "del" else ""))
            out.append(f"{old} {new}" if old and new and old != new else new or old)
        after_merge = line.end == "del"
    return out


def _short(line, number: str) -> str:
    return number[number.find("("):] if line.kind == "item" and "(" in number else number


def labels_in_order(text: str, wanted: list[str], first_title: str) -> list[str]:
    """The wanted labels not found, in order, at the start of a line after the contents."""
    lines = [line.strip() for line in text.splitlines()]
    at = next(i for i, line in enumerate(lines) if line.endswith(first_title) and "...." not in line)
    missing = []
    for label in wanted:
        k = at
        while k < len(lines) and not re.match(rf"^{re.escape(label)}(\s|$)", lines[k]):
            k += 1
        if k == len(lines):
            missing.append(label)
        else:
            at = k + 1
    return missing


def contents_entries(pages: list[str]) -> list[tuple[str, int]]:
    """(heading words, page) for each entry of the contents: a line ending in a dot leader and a page number."""
    out = []
    for page in pages[1:6]:
        for line in page.splitlines():
            match = re.match(r"^\s*(?:[\d ]+\s{2,})?(.+?)\.{4,}\s*(\d+)\s*$", line)
            if match:
                out.append((match.group(1).strip(), int(match.group(2))))
    return out


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)
