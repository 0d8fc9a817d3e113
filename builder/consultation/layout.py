"""The document `protocol build` writes, as consultees' copies are matched against it.

`layout(protocol, numbers)` gives every paragraph, sub-item, heading, section title and worked-example line
of the draft as a `Slot`: its number, its words, where a person finds it and the source file that holds it;
and the bookmark the Word writer names after each stable id (sub-items and worked-example parts have none:
they are found by their place after the bookmarked line above them).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Protocol
from ..view import Line, Run, plain_view, table_key
from ..write.docx.lines import BOOKMARKED
from ..write.docx.xml import bookmark_name

PARTS = {"glossary": "the glossary", "appendix": "the introduction to the worked examples",
         "duties": "Appendix B (the duties and the codes of conduct)", "history": "the version history"}


@dataclass(frozen=True)
class Slot:
    """A line of the document as the build writes it."""

    key: str  # the line's key: an id, "<paragraph id>/<n>" for a sub-item, "<scenario id>/…" in the appendix
    kind: str  # a builder.view line kind
    where: str  # how a person finds it: "4.3", "4.3(b)", "Section 4 (title)", "Sub-heading 'Urgent matters'"
    number: str
    block_id: str  # the id reasons and --only use: a sub-item's paragraph, a heading, a section, a scenario
    path: str  # the source file that holds it
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def named(self) -> str:
        """Where it is, with its id: "4.3 (roles-members)"."""
        return f"{self.where} ({self.block_id})" if self.block_id else self.where


@dataclass
class Layout:
    slots: dict[str, Slot]
    order: dict[str, int]  # key -> its place in the document
    anchors: dict[str, str]  # bookmark name -> key ('' for the parts the build writes after the protocol)
    followers: dict[str, list[str]]  # a bookmarked key -> the keys of the unbookmarked lines after it
    bookmarks: dict[str, str]  # key -> bookmark name
    parts: dict[str, str]  # bookmark name -> what that part of the document is
    linked: set[str] = field(default_factory=set)  # the bookmark names a cross-reference may link to


def layout(protocol: Protocol, numbers: dict[str, str]) -> Layout:
    view = plain_view(protocol, numbers)
    lines = view.body + view.appendix
    bookmarks, taken = {}, set()
    for b in lines:  # as the Word writer claims them: the first key to want a name gets it
        name = bookmark_name("p", b.key)
        if b.kind in BOOKMARKED and b.key not in bookmarks and name not in taken:
            bookmarks[b.key] = name
            taken.add(name)
    out = Layout({}, {}, {}, {}, bookmarks, {bookmark_name("b", k): v for k, v in PARTS.items()}, set(taken))
    out.anchors.update({name: "" for name in out.parts})
    paths = _paths(protocol)
    current, part = "", ""
    for i, b in enumerate(lines):
        part = b.text if b.kind == "part" else part
        slot = _slot(b, numbers, paths, part)
        out.slots[b.key], out.order[b.key] = slot, i
        if b.key in bookmarks and b.kind in BOOKMARKED:
            out.anchors[bookmarks[b.key]] = current = b.key
            out.followers[b.key] = []
        elif current:
            out.followers[current].append(b.key)
    return out


def table_of(lay: Layout, anchor: str, offset: int) -> str:
    """The key of the paragraph table a copy's table paragraph (offset -1) under `anchor` belongs to, or ''."""
    owner = lay.anchors.get(anchor, "") if offset < 0 else ""
    key = table_key(owner.split("/", 1)[0]) if owner else ""
    return key if key in lay.slots else ""


def _paths(protocol: Protocol) -> dict[str, str]:
    paths = {}
    for s in protocol.sections:
        paths[s.id] = s.source.path
        for b in s.blocks:
            paths[b.id] = s.source.path
    for sc in protocol.scenarios:
        paths[sc.id] = sc.source.path
    return paths


def _slot(b: Line, numbers: dict[str, str], paths: dict[str, str], part: str) -> Slot:
    owner = b.key.split("/", 1)[0]
    example = f"Worked example {numbers.get(owner, '')}"
    n = b.key.rsplit("/", 1)[-1]
    where = {
        "section": f"Section {b.number} (title)",
        "heading": f"Sub-heading \u201c{b.text}\u201d",
        "para": b.number,
        "item": b.number,
        "table": f"{b.number}, its table",
        "scenario": f"{example} (title)",
        "part": f"{example}, the heading \u201c{b.text}\u201d",
        "meta": f"{example}, the line \u201c{b.text[:40]}\u201d",
        "text": f"{example}, \u201c{part}\u201d, paragraph {n}",
        "bullet": f"{example}, \u201c{part}\u201d, item {n}",
    }.get(b.kind, f"{example}, {b.kind}")
    return Slot(b.key, b.kind, where, b.number, owner, paths.get(owner, ""), b.runs)
