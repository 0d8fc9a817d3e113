"""Changes -> one merged View that the ordinary Word writer draws as a redline.

The merged view follows the new version's order. Deleted lines stand where
they stood in the old version. A paragraph, heading or section that moved
without other edits is a Word move (move-from at the old place, move-to at the
new, paired by `Line.move`). One that moved *and* was reworded is a deletion at
the old place and an insertion at the new: a Word move holding tracked edits
does not survive "reject all" in every word processor, so that case is never
written as a move (the schedule of amendments says "moved and amended").

Accepting every mark gives exactly the new version's plain view; rejecting every
mark gives exactly the old one's.
"""
from __future__ import annotations

from ..model import Heading, Paragraph, Protocol, Section
from ..number import numbers
from ..view import APPENDIX_PARTS, GlossaryRow, Line, LineKind, Mark, Run, View, paragraph_lines, scenario_lines
from .align import align, lcs, merge_order
from .changes import BlockChange, Changes, Comparison, PartChange
from .compare import block_key
from .words import diff_runs, marked

OLD_SUFFIX = "~old"


def merged_view(comparison: Comparison, *, moves: bool = True) -> View:
    """The new version with the changes from the old one marked. moves=False writes every move as delete +
    insert."""
    old, new, changes = comparison
    return _Merge(old, new, changes, moves).view()


class _Merge:
    def __init__(self, old: Protocol, new: Protocol, changes: Changes, moves: bool):
        self.old, self.new, self.changes, self.moves = old, new, changes, moves
        self.on = changes.old_numbers or numbers(old)
        self.nn = changes.new_numbers or numbers(new)
        self.old_sec = {s.id: s for s in old.sections}
        self.new_sec = {s.id: s for s in new.sections}
        self.sec_change = {s.id: s for s in changes.sections}
        self.scenario_change = {s.id: s for s in changes.scenarios}
        self.block_change = {("p:" if b.what == "paragraph" else "h:") + b.id: b for b in changes.blocks()}

    def view(self) -> View:
        return View(_unique_keys(self.body()), _unique_keys(self.appendix()), self.glossary())

    # ------------------------------------------------------------ body
    def body(self) -> list[Line]:
        old_ids = [s.id for s in self.old.sections]
        new_ids = [s.id for s in self.new.sections]
        anchors = set(lcs(old_ids, new_ids))
        out: list[Line] = []
        for where, sid in merge_order(old_ids, new_ids, anchors):
            if where == "both":
                sc = self.sec_change[sid]
                out.append(Line("section", sid, sc.title, self.nn.get(sid, "")))
                out.extend(self.section_body(self.old_sec[sid], self.new_sec[sid]))
            elif where == "old":
                out.extend(self.old_section(self.old_sec[sid]))
            else:
                out.extend(self.new_section(self.new_sec[sid]))
        return out

    def _move_mark(self, side: str, in_other: bool, edited: bool) -> str:
        if in_other and self.moves and not edited:
            return "move-from" if side == "old" else "move-to"
        return "del" if side == "old" else "ins"

    def old_section(self, s: Section) -> list[Line]:
        sc = self.sec_change.get(s.id)
        mark = self._move_mark("old", s.id in self.new_sec, bool(sc and sc.edited))
        out = [_line("section", s.id, (Run(s.title),), self.on.get(s.id, ""), mark)]
        for b in s.blocks:
            out.extend(self.old_side(b))
        return out

    def new_section(self, s: Section) -> list[Line]:
        sc = self.sec_change[s.id]
        mark = self._move_mark("new", s.id in self.old_sec, sc.edited)
        out = [_line("section", s.id, (Run(s.title),), self.nn.get(s.id, ""), mark)]
        for b in s.blocks:
            out.extend(self.new_side(b))
        return out

    def section_body(self, old: Section, new: Section) -> list[Line]:
        old_keys = [block_key(b) for b in old.blocks]
        new_keys = [block_key(b) for b in new.blocks]
        in_new = set(new_keys)
        anchors = set(lcs([k for k in old_keys if k in in_new], new_keys))
        old_by, new_by = {block_key(b): b for b in old.blocks}, {block_key(b): b for b in new.blocks}
        out: list[Line] = []
        for where, key in merge_order(old_keys, new_keys, anchors):
            if where == "old":
                out.extend(self.old_side(old_by[key]))
            elif where == "new":
                out.extend(self.new_side(new_by[key]))
            else:
                out.extend(self.anchored(self.block_change[key], new_by[key]))
        return out

    def anchored(self, bc: BlockChange, b: Paragraph | Heading) -> list[Line]:
        if isinstance(b, Heading):
            return [Line("heading", b.id, bc.runs)]
        out = [Line("para", b.id, bc.runs, bc.new_number)]
        new_index = old_index = 0
        for item in bc.items:
            if item.change == "deleted":
                old_index += 1
                out.append(_line("item", f"{b.id}/{old_index}", item.runs, item.old_number, "del"))
            else:
                old_index += item.change != "inserted"
                new_index += 1
                mark = "ins" if item.change == "inserted" else ""
                out.append(_line("item", f"{b.id}/{new_index}", item.runs, item.new_number, mark))
        return out

    def old_side(self, b: Paragraph | Heading) -> list[Line]:
        """A block at its old place: deleted, or the source of a move."""
        key = block_key(b)
        bc = self.block_change.get(key)
        in_new = key in self.block_change and bc.change != "deleted"
        mark = self._move_mark("old", in_new, bool(bc and bc.edited))
        return self._whole(b, self.on, mark)

    def new_side(self, b: Paragraph | Heading) -> list[Line]:
        """A block at its new place: inserted, or the destination of a move."""
        bc = self.block_change[block_key(b)]
        mark = self._move_mark("new", bc.change != "inserted", bc.edited)
        return self._whole(b, self.nn, mark)

    def _whole(self, b: Paragraph | Heading, nums: dict[str, str], mark: str) -> list[Line]:
        if isinstance(b, Heading):
            return [_line("heading", b.id, (Run(b.text),), "", mark)]
        return [_line(x.kind, x.key, x.runs, x.number, mark) for x in paragraph_lines(b, nums)]

    # ------------------------------------------------------------ appendix
    def appendix(self) -> list[Line]:
        old = {s.id: s for s in self.old.scenarios}
        new = {s.id: s for s in self.new.scenarios}
        anchors = set(lcs(list(old), list(new)))
        out: list[Line] = []
        for where, sid in merge_order(list(old), list(new), anchors):
            if where == "both":
                out.extend(self.scenario(old[sid], new[sid]))
            elif where == "old":
                out.extend(_remark(scenario_lines(self.old, old[sid], self.on), "del"))
            else:
                out.extend(_remark(scenario_lines(self.new, new[sid], self.nn), "ins"))
        return out

    def scenario(self, osc, nsc) -> list[Line]:
        ob, nb = _parts(scenario_lines(self.old, osc, self.on)), _parts(scenario_lines(self.new, nsc, self.nn))
        out = [Line(n.kind, n.key, diff_runs(o.runs, n.runs), n.number) for o, n in zip(ob[""], nb[""])]
        parts = {p.key: p for p in self.scenario_change[nsc.id].parts}
        for key in APPENDIX_PARTS:
            o, n = ob.get(key), nb.get(key)
            if o and n:
                out.append(Line("part", n[0].key, diff_runs(o[0].runs, n[0].runs)))
                out.extend(_passages(parts[key], n[0].key) if self.changes.words else _aligned(o[1:], n[1:]))
            elif o:
                out.extend(_remark(o, "del"))
            elif n:
                out.extend(_remark(n, "ins"))
        return out

    # ------------------------------------------------------------ glossary
    def glossary(self) -> tuple[GlossaryRow, ...]:
        rows = []
        for g in self.changes.glossary:
            mark = {"inserted": "ins", "deleted": "del"}.get(g.change, "")
            rows.append(GlossaryRow(marked((Run(g.term),), mark), g.definition, mark))
        return tuple(rows)


