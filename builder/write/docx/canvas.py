"""Where the writer draws: the document body, the shared id counter, revisions and bookmarks."""
from __future__ import annotations

from dataclasses import dataclass, field

from docx.oxml.ns import qn

from .revisions import Revisions
from .xml import Ids, bookmark_name, el, val


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
    body: object  # the w:body element
    ids: Ids
    revisions: Revisions
    bookmarks: dict[str, str] = field(default_factory=dict)  # stable id -> bookmark name
    toc: list[TocEntry] = field(default_factory=list)
    # the body's final section properties, found once: searching the body on every append is quadratic
    _sect_pr: object = field(default=None, init=False, repr=False, compare=False)
    # the bookmark names taken so far (the values of bookmarks), for a constant-time lookup
    _names: set[str] = field(default_factory=set, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._sect_pr = self.body.find(qn("w:sectPr"))
        self._names = set(self.bookmarks.values())

    def add(self, p) -> None:
        """Append a paragraph or table to the body (before the final section properties)."""
        self._sect_pr.addprevious(p)

    def claim_bookmark(self, prefix: str, key: str) -> str:
        """The bookmark name for a key, reserved on first use; '' when it is already taken."""
        name = bookmark_name(prefix, key)
        if key in self.bookmarks or name in self._names:
            return ""
        self.bookmarks[key] = name
        self._names.add(name)
        return name

    def bookmark(self, p, name: str) -> None:
        """Put a bookmark around the contents of a paragraph."""
        if not name:
            return
        bid = self.ids.take()
        start = el("w:bookmarkStart", id=bid, name=name)
        ppr = p.find(qn("w:pPr"))
        if ppr is not None:
            ppr.addnext(start)
        else:
            p.insert(0, start)
        p.append(el("w:bookmarkEnd", id=bid))


def paragraph(style: str, *, num=None, keep_next: bool = False, page_break: bool = False, contents=()):
    """A w:p with its properties in schema order: pStyle, keepNext, pageBreakBefore, numPr."""
    ppr = el("w:pPr", val("w:pStyle", style))
    if keep_next:
        ppr.append(el("w:keepNext"))
    if page_break:
        ppr.append(el("w:pageBreakBefore"))
    if num is not None:
        ppr.append(num)
    p = el("w:p", ppr)
    for c in contents:
        p.append(c)
    return p
