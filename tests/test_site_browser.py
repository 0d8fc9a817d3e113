"""The website in real headless Chromium (Debian's, driven by Playwright; nothing downloaded).

The shipped protocol is built once per session (online and offline builds) and
served on 127.0.0.1. Every test records requests to any other host and fails
if one happens. Proves: the search table (typed as a person types) finds the
expected page in the top three (the page itself, one of its paragraphs, or a
quick answer or scenario that cites one); opening a result lands on the
paragraph's anchor; the keyboard reaches search and results with a visible focus; the
scenario filters show exactly the right scenarios; the offline build searches
from file:// with the network cut; axe-core finds no WCAG 2.2 AA violation on
any page at 1280 and 375 px, nor with the search open.
"""
from __future__ import annotations

import atexit
import functools
import http.server
import shutil
import threading
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from builder.load import load_tree
from conftest import MINI, REPO, write_site_of
import clients

pytestmark = pytest.mark.slow

CHROMIUM = clients.chromium() or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
AXE = clients.AXE
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
QUESTIONS = yaml.safe_load((REPO / "tests" / "search_questions.yaml").read_text(encoding="utf-8"))["questions"]
WIDTHS = (1280, 375)


# ---------------------------------------------------------------- building and serving

def build(root: Path, out: Path, offline: bool = False) -> Path:
    write_site_of(root, out, offline=offline)
    return out


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Served:
    """A built site on a threaded http.server bound to 127.0.0.1."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def pages(self) -> list[str]:
        return sorted(p.relative_to(self.folder).as_posix() for p in self.folder.rglob("*.html") if p.name != "404.html")

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="session")
def shipped_sites(tmp_path_factory):
    src = tmp_path_factory.mktemp("shipped")
    for name in ("protocol_src", "scenarios"):
        if (REPO / name).exists():
            shutil.copytree(REPO / name, src / name)
    out = tmp_path_factory.mktemp("built")
    return build(src, out / "site"), build(src, out / "offline", offline=True), load_tree(src)[0]


@pytest.fixture(scope="session")
def site(shipped_sites):
    served = Served(shipped_sites[0])
    yield served
    served.close()


@pytest.fixture(scope="session")
def filter_site(tmp_path_factory):
    """The small tree plus three scenarios with different audiences and key areas."""
    from test_site_pages import add_scenarios

    root = tmp_path_factory.mktemp("filters") / "mini"
    shutil.copytree(MINI, root)
    add_scenarios(root)
    served = Served(build(root, tmp_path_factory.mktemp("filters-site") / "site"))
    served.protocol = load_tree(root)[0]
    yield served
    served.close()


# ---------------------------------------------------------------- the browser

_SHARED: dict = {}


def shared_browser():
    """One Chromium for the whole run: Playwright allows one sync driver per process."""
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        _SHARED["driver"] = sync_playwright().start()
        _SHARED["browser"] = _SHARED["driver"].chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        atexit.register(_close_shared)
    return _SHARED["browser"]


def _close_shared() -> None:
    _SHARED.pop("browser").close()
    _SHARED.pop("driver").stop()


@pytest.fixture(scope="session")
def browser():
    return shared_browser()


# Counts the queries sent to the search worker and the results it has sent back (window.__searchPending),
# so that a test reads the results of the last query typed, not of a slower one before it. It wraps whatever
# window.Worker is, including the iframe-worker shim that the offline build installs under file://.
COUNT_SEARCHES = """(() => {
  const wrap = W => {
    if (!W || W.__counted) return W;
    const Counted = class extends W {
      constructor(...args) {
        super(...args);
        window.__searchPending = 0;
        const post = this.postMessage.bind(this);
        this.postMessage = (message, ...rest) => {
          if (message && message.type === 2) window.__searchPending++;
          return post(message, ...rest);
        };
        this.addEventListener("message", event => {
          if (event.data && event.data.type === 3) window.__searchPending--;
        });
      }
    };
    Counted.__counted = true;
    return Counted;
  };
  let current = wrap(window.Worker);
  Object.defineProperty(window, "Worker", {configurable: true, get: () => current, set: W => { current = wrap(W); }});
})();"""


class Guarded:
    """A browser page whose requests to anything but the local site are refused and recorded."""

    def __init__(self, browser, width: int = 1280, height: int = 900):
        self.context = browser.new_context(viewport={"width": width, "height": height}, service_workers="block")
        self.outside: list[str] = []
        self.context.route("**/*", self._route)
        self.context.add_init_script(COUNT_SEARCHES)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("file", "data", "blob", "about") or parts.hostname == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def guarded(browser):
    made: list[Guarded] = []

    def make(width: int = 1280, height: int = 900) -> Guarded:
        made.append(Guarded(browser, width, height))
        return made[-1]

    yield make
    outside = [u for g in made for u in g.outside]
    for g in made:
        g.close()
    assert outside == [], f"the site asked for other hosts: {outside}"


# ---------------------------------------------------------------- search as a person uses it

def search(page, query: str) -> list[list[str]]:
    """Open search with the keyboard, type the query key by key, wait for the results to settle.

    Returns, for each result (best first), its links' paths with the id it opens at (`target_of`) as the anchor.
    """
    page.keyboard.press("/")
    box = page.locator("input.md-search__input")
    box.wait_for(state="visible")
    if box.input_value():
        box.press("Control+A")
        box.press("Backspace")
    box.press_sequentially(query)
    return results(page)


def results(page) -> list[list[str]]:
    """Wait until every query typed is answered and the list is still, then read it (see `search`)."""
    meta = page.locator(".md-search-result__meta")
    previous = None
    for _ in range(300):  # settle: every query answered, then the same results twice in a row
        time.sleep(0.1)
        if page.evaluate("window.__searchPending") not in (0, None):
            previous = None
            continue
        text = meta.inner_text()
        current = (text, page.locator(".md-search-result__list").inner_html())
        if "matching" in text.lower() and current == previous:
            break
        previous = current
    groups = []
    for item in page.locator("li.md-search-result__item").all():
        hrefs = [a.get_attribute("href") for a in item.locator("a.md-search-result__link").all()]
        groups.append([_path(h).split("#")[0] + (f"#{target_of(h)}" if target_of(h) else "") for h in hrefs])
    return groups


def _path(href: str) -> str:
    parts = urlsplit(href)
    path = parts.path
    for marker in ("/site/", "/offline/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return path.lstrip("/") + (f"#{parts.fragment}" if parts.fragment else "")


def target_of(href: str) -> str:
    """The id a result opens at: its ?at= (a paragraph, quick answer or term), else its #anchor, else ''."""
    parts = urlsplit(href)
    return parse_qs(parts.query).get("at", [parts.fragment])[0]


