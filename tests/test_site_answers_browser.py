"""Issue 17 in real headless Chromium: the first screen, search that answers, arriving at a paragraph, printing.

The shipped protocol is built through the real command line (`protocol build`,
and `protocol build --offline`), served on 127.0.0.1 (the output folder, so the
site sits under a sub-path, /site/, as it may on a council's server) and driven
by Playwright, typing key by key. Every page refuses requests to other hosts.
Screenshots go to tests/artefacts/ (git-ignored) for a person to look at: the
home page at 1280x800 and 390x844, a search with its results open at both
widths, and a printed section.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import clients
from builder.dates import long_date
from builder.load import load_tree
from builder.number import numbers
from conftest import REPO, assert_no_traceback, run_cli
from test_site_answers import copy_shipped
from test_site_browser import axe, results, search, shared_browser

pytestmark = pytest.mark.slow

ARTEFACTS = REPO / "tests" / "artefacts"
SHIPPED = load_tree(REPO)[0]
DRAFT = f"{SHIPPED.meta.version} ({long_date(SHIPPED.meta.date)})"  # "1.2 (14 November 2024)"
FIRST_SCREENS = ((1280, 800), (390, 844))


class _NotFound(http.server.SimpleHTTPRequestHandler):
    """Serves the output folder; a missing page gets site/404.html, as a web server configured for the site does."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "site" / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    root = copy_shipped(tmp_path_factory.mktemp("browser") / "shipped")
    built = {}
    for name, extra in (("out", []), ("offline", ["--offline"])):
        proc = run_cli("build", "--root", str(root), "--out", str(root.parent / name), *extra, cwd=root.parent)
        assert_no_traceback(proc)
        assert proc.returncode == 0, proc.stderr
        built[name] = root.parent / name
    return built


@pytest.fixture(scope="module")
def server(out):
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_NotFound, directory=str(out["out"])))
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}/site/"
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def open_page():
    from test_site_browser import Guarded

    made = []

    def make(width: int = 1280, height: int = 900):
        made.append(Guarded(shared_browser(), width, height))
        return made[-1]

    yield make
    outside = [u for g in made for u in g.outside]
    for g in made:
        g.close()
    assert outside == [], f"the site asked for other hosts: {outside}"


def shot(page, name: str, **kw) -> Path:
    ARTEFACTS.mkdir(exist_ok=True)
    path = ARTEFACTS / name
    page.screenshot(path=str(path), **kw)
    assert path.stat().st_size > 5000
    return path


def within_first_screen(page, selector: str, height: int) -> list[str]:
    """The elements matching `selector` that are not wholly visible on the first screen (page not scrolled)."""
    return page.evaluate("""([sel, h]) => [...document.querySelectorAll(sel)].filter(e => {
        const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
        return s.display === 'none' ? false : (r.bottom > h || r.top < 0 || r.width === 0);
    }).map(e => e.textContent.trim())""", [selector, height])


# ---------------------------------------------------------------- the first screen

@pytest.mark.parametrize("width,height", FIRST_SCREENS)
def test_the_home_page_shows_search_quick_answers_and_every_audience_on_the_first_screen(server, open_page,
                                                                                        width, height):
    g = open_page(width, height)
    page = g.page
    page.goto(server + "index.html")
    page.wait_for_selector("form.home-search input")
    assert within_first_screen(page, "form.home-search input, form.home-search button", height) == []
    shown = page.locator("ul.home-answer-list > li:visible")
    assert shown.count() >= 3
    assert within_first_screen(page, "ul.home-answer-list > li", height) == []
    buttons = page.locator("a.audience-button")
    assert buttons.count() == 11
    assert within_first_screen(page, "a.audience-button", height) == []
    assert page.locator(".md-banner .protocol-banner").inner_text() == f"Draft version {DRAFT}: not yet in force."
    assert page.locator(".md-banner").bounding_box()["height"] <= 60  # one short line
    shot(page, f"home-{width}x{height}.png")
    assert axe(page) == []


def test_typing_into_the_home_page_box_searches_as_you_type(server, open_page):
    g = open_page(390, 844)
    page = g.page
    page.goto(server + "index.html")
    page.locator("form.home-search input").click()
    page.keyboard.type("c")  # the first key opens the site's search; the rest follow it there
    page.wait_for_function("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Backspace")
    page.locator("input.md-search__input").press_sequentially("can I accept tickets to a football match")
    groups = results(page)
    assert groups[0][0] == "answers.html#accept-match-tickets", groups[:3]


# ---------------------------------------------------------------- search that answers

@pytest.mark.parametrize("width,height", FIRST_SCREENS)
def test_a_search_shows_the_answering_text_first_with_no_folded_results(server, open_page, width, height):
    g = open_page(width, height)
    page = g.page
    page.goto(server + "index.html")
    groups = search(page, "councillor shouting at me in a meeting")
    assert groups[0][0] in ("answers.html#councillor-shouting", "answers.html#councillor-bullying-me"), groups[:3]
    first = page.locator("li.md-search-result__item").first
    teaser = first.locator("article").inner_text()
    assert "Stay calm" in teaser or "Speak to your manager" in teaser  # the answer's own words, not a title alone
    assert page.locator(".md-search-result__more").count() == 0  # nothing folded under "N more on this page"
    assert all(len(group) == 1 for group in groups[:10])
    shot(page, f"search-results-{width}x{height}.png")
    assert axe(page) == []


