"""Search synonyms: every word on the left of protocol_src/synonyms.yaml must be one the protocol uses (W001).

A word the protocol never uses can never lead a reader anywhere: it is a typing
mistake, or the word was taken out of the text.
"""
from __future__ import annotations

from ..diagnostics import Collector
from ..model import Protocol, inline_text
from ..phrases import Phrases
from .sources import inline_groups


def used_text(protocol: Protocol) -> str:
    """Every word a reader can find: sections, paragraphs, quick answers, scenarios and the glossary."""
    parts = [inline_text(inlines) for inlines, _, _ in inline_groups(protocol)]
    parts += [s.title + " " + s.summary + " " + " ".join(s.keywords) for s in protocol.sections]
    parts += [b.caption for s in protocol.sections for b in s.paragraphs]
    parts += [qa.question for qa in protocol.answers] + [sc.title for sc in protocol.scenarios]
    parts += [g.term + " " + " ".join(g.aliases) + " " + g.definition for g in protocol.glossary]
    return " ".join(parts)


def check_synonyms(protocol: Protocol, diags: Collector) -> None:
    if not protocol.synonyms:
        return
    text = Phrases(used_text(protocol))
    for entry in protocol.synonyms:
        if not text.uses(entry.term):
            diags.error("W001", entry.source.path, entry.source.line,
                        f"the protocol never uses {entry.term!r}, so its synonyms can lead nowhere",
                        "Put on the left a word or phrase the protocol uses (a section, quick answer, scenario or "
                        "the glossary), and readers' words for it on the right.")
