"""The draft an import recognised, as the model every writer takes (builder.model.Protocol).

Sources point at the Word document: path the document's name, line its paragraph's position. Words in
the glossary-term style (the toolkit's own documents) become {{term}} when the glossary holds the term
(or its singular: "co-opted members" is {{co-opted member|co-opted members}}); otherwise they stay text.
A document with no such style gets its glossary terms marked where they are used: the first use of each
term in each section, matched as a whole word (and its plural), in any case for a term
written in lower case, with either case of its first letter for words capitalised as a sentence ("Duty
officer"), and exactly for any other ("Monitoring Officer", "Cabinet": "cabinet" is not the Cabinet).
"""
from __future__ import annotations

import re

from ..model import (GlossaryEntry, Heading, Metadata, Paragraph, Protocol, Ref, Section, Source, SubItem, Table,
                     TableRow, Tags, Term, Text, Vocabulary)

from .draft import Anchor, Definition, Draft, Marked, Para


def protocol_of(draft: Draft) -> Protocol:
    glossary = _glossary(draft)
    terms = {g.term.casefold(): g.term for g in glossary}
    marked = any(isinstance(p, Marked) for s in draft.sections for b in s.paragraphs
                 for p in b.pieces + [q for i in b.items for q in i.pieces]
                 + [q for r in b.table for c in r for q in c.pieces])
    finder = _Finder([g.term for g in glossary]) if glossary and not marked else None
    sections = tuple(_section(draft, s, terms, finder) for s in draft.sections)
    if finder is not None and finder.count:
        draft.note(0, "", f"{finder.count} uses of glossary terms marked as {{{{term}}}} (the first use of each "
                          "term in each section)", "info")
    m = draft.meta
    meta = Metadata(m["title"], m["council"], m["owner"], m["version"], "draft", m["date"],
                    m.get("constitution_part", ""), "en-GB", tuple(s.id for s in sections),
                    tuple(draft.dates), Source(draft.name, 0))
    return Protocol(meta, sections, glossary, (), Vocabulary(), ())


def _glossary(draft: Draft) -> tuple[GlossaryEntry, ...]:
    out: list[GlossaryEntry] = []
    seen: set[str] = set()
    for d in draft.glossary:
        key = d.term.casefold()
        if key in seen:
            draft.note(d.position, d.term, f"the term '{d.term}' is defined twice: the first definition is kept")
            continue
        seen.add(key)
        out.append(GlossaryEntry(d.term, " ".join(d.definition.split()), (), Source(draft.name, d.position)))
    return tuple(out)


def _section(draft: Draft, s, terms: dict[str, str], finder) -> Section:
    blocks = []
    if finder is not None:
        finder.used = set()  # each term is marked once per section
    for b in s.blocks:
        if isinstance(b, Para):
            items = tuple(SubItem(_inlines(i.pieces, terms, finder), Source(draft.name, i.position))
                          for i in b.items)
            blocks.append(Paragraph(b.id, _inlines(b.pieces, terms, finder), items, Tags(),
                                    Source(draft.name, b.position), _table(draft, b, terms, finder)))
        else:
            blocks.append(Heading(b.id, b.text, Source(draft.name, b.position)))
    return Section(s.id, s.title, "", (), Tags(), tuple(blocks), Source(draft.name, s.position))


def _table(draft: Draft, b: Para, terms: dict[str, str], finder) -> Table | None:
    """The draft paragraph's table (its cells' inline content, glossary terms marked as in its text), or None."""
    if not b.table:
        return None
    rows = [TableRow(tuple(_inlines(c.pieces, terms, finder) if c.pieces else () for c in r),
                     Source(draft.name, b.table_position)) for r in b.table]
    return Table(rows[0], tuple(rows[1:]))


def _inlines(pieces: list, terms: dict[str, str], finder=None) -> tuple:
    out: list = []
    if finder is not None:
        pieces = finder.mark(pieces)
    for p in pieces:
        if isinstance(p, Marked):
            term = _term(p.text, terms)
            node = Term(term, p.text) if term else Text(p.text)
        elif isinstance(p, Anchor):
            node = Text(p.text)
        else:
            node = p
        if isinstance(node, Text) and out and isinstance(out[-1], Text):
            out[-1] = Text(out[-1].text + node.text)
        elif not (isinstance(node, Text) and not node.text):
            out.append(node)
    if out and isinstance(out[0], Text):
        out[0] = Text(out[0].text.lstrip())
    if out and isinstance(out[-1], Text):
        out[-1] = Text(out[-1].text.rstrip())
    return tuple(n for n in out if not (isinstance(n, Text) and not n.text))


def _term(shown: str, terms: dict[str, str]) -> str:
    key = " ".join(shown.split()).casefold()
    if key in terms:
        return terms[key]
    candidates = [t for k, t in terms.items() if key.startswith(k) and len(key) - len(k) <= 3]
    return max(candidates, key=len) if candidates else ""


def _words(text: str) -> str:
    """A pattern for these words with any white space between them."""
    return r"\s+".join(re.escape(w) for w in text.split(" "))


class _Finder:
    """Marks glossary terms in plain text: one regular expression for every term, longest first."""

    def __init__(self, terms: list[str]):
        parts = []
        for term in sorted(terms, key=len, reverse=True):
            body = _words(term[1:])
            if term == term.lower():
                parts.append(f"(?i:{_words(term)})")
            elif " " in term and term[1:] == term[1:].lower() and term[:1].isalpha():  # "Duty officer": "duty officer"
                parts.append(f"[{term[0].upper()}{term[0].lower()}]{body}")
            else:
                parts.append(_words(term))
        self.pattern = re.compile(r"(?<![\w{|-])(" + "|".join(parts) + r")(?:e?s)?(?![\w}|-])")
        self.lookup = {t.casefold(): t for t in terms}
        self.count = 0
        self.used: set[str] = set()

    def mark(self, pieces: list) -> list:
        out: list = []
        used = self.used
        for p in pieces:
            if not isinstance(p, Text):
                out.append(p)
                continue
            pos = 0
            for m in self.pattern.finditer(p.text):
                term = self.lookup.get(" ".join(m.group(1).split()).casefold())
                if term is None or term in used:
                    continue
                used.add(term)
                self.count += 1
                out += [Text(p.text[pos:m.start()]), Term(term, m.group(0))]
                pos = m.end()
            out.append(Text(p.text[pos:]))
        return out


__all__ = ["protocol_of", "Definition", "Ref"]
