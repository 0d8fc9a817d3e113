"""Security: what the source text can and cannot do to the outputs.

Proves: YAML tags are refused wherever YAML is read, never constructed; every
Jinja2 environment the site writer creates autoescapes; `<script>` in a
paragraph, a scenario or a glossary definition is rejected by check (X001) and,
if a site is built anyway, is shown as text; ordinary `<`, `>` and `&` in clean
text reach the website escaped and the Word document as typed; ids cannot name a
path outside the output folder; the built site and the Word documents refer to
no other host (and the only network code in the vendored theme is switched off
by our configuration).
"""
from __future__ import annotations

import ast
import re
import shutil
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from builder.check import check_root
from builder.load import load_tree
from conftest import REPO, assert_no_traceback, run_cli
from malformed_cases import SCENARIO

GLO = "protocol_src/glossary.yaml"
EVIL = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
PLAIN_SYMBOLS = "Members set policy when costs < £5,000 & benefits > costs."


def codes_at(root: Path) -> list[tuple[str, int, str]]:
    _, diags = check_root(root)
    return [(d.path, d.line, d.code) for d in diags.sorted() if d.severity == "error"]


# ---------------------------------------------------------------- YAML

@pytest.mark.parametrize("where", ["protocol_src/amendments.yaml", "protocol_src/history.yaml", "scenarios/helpful.md",
                                   "protocol_src/vocabulary.yaml"])
def test_python_tags_are_refused_everywhere_yaml_is_read(mini_tree, where, monkeypatch):
    """A !!python tag anywhere is S003 (or not YAML at all) and os.system is never called."""
    import os

    calls = []
    monkeypatch.setattr(os, "system", lambda cmd: calls.append(cmd) or 0)
    tag = "!!python/object/apply:os.system ['touch pwned']"
    if where == "protocol_src/amendments.yaml":
        (mini_tree / where).write_text(f"reasons:\n  roles-members: {tag}\n", encoding="utf-8")
    elif where == "protocol_src/history.yaml":
        (mini_tree / where).write_text(f'releases:\n  - version: "1.0"\n    status: approved\n    date: 2024-03-28\n'
                                       f"    body: {tag}\n", encoding="utf-8")
    elif where == "scenarios/helpful.md":
        (mini_tree / where).write_text(SCENARIO.replace("title: The helpful officer", f"title: {tag}"), encoding="utf-8")
    else:
        path = mini_tree / where
        path.write_text(path.read_text(encoding="utf-8").replace("label: Everyone", f"label: {tag}", 1),
                        encoding="utf-8")
    found = codes_at(mini_tree)
    assert calls == [] and not list(mini_tree.rglob("pwned"))
    assert any(c == "S003" and p == where for p, _, c in found), found


def test_the_loader_uses_no_unsafe_yaml_call():
    """No yaml.load with an object-building loader, no unsafe_load, no full_load, anywhere in builder/."""
    bad = []
    for path in (REPO / "builder").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r"yaml\.(unsafe_load|full_load|load_all|load)\s*\(([^)]*)", text):
            if m.group(1) in ("unsafe_load", "full_load") or "Loader=yaml.SafeLoader" not in m.group(2) \
                    and "SafeLoader" not in m.group(2) and "BaseLoader" not in m.group(2):
                bad.append(f"{path.relative_to(REPO)}: {m.group(0)}")
        if re.search(r"\b(Unsafe|Full)Loader\b|yaml\.Loader\b", text):
            bad.append(f"{path.relative_to(REPO)}: names an object-building loader")
    assert bad == []


# ---------------------------------------------------------------- templates

def _jinja_constructions() -> list[tuple[str, int, ast.Call]]:
    """Every call that makes a Jinja2 Environment or Template in builder/ (names imported from jinja2)."""
    kinds = {"Environment", "Template", "NativeEnvironment", "SandboxedEnvironment", "ImmutableSandboxedEnvironment"}
    found = []
    for path in (REPO / "builder").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        local = {a.asname or a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                 and (node.module or "").startswith("jinja2") for a in node.names if a.name in kinds}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            if (isinstance(f, ast.Name) and f.id in local) or (
                    isinstance(f, ast.Attribute) and f.attr in kinds and isinstance(f.value, ast.Name)
                    and f.value.id.startswith("jinja2")):
                found.append((str(path.relative_to(REPO)), node.lineno, node))
    return found


def test_every_jinja_environment_in_the_code_is_written_with_autoescape_on():
    made = _jinja_constructions()
    assert made, "the site writer makes at least one Jinja2 environment"
    for path, line, call in made:
        auto = [k for k in call.keywords if k.arg == "autoescape"]
        assert auto and isinstance(auto[0].value, ast.Constant) and auto[0].value.value is True, \
            f"{path}:{line}: a Jinja2 {getattr(call.func, 'attr', getattr(call.func, 'id', ''))} without autoescape=True"


