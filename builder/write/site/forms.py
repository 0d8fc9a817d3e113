"""Other forms of a document's words, so that the search finds "emailing" in a text that says "email".

The theme's search matches the start of words: "email" finds "emails", but
"emailing" does not find "email", and "lobbied" does not find "lobbying". Its
stemmer would fix that and break plurals instead (a query's words are not
stemmed). So each document also carries the plain English forms of its words
(plural, -ed, -ing, and their bases), in a field of its own that is searched
but never shown.
"""
from __future__ import annotations

from ...phrases import words_of

VOWELS = set("aeiou")


def bases(word: str) -> set[str]:
    """The word, and what it may be a form of: gifts -> gift, declared -> declare, bullied -> bully."""
    out = {word}
    for suffix, replacements in (("ies", ("y",)), ("ied", ("y",)), ("es", ("", "e")), ("s", ("",)),
                                 ("ed", ("", "e")), ("ing", ("", "e")), ("d", ("",))):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out.update(stem + r for r in replacements)
            if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in VOWELS and suffix in ("ed", "ing"):
                out.add(stem[:-1])  # stopped -> stop
    return {b for b in out if len(b) >= 3}


def inflections(base: str) -> set[str]:
    """Plain English forms of a base: gift -> gifts; declare -> declares, declared, declaring; bully -> bullied."""
    if base.endswith("e"):
        return {base + "s", base + "d", base[:-1] + "ing"}
    if base.endswith("y") and base[-2:-1] not in VOWELS:
        return {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    out = {base + "s", base + "ed", base + "ing"}
    if base.endswith(("s", "x", "z", "ch", "sh")):
        out.add(base + "es")
    return out


class WordForms:
    """Word forms for the documents of one protocol: a base counts when the protocol uses it as a word."""

    def __init__(self, corpus: str, stop_words=()):
        self.stop = set(stop_words)
        self.known = {w for w in words_of(corpus) if w.isalpha()}
        self._forms: dict[str, frozenset[str]] = {}  # word -> its forms (the same words recur in many documents)

    def of(self, text: str) -> list[str]:
        """The forms of the text's words that the text does not already contain.

        A word that looks like a form of a shorter word the protocol uses (gifts, declared) adds the forms of
        that word; a word ending -s, -ed or -ing whose base the protocol never uses adds nothing; any other word
        adds its own forms (suspend: suspends, suspended). Adverbs (-ly) and short words add nothing.
        """
        words = {w for w in words_of(text) if w.isalpha() and len(w) >= 4 and w not in self.stop}
        found: set[str] = set()
        for w in words:
            forms = self._forms.get(w)
            if forms is None:
                forms = self._forms[w] = frozenset(self._word(w))
            found |= forms
        return sorted(found - words - self.stop)

    def _word(self, w: str) -> set[str]:
        if w.endswith("ly"):
            return set()
        known = {b for b in bases(w) - {w} if b in self.known}
        if not known and (w.endswith(("ed", "ing")) or (w.endswith("s") and not w.endswith("ss"))):
            return set()
        found: set[str] = set()
        for base in known or {w}:
            found |= inflections(base) | {base}
        return found