def top_pages(groups: list[list[str]], n: int = 3) -> list[str]:
    return [g[0].split("#")[0] for g in groups[:n] if g]


def pages_behind(path: str, protocol) -> set[str]:
    """The protocol pages a result stands for: its own page, and the pages of the paragraphs it cites."""
    page = path.split("#")[0]
    cites: tuple[str, ...] = ()
    if page == "answers.html":
        answer = next((a for a in protocol.answers if a.id == target_of(path)), None)
        cites = answer.cites if answer else ()
    elif page.startswith("scenarios/"):
        scenario = next((sc for sc in protocol.scenarios if f"scenarios/{sc.id}.html" == page), None)
        cites = scenario.cites if scenario else ()
    return {page} | {f"protocol/{protocol.section_of(c).id}.html" for c in cites if protocol.section_of(c)}


def top_pages_behind(groups: list[list[str]], protocol, n: int = 3) -> set[str]:
    return set().union(*(pages_behind(g[0], protocol) for g in groups[:n] if g))


@pytest.fixture(scope="module")
def search_page(site, browser):
    """One page for the whole search table: a person asks one question after another."""
    g = Guarded(browser)
    g.page.goto(site.base + "index.html")
    yield g
    g.close()


@pytest.mark.parametrize("case", [pytest.param(q, marks=pytest.mark.xfail(strict=True, reason=q["known"]))
                                  if q.get("known") else q for q in QUESTIONS], ids=[q["query"][:50] for q in QUESTIONS])
def test_search_question_finds_the_expected_page_in_the_top_three(search_page, shipped_sites, case):
    groups = search(search_page.page, case["query"])
    found = top_pages_behind(groups, shipped_sites[2])
    wanted = {case["page"], *case.get("also", ())}
    assert wanted & found, f"{case['query']!r}: top three were {[g[0] for g in groups[:3]]}"
    assert search_page.outside == [], f"the site asked for other hosts: {search_page.outside}"


