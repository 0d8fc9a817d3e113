"""Stable, unique ids for what the import recognised, by the authoring guide's rules.

A document built by this toolkit carries each id in a bookmark ("_p_<id>", hyphens written as
underscores): those ids are kept, so a protocol imported back keeps the ids its website links use.
Everything else gets the id `protocol ids` would give it (builder.ids: the first words of the heading
or text, lower-case, with a number added when taken). Ids name files, so a section's id is also kept
clear of the names Windows reserves (con, nul, com1 …).
"""
from __future__ import annotations

import re

from ..ids import fresh_id
from ..load.inlines import valid_id
from .draft import Draft

_OURS = re.compile(r"^_p_([A-Za-z0-9_]+)$")
BOOKMARK_MAX = 40  # longer ids were shortened with a digest in the bookmark: not recoverable
RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}


def kept_id(bookmarks: list[str]) -> str:
    """The toolkit's id recorded in a bookmark, or ''."""
    for name in bookmarks:
        m = _OURS.match(name)
        if m and len(name) < BOOKMARK_MAX:
            candidate = m.group(1).replace("_", "-").lower()
            if valid_id(candidate) and candidate == m.group(1).replace("_", "-"):
                return candidate
    return ""


def assign(draft: Draft) -> None:
    """Give every section, paragraph and sub-heading its id, in document order."""
    taken: set[str] = set()
    kept: dict[int, str] = {}
    elements = [e for _, _, e in draft.elements()]
    for k, element in enumerate(elements):
        candidate = kept_id(element.bookmarks)
        if candidate and candidate not in taken and candidate not in RESERVED:
            kept[k] = candidate
            taken.add(candidate)
    for k, element in enumerate(elements):
        if k in kept:
            element.id = kept[k]
            continue
        text = getattr(element, "title", None) or getattr(element, "text", "")
        new = fresh_id(text, taken)
        while new in RESERVED:
            new = fresh_id(new + " section", taken)
        element.id = new
