"""The draft an import recognised, as the model every writer takes (builder.model.Protocol).

Sources point at the Word document: path the document's name, line its paragraph's position. Words in
the glossary-term style become {{term}} when the glossary holds the term (or its singular: "co-opted
members" is {{co-opted member|co-opted members}}); otherwise they stay text.
"""
from __future__ import annotations

from ..model import (GlossaryEntry, Heading, Metadata, Paragraph, Protocol, Ref, Section, Source, SubItem, Tags,
                     Term, Text, Vocabulary)
from .draft import Anchor, Definition, Draft, Marked, Para


def protocol_of(draft: Draft) -> Protocol:
    glossary = _glossary(draft)
    terms = {g.term.casefold(): g.term for g in glossary}
    sections = tuple(_section(draft, s, terms) for s in draft.sections)
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


def _section(draft: Draft, s, terms: dict[str, str]) -> Section:
    blocks = []
    for b in s.blocks:
        if isinstance(b, Para):
            items = tuple(SubItem(_inlines(i.pieces, terms), Source(draft.name, i.position)) for i in b.items)
            blocks.append(Paragraph(b.id, _inlines(b.pieces, terms), items, Tags(), Source(draft.name, b.position)))
        else:
            blocks.append(Heading(b.id, b.text, Source(draft.name, b.position)))
    return Section(s.id, s.title, "", (), Tags(), tuple(blocks), Source(draft.name, s.position))


def _inlines(pieces: list, terms: dict[str, str]) -> tuple:
    out: list = []
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


__all__ = ["protocol_of", "Definition", "Ref"]