def test_search_table_is_big_enough_and_names_real_pages(site):
    assert len(QUESTIONS) >= 25
    pages = set(site.pages())
    for case in QUESTIONS:
        assert case["page"] in pages, case


# One long question and the short ones: typing a long question key by key takes seconds.
ANCHORED = [q for q in QUESTIONS if q.get("anchor")]
ANCHORED = ANCHORED[:1] + sorted(ANCHORED[1:], key=lambda q: len(q["query"]))[:2]


@pytest.mark.parametrize("case", ANCHORED, ids=lambda q: q["anchor"])
def test_opening_a_result_lands_on_the_paragraph_anchor(site, guarded, case):
    """The result opens the page at its paragraph: the paragraph is the page's target, in view and highlighted."""
    g = guarded()
    page = g.page
    page.goto(site.base + "index.html")
    groups = search(page, case["query"])
    wanted = f"{case['page']}#{case['anchor']}"
    assert any(wanted in group for group in groups), f"{wanted} not among the results {groups[:3]}"
    link = page.locator(f"a.md-search-result__link[href*='at={case['anchor']}&'], "
                        f"a.md-search-result__link[href$='at={case['anchor']}']").first
    link.click()
    page.wait_for_url(f"**/{case['page']}*#{case['anchor']}")
    page.wait_for_function(
        "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
        arg=case["anchor"])
    assert urlsplit(page.url).fragment == case["anchor"]
    assert page.evaluate("id => document.querySelector(':target') === document.getElementById(id)", case["anchor"])
    background = page.evaluate("id => getComputedStyle(document.getElementById(id).closest('.para')).backgroundColor",
                               case["anchor"])
    assert background not in ("rgba(0, 0, 0, 0)", "transparent", "rgb(255, 255, 255)"), background
    assert page.locator(f".para:has(> [id='{case['anchor']}']) a.copy-link").is_visible()


def test_keyboard_reaches_search_and_results_with_visible_focus(site, guarded):
    g = guarded()
    page = g.page
    page.goto(site.base + "index.html")
    page.keyboard.press("Tab")  # the first Tab lands on the skip link
    assert _focus_is_visible(page)
    groups = search(page, "planning")
    assert groups, "no results for 'planning'"
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.className")
    assert "md-search-result__link" in focused
    assert _focus_is_visible(page)
    href = page.evaluate("document.activeElement.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/{_path(href).split('#')[0]}*")


def _focus_is_visible(page) -> bool:
    return page.evaluate("""() => {
        const s = getComputedStyle(document.activeElement);
        return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
    }""")


# ---------------------------------------------------------------- scenario filters

def test_scenario_filters_show_exactly_the_matching_scenarios(filter_site, guarded):
    from builder.write.site.pages import Audiences

    protocol = filter_site.protocol
    aud = Audiences(protocol)
    g = guarded()
    page = g.page
    page.goto(filter_site.base + "scenarios/index.html")
    form = page.locator("#scenario-filter")
    assert form.is_visible()

    def shown() -> set[str]:
        return {a.get_attribute("href").split("/")[-1][:-5]
                for a in page.locator("#scenario-list > li:not([hidden]) > a").all()}

    assert shown() == {s.id for s in protocol.scenarios}
    checked = 0
    for entry in protocol.vocabulary.audiences:
        options = page.locator("#filter-audience option").evaluate_all("os => os.map(o => o.value)")
        if entry.id not in options:
            continue
        page.select_option("#filter-audience", entry.id)
        expected = {s.id for s in protocol.scenarios if any(aud.related(entry.id, a) for a in s.audiences)}
        assert shown() == expected, entry.id
        assert page.locator("#scenario-count").inner_text().startswith(str(len(expected)))
        checked += 1
    assert checked >= 3
    page.select_option("#filter-audience", "")
    page.select_option("#filter-area", "regulatory")
    assert shown() == {s.id for s in protocol.scenarios if "regulatory" in s.areas}
    page.select_option("#filter-audience", "cabinet-members")
    assert shown() == set()
    assert page.locator("#scenario-count").inner_text() == "0 scenarios shown"
    # an audience page's link opens the library already filtered
    page.goto(filter_site.base + "scenarios/index.html?audience=regulatory-committee-members")
    assert shown() == {"planning-call"}


# ---------------------------------------------------------------- offline, from file://

