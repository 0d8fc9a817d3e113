"""The training packs as a trainer gets them: `protocol build` on the shipped protocol, then every file opened
by the real clients.

python-pptx and python-docx read every file back (slide counts, speaker notes on every slide, 18 pt or more,
the council and version on every slide and page, no model answers or facilitator notes in a handout);
LibreOffice converts every .pptx and .docx to PDF in one run; openxml-audit finds nothing in any of them; two
builds give the same bytes; the website's Training page links every file and its quizzes work in headless
Chromium with JavaScript off, each answer linking to its paragraph, with no request outside the site.
The sessions are read from protocol_src/sessions.yaml with PyYAML, not through the builder's model, so the
expectations do not come from the code under test. Slide PDFs go to tests/artefacts/training/ (git-ignored).
"""
from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import docx
import pytest
import yaml
from pptx import Presentation
from pptx.util import Pt

import clients
from conftest import REPO, assert_no_traceback, run_cli
from test_site_answers import copy_shipped
from test_site_browser import Guarded, axe, shared_browser

pytestmark = pytest.mark.slow

ARTEFACTS = REPO / "tests" / "artefacts" / "training"
SOURCE = yaml.safe_load((REPO / "protocol_src" / "sessions.yaml").read_text(encoding="utf-8"))["sessions"]
META = yaml.safe_load((REPO / "protocol_src" / "protocol.yaml").read_text(encoding="utf-8"))
VERSION = f"{META['version']} ({META['status']})"
COUNCIL = META["council"]
KINDS = ("facilitator-guide", "handout", "slides")


