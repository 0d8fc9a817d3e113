"""Where the writer draws: the body's markup, the shared id counter, revisions and bookmarks.

The body is kept as markup text (a paragraph is written when it is added) and goes into word/document.xml as
it is. Text, not records, because the garbage collector does not track strings: 14,000 live records were
enough new objects to set off a full collection (0.15 s) while the redline was written.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .paragraph import Paragraph
from .revisions import Revisions
from .xml import Ids, bookmark, bookmark_name


@dataclass(frozen=True)
class TocEntry:
    """One line of the contents: the heading's words (with their revision marks) and where it is.

    Section numbers are not typed into the stored entries: in a redline they
    could not reject back to the old numbers. Word and LibreOffice put them in
    when the contents are updated (the PDF is made after such an update).
    """

    level: int  # 1 or 2
    runs: tuple[tuple[str, str], ...]  # (text, revision mark "" | "ins" | "del")
    bookmark: str  # "" for a deleted heading: nothing to link to
    mark: str = ""  # the whole heading inserted or deleted


@dataclass
class Canvas:
    ids: Ids
    revisions: Revisions
    bookmarks: dict[str, str] = field(default_factory=dict)  # stable id -> bookmark name
    toc: list[TocEntry] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)  # the body's markup in order: paragraphs and tables
    # the bookmark names taken so far (the values of bookmarks), for a constant-time lookup
    _names: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._names = set(self.bookmarks.values())

    def add(self, part: Paragraph | str) -> None:
        """Append a paragraph (written at once: it can no longer change) or a table's markup to the body."""
        self.parts.append(part if isinstance(part, str) else part.xml())

    def claim_bookmark(self, prefix: str, key: str) -> str:
        """The bookmark name for a key, reserved on first use; '' when it is already taken."""
        name = bookmark_name(prefix, key)
        if key in self.bookmarks or name in self._names:
            return ""
        self.bookmarks[key] = name
        self._names.add(name)
        return name

    def bookmark(self, p: Paragraph, name: str) -> None:
        """Put a bookmark around the contents of a paragraph."""
        if not name:
            return
        p.enclose(*bookmark(self.ids.take(), name))

    def markup(self) -> str:
        """The body's markup: every paragraph and table, in order (the section properties follow it)."""
        return "".join(self.parts)