def test_offline_build_searches_from_file_with_no_network(shipped_sites, guarded):
    offline = shipped_sites[1]
    case = min(QUESTIONS, key=lambda q: len(q["query"]))
    g = guarded()
    page = g.page
    page.goto((offline / "index.html").as_uri())
    groups = search(page, case["query"])
    assert case["page"] in top_pages_behind(groups, shipped_sites[2]), groups[:3]
    first = groups[0][0].split("#")[0]
    page.locator("li.md-search-result__item a.md-search-result__link").first.click()
    page.wait_for_url(f"file://**/{first}*")


# ---------------------------------------------------------------- accessibility

def axe(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})"
        ".then(r => r.violations.map("
        "v => ({id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))",
        AXE_TAGS)


def test_axe_finds_no_violation_on_any_page_at_either_width(site, filter_site, guarded):
    """Each page is loaded once and checked at 1280 px, then again at 375 px (the layout reflows)."""
    g = guarded(WIDTHS[0])
    problems, checked = {}, 0
    for served in (site, filter_site):
        for name in served.pages():
            g.page.set_viewport_size({"width": WIDTHS[0], "height": 900})
            g.page.goto(served.base + name)
            for width in WIDTHS:
                g.page.set_viewport_size({"width": width, "height": 900})
                found = axe(g.page)
                if found:
                    problems[f"{name} at {width}px"] = found
                checked += 1
    assert checked == 2 * (len(site.pages()) + len(filter_site.pages()))
    assert problems == {}


@pytest.mark.parametrize("width", WIDTHS)
def test_axe_finds_no_violation_with_the_search_open(site, guarded, width):
    g = guarded(width)
    pages = [p for p in site.pages() if p in ("index.html",) or p.startswith(("protocol/", "scenarios/"))][:3]
    problems = {}
    for name in pages:
        g.page.goto(site.base + name)
        groups = search(g.page, "officer")
        assert groups
        found = axe(g.page)
        if found:
            problems[name] = found
    assert problems == {}


# Every element on the page that scrolls sideways: its tag, classes, tabindex, role, accessible label and scroll
# position (material's own search and navigation panels are left out: they are not the page's content).
SIDEWAYS = """() => [...document.querySelectorAll('.md-content *')].filter(e => {
  const s = getComputedStyle(e);
  return ['auto', 'scroll'].includes(s.overflowX) && e.scrollWidth > e.clientWidth;
}).map(e => ({cls: e.className, tabindex: e.getAttribute('tabindex'), role: e.getAttribute('role'),
              label: e.getAttribute('aria-label')}))"""


def test_a_table_too_wide_for_a_phone_is_one_named_region_the_keyboard_scrolls(site, guarded):
    """At 375 px a paragraph's table scrolls sideways: the one element that scrolls is the labelled region the
    template draws, reached with Tab and scrolled with the arrow keys (mkdocs-material's own unfocusable
    .md-typeset__scrollwrap, which axe reported, is not added around it)."""
    g = guarded(375)
    pages = [p for p in site.pages() if p.startswith("protocol/") and "para-table" in (site.folder / p).read_text()]
    assert {"protocol/behaviours.html", "protocol/concerns-breaches.html"} <= set(pages)
    scrolled = 0
    for name in pages:
        g.page.goto(site.base + name)
        assert g.page.locator(".md-content .md-typeset__scrollwrap").count() == 0, name
        wide = g.page.evaluate(SIDEWAYS)
        for region in wide:
            assert region["cls"] == "para-table" and region["tabindex"] == "0" and region["role"] == "region", name
            assert region["label"].startswith("Table in paragraph "), name
        if not wide:
            continue
        first = g.page.evaluate("() => [...document.querySelectorAll('.para-table')]"
                                ".findIndex(e => e.scrollWidth > e.clientWidth)")
        table = g.page.locator(".para-table").nth(first)
        g.page.evaluate("() => document.activeElement && document.activeElement.blur()")
        for _ in range(400):  # Tab from the top of the page until the table's region has the focus
            g.page.keyboard.press("Tab")
            if table.evaluate("e => e === document.activeElement || e.contains(document.activeElement)"):
                break
        assert table.evaluate("e => e === document.activeElement"), f"{name}: Tab never reached the table"
        assert _focus_is_visible(g.page), name
        for _ in range(5):
            g.page.keyboard.press("ArrowRight")
        g.page.wait_for_function("e => e.scrollLeft > 0", arg=table.element_handle(), timeout=3000)
        scrolled += 1
    assert scrolled >= 2  # the check above ran on real scrolling tables, not on none
