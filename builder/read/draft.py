"""What a reader recognised in a Word document, before it becomes the model: the import's working record.

Each element keeps what the document showed (its number as displayed, its position, its text) so that the
import can compare the rebuilt numbers with the original ones, and report every place it was unsure.
Inline content is a list of model nodes (Text, Ref, Term) plus two kinds the later passes resolve:
`Anchor` (a link or cross-reference field pointing at a bookmark) and `Marked` (words styled as a
glossary term).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Text


@dataclass(frozen=True)
class Anchor:
    """A link or REF field to a bookmark in the document; `crossrefs` turns it into a Ref or Text."""

    name: str
    text: str


@dataclass(frozen=True)
class Marked:
    """Words in the glossary-term character style; the glossary decides which term they are."""

    text: str


@dataclass(frozen=True)
class Note:
    position: int  # the Word paragraph (0: the document as a whole)
    text: str  # the Word paragraph's text, shortened
    message: str
    kind: str = "unsure"  # "unsure" | "kept" (kept as text) | "dropped" (not imported) | "info"


@dataclass
class Item:
    pieces: list
    shown: str  # the number the document displayed, in the toolkit's form ("(a)", "4.3.1"), '' for none
    position: int
    text: str


@dataclass
class Cell:
    """One cell of a paragraph's table: its inline content (as a paragraph's) and the Word paragraph it starts at."""

    pieces: list
    position: int

    @property
    def text(self) -> str:
        return plain(self.pieces)


@dataclass
class Para:
    pieces: list
    shown: str
    position: int
    text: str
    bookmarks: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    id: str = ""
    table: list[list[Cell]] = field(default_factory=list)  # a table after it: header row first
    table_position: int = 0


@dataclass
class Heading:
    text: str
    position: int
    bookmarks: list[str] = field(default_factory=list)
    id: str = ""


@dataclass
class Section:
    title: str
    shown: str
    position: int
    bookmarks: list[str] = field(default_factory=list)
    blocks: list = field(default_factory=list)  # Para | Heading
    id: str = ""

    @property
    def paragraphs(self) -> list[Para]:
        return [b for b in self.blocks if isinstance(b, Para)]


@dataclass
class Definition:
    term: str
    definition: str
    position: int


@dataclass
class Draft:
    name: str  # the document's file name
    meta: dict[str, str]
    sections: list[Section] = field(default_factory=list)
    glossary: list[Definition] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    references: int = 0  # cross-references recognised
    application: str = ""  # the program that wrote the document (its extended properties)

    def note(self, position: int, text: str, message: str, kind: str = "unsure") -> None:
        self.notes.append(Note(position, short(text), message, kind))

    def elements(self):
        """(id, what, element) for every section, paragraph and sub-heading, in order."""
        for s in self.sections:
            yield s.id, "section", s
            for b in s.blocks:
                yield b.id, "paragraph" if isinstance(b, Para) else "heading", b


def short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def with_text(piece, text: str):
    """The same inline piece (Text, Anchor, Marked) holding other words."""
    return replace(piece, text=text)


def plain(pieces: list) -> str:
    out = []
    for p in pieces:
        if isinstance(p, (Anchor, Marked, Text)):
            out.append(p.text)
        elif hasattr(p, "shown"):
            out.append(p.shown)
        elif hasattr(p, "target"):
            out.append(f"[[{p.target}]]")
    return "".join(out)
