"""How long the protocol is and how long its sentences are, as data (printed by `protocol trace`).

Counted over the numbered paragraphs (lead-in and sub-items; a paragraph's table is
not prose and is left out), with cross-references read as their numbers. A sentence
ends at '.', '!' or '?' followed by a space or the end of the text. Each sub-item
counts as a sentence of its own; `list_average` also gives the stricter figure that
reads a lead-in and all its sub-items as one sentence.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .model import Protocol, inline_text

_END = re.compile(r"(?<=[.!?])\s+")
_WORD = re.compile(r"[A-Za-z0-9](?:[\w'’-]*[A-Za-z0-9])?")


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    list_sentences: int  # sentences when a lead-in and its sub-items are one
    longest: tuple[int, str]  # (words, paragraph id) of the longest sentence

    @property
    def average(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def list_average(self) -> float:
        return self.words / self.list_sentences if self.list_sentences else 0.0


def _sentences(text: str) -> list[int]:
    """Word counts of the sentences in `text`."""
    counts = [len(_WORD.findall(s)) for s in _END.split(text.strip())]
    return [n for n in counts if n]


def readability(protocol: Protocol, nums: dict[str, str] | None = None) -> Readability:
    words = sentences = list_sentences = 0
    longest = (0, "")
    for section in protocol.sections:
        for para in section.paragraphs:
            lead = _sentences(inline_text(para.inlines, nums))
            items = [_sentences(inline_text(i.inlines, nums)) for i in para.items]
            for counts in (lead, *items):
                words += sum(counts)
                sentences += len(counts)
                for n in counts:
                    longest = max(longest, (n, para.id))
            # a lead-in's last sentence and its sub-items read as one sentence
            list_sentences += len(lead) + sum(len(c) for c in items) - (sum(len(c) > 0 for c in items)
                                                                        if items and lead else 0)
    return Readability(words, sentences, list_sentences, longest)