def _files(out: Path, sid: str) -> dict[str, Path]:
    folder = out / "training" / sid
    found = {}
    for kind in KINDS:
        matches = sorted(folder.glob(f"{sid}-{kind}-v*"))
        assert len(matches) == 1, (sid, kind, sorted(p.name for p in folder.iterdir()))
        found[kind] = matches[0]
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped protocol built twice through the real command line."""
    root = copy_shipped(tmp_path_factory.mktemp("training") / "shipped")
    outs = []
    for name in ("out", "again"):
        proc = run_cli("build", "--root", str(root), "--out", str(root.parent / name), cwd=root.parent)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        outs.append(root.parent / name)
    return outs


@pytest.fixture(scope="module")
def out(built):
    return built[0]


def _plain(text: str) -> str:
    """Source text as the packs print it: [[id]] references become numbers, so compare the words around them."""
    return " ".join(re.sub(r"\[\[[^\]]*\]\]", " ", text).split())


def _fragments(text: str, length: int = 25) -> list[str]:
    """Runs of words from `text` between its references, long enough to be distinctive."""
    pieces = [" ".join(p.split()) for p in re.split(r"\[\[[^\]]*\]\]|\(|\)", text)]
    return [p for p in pieces if len(p) >= length]


def _part(scenario: str, heading: str) -> list[str]:
    """Distinctive runs of words from a part of a scenario file, paragraph by paragraph (terms and references,
    which the packs print differently, left out)."""
    text = scenario.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    out = []
    for paragraph in re.split(r"\n\s*\n", text):
        line = " ".join(paragraph.split()).removeprefix("- ")
        out += [p for p in _fragments(line) if "{{" not in p and "}}" not in p]
    return out


def _docx_text(path: Path) -> tuple[str, list]:
    document = docx.Document(str(path))
    body = [p.text for p in document.paragraphs]
    for table in document.tables:
        body += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(body), document


# ---------------------------------------------------------------- what is written

def test_every_session_gets_a_guide_a_handout_and_slides_in_out_training(out):
    assert len(SOURCE) >= 9
    written = sorted(p.name for p in (out / "training").iterdir())
    assert written == sorted(s["id"] for s in SOURCE)
    for s in SOURCE:
        files = _files(out, s["id"])
        assert all(p.stat().st_size > 10_000 for p in files.values())


def test_two_builds_are_byte_identical(built):
    first, second = built
    for folder in ("training", "site/training"):
        a = sorted(p.relative_to(first).as_posix() for p in (first / folder).rglob("*") if p.is_file())
        b = sorted(p.relative_to(second).as_posix() for p in (second / folder).rglob("*") if p.is_file())
        assert a == b and a
        different = [name for name in a if (first / name).read_bytes() != (second / name).read_bytes()]
        assert different == []


# ---------------------------------------------------------------- the slides, read back by python-pptx

@pytest.mark.parametrize("session", SOURCE, ids=lambda s: s["id"])
def test_slides_have_every_part_notes_the_version_and_nothing_under_18_pt(out, session):
    deck = Presentation(str(_files(out, session["id"])["slides"]))
    slides = list(deck.slides)
    # title, aims, a slide per key point, three per scenario, a slide per quiz question, the closing slide;
    # a slide whose text would not fit at 18 pt continues on another, so there may be more
    least = 2 + len(session["key_points"]) + 3 * len(session["scenarios"]) + len(session["quiz"]) + 1
    assert least <= len(slides) <= least + 6
    titles = [s.shapes.title.text_frame.text for s in slides]
    assert titles[0] == session["title"] and titles[1] == "Aims"
    for i, point in enumerate(session["key_points"], start=1):
        assert f"Key point {i}: {point['point']}" in titles
    for i, q in enumerate(session["quiz"], start=1):
        at = titles.index(f"Self-check quiz: question {i} of {len(session['quiz'])}")
        body = "\n".join(sh.text_frame.text for sh in slides[at].shapes if sh.has_text_frame)
        assert q["question"] in body and q["right"] in body and all(w in body for w in q["wrong"])
    assert sum("questions for discussion" in t for t in titles) == len(session["scenarios"])
    width, height = deck.slide_width, deck.slide_height
    for n, slide in enumerate(slides, start=1):
        texts = [sh.text_frame.text for sh in slide.shapes if sh.has_text_frame]
        assert any(COUNCIL in t and f"version {VERSION}" in t for t in texts), (n, texts)
        assert slide.has_notes_slide and slide.notes_slide.notes_text_frame.text.strip(), n
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= width, (n, shape.name)
            assert 0 <= shape.top and shape.top + shape.height <= height, (n, shape.name)
            if not shape.has_text_frame:
                continue
            for para in shape.text_frame.paragraphs:
                for r in para.runs:
                    if r.text.strip():
                        assert r.font.size is not None and r.font.size >= Pt(18), (n, r.text, r.font.size)
    # the facilitator's words are the speaker notes: each key point's notes and each quiz question's model answer
    notes = "\n".join(s.notes_slide.notes_text_frame.text for s in slides)
    for point in session["key_points"]:
        for piece in _fragments(point.get("notes", "")):
            assert piece in notes
    for q in session["quiz"]:
        for piece in _fragments(q["why"]):
            assert piece in notes
    # the key point slides name their paragraphs by number
    for slide in slides[2:2 + len(session["key_points"])]:
        body = "\n".join(sh.text_frame.text for sh in slide.shapes if sh.has_text_frame)
        assert re.search(r"Paragraphs? \d+\.\d+", body), body
    core = deck.core_properties
    assert core.version == str(META["version"]) and VERSION in core.subject


# ---------------------------------------------------------------- the guide and the handout, by python-docx

@pytest.mark.parametrize("session", SOURCE, ids=lambda s: s["id"])
def test_the_guide_has_everything_and_the_handout_no_model_answers(out, session):
    files = _files(out, session["id"])
    guide, guide_doc = _docx_text(files["facilitator-guide"])
    handout, handout_doc = _docx_text(files["handout"])
    for text, document in ((guide, guide_doc), (handout, handout_doc)):
        header = document.sections[0].header.paragraphs[0].text
        assert f"Protocol version {VERSION}" in header
        assert COUNCIL in document.sections[0].footer.paragraphs[0].text
        assert f"version {VERSION}" in text
        for aim in session["aims"]:
            assert aim in text
        for item in session["agenda"]:
            assert item["item"] in text
        for q in session["quiz"]:
            assert q["question"] in text and q["right"] in text and all(w in text for w in q["wrong"])
        for point in session["key_points"]:
            assert point["point"] in text
    # the guide: timings, notes, model answers, the facilitator notes of each scenario, a sign-in sheet
    agenda = guide_doc.tables[0]
    assert len(agenda.rows) == len(session["agenda"]) + 1
    assert [r.cells[1].text for r in agenda.rows[1:]] == [str(a["minutes"]) for a in session["agenda"]]
    assert sum(int(r.cells[1].text) for r in agenda.rows[1:]) == session["length"]
    assert "Sign-in sheet" in guide and len(guide_doc.tables[-1].rows) > 10
    assert guide.count("(right answer)") == len(session["quiz"])
    facilitator_words = []
    for item in session["agenda"] + session["key_points"]:
        facilitator_words += _fragments(item.get("notes", ""))
    for q in session["quiz"]:
        facilitator_words += _fragments(q["why"])
    for sid in session["scenarios"]:
        scenario = (REPO / "scenarios" / f"{sid}.md").read_text(encoding="utf-8")
        facilitator_words += _part(scenario, "Notes for facilitators")[:2] + _part(scenario, "What good looks like")[:2]
        first = _part(scenario, "The situation")[0]
        assert first in guide and first in handout
    # words a model answer quotes from the protocol are in the handout's key paragraphs, rightly: leave those out
    protocol = " ".join(" ".join((REPO / "protocol_src").joinpath(f).read_text(encoding="utf-8").split())
                        for f in sorted(p.name for p in (REPO / "protocol_src").glob("*.md")))
    facilitator_words = [w for w in facilitator_words if w not in protocol]
    assert facilitator_words
    for piece in facilitator_words:
        assert piece in guide, piece
        assert piece not in handout, piece
    for words in ("(right answer)", "Why:", "Facilitator's note", "Notes for facilitators", "What good looks like",
                  "Sign-in sheet"):
        assert words not in handout
    assert docx.Document(str(files["handout"])).core_properties.version == str(META["version"])


# ---------------------------------------------------------------- LibreOffice and openxml-audit

@pytest.fixture(scope="module")
def pdfs(out):
    """Every .pptx and .docx converted to PDF by one LibreOffice run (Impress and Writer)."""
    sources = sorted(p for p in (out / "training").rglob("*") if p.suffix in (".pptx", ".docx"))
    target = out.parent / "pdf"
    target.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-training-") as tmp:
        subprocess.run([clients.require(clients.soffice(), "LibreOffice"), f"-env:UserInstallation={Path(tmp).as_uri()}",
                        "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(target),
                        *map(str, sources)], capture_output=True, timeout=900, check=True)
    return sources, target


def _pdf_pages(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"Pages:\s+(\d+)", info).group(1))


def test_libreoffice_converts_every_pack_file_to_pdf(pdfs):
    clients.require(clients.impress(), "LibreOffice Impress")
    sources, target = pdfs
    assert len(sources) == 3 * len(SOURCE)
    for source in sources:
        pdf = target / (source.stem + ".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 5000, source.name
        pages = _pdf_pages(pdf)
        text = subprocess.run([clients.require(clients.pdftotext(), "pdftotext"), str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert f"version {VERSION}" in " ".join(text.split())
        if source.suffix == ".pptx":
            assert pages == len(Presentation(str(source)).slides)
            assert " ".join(text.split()).count(COUNCIL) >= pages  # on every slide
        else:
            assert pages >= 3
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for pdf in target.glob("cabinet-members-*.pdf"):
        shutil.copy(pdf, ARTEFACTS / pdf.name)


def test_openxml_audit_finds_nothing_in_any_pack_file(out):
    audit = clients.require(clients.openxml_audit(), "openxml-audit")
    for path in sorted(p for p in (out / "training").rglob("*") if p.suffix in (".pptx", ".docx")):
        proc = subprocess.run([audit, str(path)], capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, (path.name, proc.stdout + proc.stderr)
        assert "no findings" in proc.stdout and "Errors: 0" in proc.stdout, (path.name, proc.stdout)


# ---------------------------------------------------------------- the website: Training page and quizzes

class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(out):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(out / "site")))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def browse():
    made = []

    def make(javascript: bool = True):
        g = Guarded(shared_browser(), 1280, 900)
        if not javascript:  # the quiz is plain HTML: it must work with scripts off
            g.context.close()
            g.context = shared_browser().new_context(viewport={"width": 1280, "height": 900}, java_script_enabled=False)
            g.context.route("**/*", g._route)
            g.page = g.context.new_page()
        made.append(g)
        return g

    yield make
    outside = [u for g in made for u in g.outside]
    for g in made:
        g.close()
    assert outside == [], f"the site asked for other hosts: {outside}"


def test_the_training_page_links_every_pack_and_every_audience_quiz(server, out, browse):
    page = browse().page
    page.goto(server + "training/index.html")
    links = page.eval_on_selector_all("main a[href]", "as => as.map(a => a.href)")
    packs = [u for u in links if u.endswith((".docx", ".pptx"))]
    assert len(packs) == 3 * len(SOURCE)
    for url in packs:
        response = page.request.get(url)
        assert response.status == 200 and len(response.body()) > 10_000, url
    audiences = {a for s in SOURCE for a in s["audience"]}
    quizzes = {u.rsplit("/", 1)[1] for u in links if "/quiz-" in u}
    assert quizzes == {f"quiz-{a}.html" for a in audiences}


@pytest.mark.parametrize("javascript", (False, True), ids=("scripts-off", "scripts-on"))
def test_a_quiz_answer_says_right_or_not_and_links_its_paragraph(server, browse, javascript):
    session = next(s for s in SOURCE if s["id"] == "cabinet-members")
    question = session["quiz"][1]
    page = browse(javascript).page
    page.goto(server + "training/quiz-cabinet-members.html")
    block = page.locator("section.quiz-question", has_text=question["question"])
    assert block.count() == 1
    feedback = block.locator(".quiz-feedback")
    assert all(not f.is_visible() for f in feedback.all())  # nothing given away before a choice is made
    wrong = block.locator("details.quiz-choice summary", has_text=question["wrong"][0])
    wrong.click()
    verdict = block.locator("details[open] .quiz-verdict")
    assert verdict.is_visible() and verdict.inner_text().startswith("Not this one.")
    assert question["right"] in verdict.inner_text()
    right = block.locator("details.quiz-choice summary", has_text=question["right"])
    right.click()
    assert block.locator("details[open] .quiz-right").inner_text().startswith("Right.")
    link = block.locator("details[open] .quiz-read a").first
    href = link.get_attribute("href")
    anchor = href.split("#", 1)[1]
    assert anchor in question["cites"]
    link.click()
    page.wait_for_load_state("load")
    assert page.url.endswith("#" + anchor)
    assert page.locator(f"[id='{anchor}']").count() == 1


def test_the_quiz_page_has_no_accessibility_violation_with_an_answer_open(server, browse):
    page = browse().page
    page.goto(server + "training/quiz-all-officers.html")
    page.locator("details.quiz-choice summary").first.click()
    assert axe(page) == []
    page.goto(server + "training/index.html")
    assert axe(page) == []


# ---------------------------------------------------------------- bad input

def test_a_broken_session_stops_the_build_and_changes_nothing(tmp_path):
    root = copy_shipped(tmp_path / "shipped")
    path = root / "protocol_src" / "sessions.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("length: 60", "length: 65", 1), encoding="utf-8")
    proc = run_cli("build", "--root", str(root), "--out", str(tmp_path / "out"))
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert re.search(r"protocol_src/sessions.yaml:\d+: error P004", proc.stdout + proc.stderr)
    assert not (tmp_path / "out").exists()
