"""Rules for worked scenarios that need the whole model (vocabulary, cited ids, versions)."""
from __future__ import annotations

from ..diagnostics import Collector, did_you_mean
from ..model import Paragraph, Protocol, inline_text

MIN_WORDS, MAX_WORDS = 300, 700
_KINDS = (("audiences", "audiences", "T001", "audience"), ("areas", "areas", "T004", "key area"),
          ("principles", "principles", "T002", "principle"))


def scenario_words(scenario) -> int:
    return sum(len(inline_text(b.inlines).split()) for part in scenario.parts for b in part.blocks)


def check_scenarios(protocol: Protocol, diags: Collector) -> None:
    voc = protocol.vocabulary
    citable = {s.id for s in protocol.sections} | {b.id for s in protocol.sections for b in s.blocks
                                                   if isinstance(b, Paragraph)}
    versions = {r.version for r in protocol.history} | {protocol.meta.version}
    for sc in protocol.scenarios:
        src = sc.source
        for attr, kind, code, word in _KINDS:
            allowed = voc.ids(kind)
            for value in getattr(sc, attr):
                if value not in allowed:
                    diags.error(code, src.path, src.line, f"unknown {word} {value!r} in scenario {sc.id!r}",
                                did_you_mean(value, allowed) or f"Use one of the {kind} in protocol_src/vocabulary.yaml.")
        for cited in sc.cites:
            if cited not in citable:
                diags.error("C003", src.path, src.line, f"scenario {sc.id!r} cites {cited!r}, which is not a paragraph or section",
                            did_you_mean(cited, citable) or "Check the paragraph id in protocol_src/.")
        if sc.reviewed_against and sc.reviewed_against not in versions:
            diags.error("C006", src.path, src.line,
                        f"scenario {sc.id!r} was reviewed against version {sc.reviewed_against!r}, which does not exist",
                        f"Use a released version or the current draft ({protocol.meta.version}).")
        n = scenario_words(sc)
        if sc.parts and not MIN_WORDS <= n <= MAX_WORDS:
            diags.warning("C005", src.path, src.line, f"scenario {sc.id!r} has {n} words",
                          f"Aim for {MIN_WORDS} to {MAX_WORDS} words: long enough to be real, short enough to read in a session.")
