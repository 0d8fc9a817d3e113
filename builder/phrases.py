"""Words and phrases as the website's search sees them.

The search splits text at spaces, hyphens and punctuation, lower-cases it and
matches the start of words ("declare" finds "declared"). The synonyms check
and the search documents both ask "does this text use this phrase?" this way.
"""
from __future__ import annotations

import re

_WORD = re.compile(r"[a-z0-9£]+")


def words_of(text: str) -> list[str]:
    """Lower-case words, split where the search splits them."""
    return _WORD.findall(text.casefold().replace("’", "'"))


class Phrases:
    """The words of one text, kept so that many phrases can be looked for quickly: the text is lower-cased once,
    and each phrase is one regular-expression search (in C) for its words with gaps between them."""

    def __init__(self, text: str):
        self.text = text.casefold()

    def uses(self, phrase: str) -> bool:
        """True when the phrase's words start consecutive words of the text."""
        wanted = words_of(phrase)
        if not wanted:
            return False
        # each word is the start of a text word ("[a-z0-9£]*": the rest of it), then a gap ("[^a-z0-9£]+")
        pattern = re.compile("[a-z0-9£]*[^a-z0-9£]+".join(re.escape(w) for w in wanted))
        text, at = self.text, 0
        while (m := pattern.search(text, at)) is not None:
            start = m.start()
            if start == 0 or not _WORD.match(text, start - 1):  # the first word starts a word of the text
                return True
            at = start + 1  # a match may start inside this one
        return False
