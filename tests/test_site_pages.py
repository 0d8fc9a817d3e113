"""The website's pages, built by real mkdocs (strict) from the model: no browser needed.

Proves: every section, paragraph and scenario has its page and stable anchor with
Word's number; scenarios and paragraphs link both ways; every internal link
resolves (page and anchor); nothing in a source file can inject HTML, script or
Markdown; the built site refers to no other host; the offline build ships the
search index as a script and the local iframe-worker; "what changed" pages join
the nav when that module exists.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from builder.load import load_tree
from builder.number import numbers
from builder.write.site import MKDOCS_YML, write_site
from conftest import MINI, REPO, assert_no_traceback, run_cli

SCENARIO_PARTS = ("The situation", "What makes it hard", "What the protocol says", "What good looks like",
                  "What goes wrong", "Questions for discussion", "Notes for facilitators")


def scenario_text(title: str, audience: str, areas: str, cites: str, marker: str = "") -> str:
    body = "\n\n".join(f"## {part}\n\n{marker}Councillor Ada Fenwick and an officer, Sam Okafor, meet about "
                       f"{part.lower()}. They talk it through with care and agree what to do next."
                       for part in SCENARIO_PARTS)
    return (f"---\ntitle: {title}\naudience: [{audience}]\nareas: [{areas}]\nprinciples: [openness]\n"
            f"cites: [{cites}]\nreviewed_against: \"1.1\"\n---\n\n{body}\n")


def add_scenarios(root: Path) -> None:
    """Three fictional scenarios for the small tree, with different audiences and key areas."""
    sc = root / "scenarios"
    sc.mkdir(exist_ok=True)
    (sc / "cabinet-briefing.md").write_text(
        scenario_text("The cabinet briefing", "cabinet-members", "policy-and-executive", "purpose-what, roles-members"))
    (sc / "ward-casework.md").write_text(
        scenario_text("The ward casework", "ward-councillors, officers-supporting-members", "operational", "purpose-status"))
    (sc / "planning-call.md").write_text(
        scenario_text("The planning phone call", "regulatory-committee-members", "regulatory", "purpose-status"))


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str]] = []  # (attribute, value)

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if name in ("href", "src") and value:
                self.refs.append((name, value))


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.seen: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.seen.append((tag, dict(attrs)))


def article(path: Path) -> str:
    """The page's own content, without the nav that lists every page."""
    html = path.read_text(encoding="utf-8")
    return html.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def parse(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("src") / "mini"
    import shutil

    shutil.copytree(MINI, root)
    add_scenarios(root)
    protocol, diags = load_tree(root)
    assert not [d for d in diags.sorted() if d.severity == "error"], [d.format() for d in diags.sorted()]
    out = tmp_path_factory.mktemp("site") / "site"
    write_site(protocol, out)
    return out, protocol


def test_every_section_paragraph_and_scenario_has_its_page_anchor_and_number(mini_site):
    out, protocol = mini_site
    nums = numbers(protocol)
    for section in protocol.sections:
        html = (out / "protocol" / f"{section.id}.html").read_text(encoding="utf-8")
        assert f'id="{section.id}"' in html
        for para in section.paragraphs:
            heading = re.search(rf'<h[23] class="para-head" id="{para.id}">.*?</h[23]>', html)
            assert heading, para.id  # the hanging number, then the caption (or the paragraph's first words)
            assert f'<a class="para-number" href="#{para.id}">{nums[para.id]}</a>' in heading.group(0)
            assert '<span class="para-caption">' in heading.group(0) and "Paragraph " not in heading.group(0)
    for scenario in protocol.scenarios:
        html = (out / "scenarios" / f"{scenario.id}.html").read_text(encoding="utf-8")
        assert f"{nums[scenario.id]} {scenario.title}" in html
        for part in SCENARIO_PARTS:  # all seven parts, facilitators' notes included
            assert f">{part}</h2>" in html, (scenario.id, part)


def test_scenarios_and_paragraphs_link_both_ways(mini_site):
    out, protocol = mini_site
    nums = numbers(protocol)
    for scenario in protocol.scenarios:
        page = (out / "scenarios" / f"{scenario.id}.html").read_text(encoding="utf-8")
        for pid in scenario.cites:
            section = protocol.section_of(pid)
            assert f'href="../protocol/{section.id}.html#{pid}">{nums[pid]}</a>' in page
            text = (out / "protocol" / f"{section.id}.html").read_text(encoding="utf-8")
            block = text.split(f'id="{pid}"', 1)[1].split('<div class="para">', 1)[0]
            assert f'href="../scenarios/{scenario.id}.html"' in block, (pid, scenario.id)


def test_every_internal_link_and_anchor_resolves(mini_site):
    out, _ = mini_site
    pages = {p: parse(p) for p in out.rglob("*.html")}
    pages.pop(out / "404.html")  # served by a web server for any path, so its links are root-relative
    checked = 0
    for page, links in pages.items():
        for attr, value in links.refs:
            parts = urlsplit(value)
            if parts.scheme or value.startswith(("//", "mailto:", "javascript:")):
                continue
            target = (page.parent / parts.path).resolve() if parts.path else page
            if attr == "href" and parts.path.endswith("/"):
                target = target / "index.html"
            assert target.exists(), f"{page.relative_to(out)}: {value}"
            if parts.fragment and target.suffix == ".html" and target in pages:
                assert parts.fragment in pages[target].ids, f"{page.relative_to(out)}: {value}"
            checked += 1
    assert checked > 100


def test_the_site_names_no_other_host(mini_site):
    out, _ = mini_site
    for page in out.rglob("*.html"):
        for attr, value in parse(page).refs:
            assert not urlsplit(value).scheme in ("http", "https") and not value.startswith("//"), \
                f"{page.relative_to(out)} refers to {value}"
        assert "fonts.googleapis" not in page.read_text(encoding="utf-8")


def test_glossary_terms_are_tooltips_and_cross_references_are_links(mini_site):
    out, _ = mini_site
    html = (out / "protocol" / "purpose.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="term" href="../glossary.html#term-monitoring-officer" title="Monitoring Officer: '
                     r'The statutory officer[^"]*">Monitoring Officer</a>', html)
    assert '<a class="xref" href="roles.html#roles-members">2.1</a>' in html
    glossary = (out / "glossary.html").read_text(encoding="utf-8")
    assert 'id="term-monitoring-officer"' in glossary


def test_banner_audience_pages_induction_and_accessibility_statement(mini_site):
    out, protocol = mini_site
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Draft version 1.1 (7 May 2024): not yet in force." in home
    cabinet = article(out / "audiences" / "cabinet-members.html")
    assert "For cabinet members" in cabinet and "cabinet-briefing.html" in cabinet
    assert "planning-call.html" not in cabinet  # a regulatory scenario is not for the cabinet
    induction = (out / "induction.html").read_text(encoding="utf-8")
    assert "For new members" in induction and "For new staff" in induction
    assert "Accessibility statement" in (out / "accessibility.html").read_text(encoding="utf-8")
    index = (out / "scenarios" / "index.html").read_text(encoding="utf-8")
    assert index.count("data-audiences=") == len(protocol.scenarios)


def test_nothing_in_a_source_file_can_inject_markup(mini_tree, tmp_path):
    evil = ('Hello <script>alert(1)</script> <img src=x onerror=alert(2)> *em* __strong__ '
            '[click](javascript:alert(3)) `code` {: onclick="alert(4)"} &amp; &lt;b&gt; '
            '--8<-- "/etc/passwd" <!-- hidden --> # not a heading')
    purpose = mini_tree / "protocol_src" / "purpose.md"
    text = purpose.read_text(encoding="utf-8")
    purpose.write_text(text.replace("This protocol sets out how members and officers work together.", evil)
                       .replace("title: Purpose and status of this protocol", 'title: "Purpose <b>&</b> *status*"'),
                       encoding="utf-8")
    (mini_tree / "scenarios").mkdir(exist_ok=True)
    (mini_tree / "scenarios" / "evil.md").write_text(
        scenario_text("Evil <i>title</i> & [x](y)", "cabinet-members", "regulatory", "purpose-what", marker=evil + " "))
    protocol, _ = load_tree(mini_tree)  # the checker reports the HTML (X001); the writer must still be safe
    out = tmp_path / "site"
    write_site(protocol, out)
    for name in ("protocol/purpose.html", "scenarios/evil.html", "index.html", "audiences/everyone.html"):
        text = article(out / name)
        tags = Elements()
        tags.feed(text)
        assert not {"script", "img", "code", "b", "i"} & {t for t, _ in tags.seen}, (name, tags.seen)
        assert "<em>em</em>" not in text and "<strong>strong</strong>" not in text
        for tag, attrs in tags.seen:
            assert not any(k.startswith("on") for k in attrs), (name, tag, attrs)
            assert not attrs.get("href", "").startswith("javascript:"), (name, tag, attrs)
        assert "root:x:" not in text  # no snippet inclusion from the file system
    purpose_html = (out / "protocol/purpose.html").read_text(encoding="utf-8")
    assert "Hello &lt;script&gt;alert(1)&lt;/script&gt;" in purpose_html  # shown as the characters typed
    assert "*em* __strong__ [click](javascript:alert(3))" in purpose_html


def test_offline_build_inlines_the_search_index_and_ships_iframe_worker(mini_tree, tmp_path):
    protocol, _ = load_tree(mini_tree)
    out = tmp_path / "offline"
    write_site(protocol, out, offline=True)
    assert (out / "search" / "search_index.js").read_text(encoding="utf-8").startswith("var __index = {")
    home = (out / "index.html").read_text(encoding="utf-8")
    assert '<script src="assets/vendor/iframe-worker/shim.js"></script>' in home
    assert "unpkg" not in home and "cdn" not in home.lower()
    assert (out / "assets" / "vendor" / "iframe-worker" / "LICENSE").read_text().startswith("Copyright")


def test_what_changed_pages_join_the_nav_for_each_comparison_given(mini_tree, tmp_path):
    """The site draws a What changed page from a comparison it is given, and lists it in the nav."""
    from builder.diff import Comparison, compare

    old, _ = load_tree(MINI)
    roles = mini_tree / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("set policy.", "set the policy framework."),
                     encoding="utf-8")
    new, _ = load_tree(mini_tree)
    out = tmp_path / "site"
    write_site(new, out, comparisons=[Comparison(old, new, compare(old, new))])
    page = (out / "changes" / "changes-1.1-to-1.1-draft.html").read_text(encoding="utf-8")
    assert "<ins>" in page and "framework" in page
    assert "What changed" in (out / "index.html").read_text(encoding="utf-8")