def test_a_stop_word_alone_finds_nothing_and_highlights_nothing(server, open_page):
    g = open_page()
    page = g.page
    page.goto(server + "index.html")
    search(page, "a")
    assert page.locator(".md-search-result__meta").inner_text() == "No matching documents"
    groups = search(page, "can I accept tickets")
    marks = {m.lower() for m in page.locator(".md-search-result__list mark").all_inner_texts()}
    assert marks and all(m.startswith(("accept", "ticket")) for m in marks), marks  # never "can", "cannot", "i..."


# ---------------------------------------------------------------- arriving at a paragraph

def test_a_result_opens_its_paragraph_highlighted_with_a_copy_link_that_copies_its_address(server, open_page):
    g = open_page()
    g.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.split("/site/")[0])
    page = g.page
    page.goto(server + "index.html")
    groups = search(page, "contact a junior officer directly about a case")
    assert any("protocol/services-casework.html#casework-junior-officers" in group for group in groups[:3]), groups
    page.locator("a.md-search-result__link[href*='at=casework-junior-officers']").first.click()
    page.wait_for_url("**/services-casework.html*#casework-junior-officers")
    para = page.locator(".para:has(> #casework-junior-officers)")
    assert page.evaluate("document.querySelector(':target').id") == "casework-junior-officers"
    assert para.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(255, 248, 219)"
    copy = para.locator("a.copy-link")
    assert copy.is_visible()
    copy.click()
    para.locator(".copy-status").wait_for()
    assert "Link copied" in para.locator(".copy-status").inner_text()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == server + "protocol/services-casework.html#casework-junior-officers"
    shot(page, "arrived-paragraph-1280.png")


# ---------------------------------------------------------------- downloads, print, page not found

def test_the_documents_download_over_http_and_open_from_file(server, out, open_page):
    g = open_page()
    page = g.page
    page.goto(server + "downloads.html")
    links = page.locator(".download-list a")
    assert links.count() == 3
    for i in range(links.count()):
        href = links.nth(i).get_attribute("href")
        assert href.startswith("downloads/") and href.endswith(".docx")
        response = page.request.get(server + href)
        assert response.status == 200 and response.body()[:2] == b"PK"
    offline = out["offline"] / "site"
    page.goto((offline / "index.html").as_uri())
    for href in page.locator(".download-list a").evaluate_all("as => as.map(a => a.href)"):
        assert urlsplit(href).scheme == "file" and Path(urlsplit(href).path).is_file(), href


def test_a_printed_section_keeps_the_banner_version_date_and_address(server, open_page, tmp_path):
    g = open_page(1280, 900)
    page = g.page
    page.goto(server + "protocol/gifts-interests.html")
    page.emulate_media(media="print")
    assert page.locator(".md-banner").is_visible()
    assert page.locator(".md-banner").inner_text() == f"Draft version {DRAFT}: not yet in force."
    furniture = page.locator(".print-furniture")
    assert furniture.is_visible()
    text = furniture.inner_text()
    assert f"Member/Officer Relations Protocol, Middleford City Council, version {DRAFT}." in text
    assert server + "protocol/gifts-interests.html" in text
    assert not page.locator(".md-header").is_visible() and not page.locator(".md-sidebar--primary").is_visible()
    shot(page, "printed-section.png", full_page=False)
    pdf = tmp_path / "printed-section.pdf"
    page.pdf(path=str(pdf), format="A4")
    shutil.copyfile(pdf, ARTEFACTS / "printed-section.pdf")
    words = subprocess.run([clients.require(clients.pdftotext(), "pdftotext"), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    first = numbers(SHIPPED)[next(s for s in SHIPPED.sections if s.id == "gifts-interests").paragraphs[0].id]
    assert "not yet in force" in words and "gifts-interests.html" in words and first in words


def test_the_whole_protocol_prints_from_one_page(server, open_page):
    g = open_page()
    page = g.page
    page.goto(server + "print.html")
    page.emulate_media(media="print")
    assert page.locator(".print-section").count() == len(SHIPPED.sections)
    assert page.locator(".md-banner").is_visible()


def test_the_page_not_found_page_finds_the_home_page_under_a_sub_path(server, open_page):
    g = open_page()
    page = g.page
    for missing in ("protocol/no-such-section.html", "no-such-page.html", "scenarios/gone.html"):
        response = page.goto(server + missing)
        assert response.status == 404
        home = page.get_by_role("link", name="Go to the home page")
        assert home.get_attribute("href") == urlsplit(server).path + "index.html", missing
        assert axe(page) == []
    home.click()
    page.wait_for_url(server + "index.html")
    assert page.locator("form.home-search").is_visible()


# ---------------------------------------------------------------- accessibility of the new pages

@pytest.mark.parametrize("width", (1280, 390))
def test_axe_finds_no_violation_on_the_new_pages_nor_with_search_open(server, open_page, width):
    g = open_page(width, 844)
    page = g.page
    problems = {}
    for name in ("index.html", "answers.html", "audiences/ward-councillors.html", "downloads.html", "print.html",
                 "scenarios/housing-list-favour.html", "protocol/services-casework.html?at=casework-junior-officers"):
        page.goto(server + name)
        page.wait_for_load_state("load")
        found = axe(page)
        if found:
            problems[name] = found
    page.goto(server + "index.html")
    search(page, "can a councillor be lobbied about planning")
    found = axe(page)
    if found:
        problems["search open"] = found
    assert problems == {}