def test_every_jinja_environment_made_while_writing_pages_autoescapes(mini_tree, tmp_path, monkeypatch):
    """At run time too: every Environment created while the pages are generated escapes."""
    import jinja2

    from builder.write.site import generate_docs

    made = []
    real_init = jinja2.Environment.__init__

    def recording(self, *args, **kwargs):
        real_init(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(jinja2.Environment, "__init__", recording)
    protocol, _ = load_tree(mini_tree)
    generate_docs(protocol, tmp_path / "docs")
    assert made
    for env in made:
        auto = env.autoescape(None) if callable(env.autoescape) else env.autoescape
        assert auto is True
        assert str(env.from_string("{{ x }}").render(x="<b>&")) == "&lt;b&gt;&amp;"


# ---------------------------------------------------------------- text that looks like markup

def _tree_with(root: Path, *, roles: str | None = None, glossary_definition: str | None = None,
               scenario: str | None = None) -> Path:
    if roles is not None:
        path = root / "protocol_src" / "roles.md"
        path.write_text(path.read_text(encoding="utf-8").replace("Members set policy.", roles + " The {{MO}} helps."),
                        encoding="utf-8")
    if glossary_definition is not None:
        path = root / GLO
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"definition: .*", "definition: " + yaml.safe_dump(glossary_definition, width=1000).strip()
                      .removesuffix("...").strip(), text, count=1)
        path.write_text(text, encoding="utf-8")
    if scenario is not None:
        (root / "scenarios" / "helpful.md").write_text(
            SCENARIO.replace("The officer explains the route.", scenario), encoding="utf-8")
    return root


def test_script_in_a_glossary_definition_is_rejected(mini_tree):
    _tree_with(mini_tree, glossary_definition=f"The statutory officer {EVIL}")
    assert (GLO, 3, "X001") in codes_at(mini_tree)


def test_script_in_a_scenario_is_rejected_at_its_line(mini_tree):
    _tree_with(mini_tree, scenario=f"The officer explains the route. {EVIL}")
    assert ("scenarios/helpful.md", 19, "X001") in codes_at(mini_tree)


def test_less_than_and_ampersand_in_plain_text_are_not_html(mini_tree):
    _tree_with(mini_tree, roles=PLAIN_SYMBOLS, glossary_definition="Q&A: the officer who answers < 10 questions.",
               scenario="The officer explains the route: costs < £5,000 & benefits > costs.")
    assert codes_at(mini_tree) == []


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def _no_injected_markup(site: Path) -> None:
    for page in site.rglob("*.html"):
        p = Elements()
        p.feed(page.read_text(encoding="utf-8"))
        for tag, attrs in p.tags:
            assert not any(k.startswith("on") for k in attrs), (page, tag, attrs)
            assert attrs.get("src") != "x", (page, tag, attrs)
        assert not any("alert(" in s for s in p.scripts), page


