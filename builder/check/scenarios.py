"""Rules for worked scenarios that need the whole model (vocabulary, cited ids, versions).

Each problem is reported at the line of the offending value in the scenario's
front matter (an unknown audience, a cited id), which the loader kept
(`Scenario.lines`); line 1 only when that is not known.
The rules that need the version history (C004 stale scenarios, C006 an unknown
version reviewed against) live in builder.check.history.
"""
from __future__ import annotations

from ..diagnostics import Collector, did_you_mean
from ..model import Paragraph, Protocol, Scenario, inline_text
from .sources import VOCABULARY, unreadable

MIN_WORDS, MAX_WORDS = 300, 700
# (Scenario attribute, vocabulary list, rule, word used in messages, front-matter key)
_TAG_LISTS = (("audiences", "audiences", "T001", "audience", "audience"),
          ("areas", "areas", "T004", "key area", "areas"),
          ("principles", "principles", "T002", "principle", "principles"))


def scenario_words(scenario: Scenario) -> int:
    """Words in all seven parts (headings and front matter not counted)."""
    return sum(len(inline_text(b.inlines).split()) for part in scenario.parts for b in part.passages)


def citable_ids(protocol: Protocol) -> set[str]:
    """Ids a scenario may cite: sections and numbered paragraphs (not sub-headings)."""
    return {s.id for s in protocol.sections} | {b.id for s in protocol.sections for b in s.blocks
                                                if isinstance(b, Paragraph)}


def check_scenarios(protocol: Protocol, diags: Collector) -> None:
    voc = protocol.vocabulary
    # a vocabulary.yaml that could not be read, or a list missing from it, is reported
    # there: every tag in every scenario would otherwise be "unknown" too
    vocabulary_lost = VOCABULARY in unreadable(diags)
    citable = citable_ids(protocol)
    for sc in protocol.scenarios:
        path = sc.source.path
        for attr, list_name, code, word, key in _TAG_LISTS:
            allowed = voc.ids(list_name)
            if vocabulary_lost or not allowed:
                continue
            for value in getattr(sc, attr):
                if value not in allowed:
                    diags.error(code, path, sc.lines.of(key, value, sc.source.line),
                                f"unknown {word} {value!r} in scenario {sc.id!r}",
                                did_you_mean(value, allowed) or f"Use one of the {list_name} in protocol_src/vocabulary.yaml.")
        for cited in sc.cites:
            line = sc.lines.of("cites", cited, sc.source.line)
            if cited not in citable:
                what = "a sub-heading, not a paragraph" if _is_heading(protocol, cited) else "not a paragraph or section"
                diags.error("C003", path, line, f"scenario {sc.id!r} cites {cited!r}, which is {what}",
                            did_you_mean(cited, citable) or "Check the paragraph id in protocol_src/ "
                            "(the {#id} at the start of the paragraph).")
        n = scenario_words(sc)
        if sc.parts and not MIN_WORDS <= n <= MAX_WORDS:
            diags.warning("C005", path, sc.source.line, f"scenario {sc.id!r} has {n} words",
                          f"Aim for {MIN_WORDS} to {MAX_WORDS} words: long enough to be real, short enough to read in a session.")


def _is_heading(protocol: Protocol, id_: str) -> bool:
    return any(b.id == id_ and not isinstance(b, Paragraph) for s in protocol.sections for b in s.blocks)
