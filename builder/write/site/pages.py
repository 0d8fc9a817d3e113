"""The model -> the site's pages (Markdown with escaped raw HTML), one method per kind of page.

Every page is drawn from the model: the section pages, the scenario library, the
audience pages and the induction path all follow the protocol as it grows.
Paragraph numbers come from builder.number, so they equal the Word document's.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ...dates import long_date
from ...model import PARTS, Heading, Paragraph, Protocol, Scenario, Section, Tags, Term
from ...number import letter
from .answers import answers_page
from .digest import digest
from .duties import duties_page
from .downloads import Download
from .markup import Places, href, inline_html, md_text, places, plain, shown_caption
from .page import Page, Site
from .printing import downloads_page, print_page
from .search import search_documents
from .training import PackFile, training_pages
from .what_changed import WhatChanged, version_label

TEMPLATES = Path(__file__).with_name("templates")
PART_ORDER = tuple(PARTS)
STATUS_WORDS = {"draft": "Draft", "approved": "Approved", "adopted": "Adopted"}


def section_page(sid: str) -> str:
    return f"protocol/{sid}.md"


def scenario_page(sid: str) -> str:
    return f"scenarios/{sid}.md"


def audience_page(aid: str) -> str:
    return f"audiences/{aid}.md"


class Audiences:
    """The audience hierarchy (cabinet members are part of all members, who are part of everyone)."""

    def __init__(self, protocol: Protocol):
        self.entries = protocol.vocabulary.audiences
        self.parent = {e.id: e.part_of for e in self.entries}
        # worked out once per build: the pages ask hundreds of thousands of times
        self._chains: dict[str, tuple[str, ...]] = {}
        self._matching: dict[tuple[str, ...], tuple[str, ...]] = {}

    def _chain(self, aid: str) -> tuple[str, ...]:
        chain = self._chains.get(aid)
        if chain is None:
            out, seen, start = [], {aid}, aid
            while (aid := self.parent.get(aid, "")) and aid not in seen:
                out.append(aid)
                seen.add(aid)
            chain = self._chains[start] = tuple(out)
        return chain

    def ancestors(self, aid: str) -> list[str]:
        return list(self._chain(aid))

    def related(self, a: str, b: str) -> bool:
        """True when one audience is, contains or is part of the other."""
        return a == b or a in self._chain(b) or b in self._chain(a)

    def narrower_or_same(self, a: str, of: str) -> bool:
        return a == of or of in self._chain(a)

    def matching(self, audiences: tuple[str, ...]) -> list[str]:
        """Every audience a filter may pick that should list something tagged with `audiences`."""
        key = tuple(audiences)
        found = self._matching.get(key)
        if found is None:
            found = self._matching[key] = tuple(e.id for e in self.entries
                                               if any(self.related(e.id, a) for a in audiences))
        return list(found)


def build_pages(protocol: Protocol, numbers: dict[str, str], changed: WhatChanged | None = None,
                downloads: tuple[Download, ...] = (), packs: tuple[PackFile, ...] = ()) -> Site:
    """Every page, the nav and the search documents: a function of the model, what changed and the downloads."""
    changed = changed or WhatChanged()
    where = places(protocol, numbers, section_page, scenario_page)
    ctx = _Context(protocol, numbers, where, Audiences(protocol), _env(), changed, downloads)
    site = Site()
    add = site.pages.append
    home, answers = ctx.home(), answers_page(ctx)
    sections = [ctx.section(s) for s in protocol.sections]
    scenario_index, scenarios = ctx.scenario_index(), [ctx.scenario(sc) for sc in protocol.scenarios]
    audience_index, audiences = ctx.audience_index(), [ctx.audience(a) for a in protocol.vocabulary.audiences]
    induction, glossary = ctx.induction(), ctx.glossary()
    change_pages = [Page(f"changes/{name}", plain(title), body) for name, title, body in changed.pages]
    downloads_pg, printed, accessibility = downloads_page(ctx), print_page(ctx), ctx.accessibility()
    duties = duties_page(ctx)
    training = training_pages(ctx, packs)
    for page in (home, answers, *sections, scenario_index, *scenarios, audience_index, *audiences, induction,
                 *training, glossary, *([duties] if duties else []), *change_pages, downloads_pg, printed,
                 accessibility):
        add(page)
    site.nav = [
        {"Home": home.path},
        {"Quick answers": answers.path},
        {"The protocol": [{p.title: p.path} for p in sections]},
        {"Scenarios": [scenario_index.path] + [{p.title: p.path} for p in scenarios]},
        {"Who you are": [audience_index.path] + [{p.title: p.path} for p in audiences]},
        {"Induction": induction.path},
    ] + ([{"Training": [training[0].path] + [{p.title: p.path} for p in training[1:]]}] if training else []) + [
        {"Glossary": glossary.path},
    ] + ([{"Duties and the codes": duties.path}] if duties else [])
    if change_pages:
        site.nav.append({"What changed": [{p.title: p.path} for p in change_pages]})
    site.nav += [{"Download or print": [downloads_pg.path, {printed.title: printed.path}]},
                 {"Accessibility": accessibility.path}]
    site.search = search_documents(protocol, numbers, where, _search_pages(site, change_pages))
    return site


def _search_pages(site: Site, change_pages: list[Page]) -> list[tuple[str, str, str, str, tuple[str, ...]]]:
    """(path, title, text, kind, tags) for the pages that are not made of paragraphs, answers or scenarios."""
    changed = {p.path for p in change_pages}
    skip = ("protocol/", "scenarios/", "answers.md", "print.md")
    out = []
    for page in site.pages:
        if page.path in changed:
            out.append((page.path, f"What changed: {page.title} (the list of amendments)", "", "changes",
                        ("what changed", "changes", "amendments", "amended")))
        elif page.path.startswith("audiences/") and page.path != "audiences/index.md":
            out.append((page.path, page.title, page.summary, "audience", ()))
        elif not page.path.startswith(skip) or page.path == "scenarios/index.md":
            out.append((page.path, page.title, page.summary, "page", page.tags))
    return out


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True, undefined=StrictUndefined,
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      # Markdown's attribute lists use "{#id}", so Jinja comments are "{%# ... #%}".
                      comment_start_string="{%#", comment_end_string="#%}")
    env.filters["md"] = md_text
    env.filters["long_date"] = long_date
    return env


@dataclass
class _Context:
    protocol: Protocol
    numbers: dict[str, str]
    where: Places
    audiences: Audiences
    env: Environment
    changed: WhatChanged = field(default_factory=WhatChanged)  # what the site shows about versions
    downloads: tuple[Download, ...] = ()
    # (section, paragraph) object ids -> effective tags, worked out once per build (the protocol holds both)
    _tags: dict[tuple[int, int], Tags] = field(default_factory=dict, init=False, repr=False)

    # -- helpers shared by the templates --

    def effective_tags(self, section: Section, para: Paragraph) -> Tags:
        key = (id(section), id(para))
        tags = self._tags.get(key)
        if tags is None:
            tags = self._tags[key] = self.protocol.effective_tags(section, para)
        return tags

    def render(self, template: str, page: str, **values) -> str:
        return self.env.get_template(template).render(
            protocol=self.protocol, meta=self.protocol.meta, status=STATUS_WORDS.get(self.protocol.meta.status, ""),
            page=page, link=lambda to, anchor="": href(page, to, anchor), label=version_label(self.protocol),
            downloads=[self.download_link(d, page) for d in self.downloads], **values)

    def download_link(self, d: Download, page: str) -> dict:
        return {"kind": d.kind, "label": d.label, "short": d.short, "size": d.size, "href": href(page, d.path),
                "format": "PDF" if d.kind in ("pdf", "redline-pdf") else "Word"}

    def caption(self, para: Paragraph) -> str:
        return shown_caption(para, self.numbers)

    def label(self, list_name: str, id_: str) -> str:
        entry = self.protocol.vocabulary.get(list_name, id_)
        return entry.label if entry else id_

    def section_title(self, section: Section) -> str:
        return f"{self.numbers[section.id]}. {plain(section.title)}"

    def scenario_title(self, scenario: Scenario) -> str:
        return f"{self.numbers[scenario.id]} {plain(scenario.title)}"

    def scenario_item(self, scenario: Scenario, page: str) -> dict:
        return {
            "id": scenario.id, "number": self.numbers[scenario.id], "title": scenario.title,
            "href": href(page, scenario_page(scenario.id)),
            "audiences": [self.label("audiences", a) for a in scenario.audiences],
            "areas": [self.label("areas", a) for a in scenario.areas],
            "filter_audiences": " ".join(self.audiences.matching(scenario.audiences)),
            "filter_areas": " ".join(scenario.areas),
        }

    @cached_property
    def _paragraphs(self) -> dict[str, Paragraph]:
        return {p.id: p for s in self.protocol.sections for p in s.paragraphs}

    def paragraph_link(self, pid: str, page: str) -> dict:
        section = self.protocol.section_of(pid)
        para = self._paragraphs.get(pid)
        return {"number": self.numbers.get(pid, pid), "href": self.where.link(page, pid) if pid in self.where.pages else "",
                "section": section.title if section else "", "caption": self.caption(para) if para else "",
                "changed": self.changed.amended.get(pid, "")}

    def sections_for(self, aid: str) -> list[Section]:
        return [s for s in self.protocol.sections
                if any(self.audiences.related(aid, a) for p in s.paragraphs
                       for a in self.effective_tags(s, p).audiences)]

    def scenarios_for(self, aid: str) -> list[Scenario]:
        return [sc for sc in self.protocol.scenarios if any(self.audiences.related(aid, a) for a in sc.audiences)]

    # -- pages --

    def home(self) -> Page:
        page = "index.md"
        sections = [{"number": self.numbers[s.id], "title": s.title, "summary": s.summary,
                     "href": href(page, section_page(s.id))} for s in self.protocol.sections]
        dates = [(label.replace("_", " ").capitalize(), long_date(d)) for label, d in self.protocol.meta.dates]
        answers = [{"question": qa.question, "href": href(page, "answers.md", qa.id)} for qa in self.protocol.answers[:5]]
        body = self.render("home.md.j2", page, sections=sections, dates=dates, answers=answers,
                           n_answers=len(self.protocol.answers),
                           audiences=[{"label": e.label, "href": href(page, audience_page(e.id))}
                                      for e in self.protocol.vocabulary.audiences],
                           n_scenarios=len(self.protocol.scenarios))
        return Page(page, plain(self.protocol.meta.title), body,
                    ("protocol", "protocols", "home", "status", "version", "versions"),
                    f"How the members and officers of {plain(self.protocol.meta.council)} work together: "
                    "the home page, with the status of this version.", ("toc",))

    def section(self, section: Section) -> Page:
        page = section_page(section.id)
        blocks, level = [], 2
        for block in section.blocks:
            if isinstance(block, Heading):
                blocks.append({"kind": "heading", "id": block.id, "text": block.text})
                level = 3
            else:
                blocks.append(self._paragraph(section, block, page, level))
        body = self.render("section.md.j2", page, section=section, number=self.numbers[section.id], blocks=blocks,
                           downloads_page=href(page, "downloads.md"), print_page=href(page, "print.md", section.id))
        return Page(page, self.section_title(section), body, tuple(plain(k) for k in section.keywords if plain(k)),
                    section.summary)

    def _paragraph(self, section: Section, para: Paragraph, page: str, level: int) -> dict:
        number = self.numbers[para.id]
        tags = self.effective_tags(section, para)
        return {
            "kind": "para", "id": para.id, "number": number, "level": level, "caption": self.caption(para),
            "changed": self.changed.amended.get(para.id, ""),
            "html": inline_html(para.inlines, self.where, page),
            "items": [{"letter": letter(i), "html": inline_html(item.inlines, self.where, page)}
                      for i, item in enumerate(para.items)],
            "table": self.table_cells(para, page),
            "audiences": [{"label": self.label("audiences", a), "href": href(page, audience_page(a))}
                          for a in tags.audiences if self.protocol.vocabulary.get("audiences", a)],
            "scenarios": [self.scenario_item(sc, page) for sc in self.protocol.scenarios_citing(para.id)],
            "answers": [{"question": qa.question, "href": href(page, "answers.md", qa.id)}
                        for qa in self.protocol.answers_citing(para.id)],
        }

    def table_cells(self, para: Paragraph, page: str) -> dict | None:
        """The paragraph's table as header cells and rows of cells (HTML, escaped like any text)."""
        if para.table is None:
            return None
        cells = lambda row: [inline_html(c, self.where, page) for c in row.cells]  # noqa: E731
        return {"header": cells(para.table.header), "rows": [cells(r) for r in para.table.rows]}

    def scenario(self, scenario: Scenario) -> Page:
        page = scenario_page(scenario.id)
        parts = sorted(scenario.parts, key=lambda p: PART_ORDER.index(p.key) if p.key in PART_ORDER else 99)
        body = self.render(
            "scenario.md.j2", page, scenario=scenario, number=self.numbers[scenario.id],
            parts=[{"key": p.key, "title": p.title, "groups": self._groups(p.passages, page)} for p in parts],
            audiences=[{"label": self.label("audiences", a), "href": href(page, audience_page(a))}
                       for a in scenario.audiences if self.protocol.vocabulary.get("audiences", a)],
            areas=[self.label("areas", a) for a in scenario.areas],
            principles=[self.label("principles", a) for a in scenario.principles],
            cites=[self.paragraph_link(c, page) for c in scenario.cites],
            review=self.review_note(scenario, page),
            index=href(page, "scenarios/index.md"))
        return Page(page, self.scenario_title(scenario), body, ("scenario", "scenarios"))

    def review_note(self, item, page: str) -> dict:
        """Which version a scenario or quick answer was reviewed against, and the cited paragraphs changed since."""
        current = self.protocol.meta.version
        stale = [self.paragraph_link(pid, page) for pid in self.changed.stale.get(item.id, ())]
        return {"version": item.reviewed_against, "current": item.reviewed_against == current,
                "label": version_label(self.protocol), "stale": stale}

    def _groups(self, passages, page: str) -> list[dict]:
        """Consecutive bullets become one list; passages of text stay paragraphs."""
        groups: list[dict] = []
        for b in passages:
            html = inline_html(b.inlines, self.where, page)
            if b.bullet and groups and groups[-1]["kind"] == "list":
                groups[-1]["items"].append(html)
            elif b.bullet:
                groups.append({"kind": "list", "items": [html]})
            else:
                groups.append({"kind": "text", "html": html})
        return groups

    def scenario_index(self) -> Page:
        page = "scenarios/index.md"
        used_audiences = {a for sc in self.protocol.scenarios for a in self.audiences.matching(sc.audiences)}
        body = self.render(
            "scenario_index.md.j2", page,
            scenarios=[self.scenario_item(sc, page) for sc in self.protocol.scenarios],
            audience_options=[e for e in self.protocol.vocabulary.audiences if e.id in used_audiences],
            area_options=[e for e in self.protocol.vocabulary.areas
                          if any(e.id in sc.areas for sc in self.protocol.scenarios)])
        return Page(page, "Scenario library", body,
                    ("scenario", "scenarios", "example", "examples", "worked example", "case study", "case studies"),
                    "Every worked example, to filter by who it is for and by key area.")

    def audience_index(self) -> Page:
        page = "audiences/index.md"
        body = self.render("audience_index.md.j2", page, audiences=[
            {"label": e.label, "description": e.description, "href": href(page, audience_page(e.id))}
            for e in self.protocol.vocabulary.audiences])
        return Page(page, "What applies to you", body, ("role", "roles", "audience", "audiences"),
                    "A page for each role: what it must know, its scenarios and its paragraphs.")

    def audience(self, entry) -> Page:
        page = audience_page(entry.id)
        written, also = [], []
        for section in self.protocol.sections:
            for para in section.paragraphs:
                tags = self.effective_tags(section, para).audiences
                if any(self.audiences.narrower_or_same(a, entry.id) for a in tags):
                    written.append({**self.paragraph_link(para.id, page),
                                    "html": inline_html(para.inlines, self.where, page)})
                elif any(self.audiences.related(entry.id, a) for a in tags):
                    also.append(self.paragraph_link(para.id, page))
        also_by_section: dict[str, list[dict]] = {}
        for item in also:
            also_by_section.setdefault(item["section"], []).append(item)
        broader = [self.label("audiences", a) for a in self.audiences.ancestors(entry.id)]
        heading = f"For {entry.label[:1].lower()}{entry.label[1:]}"
        body = self.render("audience.md.j2", page, entry=entry, heading=heading, written=written, also=also_by_section,
                           broader=broader, key=digest(self, entry.id, page),
                           scenarios=[self.scenario_item(sc, page) for sc in self.scenarios_for(entry.id)],
                           filter_href=href(page, "scenarios/index.md") + f"?audience={entry.id}")
        # No tags: words like "members" and "officers" are in nearly every question, and tags
        # outrank text, so tagging audience pages would push them above the answers.
        return Page(page, plain(heading), body, (), f"What {entry.label.lower()} must know, their scenarios, and "
                    "every paragraph that applies to them.")

    def induction(self) -> Page:
        page = "induction.md"
        paths = []
        for key, title, aid in (("members", "For new members", "all-members"), ("staff", "For new staff", "all-officers")):
            known = bool(self.protocol.vocabulary.get("audiences", aid))
            sections = self.sections_for(aid) if known else list(self.protocol.sections)
            scenarios = self.scenarios_for(aid) if known else list(self.protocol.scenarios)
            paths.append({
                "key": key, "title": title,
                "audience": {"label": self.label("audiences", aid), "href": href(page, audience_page(aid))} if known else None,
                "sections": [{"title": self.section_title(s), "summary": s.summary, "href": href(page, section_page(s.id))}
                             for s in sections],
                "scenarios": [self.scenario_item(sc, page) for sc in scenarios],
            })
        body = self.render("induction.md.j2", page, paths=paths)
        return Page(page, "Induction path", body, ("induction", "inductions", "new member", "new members",
                                                   "new starter", "new starters", "training"),
                    "A path through the protocol for new members and new staff: what to read and which "
                    "scenarios to work through.")

    def glossary(self) -> Page:
        page = "glossary.md"
        used: dict[str, list[str]] = {}
        for section in self.protocol.sections:
            for para in section.paragraphs:
                for node in (n for text in para.texts() for n in text):
                    if isinstance(node, Term) and (found := self.where.terms.get(node.term.casefold())):
                        used.setdefault(found[0], [])
                        if para.id not in used[found[0]]:
                            used[found[0]].append(para.id)
        entries = []
        for g in sorted(self.protocol.glossary, key=lambda g: g.term.casefold()):
            anchor = self.where.terms[g.term.casefold()][0]
            entries.append({"anchor": anchor, "term": g.term, "definition": g.definition, "aliases": g.aliases,
                            "used": [self.paragraph_link(p, page) for p in used.get(anchor, [])]})
        # Tags are boosted far above text: only words that mean "the glossary", never the terms themselves.
        return Page(page, "Glossary", self.render("glossary.md.j2", page, entries=entries),
                    ("glossary", "glossaries", "definition", "definitions", "jargon", "meaning", "meanings"),
                    "What the words in this protocol mean.")

    def accessibility(self) -> Page:
        page = "accessibility.md"
        return Page(page, "Accessibility statement", self.render("accessibility.md.j2", page),
                    ("accessibility", "accessible", "screen reader", "screen readers", "keyboard"),
                    "How accessible this website is, and how to report a problem or ask for another format.")

