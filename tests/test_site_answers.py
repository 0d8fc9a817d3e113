"""Issue 17 without a browser: quick answers, captions, synonyms, the search documents, and the new pages.

The shipped protocol is built once through the real command line (`protocol
build`), so the site links the Word document, the redline and the schedule
written beside it. Proves: quick answers load, are checked like scenarios (at
the right file and line, including stale answers and reused ids against a real
release), and reach their page, the audience pages, the paragraphs they cite,
the home page and the search index; every paragraph is its own search document
with its number and caption; captions are shown, or a paragraph's first words
when it has none; the home page, downloads, print view, What changed links,
scenario review notes and feedback line are there; no page links by a
root-absolute path.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from builder.check.captions import MAX_CAPTION
from builder.check import check_root
from builder.dates import long_date
from builder.load import load_tree
from builder.number import numbers
from builder.write.site.markup import first_words, shown_caption
from builder.write.site.search import STOP_WORDS, separator
from conftest import MINI, REPO, assert_no_traceback, run_cli, write_site_of
from test_site_pages import article, parse

LATEST = max((p.name for p in (REPO / "releases").iterdir() if p.is_dir()),
             key=lambda v: tuple(int(n) for n in v.split(".")))  # the release the draft is compared with


def copy_shipped(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, dest / name)
    return dest


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped protocol built as a user builds it: `protocol build --out OUT`."""
    root = copy_shipped(tmp_path_factory.mktemp("answers") / "shipped")
    out = root.parent / "out"
    proc = run_cli("build", "--root", str(root), "--out", str(out), cwd=root.parent)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    protocol, _ = load_tree(root)
    return out, out / "site", protocol


def index_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


# ---------------------------------------------------------------- sources and checks

def test_the_shipped_protocol_has_at_least_forty_quick_answers_and_checks_clean():
    protocol, diags = check_root(REPO)
    assert len(protocol.answers) >= 40
    assert [d.format() for d in diags.sorted()] == []
    for qa in protocol.answers:
        assert qa.question.endswith("?") and qa.cites and qa.audiences, qa.id
    assert len(protocol.synonyms) >= 20
    assert any(s.term == "declare" and "disclose" in s.alternatives for s in protocol.synonyms)


def test_a_cross_reference_to_a_quick_answer_is_reported(tmp_path):
    """[[id]] names a section, paragraph or scenario: a quick answer has no number for the Word document to show."""
    root = copy_shipped(tmp_path / "tree")
    casework = root / "protocol_src" / "services-casework.md"
    text = casework.read_text(encoding="utf-8")
    casework.write_text(text.replace("(see [[each-ward-ward-contact]])", "(see [[contact-junior-officer]])", 1),
                        encoding="utf-8")
    proc = run_cli("check", "--root", str(root), cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert re.search(r"protocol_src/services-casework\.md:\d+: error R001: cross-reference \[\[contact-junior-officer\]\] "
                     r"names no paragraph or section", proc.stdout), proc.stdout


def test_a_stale_quick_answer_and_a_reused_id_are_reported_at_their_lines(tmp_path):
    """Checked against the real release 1.0: casework-routes changed since; purpose-not-rules was deleted."""
    root = copy_shipped(tmp_path / "tree")
    answers = root / "protocol_src" / "answers.yaml"
    answers.write_text(
        "answers:\n"
        "  - id: purpose-not-rules\n"
        "    question: Who do I contact about a resident's problem?\n"
        "    answer: Use the member enquiry system first.\n"
        "    audience: [ward-councillors]\n"
        "    cites:\n"
        "      - each-ward-ward-contact\n"
        "      - casework-routes\n"
        '    reviewed_against: "1.0"\n', encoding="utf-8")
    proc = run_cli("check", "--root", str(root), cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 1
    assert "protocol_src/answers.yaml:2: error Q006: quick answer id 'purpose-not-rules' was the id of a paragraph " \
           "in release 1.0" in proc.stdout
    assert re.search(r"protocol_src/answers\.yaml:8: warning Q002: .*casework-routes.*changed since version 1\.0",
                     proc.stdout), proc.stdout
    assert "each-ward-ward-contact" not in proc.stdout.split("Q002", 1)[1].split("\n")[0]  # new in 1.1, not "changed"


def test_captions_are_read_shown_and_fall_back_to_the_first_words(mini_tree, tmp_path):
    roles = mini_tree / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "{#roles-members}", '{#roles-members caption="Who sets policy" audience=all-members}'), encoding="utf-8")
    protocol, diags = check_root(mini_tree)
    assert diags.errors == []
    para = protocol.sections[1].paragraphs[0]
    assert para.caption == "Who sets policy" and para.tags.audiences == ("all-members",)
    other = protocol.sections[0].paragraphs[0]
    assert other.caption == "" and shown_caption(other) == "This protocol sets out how members and officers…"
    assert first_words(other.inlines, limit=200) == "This protocol sets out how members and officers work together"
    out = tmp_path / "site"
    write_site_of(mini_tree, out)
    roles_html = (out / "protocol" / "roles.html").read_text(encoding="utf-8")
    assert '<span class="para-caption">Who sets policy</span>' in roles_html
    purpose = (out / "protocol" / "purpose.html").read_text(encoding="utf-8")
    assert '<span class="para-caption">This protocol sets out how members and officers…</span>' in purpose
    assert "Paragraph 1.1" not in article(out / "protocol" / "purpose.html")
    docs = {d["location"]: d for d in index_docs(out)}
    assert docs["protocol/roles.html?at=roles-members"]["title"] == "2.1 Who sets policy"
    assert len("x" * MAX_CAPTION) == 60


