"""Words and phrases as the website's search sees them.

The search splits text at spaces, hyphens and punctuation, lower-cases it and
matches the start of words ("declare" finds "declared"). The synonyms check
and the search documents both ask "does this text use this phrase?" this way.
"""
from __future__ import annotations

import bisect
import re

_WORD = re.compile(r"[a-z0-9£]+")


def words_of(text: str) -> list[str]:
    """Lower-case words, split where the search splits them."""
    return _WORD.findall(text.casefold().replace("’", "'"))


class Phrases:
    """The words of one text, indexed so that many phrases can be looked for quickly."""

    def __init__(self, text: str):
        self.words = words_of(text)
        self.sorted = sorted(set(self.words))
        self.at: dict[str, list[int]] = {}
        for i, w in enumerate(self.words):
            self.at.setdefault(w, []).append(i)

    def _starting(self, prefix: str) -> list[str]:
        i = bisect.bisect_left(self.sorted, prefix)
        out = []
        while i < len(self.sorted) and self.sorted[i].startswith(prefix):
            out.append(self.sorted[i])
            i += 1
        return out

    def uses(self, phrase: str) -> bool:
        """True when the phrase's words start consecutive words of the text."""
        wanted = words_of(phrase)
        if not wanted:
            return False
        firsts = self._starting(wanted[0])
        if len(wanted) == 1:
            return bool(firsts)
        words, n = self.words, len(wanted)
        for w in firsts:
            for i in self.at[w]:
                if i + n <= len(words) and all(words[i + k].startswith(wanted[k]) for k in range(1, n)):
                    return True
        return False