@pytest.mark.slow
def test_a_site_built_from_markup_anyway_shows_it_as_text(mini_tree, tmp_path):
    """If a site is built despite X001 (the writer never trusts the checker), the markup is inert text."""
    from builder.write.site import write_site

    _tree_with(mini_tree, roles=f"Members set policy. {EVIL}", glossary_definition=f"The statutory officer {EVIL}",
               scenario=f"The officer explains the route. {EVIL}")
    protocol, _ = load_tree(mini_tree)
    site = tmp_path / "site"
    write_site(protocol, site)
    _no_injected_markup(site)
    for page in ("glossary.html", "protocol/roles.html", "scenarios/helpful.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page


@pytest.mark.slow
def test_clean_text_with_symbols_is_escaped_on_the_site_and_as_typed_in_word(mini_tree, tmp_path):
    from docx import Document

    _tree_with(mini_tree, roles=PLAIN_SYMBOLS, glossary_definition="Q&A: the officer who answers < 10 questions.",
               scenario="The officer explains the route: costs < £5,000 & benefits > costs.")
    out = tmp_path / "out"
    proc = run_cli("build", "--root", str(mini_tree), "--out", str(out), cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    site = out / "site"
    _no_injected_markup(site)
    assert_site_loads_nothing_from_elsewhere(site)
    roles = (site / "protocol" / "roles.html").read_text(encoding="utf-8")
    assert "costs &lt; £5,000 &amp; benefits &gt; costs." in roles
    assert "costs &lt; £5,000 &amp; benefits &gt; costs." in (site / "scenarios" / "helpful.html").read_text(encoding="utf-8")
    assert "Q&amp;A: the officer who answers &lt; 10 questions." in (site / "glossary.html").read_text(encoding="utf-8")
    # the tooltip on {{MO}} carries the definition inside an attribute: escaped there too
    assert re.search(r'title="[^"]*Q&amp;A: the officer who answers &lt; 10 questions\.', roles), \
        "the glossary tooltip is missing or unescaped"
    docx = next(out.glob("*.docx"))
    document = Document(str(docx))
    cells = [p for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs]
    text = "\n".join(p.text for p in list(document.paragraphs) + cells)
    assert PLAIN_SYMBOLS.split(" The")[0] in text and "Q&A: the officer who answers < 10 questions." in text


# ---------------------------------------------------------------- ids and paths

@pytest.mark.parametrize("bad", ["../../etc/passwd", "..", "a/b", "a\\b", "..hidden"])
def test_paragraph_heading_and_section_ids_cannot_name_a_path(mini_tree, bad):
    roles = mini_tree / "protocol_src" / "roles.md"
    roles.write_text(roles.read_text(encoding="utf-8").replace("{#roles-members}", "{#" + bad + "}")
                     + "\n## More {#" + bad + "-h}\n", encoding="utf-8")
    found = codes_at(mini_tree)
    assert ("protocol_src/roles.md", 7, "I002") in found, found


def test_a_scenario_file_name_cannot_name_a_path(mini_tree):
    (mini_tree / "scenarios" / "..md").write_text(SCENARIO, encoding="utf-8")
    assert ("scenarios/..md", 1, "I002") in codes_at(mini_tree)


def test_a_vocabulary_id_cannot_name_a_path(mini_tree):
    """An audience id becomes the site page audiences/<id>.md, so '../' in it must be rejected (I002)."""
    voc = mini_tree / "protocol_src" / "vocabulary.yaml"
    voc.write_text(voc.read_text(encoding="utf-8").replace("  - id: openness", '  - id: "../../open"'),
                   encoding="utf-8")
    assert any(p == "protocol_src/vocabulary.yaml" and c == "I002" for p, _, c in codes_at(mini_tree))


# ---------------------------------------------------------------- no other host

URL = re.compile(r"""(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,})""")
NAMESPACE_HOSTS = {"www.w3.org", "www.sitemaps.org"}  # XML namespaces and DTD names: never fetched


class Refs(HTMLParser):
    """Every attribute that makes a browser fetch something, and inline styles."""

    FETCHING = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background", "manifest", "style"}

    def __init__(self):
        super().__init__()
        self.refs: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in self.FETCHING and v:
                self.refs.append((tag, k, v))


def assert_site_loads_nothing_from_elsewhere(site: Path) -> None:
    html_pages = list(site.rglob("*.html"))
    assert html_pages
    for page in html_pages:
        text = page.read_text(encoding="utf-8")
        p = Refs()
        p.feed(text)
        for tag, attr, value in p.refs:
            assert not URL.search(value), f"{page.relative_to(site)}: <{tag} {attr}={value!r}>"
        assert 'class="mermaid"' not in text  # the theme would fetch mermaid from unpkg.com for a diagram
    for css in site.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        for m in re.finditer(r"url\(\s*['\"]?([^)'\"]*)|@import\s+(?:url\()?['\"]?([^'\";)]*)", text):
            assert not URL.search(m.group(1) or m.group(2) or ""), f"{css.relative_to(site)}: {m.group(0)}"
    ours = [p for p in site.rglob("*.js") if "javascripts" not in p.parts and "vendor" not in p.parts]
    for js in ours:  # the toolkit's own scripts and the search index: no host at all
        hosts = {h for h in URL.findall(js.read_text(encoding="utf-8")) if h not in NAMESPACE_HOSTS}
        assert not hosts, f"{js.relative_to(site)} names {hosts}"
    for data in list(site.rglob("*.json")) + list(site.rglob("*.xml")):
        hosts = {h for h in URL.findall(data.read_text(encoding="utf-8")) if h not in NAMESPACE_HOSTS}
        assert not hosts, f"{data.relative_to(site)} names {hosts}"


def test_the_theme_network_features_are_off_in_the_configuration():
    """mkdocs-material's bundle fetches from api.github.com only with repo_url, and a polyfill from unpkg.com
    only in a browser without ResizeObserver; fonts and analytics come from Google only when configured."""
    from builder.write.site import MKDOCS_YML

    config = yaml.load(MKDOCS_YML.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    assert "repo_url" not in config and "repo_name" not in config
    assert config["theme"].get("font") == "false"
    assert "analytics" not in config.get("extra", {})
    assert not URL.search(MKDOCS_YML.read_text(encoding="utf-8").replace("https://www.mkdocs.org", ""))


def docx_external_references(path: Path) -> list[str]:
    found = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            text = z.read(name).decode("utf-8", "replace")
            if name.endswith(".rels"):
                found += re.findall(r'<Relationship [^>]*TargetMode="External"[^>]*>', text)
            found += re.findall(r"(?:INCLUDEPICTURE|INCLUDETEXT|LINK|HYPERLINK)\s+\"?https?://[^\"<]*", text)
    return found


def test_word_documents_refer_to_nothing_outside_themselves(tmp_path):
    out = tmp_path / "out"
    root = tmp_path / "shipped"
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, root / name)
    proc = run_cli("build", "--no-site", "--root", str(root), "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    documents = sorted(out.glob("*.docx"))
    assert len(documents) == 3  # the protocol, the redline and the schedule
    for doc in documents:
        assert docx_external_references(doc) == [], doc.name