# ---------------------------------------------------------------- the search documents

def test_every_answer_paragraph_scenario_and_term_is_a_search_document_of_its_own(built):
    _, site, protocol = built
    docs = index_docs(site)
    by_location = {d["location"]: d for d in docs}
    nums = numbers(protocol)
    assert all("#" not in d["location"] for d in docs)  # the theme shows a teaser only for a document that stands alone
    for qa in protocol.answers:
        doc = by_location[f"answers.html?at={qa.id}"]
        assert doc["title"].replace("&#x27;", "'") == qa.question.replace("&", "&amp;")
        assert doc["boost"] > max(d["boost"] for d in docs if "?at=" in d["location"] and "answers" not in d["location"])
    for section in protocol.sections:
        for para in section.paragraphs:
            doc = by_location[f"protocol/{section.id}.html?at={para.id}"]
            assert doc["title"].startswith(f"{nums[para.id]} ")
            assert doc["text"].startswith("<p>") and "Paragraph " not in doc["title"]
    for sc in protocol.scenarios:
        assert by_location[f"scenarios/{sc.id}.html"]["title"].startswith(f"Scenario {nums[sc.id]}: ")
    assert sum("glossary.html?at=term-" in d["location"] for d in docs) == len(protocol.glossary)
    changes = [d for d in docs if d["location"].startswith("changes/")]
    assert changes and all(d["title"].startswith("What changed:") for d in changes)
    assert max(d["boost"] for d in changes) < min(d["boost"] for d in docs if "?at=" in d["location"])


def test_documents_carry_their_own_tags_synonyms_and_word_forms(built):
    _, site, _ = built
    docs = {d["location"]: d for d in index_docs(site)}
    personal = docs["protocol/roles-intersect.html?at=intersect-personal"]
    assert "disclose" in personal["synonyms"]  # the text says "declare"
    assert "relationship" in personal["tags"] and "dating" in personal["synonyms"]
    page = docs["protocol/roles-intersect.html"]
    assert len(page["tags"]) > len(personal["tags"])  # the page has every keyword; the paragraph only those it uses
    junior = docs["protocol/services-casework.html?at=casework-junior-officers"]
    assert "contacting" in junior["forms"] or "contacts" in junior["forms"]


def test_the_separator_drops_stop_words_and_punctuation_before_matching(built):
    _, site, _ = built
    config = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    assert config["separator"] == separator()
    assert config["fields"]["title"]["boost"] > config["fields"]["text"]["boost"]
    assert {"synonyms", "forms", "tags"} <= set(config["fields"])
    sep = re.compile(config["separator"])
    assert [w for w in sep.split("Can I accept tickets to a football match?") if w] == ["accept", "tickets", "football",
                                                                                         "match"]
    assert [w for w in sep.split("What do I do if a councillor's shouting at me") if w] == ["councillor", "shouting"]
    assert [w for w in sep.split("A") if w] == [] and [w for w in sep.split("Andrew and Ian") if w] == ["Andrew", "Ian"]
    assert {"can", "i", "a", "the", "what"} <= set(STOP_WORDS)


