"""One slug: the words of a text, lower-case ASCII joined by hyphens, for ids, anchors and file names."""
from __future__ import annotations

import re
import unicodedata

# Words an id made from a paragraph's text leaves out ("You must tell the officer" -> "tell-officer").
STOP_WORDS = frozenset(
    "a an the and or of to in on for with by at is are be as it this that these those you your we our they their "
    "will must should may can not do does if when all any from has have".split())


def slug(text: str, *, fallback: str, max_words: int | None = None, max_len: int | None = None,
         stop_words: frozenset[str] = frozenset()) -> str:
    """'Gifts & hospitality: the café' -> 'gifts-hospitality-the-cafe' (accents dropped, not the letter).

    `max_words` and `max_len` shorten it, `stop_words` leaves words out; `fallback` when no word is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = [w for w in re.findall(r"[a-z0-9]+", ascii_text.lower()) if w not in stop_words]
    return "-".join(words[:max_words])[:max_len].strip("-") or fallback
