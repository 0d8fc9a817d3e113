"""The rules on one source tree as a whole: ids across files, sections, references, vocabulary, text, traceability.

Rules that need only one file run while loading (builder.load). These need the
whole model, and run on the draft and on any other tree given to `protocol diff`.
"""
from __future__ import annotations

import re

from ..diagnostics import Collector, did_you_mean
from ..load import SRC
from ..load.settings import OPTIONAL_LISTS
from ..load.inlines import sentences
from ..model import Heading, Lines, Paragraph, Protocol, Ref, Source, Term, all_ids, inline_text
from ..number import numbers

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


_DUPLICATE_HINT = ("Ids must be unique: run `protocol ids`, which gives the copy a fresh id (the one in the last "
                   "release keeps its id), or give one of them a new id yourself (never reuse an old one).")
_DUPLICATE_FILE_HINT = "Ids must be unique: rename one of the two files (never reuse an old id)."


def check_ids(protocol: Protocol, diags: Collector) -> None:
    first: dict[str, tuple[str, Source]] = {}
    for id_, what, src in all_ids(protocol):
        if id_.startswith("_line-"):
            continue  # already reported as I003
        if id_ in first:
            other_what, other = first[id_]
            hint = _DUPLICATE_HINT if {what, other_what} & {"paragraph", "heading"} else _DUPLICATE_FILE_HINT
            diags.error("I001", src.path, src.line, f"id {id_!r} is already used by the {other_what} at {other}", hint)
            diags.error("I001", other.path, other.line, f"id {id_!r} is used again by the {what} at {src}", hint)
        else:
            first[id_] = (what, src)


def check_sections(protocol: Protocol, diags: Collector) -> None:
    for s in protocol.sections:
        if not s.paragraphs:
            diags.error("L003", s.source.path, s.source.line, f"section {s.id!r} has no numbered paragraphs",
                        "Add at least one paragraph starting with {#an-id}, or remove the section from protocol.yaml.")


def inline_groups(protocol: Protocol):
    """(inlines, where, owner id) for every run of text in sections, scenarios and quick answers."""
    for s in protocol.sections:
        for b in s.blocks:
            if isinstance(b, Paragraph):
                yield b.inlines, b.source, b.id
                for item in b.items:
                    yield item.inlines, item.source, b.id
                for row in b.table.all_rows if b.table else ():
                    for cell in row.cells:
                        yield cell, row.source, b.id
    for sc in protocol.scenarios:
        for part in sc.parts:
            for block in part.passages:
                yield block.inlines, block.source, sc.id
    for qa in protocol.answers:
        yield qa.answer, Source(qa.source.path, qa.lines.of("answer", default=qa.source.line)), qa.id


def check_references(protocol: Protocol, diags: Collector, previous: Protocol | None = None) -> None:
    """[[id]] and {{term}} name something; `previous` (the latest release) says where a deleted id was."""
    headings = {b.id for s in protocol.sections for b in s.blocks if isinstance(b, Heading)}
    # what [[id]] may name: sections, paragraphs and scenarios (a quick answer has no number to show)
    known = {id_ for id_, what, _ in all_ids(protocol)
             if not id_.startswith("_line-") and what != "quick answer"} - headings
    # a section file that could not be read (or is missing) takes its ids with it:
    # references to them would all be reported again as unknown
    sections_lost = any(d.code in UNREADABLE - {"S002"} and d.path.startswith(f"{SRC}/") and d.path.endswith(".md")
                        or d.code == "L001" for d in diags.items)
    glossary_lost = damaged(diags, GLOSSARY) and not protocol.glossary
    for inlines, src, owner in inline_groups(protocol):
        for node in inlines:
            if isinstance(node, Ref):
                if node.target in headings:
                    diags.error("R001", src.path, src.line,
                                f"cross-reference [[{node.target}]] names a sub-heading, which has no number",
                                "Refer to the paragraph under the heading, or to the section.")
                elif node.target not in known:
                    if sections_lost:
                        continue
                    _unknown_reference(node.target, src, known, previous, diags)
                elif node.target == owner:
                    diags.error("R004", src.path, src.line, f"{owner!r} refers to itself",
                                "Remove the reference, or point it at the paragraph you meant.")
            elif isinstance(node, Term) and not glossary_lost and protocol.glossary_entry(node.term) is None:
                terms = [g.term for g in protocol.glossary]
                hint = did_you_mean(node.term, terms) or "Add the term to protocol_src/glossary.yaml, or remove the {{ }}."
                diags.error("R002", src.path, src.line, f"{{{{{node.term}}}}} is not in the glossary", hint)


def _unknown_reference(target: str, src: Source, known: set[str], previous: Protocol | None,
                       diags: Collector) -> None:
    """R001 for [[target]]: an id deleted in this draft (it is in the latest release), or one never known."""
    was = _where_it_was(previous, target) if previous is not None else ""
    if was:
        diags.error("R001", src.path, src.line, f"cross-reference [[{target}]] names {was}, which was deleted in "
                    "this draft", "Point the reference at the text that replaces it, or take the reference out.")
        return
    hint = did_you_mean(target, known) or "Check the id in the file that holds the paragraph."
    diags.error("R001", src.path, src.line, f"cross-reference [[{target}]] names no paragraph or section", hint)


