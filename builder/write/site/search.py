"""The model -> the documents mkdocs-material's search indexes (search/search_index.json).

mkdocs-material would index each page's HTML, one entry per heading, and copy
the page's tags onto every entry. Here every quick answer, numbered paragraph,
scenario and glossary term is a document of its own, so that a result shows
the words that answer the question, not a section title with the answer
folded beneath it:

- title: the question, "9.5 Contacting a junior officer", "Scenario A5: ...";
- text: the answer, the paragraph's own text, the scenario's situation;
- tags: the document's own key words (its section's keywords that it uses) and
  the synonyms (protocol_src/synonyms.yaml) of the words it uses;
- boost: by kind, so a matching quick answer comes first, then paragraphs and
  scenarios, then pages that merely share a key word.

A document's location has no '#' (the theme shows a teaser only for a
document that stands alone); `?at=id` names the paragraph, and the site's
script moves to it (assets/js/protocol.js). The stop-word separator
(`separator`) makes the search drop words such as "can", "I" and "a" from a
query before matching: the theme adds a wildcard to every word it keeps, which
skips the index's own stop-word filter, so "a*" would otherwise match every page.
"""
from __future__ import annotations

import re
from html import escape, unescape

from ...model import Paragraph, Protocol, QuickAnswer, Scenario, Section, Term, inline_text
from ...number import letter
from ...phrases import Phrases
from .forms import WordForms
from .markup import Places, clean, html_path, shown_caption

# How much each kind of document counts (lunr's document boost), tuned with benchmarks/search.py.
BOOST = {"answer": 3.0, "paragraph": 1.5, "scenario": 1.2, "term": 0.8, "section": 0.8, "page": 1.0,
         "audience": 0.3, "changes": 0.1}

# lunr's English stop words (the index drops them) and the words of a question that carry no topic.
LUNR_STOP_WORDS = """a able about across after all almost also am among an and any are as at be because been but by
can cannot could dear did do does either else ever every for from get got had has have he her hers him his how
however i if in into is it its just least let like likely may me might most must my neither no nor not of off often
on only or other our own rather said say says she should since so some than that the their them then there these
they this tis to too twas us wants was we were what when where which while who whom why will with would yet you
your""".split()
QUESTION_WORDS = """s t d m ll re ve im ive id dont doesnt isnt cant wont shouldnt being having doing done going
gets getting here ought please really actually still even much many lot lots someone something anyone anything
somebody anybody thing things ok okay mine myself yourself want happens happen happened amp lt gt""".split()
STOP_WORDS = tuple(dict.fromkeys(LUNR_STOP_WORDS + QUESTION_WORDS))
_TAG = re.compile(r"<[^>]*>")
PUNCTUATION = r"""[\s\-–—.,;:!?()\[\]{}"“”‘’'/…&]+"""


def separator(stop_words: tuple[str, ...] = STOP_WORDS) -> str:
    """The search's separator: punctuation and white space, or a whole stop word (first letter either case)."""
    by_letter: dict[str, list[str]] = {}
    for word in sorted(stop_words, key=lambda w: (-len(w), w)):
        by_letter.setdefault(word[0], []).append(word[1:])
    groups = []
    for first, rests in sorted(by_letter.items()):
        rest = "|".join(r for r in rests if r)
        tail = f"(?:{rest})" + ("?" if "" in rests else "") if rest else ""
        groups.append(f"[{first}{first.upper()}]{tail}")
    return rf"{PUNCTUATION}|\b(?:{'|'.join(groups)})\b"


def search_documents(protocol: Protocol, numbers: dict[str, str], where: Places, pages: list[tuple]) -> list[dict]:
    """Every document of the index, best kinds first. `pages`: (path, title, text, kind, tags) of other pages."""
    docs = [answer_document(protocol, qa, numbers) for qa in protocol.answers]
    for section in protocol.sections:
        docs.append(section_document(section, numbers))
        docs += [paragraph_document(protocol, section, p, numbers) for p in section.paragraphs]
    docs += [scenario_document(protocol, sc, numbers) for sc in protocol.scenarios]
    docs += [term_document(g, where) for g in protocol.glossary]
    docs += [document(html_path(path), title, text, kind, tags) for path, title, text, kind, tags in pages]
    return add_forms(docs)


def add_forms(docs: list[dict]) -> list[dict]:
    """Give each document the other forms of the words of its title and text (builder.write.site.forms)."""
    shown = {id(d): unescape(_TAG.sub(" ", f"{d['title']} {d['text']}")) for d in docs}
    forms = WordForms(" ".join(shown.values()), STOP_WORDS)
    for d in docs:
        found = forms.of(shown[id(d)])
        if found:
            d["forms"] = found
    return docs