def test_the_offline_index_script_holds_the_protocol_documents(mini_tree, tmp_path):
    out = tmp_path / "offline"
    write_site_of(mini_tree, out, offline=True)
    script = (out / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = {")
    data = json.loads(script[len("var __index = "):])
    assert "purpose.html?at=purpose-what" in {d["location"].split("/")[-1] for d in data["docs"]}


# ---------------------------------------------------------------- pages

def test_quick_answers_have_their_page_and_reach_the_paragraphs_they_cite(built):
    _, site, protocol = built
    page = (site / "answers.html").read_text(encoding="utf-8")
    links = parse(site / "answers.html")
    for qa in protocol.answers:
        assert f'id="{qa.id}"' in page
        for cited in qa.cites:
            section = protocol.section_of(cited)
            assert ("href", f"protocol/{section.id}.html#{cited}") in links.refs, (qa.id, cited)
    first = protocol.answers[0]
    section = protocol.section_of(first.cites[0])
    html = (site / "protocol" / f"{section.id}.html").read_text(encoding="utf-8")
    block = html.split(f'id="{first.cites[0]}"', 1)[1].split('<div class="para">', 1)[0]
    assert f'href="../answers.html#{first.id}"' in block


def test_the_home_page_opens_on_search_quick_answers_and_one_button_per_audience(built):
    _, site, protocol = built
    home = article(site / "index.html")
    order = [home.index(marker) for marker in ('class="home-search"', 'id="quick-answers"', 'id="who-you-are"',
                                               'id="this-version"', 'id="contents"')]
    assert order == sorted(order)
    assert home.count('class="audience-button"') == len(protocol.vocabulary.audiences)
    for qa in protocol.answers[:5]:
        assert f'href="answers.html#{qa.id}"' in home
    assert "status-box" not in home
    contents = home.split('id="contents"', 1)[1]
    assert "<ol" not in contents.split("</ul>", 1)[0]  # a numbered list would number the numbers again
    assert re.search(r'<span class="contents-number">1</span> Purpose', contents)
    assert not re.search(r"\b1\. 1\.", re.sub(r"<[^>]+>", "", contents))


def test_audience_pages_are_digests_then_scenarios_then_the_full_list(built):
    _, site, protocol = built
    for entry in protocol.vocabulary.audiences:
        page = article(site / "audiences" / f"{entry.id}.html")
        must = page.split('id="must-know"', 1)[1].split('id="scenarios-for-you"', 1)[0]
        items = must.count('class="answer"') + must.count('class="digest-para"')
        assert 5 <= items <= 10, (entry.id, items)
        assert page.index('id="scenarios-for-you"') < page.index('id="full-list"'), entry.id


def test_downloads_are_copied_into_the_site_and_linked_from_the_home_page_and_every_section(built):
    out, site, protocol = built
    built_docs = sorted(p.name for p in out.glob("*.docx"))
    assert len(built_docs) == 3  # the Word document, the redline and the schedule against the latest release
    assert sorted(p.name for p in (site / "downloads").iterdir()) == built_docs
    for name in built_docs:
        assert (site / "downloads" / name).read_bytes() == (out / name).read_bytes()
    home = article(site / "index.html")
    for name in built_docs:
        assert f'href="downloads/{name}"' in home
    draft = f"{protocol.meta.version}, {long_date(protocol.meta.date)}"  # "1.2, 14 November 2024"
    assert f"since version {LATEST}" in home and f"draft {draft}" in home
    for section in protocol.sections:
        page = article(site / "protocol" / f"{section.id}.html")
        assert f"Draft {draft}:" in page, section.id
        for name in built_docs:  # the Word document, and the redline and schedule since the latest release
            assert f'href="../downloads/{name}"' in page, (section.id, name)
        assert f'href="../print.html#{section.id}"' in page
    printed = article(site / "print.html")
    assert printed.count('class="para"') == sum(len(s.paragraphs) for s in protocol.sections)


def test_a_pdf_built_beside_the_site_is_offered_after_the_word_document(tmp_path):
    from builder.filenames import pdf_name, word_name
    from builder.write.site.downloads import downloads_of

    protocol, _ = load_tree(REPO)
    for name in (pdf_name(protocol), word_name(protocol), "notes.docx"):
        (tmp_path / name).write_bytes(b"x" * 3000)
    found = downloads_of(protocol, sorted(tmp_path.iterdir()), "1.0")
    assert [(d.kind, d.short, d.size) for d in found] == [("word", "Word document", "3 KB"), ("pdf", "PDF", "3 KB")]


def test_the_redlines_pdf_is_offered_after_the_redline(tmp_path):
    from builder.filenames import agenda_pdf_name, redline_name
    from builder.snapshots import load_release
    from builder.write.site.downloads import downloads_of

    protocol, old = load_tree(REPO)[0], load_release(REPO, "1.0")
    for name in (agenda_pdf_name(old, protocol), redline_name(old, protocol)):
        (tmp_path / name).write_bytes(b"x" * 3000)
    found = downloads_of(protocol, sorted(tmp_path.iterdir()), "1.0")
    assert [d.kind for d in found] == ["redline", "redline-pdf"]
    assert found[1].label == "Redline since version 1.0 as a PDF, for printing or the agenda pack"


def test_changed_paragraphs_are_marked_and_what_changed_links_the_current_text(built):
    _, site, protocol = built
    casework = article(site / "protocol" / "services-casework.html")
    # read from release 1.1 and draft 1.2: casework-routes reworded, out-of-hours-duty new, services-no-direction kept
    assert re.search(r'id="casework-routes">.*?<span class="para-changed">Changed in draft 1\.2</span>', casework)
    assert re.search(r'id="out-of-hours-duty">.*?<span class="para-changed">New in draft 1\.2</span>', casework)
    assert not re.search(r'id="services-no-direction">[^\n]*para-changed', casework)
    changes = next((site / "changes").glob("*-draft.html"))  # what changed since the latest release
    links = [v for a, v in parse(changes).refs if a == "href" and "/protocol/" in v and "#" in v]
    assert len(links) >= 15
    for link in links:
        path, anchor = link.split("#")
        assert f'id="{anchor}"' in (changes.parent / path).resolve().read_text(encoding="utf-8"), link


def test_scenario_pages_say_what_they_were_reviewed_against_and_warn_when_stale(tmp_path):
    root = copy_shipped(tmp_path / "tree")
    scenario = root / "scenarios" / "housing-list-favour.md"
    scenario.write_text(scenario.read_text(encoding="utf-8").replace('reviewed_against: "1.2"',
                                                                       'reviewed_against: "1.1"'), encoding="utf-8")
    out = tmp_path / "site"
    write_site_of(root, out)
    stale = article(out / "scenarios" / "housing-list-favour.html")
    assert "This scenario was last reviewed against version 1.1." in stale
    assert 'href="../protocol/services-casework.html#casework-routes">9.4</a>' in stale.split("stale-note", 1)[1]
    current = article(out / "scenarios" / "messages-to-a-junior-officer.html")
    assert "this version of the protocol (draft 1.2)" in current and "stale-note" not in current
    # a scenario reviewed against an older release whose paragraphs have not changed since: the test below


def test_every_page_has_the_feedback_line_and_print_furniture(built):
    _, site, protocol = built
    for page in site.rglob("*.html"):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        assert 'href="mailto:standards@middleford.example"' in html, page
        assert 'class="print-furniture"' in html and "data-page-address" in html, page


def test_no_page_links_by_a_root_absolute_path(built):
    """Not even the page-not-found page, which a server sends for any address under any sub-path."""
    _, site, _ = built
    for page in site.rglob("*.html"):
        for attr, value in parse(page).refs:
            assert not (value.startswith("/") and not value.startswith("//")), f"{page.relative_to(site)}: {value}"
    not_found = (site / "404.html").read_text(encoding="utf-8")
    assert '"protocol"' in not_found and '"scenarios"' in not_found  # the folders it climbs out of


def test_search_results_for_paragraphs_open_at_a_real_anchor(built):
    _, site, _ = built
    for doc in index_docs(site):
        parts = urlsplit(doc["location"])
        target = parse_qs(parts.query).get("at", [None])[0]
        if target:
            assert f'id="{target}"' in (site / parts.path).read_text(encoding="utf-8"), doc["location"]


def test_the_search_benchmark_runs_the_themes_own_search_on_a_built_site(built, tmp_path):
    """benchmarks/search.py prints figures (never asserted as targets); here it only has to run and count."""
    import subprocess
    import sys

    import clients

    clients.require(clients.node(), "node")
    questions = tmp_path / "questions.yaml"
    questions.write_text("questions:\n  - q: can I accept tickets to a football match\n    ids: [accept-match-tickets]\n"
                         "  - q: a\n    ids: [gifts-principle]\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "benchmarks.search", "--site", str(built[1]), "--questions",
                           str(questions)], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "answered by the first result: 1/2; among the first three: 1/2" in proc.stdout
    assert "   0  a " in proc.stdout  # a stop word alone matches nothing


def test_a_review_against_an_older_release_reads_the_comparisons_after_it(tmp_path):
    """Releases 1.0 and 1.1, and the shipped draft 1.2 released here, then draft 1.3 with one change: the site
    compares nothing itself, so a scenario or quick answer reviewed against 1.1 is stale when a cited paragraph
    changed in 1.1 -> 1.2 or in 1.2 -> the draft, as the check says too. (Read from the releases: casework-routes
    and ward-support were reworded for 1.2; purpose-both reads the same in 1.1 and 1.2, and is changed here.)"""
    root = copy_shipped(tmp_path / "tree")
    path = root / "scenarios" / "housing-list-favour.md"
    path.write_text(path.read_text(encoding="utf-8").replace('reviewed_against: "1.2"', 'reviewed_against: "1.1"'),
                    encoding="utf-8")
    answers = root / "protocol_src" / "answers.yaml"
    text = answers.read_text(encoding="utf-8")
    entry = text.index("  - id: ward-kept-informed")
    answers.write_text(text[:entry] + text[entry:].replace('reviewed_against: "1.2"', 'reviewed_against: "1.1"', 1),
                       encoding="utf-8")
    proc = run_cli("release", "1.2", "--status", "approved", "--date", "2024-11-14", "--body", "Standards Committee",
                   "--next", "1.3", "--root", str(root), cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    purpose = root / "protocol_src" / "purpose.md"
    before = purpose.read_text(encoding="utf-8")
    assert before.count("Good relations depend on both sides.") == 1
    purpose.write_text(before.replace("Good relations depend on both sides.",
                                      "Good relations depend on members and officers alike."), encoding="utf-8")

    checked = run_cli("check", "--root", str(root), cwd=tmp_path)
    assert_no_traceback(checked)
    stale = [line for line in checked.stdout.splitlines() if " C004: " in line or " Q002: " in line]
    assert any("housing-list-favour" in s and "casework-routes" in s for s in stale), checked.stdout
    assert any("after-the-system-failed" in s and "purpose-both" in s for s in stale), checked.stdout
    assert any("ward-kept-informed" in s and "ward-support" in s for s in stale), checked.stdout
    assert not any("box-at-the-match" in s for s in stale)

    out = tmp_path / "out"
    built = run_cli("build", "--root", str(root), "--out", str(out), cwd=tmp_path)
    assert_no_traceback(built)
    assert built.returncode == 0, built.stdout + built.stderr
    site = out / "site"
    assert {p.name for p in (site / "changes").glob("*.html")} == {"changes-1.0-to-1.1.html",
                                                                    "changes-1.1-to-1.2.html",
                                                                    "changes-1.2-to-1.3-draft.html"}
    housing = article(site / "scenarios" / "housing-list-favour.html").split("stale-note", 1)[1]
    assert 'href="../protocol/services-casework.html#casework-routes">9.4</a>' in housing  # changed in 1.1 -> 1.2
    failed = article(site / "scenarios" / "after-the-system-failed.html").split("stale-note", 1)[1]
    assert "#purpose-both" in failed  # reviewed against 1.2 as shipped; changed in 1.2 -> 1.3
    box = article(site / "scenarios" / "box-at-the-match.html")
    assert "version 1.2 of the protocol" in box and "have not changed since version 1.2" in box
    answer = article(site / "answers.html").split('id="ward-kept-informed"', 1)[1].split("</li>", 1)[0]
    assert "Reviewed against version 1.1" in answer and "changed since" in answer
    section = article(site / "protocol" / "purpose.html")
    assert re.search(r'id="purpose-both">.*?<span class="para-changed">Changed in draft 1\.3</span>', section)
    casework = article(site / "protocol" / "services-casework.html")
    assert not re.search(r'id="casework-routes">[^\n]*para-changed', casework)  # changed before 1.2, not since
