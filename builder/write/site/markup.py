"""Source text -> safe HTML and Markdown for the site's pages.

Nothing typed in a source file can reach the page as markup. Text that goes
into raw HTML is HTML-escaped by Jinja2's autoescape (`Markup.escape`). Text that
goes into a Markdown heading has every ASCII punctuation character written as a
numeric character reference, so Markdown sees no emphasis, link, list, heading
or attribute syntax and the browser still shows the same characters. Text that
the theme prints without escaping (page titles, nav labels, tags) keeps only
plain characters.
"""
from __future__ import annotations

import posixpath
import re
import string
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from ...model import Inline, Paragraph, Protocol, Ref, Term, Text, inline_text
from ...slug import slug

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029]")
_SPACE = re.compile(r"\s+")
_PUNCT = set(string.punctuation)
_NOT_PLAIN = re.compile(r"[<>\"`\\{}\[\]|*_#]")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s")


def clean(text: str) -> str:
    """Drop control characters and collapse white space (a paragraph is one line)."""
    return _SPACE.sub(" ", _CONTROL.sub("", text)).strip()


def md_text(text: str) -> Markup:
    """Text for a Markdown heading: punctuation as character references."""
    return Markup("".join(f"&#{ord(c)};" if c in _PUNCT else c for c in clean(text)))


def plain(text: str) -> str:
    """Text for places the theme prints unescaped (titles, nav, tags): no markup characters."""
    text = clean(text).replace("&", " and ")
    return _SPACE.sub(" ", _NOT_PLAIN.sub(" ", text)).strip()


def html_path(md_path: str) -> str:
    return md_path[:-3] + ".html" if md_path.endswith(".md") else md_path


def href(from_md: str, to_md: str, anchor: str = "") -> str:
    """A relative link from one generated page to another (use_directory_urls is off)."""
    rel = _relative(from_md, to_md)
    return rel + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=1 << 16)
def _relative(from_md: str, to_md: str) -> str:
    """The page part of href (pure; cached: a large site asks for the same few pairs tens of thousands of times)."""
    target = html_path(to_md)
    if to_md == from_md:
        return posixpath.basename(target)
    return posixpath.relpath(target, posixpath.dirname(from_md) or ".")


@dataclass(frozen=True)
class Places:
    """Where every id lives on the site, and the glossary's anchors and definitions."""

    numbers: dict[str, str]
    pages: dict[str, tuple[str, str]]  # id -> (page .md path, anchor or '')
    terms: dict[str, tuple[str, str, str]]  # casefolded term or alias -> (anchor, term, definition)
    glossary_page: str = "glossary.md"

    def link(self, from_md: str, id_: str) -> str:
        page, anchor = self.pages[id_]
        return href(from_md, page, anchor)


def places(protocol: Protocol, numbers: dict[str, str], section_page, scenario_page) -> Places:
    pages: dict[str, tuple[str, str]] = {}
    for section in protocol.sections:
        page = section_page(section.id)
        pages[section.id] = (page, "")
        for block in section.blocks:
            pages[block.id] = (page, block.id)
    for scenario in protocol.scenarios:
        pages[scenario.id] = (scenario_page(scenario.id), "")
    terms: dict[str, tuple[str, str, str]] = {}
    used: set[str] = set()
    for entry in protocol.glossary:
        anchor = f"term-{slug(entry.term, fallback='x')}"
        while anchor in used:
            anchor += "-x"
        used.add(anchor)
        for name in (entry.term, *entry.aliases):
            terms.setdefault(name.casefold(), (anchor, entry.term, entry.definition))
    return Places(numbers, pages, terms)


def inline_html(inlines: tuple[Inline, ...], where: Places, from_md: str) -> Markup:
    """Paragraph text as HTML: text escaped, references as links, terms as tooltips."""
    out: list[Markup] = []
    for node in inlines:
        if isinstance(node, Text):
            out.append(escape(clean_keep_edges(node.text)))
        elif isinstance(node, Ref):
            out.append(_ref(node.target, where, from_md))
        elif isinstance(node, Term):
            out.append(_term(node, where, from_md))
    return Markup("").join(out)


def clean_keep_edges(text: str) -> str:
    """Like clean() but keeps one leading/trailing space (text runs sit between links)."""
    inner = _SPACE.sub(" ", _CONTROL.sub("", text))
    return inner


def _ref(target: str, where: Places, from_md: str) -> Markup:
    number = where.numbers.get(target, target)
    if target not in where.pages:
        return escape(number)
    return Markup('<a class="xref" href="{}">{}</a>').format(where.link(from_md, target), number)


def _term(node: Term, where: Places, from_md: str) -> Markup:
    found = where.terms.get(node.term.casefold())
    if not found:
        return escape(clean_keep_edges(node.shown))
    anchor, term, definition = found
    return Markup('<a class="term" href="{}" title="{}">{}</a>').format(
        href(from_md, where.glossary_page, anchor), f"{term}: {clean(definition)}", clean_keep_edges(node.shown))


def shown_caption(para: Paragraph, numbers: dict[str, str] | None = None) -> str:
    """The label the website shows beside a paragraph's number: its own caption (caption="..." in its
    settings, checked by builder.check.captions), or one made from its first words."""
    return para.caption or first_words(para.inlines, numbers)


def first_words(inlines: tuple[Inline, ...], numbers: dict[str, str] | None = None, limit: int = 48) -> str:
    """The start of the first sentence, cut at a word and marked with an ellipsis when cut."""
    text = " ".join(inline_text(inlines, numbers).split())
    sentence = _SENTENCE_END.split(text, 1)[0].rstrip(".!?:;,")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
