"""Model -> diagnostics. `check_root(root)` loads and runs every rule.

Rules that need only one file run while loading (builder.load); the rules here
need the whole model: ids across files, references, vocabulary, traceability.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector, did_you_mean
from ..load import SRC, load_root
from ..load.yamlsrc import front_matter_positions
from ..model import Heading, Paragraph, Protocol, Ref, Source, Term, inline_text
from ..load.text import sentences
from .answers import check_answers
from .captions import check_captions
from .scenarios import check_scenarios
from .synonyms import check_synonyms

LONG_SENTENCE = 35
# Codes meaning "this file could not be read at all": rules that depend on the file's
# content stay quiet rather than report a cascade of follow-on problems.
UNREADABLE = {"S001", "S002", "S005", "S006", "S007"}
GLOSSARY = f"{SRC}/glossary.yaml"
VOCABULARY = f"{SRC}/vocabulary.yaml"


def unreadable(diags: Collector) -> set[str]:
    """Paths of source files that could not be read or parsed (already reported)."""
    return {d.path for d in diags.items if d.code in UNREADABLE}


def damaged(diags: Collector, path: str) -> bool:
    """True when `path` could not be read, or its top-level shape is wrong (already reported)."""
    return any(d.path == path and d.severity == "error" and (d.code in UNREADABLE or d.code == "M003")
               for d in diags.items)


def check_root(root: Path | str) -> tuple[Protocol, Collector]:
    protocol, diags = load_root(root)
    check_model(protocol, diags)
    return protocol, diags


def check_model(protocol: Protocol, diags: Collector) -> None:
    check_ids(protocol, diags)
    check_sections(protocol, diags)
    check_references(protocol, diags)
    check_vocabulary(protocol, diags)
    check_text(protocol, diags)
    check_trace(protocol, diags)
    check_scenarios(protocol, diags)
    check_answers(protocol, diags)
    check_captions(protocol, diags)
    check_synonyms(protocol, diags)
    from .releases import check_releases  # imported late: it loads release snapshots
    check_releases(protocol, diags)


def all_ids(protocol: Protocol) -> list[tuple[str, str, Source]]:
    """(id, what, where) for every id-bearing element."""
    out: list[tuple[str, str, Source]] = []
    for s in protocol.sections:
        out.append((s.id, "section", s.source))
        for b in s.blocks:
            out.append((b.id, "paragraph" if isinstance(b, Paragraph) else "heading", b.source))
    for sc in protocol.scenarios:
        out.append((sc.id, "scenario", sc.source))
    for qa in protocol.answers:
        out.append((qa.id, "quick answer", Source(qa.source.path, qa.line_of("id"))))
    return out


def check_ids(protocol: Protocol, diags: Collector) -> None:
    first: dict[str, tuple[str, Source]] = {}
    for id_, what, src in all_ids(protocol):
        if id_.startswith("_line-"):
            continue  # already reported as I003
        if id_ in first:
            other_what, other = first[id_]
            diags.error("I001", src.path, src.line, f"id {id_!r} is already used by the {other_what} at {other}",
                        "Ids must be unique: give one of them a new id (never reuse an old one).")
            diags.error("I001", other.path, other.line, f"id {id_!r} is used again by the {what} at {src}",
                        "Ids must be unique: give one of them a new id (never reuse an old one).")
        else:
            first[id_] = (what, src)


def check_sections(protocol: Protocol, diags: Collector) -> None:
    for s in protocol.sections:
        if not s.paragraphs:
            diags.error("L003", s.source.path, s.source.line, f"section {s.id!r} has no numbered paragraphs",
                        "Add at least one paragraph starting with {#an-id}, or remove the section from protocol.yaml.")


def _inline_groups(protocol: Protocol):
    """(inlines, where, owner id) for every run of text in sections and scenarios."""
    for s in protocol.sections:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                yield b.inlines, b.source, b.id
                for item in b.items:
                    yield item.inlines, item.source, b.id
    for sc in protocol.scenarios:
        for part in sc.parts:
            for block in part.blocks:
                yield block.inlines, block.source, sc.id
    for qa in protocol.answers:
        yield qa.answer, Source(qa.source.path, qa.line_of("answer")), qa.id


def check_references(protocol: Protocol, diags: Collector) -> None:
    headings = {b.id for s in protocol.sections for b in s.blocks if isinstance(b, Heading)}
    known = {id_ for id_, _, _ in all_ids(protocol) if not id_.startswith("_line-")} - headings
    # a section file that could not be read (or is missing) takes its ids with it:
    # references to them would all be reported again as unknown
    sections_lost = any(d.code in UNREADABLE - {"S002"} and d.path.startswith(f"{SRC}/") and d.path.endswith(".md")
                        or d.code == "L001" for d in diags.items)
    glossary_lost = damaged(diags, GLOSSARY) and not protocol.glossary
    for inlines, src, owner in _inline_groups(protocol):
        for node in inlines:
            if isinstance(node, Ref):
                if node.target in headings:
                    diags.error("R001", src.path, src.line,
                                f"cross-reference [[{node.target}]] names a sub-heading, which has no number",
                                "Refer to the paragraph under the heading, or to the section.")
                elif node.target not in known:
                    if sections_lost:
                        continue
                    hint = did_you_mean(node.target, known) or "Check the id in the file that holds the paragraph."
                    diags.error("R001", src.path, src.line, f"cross-reference [[{node.target}]] names no paragraph or section",
                                hint)
                elif node.target == owner:
                    diags.error("R004", src.path, src.line, f"{owner!r} refers to itself",
                                "Remove the reference, or point it at the paragraph you meant.")
            elif isinstance(node, Term) and not glossary_lost and protocol.glossary_entry(node.term) is None:
                terms = [g.term for g in protocol.glossary]
                hint = did_you_mean(node.term, terms) or "Add the term to protocol_src/glossary.yaml, or remove the {{ }}."
                diags.error("R002", src.path, src.line, f"{{{{{node.term}}}}} is not in the glossary", hint)


# (Tags attribute, rule, word used in messages, front-matter key)
_VOCAB = (("audiences", "T001", "audience", "audience"), ("principles", "T002", "principle", "principles"),
          ("objectives", "T003", "objective", "objectives"))


def check_vocabulary(protocol: Protocol, diags: Collector) -> None:
    if VOCABULARY in unreadable(diags):
        return  # every tag would be "unknown": the broken file is already reported
    voc = protocol.vocabulary
    for s in protocol.sections:
        if _has_unknown(voc, s.tags):  # the file is read again only to place a problem at its line
            positions = front_matter_positions(protocol.root, s.source.path) if protocol.root else {}
        else:
            positions = {}
        _tags(voc, s.tags, s.source, diags, positions)
        for p in s.paragraphs:
            _tags(voc, p.tags, p.source, diags)
    ids = voc.ids("audiences")
    for a in voc.audiences:
        if a.part_of and a.part_of not in ids:
            diags.error("T001", a.source.path, a.source.line, f"audience {a.id!r} is part of unknown audience {a.part_of!r}",
                        did_you_mean(a.part_of, ids) or "Name an audience defined in this file.")


def _has_unknown(voc, tags) -> bool:
    """Whether `_tags` would report anything for these tags."""
    for kind, _, _, _ in _VOCAB:
        allowed = voc.ids(kind)
        if allowed and any(value not in allowed for value in getattr(tags, kind)):
            return True
    return False


def _tags(voc, tags, src: Source, diags: Collector, positions: dict | None = None) -> None:
    """Unknown tag values; `positions` (front matter) puts each at its own line."""
    for kind, code, word, key in _VOCAB:
        allowed = voc.ids(kind)
        if not allowed:
            continue  # the list is missing from vocabulary.yaml (reported there): not every value is wrong
        for value in getattr(tags, kind):
            if value not in allowed:
                line = src.line
                if positions and key in positions:
                    kline, values = positions[key]
                    line = next((ln for v, ln in values if v == value), kline)
                hint = did_you_mean(value, allowed) or f"Use one of the {kind} in protocol_src/vocabulary.yaml."
                diags.error(code, src.path, line, f"unknown {word} {value!r}", hint)


def check_text(protocol: Protocol, diags: Collector) -> None:
    answers = {qa.id for qa in protocol.answers}  # quick answers have a stricter limit of their own (Q004)
    for inlines, src, owner in _inline_groups(protocol):
        if owner in answers:
            continue
        text = inline_text(inlines)
        for sentence in sentences(text):
            count = len(sentence.split())
            if count > LONG_SENTENCE:
                diags.warning("X002", src.path, src.line,
                              f"a sentence of {count} words: \"{' '.join(sentence.split()[:8])} …\"",
                              f"Plain English: split it into sentences of {LONG_SENTENCE} words or fewer.")
    if unreadable(diags) - {GLOSSARY}:
        return  # some text could not be read: "never used" may be wrong
    used = {n.term.casefold() for inlines, _, _ in _inline_groups(protocol) for n in inlines if isinstance(n, Term)}
    for g in protocol.glossary:
        names = {g.term.casefold(), *(a.casefold() for a in g.aliases)}
        if not names & used:
            diags.warning("X005", g.source.path, g.source.line, f"glossary term {g.term!r} is never used in the text",
                          "Mark a use of it as {{" + g.term + "}}, or remove it from the glossary.")


def trace(protocol: Protocol) -> dict[str, list[str]]:
    """Objective id -> ids of the paragraphs that serve it (section tags count for every paragraph)."""
    out: dict[str, list[str]] = {o.id: [] for o in protocol.vocabulary.objectives}
    for s in protocol.sections:
        for p in s.paragraphs:
            for obj in protocol.effective_tags(s, p).objectives:
                out.setdefault(obj, []).append(p.id)
    return out


def check_trace(protocol: Protocol, diags: Collector) -> None:
    if not protocol.sections or unreadable(diags):
        return  # with a file unread, "served by no paragraph" may be wrong
    served = trace(protocol)
    for obj in protocol.vocabulary.objectives:
        if not served.get(obj.id):
            diags.warning("T006", obj.source.path, obj.source.line, f"objective {obj.id} is served by no paragraph",
                          f"Tag the paragraphs that serve it with objectives={obj.id}, or explain why it is not needed.")