def _where_it_was(previous: Protocol, target: str) -> str:
    """'paragraph 3.2 of release 1.1 (in section 3, Roles)', or '' when the release has no such id."""
    section = previous.section_of(target)
    if section is None:
        return ""
    shown, version = numbers(previous), previous.meta.version
    if section.id == target:
        return f"section {shown[target]} of release {version} ({section.title})"
    place = f"in section {shown[section.id]}, {section.title}"
    block = next(b for b in section.blocks if b.id == target)
    if isinstance(block, Paragraph):
        return f"paragraph {shown[target]} of release {version} ({place})"
    return f"a sub-heading of release {version} ({place})"


# (Tags attribute, rule, word used in messages, front-matter key)
_VOCAB = (("audiences", "T001", "audience", "audience"), ("principles", "T002", "principle", "principles"),
          ("objectives", "T003", "objective", "objectives"), ("obligations", "T007", "obligation", "obligations"))


def check_vocabulary(protocol: Protocol, diags: Collector) -> None:
    if VOCABULARY in unreadable(diags):
        return  # every tag would be "unknown": the broken file is already reported
    voc = protocol.vocabulary
    for s in protocol.sections:
        _tags(voc, s.tags, s.source, diags, s.lines)
        for p in s.paragraphs:
            _tags(voc, p.tags, p.source, diags)
    ids = voc.ids("audiences")
    for a in voc.audiences:
        if a.part_of and a.part_of not in ids:
            diags.error("T001", a.source.path, a.source.line, f"audience {a.id!r} is part of unknown audience {a.part_of!r}",
                        did_you_mean(a.part_of, ids) or "Name an audience defined in this file.")


def _tags(voc, tags, src: Source, diags: Collector, lines: Lines = Lines()) -> None:
    """Unknown tag values, each at its own line in the front matter when `lines` says where it is."""
    for list_name, code, word, key in _VOCAB:
        allowed = voc.ids(list_name)
        if not allowed and list_name not in OPTIONAL_LISTS:
            continue  # the list is missing from vocabulary.yaml (reported there): not every value is wrong
        for value in getattr(tags, list_name):
            if value not in allowed:
                line = lines.of(key, value, src.line)
                hint = did_you_mean(value, allowed) or (
                    f"Use one of the {list_name} in protocol_src/vocabulary.yaml." if allowed
                    else f"protocol_src/vocabulary.yaml has no '{list_name}:' list yet: add one that defines it.")
                diags.error(code, src.path, line, f"unknown {word} {value!r}", hint)


def check_text(protocol: Protocol, diags: Collector) -> None:
    answers = {qa.id for qa in protocol.answers}  # quick answers have a stricter limit of their own (Q004)
    for inlines, src, owner in inline_groups(protocol):
        if owner in answers:
            continue
        text = inline_text(inlines)
        if len(text.split()) <= LONG_SENTENCE:
            continue  # no sentence of it can be longer than the whole text
        for sentence in sentences(text):
            count = len(sentence.split())
            if count > LONG_SENTENCE:
                diags.warning("X002", src.path, src.line,
                              f"a sentence of {count} words: \"{' '.join(sentence.split()[:8])} …\"",
                              f"Plain English: split it into sentences of {LONG_SENTENCE} words or fewer.")
    if unreadable(diags) - {GLOSSARY}:
        return  # some text could not be read: "never used" may be wrong
    used = {n.term.casefold() for inlines, _, _ in inline_groups(protocol) for n in inlines if isinstance(n, Term)}
    for g in protocol.glossary:
        names = {g.term.casefold(), *(a.casefold() for a in g.aliases)}
        if not names & used:
            diags.warning("X005", g.source.path, g.source.line, f"glossary term {g.term!r} is never used in the text",
                          "Mark a use of it as {{" + g.term + "}}, or remove it from the glossary.")


_MUST = re.compile(r"\bmust\b", re.IGNORECASE)
_QUOTED_MUST = re.compile(r"[\"'\u2018\u201c]must[\"'\u2019\u201d]", re.IGNORECASE)


def states_a_duty(protocol: Protocol, para: Paragraph) -> bool:
    """Whether a paragraph says "must" (the word itself in quotes, as when explaining the convention, is not a duty)."""
    text = " ".join(inline_text(t) for t in para.texts())
    # a quoted "must" is itself a whole word "must", so a text with none says no duty, and needs no clean-up
    return bool(_MUST.search(text)) and bool(_MUST.search(_QUOTED_MUST.sub("", text)))


def check_duties(protocol: Protocol, diags: Collector) -> None:
    """Teeth: every paragraph that says "must" names the code obligation(s) whose breach it can evidence, and a
    paragraph tagged with an obligation states a duty ("must"); only when vocabulary.yaml lists obligations."""
    if not protocol.vocabulary.obligations or VOCABULARY in unreadable(diags):
        return
    for s in protocol.sections:
        for p in s.paragraphs:
            duty, tagged = states_a_duty(protocol, p), bool(protocol.effective_tags(s, p).obligations)
            if duty and not tagged:
                diags.warning("T008", p.source.path, p.source.line,
                              f"paragraph {p.id!r} says 'must' but names no code obligation",
                              "Add obligations=… with the member code obligation or officer rule its breach would "
                              "evidence (see vocabulary.yaml), or write 'should' if it is good practice, not a duty.")
            elif tagged and not duty and p.tags.obligations:
                diags.warning("T008", p.source.path, p.source.line,
                              f"paragraph {p.id!r} names a code obligation but states no duty ('must')",
                              "Remove obligations=… from a paragraph of good practice, or say what must be done.")


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