def _line(kind: LineKind, key: str, runs: tuple[Run, ...], number: str, mark: Mark) -> Line:
    """A line with a line-level mark; a deleted or inserted line's runs carry the same mark."""
    move = key if mark in ("move-from", "move-to") else ""
    return Line(kind, key, marked(runs, mark) if mark in ("del", "ins") else runs, number, mark, move)


def _remark(lines, mark: Mark) -> list[Line]:
    return [_line(b.kind, b.key, b.runs, b.number, mark) for b in lines]


def _parts(lines) -> dict[str, list[Line]]:
    """A scenario's lines grouped: '' for the title and meta lines, then one list per part."""
    out: dict[str, list[Line]] = {"": []}
    current = ""
    for b in lines:
        if b.kind == "part":
            current = b.key.rsplit("/", 1)[1]
            out[current] = []
        out[current].append(b)
    return out


def _passages(part: PartChange, part_key: str) -> list[Line]:
    """A part's passages as the comparison aligned and diffed them (what _aligned would work out again)."""
    out, old_n, new_n = [], 0, 0
    for passage in part.passages:
        kind = "bullet" if passage.bullet else "text"
        if passage.change == "deleted":
            old_n += 1
            out.append(Line(kind, f"{part_key}/{old_n}", passage.runs, "", "del"))
            continue
        old_n += passage.change != "inserted"
        new_n += 1
        out.append(Line(kind, f"{part_key}/{new_n}", passage.runs, "", "ins" if passage.change == "inserted" else ""))
    return out


def _aligned(old: list[Line], new: list[Line]) -> list[Line]:
    out = []
    pairs = align([f"{b.kind}:{b.text}" for b in old], [f"{b.kind}:{b.text}" for b in new])
    for i, j in pairs:
        if i is not None and j is not None and old[i].kind == new[j].kind:
            out.append(Line(new[j].kind, new[j].key, diff_runs(old[i].runs, new[j].runs)))
            continue
        if i is not None:
            out.append(_line(old[i].kind, old[i].key, old[i].runs, "", "del"))
        if j is not None:
            out.append(_line(new[j].kind, new[j].key, new[j].runs, "", "ins"))
    return out


def _unique_keys(lines: list[Line]) -> tuple[Line, ...]:
    """Old-side lines (deleted, moved from) get '~old' when the key is also used on the new side."""
    new_side = {b.key for b in lines if b.mark not in ("del", "move-from")}
    out = []
    for b in lines:
        if b.mark in ("del", "move-from") and b.key in new_side:
            b = Line(b.kind, b.key + OLD_SUFFIX, b.runs, b.number, b.mark, b.move)
        out.append(b)
    return tuple(out)
