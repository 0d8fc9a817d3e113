"""Rules for worked scenarios that need the whole model (vocabulary, cited ids, versions).

Each problem is reported at the line of the offending value in the scenario's
front matter (an unknown audience, a cited id), which the loader kept
(`Scenario.lines`); line 1 only when that is not known.
Stale scenarios (C004) need release snapshots and live in builder.check.releases.
"""
from __future__ import annotations

from ..diagnostics import Collector, did_you_mean
from ..model import Paragraph, Protocol, Scenario, inline_text

MIN_WORDS, MAX_WORDS = 300, 700
HISTORY = "protocol_src/history.yaml"
# (Scenario attribute, vocabulary kind, rule, word used in messages, front-matter key)
_KINDS = (("audiences", "audiences", "T001", "audience", "audience"),
          ("areas", "areas", "T004", "key area", "areas"),
          ("principles", "principles", "T002", "principle", "principles"))


def scenario_words(scenario: Scenario) -> int:
    """Words in all seven parts (headings and front matter not counted)."""
    return sum(len(inline_text(b.inlines).split()) for part in scenario.parts for b in part.blocks)


def citable_ids(protocol: Protocol) -> set[str]:
    """Ids a scenario may cite: sections and numbered paragraphs (not sub-headings)."""
    return {s.id for s in protocol.sections} | {b.id for s in protocol.sections for b in s.blocks
                                                if isinstance(b, Paragraph)}


def check_scenarios(protocol: Protocol, diags: Collector) -> None:
    from . import VOCABULARY, unreadable  # here: builder.check imports this module

    voc = protocol.vocabulary
    # a vocabulary.yaml that could not be read, or a list missing from it, is reported
    # there: every tag in every scenario would otherwise be "unknown" too
    vocabulary_lost = VOCABULARY in unreadable(diags)
    # likewise a history.yaml with errors loses its releases: "never released" may be wrong
    history_lost = any(d.path == HISTORY and d.severity == "error" for d in diags.items)
    citable = citable_ids(protocol)
    versions = {r.version for r in protocol.history} | {protocol.meta.version}
    for sc in protocol.scenarios:
        path = sc.source.path
        for attr, kind, code, word, key in _KINDS:
            allowed = voc.ids(kind)
            if vocabulary_lost or not allowed:
                continue
            for value in getattr(sc, attr):
                if value not in allowed:
                    diags.error(code, path, sc.lines.of(key, value, sc.source.line),
                                f"unknown {word} {value!r} in scenario {sc.id!r}",
                                did_you_mean(value, allowed) or f"Use one of the {kind} in protocol_src/vocabulary.yaml.")
        for cited in sc.cites:
            line = sc.lines.of("cites", cited, sc.source.line)
            if cited not in citable:
                what = "a sub-heading, not a paragraph" if _is_heading(protocol, cited) else "not a paragraph or section"
                diags.error("C003", path, line, f"scenario {sc.id!r} cites {cited!r}, which is {what}",
                            did_you_mean(cited, citable) or "Check the paragraph id in protocol_src/ "
                            "(the {#id} at the start of the paragraph).")
        if sc.reviewed_against and sc.reviewed_against not in versions and not history_lost:
            known = sorted(versions)
            diags.error("C006", path, sc.lines.of("reviewed_against", sc.reviewed_against, sc.source.line),
                        f"scenario {sc.id!r} was reviewed against version {sc.reviewed_against!r}, which does not exist",
                        f"Use a released version or the current draft ({protocol.meta.version}); "
                        f"known versions: {', '.join(known)}.")
        n = scenario_words(sc)
        if sc.parts and not MIN_WORDS <= n <= MAX_WORDS:
            diags.warning("C005", path, sc.source.line, f"scenario {sc.id!r} has {n} words",
                          f"Aim for {MIN_WORDS} to {MAX_WORDS} words: long enough to be real, short enough to read in a session.")


def _is_heading(protocol: Protocol, id_: str) -> bool:
    return any(b.id == id_ and not isinstance(b, Paragraph) for s in protocol.sections for b in s.blocks)