def document(location: str, title: str, text: str, kind: str, tags=(), synonyms=(), detail: str = "") -> dict:
    """One entry of search_index.json: title, text and tags escaped (the theme inserts them as HTML).

    `synonyms` and `detail` are fields of their own (weighed in mkdocs.yml), searched but never shown.
    """
    entry = {"location": location, "title": escape(clean(title), quote=False),
             "text": f"<p>{escape(clean(text), quote=False)}</p>" if text else "", "boost": BOOST[kind]}
    for name, words in (("tags", tags), ("synonyms", synonyms)):
        if words:
            entry[name] = [escape(w, quote=False) for w in dict.fromkeys(words)]
    if detail:
        entry["detail"] = escape(clean(detail), quote=False)
    return entry


def own_words(text: str, keywords, protocol: Protocol, inlines=()) -> tuple[list[str], list[str]]:
    """The keywords this text uses (its tags), and the readers' words for the words it uses (its synonyms).

    The synonyms include the other names of each glossary term the text marks ({{Head of Paid Service}}
    is also found as "Chief Executive").
    """
    found = Phrases(text)
    tags = [k.casefold() for k in keywords if found.uses(k)]
    synonyms = [w for entry in protocol.synonyms if found.uses(entry.term) for w in entry.alternatives]
    for name in dict.fromkeys(n.term.casefold() for group in inlines for n in group if isinstance(n, Term)):
        entry = protocol.glossary_entry(name)
        if entry is not None:
            synonyms += [w.casefold() for w in (entry.term, *entry.aliases) if w.casefold() != name]
    return tags, synonyms


def paragraph_text(para: Paragraph, numbers: dict[str, str]) -> str:
    items = " ".join(f"({letter(i)}) {inline_text(item.inlines, numbers)}" for i, item in enumerate(para.items))
    rows = " ".join("; ".join(inline_text(c, numbers) for c in row.cells) + "."
                    for row in para.table.all_rows) if para.table else ""
    return " ".join(t for t in (inline_text(para.inlines, numbers), items, rows) if t)


def paragraph_document(protocol: Protocol, section: Section, para: Paragraph, numbers: dict[str, str]) -> dict:
    caption = shown_caption(para, numbers)
    text = paragraph_text(para, numbers)
    location = f"{html_path(f'protocol/{section.id}.md')}?at={para.id}"
    marked = para.texts()
    tags, synonyms = own_words(f"{caption} {text}", section.keywords, protocol, marked)
    return document(location, f"{numbers[para.id]} {caption}", text, "paragraph", tags, synonyms)


def section_document(section: Section, numbers: dict[str, str]) -> dict:
    return document(html_path(f"protocol/{section.id}.md"), f"{numbers[section.id]}. {section.title}",
                    section.summary, "section", section.keywords)


def cited_keywords(protocol: Protocol, cites: tuple[str, ...]) -> list[str]:
    """The keywords of the sections that hold the cited paragraphs."""
    out: list[str] = []
    for cited in cites:
        section = protocol.section_of(cited)
        if section is not None:
            out.extend(section.keywords)
    return list(dict.fromkeys(out))


def answer_document(protocol: Protocol, qa: QuickAnswer, numbers: dict[str, str]) -> dict:
    text = inline_text(qa.answer, numbers)
    tags, synonyms = own_words(f"{qa.question} {text}", cited_keywords(protocol, qa.cites), protocol, (qa.answer,))
    return document(f"answers.html?at={qa.id}", qa.question, text, "answer", tags, synonyms)


def scenario_document(protocol: Protocol, scenario: Scenario, numbers: dict[str, str]) -> dict:
    def words(parts) -> str:
        return " ".join(inline_text(b.inlines, numbers) for part in parts for b in part.passages)

    teaser = words(p for p in scenario.parts if p.key == "situation")
    rest = words(p for p in scenario.parts if p.key != "situation")
    marked = tuple(b.inlines for part in scenario.parts for b in part.passages)
    tags, synonyms = own_words(f"{scenario.title} {teaser} {rest}", cited_keywords(protocol, scenario.cites), protocol,
                               marked)
    return document(html_path(f"scenarios/{scenario.id}.md"), f"Scenario {numbers[scenario.id]}: {scenario.title}",
                    teaser, "scenario", tags, synonyms, rest)


def term_document(entry, where: Places) -> dict:
    anchor = where.terms[entry.term.casefold()][0]
    return document(f"glossary.html?at={anchor}", f"Glossary: {entry.term}", entry.definition, "term",
                    (entry.term.casefold(), *(a.casefold() for a in entry.aliases)))