def test_mkdocs_settings_keep_third_parties_out_and_search_unstemmed():
    text = MKDOCS_YML.read_text(encoding="utf-8")
    config = yaml.load(text, Loader=yaml.BaseLoader)  # BaseLoader: tolerate mkdocs' own tags
    assert config["theme"]["font"] == "false"
    assert config["use_directory_urls"] == "false"
    assert config["extra"]["generator"] == "false"
    search = next(p["search"] for p in config["plugins"] if isinstance(p, dict) and "search" in p)
    assert "stemmer" not in search["pipeline"]
    for banned in ("social", "privacy", "navigation.instant", "mike"):
        assert banned not in text


def test_protocol_build_writes_the_site_into_the_build_folder(mini_tree, tmp_path):
    proc = run_cli("build", "--root", str(mini_tree), "--out", str(tmp_path / "out"), cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "site" / "protocol" / "roles.html").exists()
    assert (tmp_path / "out" / "site" / "search" / "search_index.json").exists()


def test_mkdocs_build_strict_at_the_top_level_builds_the_shipped_site(tmp_path):
    """Issue 5: `mkdocs build --strict` passes on its own (the hook generates the pages)."""
    import subprocess
    import sys

    out = tmp_path / "site"
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(out)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    home = (out / "index.html").read_text(encoding="utf-8")
    assert "Member/Officer Relations Protocol" in home
    assert (out / "protocol" / "services-casework.html").is_file()


def test_a_copy_without_the_theme_files_says_how_to_install(tmp_path, monkeypatch):
    """`pip install .` (not -e) leaves mkdocs.yml and site/ behind: the build says so and writes nothing."""
    import builder.write.site as site

    monkeypatch.setattr(site, "MKDOCS_YML", tmp_path / "absent" / "mkdocs.yml")
    protocol, _ = load_tree(MINI)
    out = tmp_path / "site"
    with pytest.raises(site.SiteBuildError, match=r"mkdocs\.yml.*pip install -e \..*--no-site"):
        write_site(protocol, out)
    assert not out.exists()
