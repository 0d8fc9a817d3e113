"""Changes -> one merged View that the ordinary Word writer draws as a redline.

The merged view follows the new version's order. Deleted lines stand where
they stood in the old version. A paragraph, heading or section that moved
without other edits is a Word move (move-from at the old place, move-to at the
new, paired by `Line.move`); one whose only change is the number shown by a
cross-reference is a move too, its move-to line holding the renumbered
reference (deleted and inserted number). One that moved *and* was reworded is a
deletion at the old place and an insertion at the new: a Word move holding
tracked edits does not survive "reject all" in every word processor, so that
case is never written as a move (the schedule of amendments says "moved and
amended"). A paragraph split in two is the first with an inserted paragraph
mark (`Line.end`) and the second unmarked but for its changed words; two merged
into one, the first with a deleted paragraph mark. The title page, the version
history and the running header are the two versions' own, word-diffed.

Accepting every mark gives exactly the new version's plain view; rejecting every
mark gives exactly the old one's.
"""
from __future__ import annotations

from ..model import Heading, Paragraph, Protocol, Section
from ..number import numbers
from ..view import (
    APPENDIX_PARTS, GlossaryRow, Line, LineKind, Mark, Run, TableRowView, View, duty_rows, front_lines, header_runs,
    history_rows, only_renumbered, paragraph_lines, scenario_lines, table_key,
)
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
        old, new = self.old, self.new
        duties, duties_mark = self.duties()
        return View(_unique_keys(self.body()), _unique_keys(self.appendix()), self.glossary(), duties, duties_mark,
                    _keyed(front_lines(old), front_lines(new)), _rows(history_rows(old), history_rows(new)),
                    diff_runs(header_runs(old), header_runs(new)), (old.meta.version, new.meta.version))

    # ------------------------------------------------------------ the duties appendix
    def duties(self) -> tuple[tuple[TableRowView, ...], Mark]:
        """The duties appendix's rows, by paragraph id in the new order: a paragraph's row inserted, deleted,
        moved (deleted and inserted) or its cells diffed; and the appendix itself inserted or deleted whole."""
        old, new = dict(duty_rows(self.old, self.on)), dict(duty_rows(self.new, self.nn))
        anchors = set(lcs(list(old), list(new)))
        rows = []
        for where, pid in merge_order(list(old), list(new), anchors):
            if where == "both":
                rows.append(TableRowView("", tuple(diff_runs(a, b) for a, b in zip(old[pid], new[pid]))))
            else:
                mark: Mark = "del" if where == "old" else "ins"
                cells = old[pid] if where == "old" else new[pid]
                rows.append(TableRowView(mark, tuple(marked(c, mark) for c in cells)))
        whole: Mark = "ins" if new and not old else "del" if old and not new else ""
        return tuple(rows), whole

    # ------------------------------------------------------------ body
    def body(self) -> list[Line]:
        old_ids = [s.id for s in self.old.sections]
        new_ids = [s.id for s in self.new.sections]
        anchors = set(lcs(old_ids, new_ids))
        out: list[Line] = []
        for where, sid in merge_order(old_ids, new_ids, anchors):
            if where == "both":
                sc = self.sec_change[sid]
                out.append(Line("section", sid, sc.title, self.nn.get(sid, ""), old_number=self.on.get(sid, "")))
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
        number = self.on.get(s.id, "")
        out = [_line("section", s.id, (Run(s.title),), number, mark)._replace(old_number=number)]
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
        if bc.split_into or bc.merged_from:
            return self.joined(bc)
        return [Line("para", b.id, bc.runs, bc.new_number, old_number=bc.old_number)] + _items(bc, b.id) \
            + _table_lines(bc, b.id)

    def joined(self, bc: BlockChange) -> list[Line]:
        """A paragraph split in two, or two merged into one: both lines here, the paragraph mark between them
        inserted (split) or deleted (merge), and the sub-items after the second (they follow the last
        paragraph of the split, and are the merged paragraph's). Neither has a table (compare finds no join
        for a paragraph with one)."""
        other = self.block_change["p:" + (bc.split_into or bc.merged_from)]
        first = Line("para", bc.id, bc.runs, bc.new_number, old_number=bc.old_number,
                     end="ins" if bc.split_into else "del")
        if bc.split_into:
            return [first, Line("para", other.id, other.runs, other.new_number)] + _items(other, other.id)
        return [first, Line("para", other.id, other.runs, "", old_number=other.old_number)] + _items(bc, bc.id)

    def old_side(self, b: Paragraph | Heading) -> list[Line]:
        """A block at its old place: deleted, or the source of a move."""
        key = block_key(b)
        bc = self.block_change.get(key)
        if bc is not None and bc.merged_into:
            return []  # drawn with the paragraph it was merged into
        in_new = key in self.block_change and bc.change != "deleted"
        mark = self._move_mark("old", in_new, bool(bc and _reworded(bc)))
        return [x._replace(old_number=x.number) for x in self._whole(b, self.on, mark)]

    def new_side(self, b: Paragraph | Heading) -> list[Line]:
        """A block at its new place: inserted, or the destination of a move (holding any renumbered
        cross-reference)."""
        bc = self.block_change[block_key(b)]
        if bc.split_from:
            return []  # drawn with the paragraph it was split from
        mark = self._move_mark("new", bc.change != "inserted", _reworded(bc))
        if mark == "move-to" and bc.what == "paragraph" and bc.edited:
            tables = [x for x in paragraph_lines(b, self.nn) if x.kind == "table"]
            return [_line("para", b.id, bc.runs, bc.new_number, mark)] + [
                _line(x.kind, x.key, x.runs, x.number, mark) for x in _items(bc, b.id)] + _remark(tables, mark)
        return self._whole(b, self.nn, mark)

    def _whole(self, b: Paragraph | Heading, nums: dict[str, str], mark: str) -> list[Line]:
        if isinstance(b, Heading):
            return [_line("heading", b.id, (Run(b.text),), "", mark)]
        return _remark(paragraph_lines(b, nums), mark)

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


_ROW_MARK: dict[str, Mark] = {"inserted": "ins", "deleted": "del", "changed": "", "unchanged": ""}


def _reworded(bc: BlockChange) -> bool:
    """The words changed, not only the number a cross-reference shows (such a block can still be a move)."""
    return bc.edited and not (bc.what == "paragraph" and not bc.source_edited
                              and only_renumbered(bc.runs) and all(only_renumbered(i.runs) for i in bc.items))


def _items(bc: BlockChange, pid: str) -> list[Line]:
    """A paragraph's sub-items as the comparison aligned them: deleted ones keyed by their old place."""
    out: list[Line] = []
    new_index = old_index = 0
    for item in bc.items:
        if item.change == "deleted":
            old_index += 1
            out.append(_line("item", f"{pid}/{old_index}", item.runs, item.old_number, "del")
                       ._replace(old_number=item.old_number))
        else:
            old_index += item.change != "inserted"
            new_index += 1
            mark = "ins" if item.change == "inserted" else ""
            out.append(_line("item", f"{pid}/{new_index}", item.runs, item.new_number, mark)
                       ._replace(old_number=item.old_number))
    return out


def _keyed(old: tuple[Line, ...], new: tuple[Line, ...]) -> tuple[Line, ...]:
    """Two versions' lines keyed by what they say (the title page's): kept lines word-diffed, the others
    deleted or inserted whole."""
    old_by, new_by = {x.key: x for x in old}, {x.key: x for x in new}
    order = merge_order(list(old_by), list(new_by), set(lcs(list(old_by), list(new_by))))
    out = []
    for where, key in order:
        if where == "both":
            out.append(new_by[key]._replace(runs=_replaced(old_by[key].runs, new_by[key].runs)))
        else:
            x = old_by[key] if where == "old" else new_by[key]
            out.append(_line(x.kind, x.key, x.runs, x.number, "del" if where == "old" else "ins"))
    return tuple(out)


def _replaced(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """A title-page detail whose value changed: its label kept, the old value deleted and the new inserted
    whole ("Version 1.1 1.2", not "Version 1.1 2"); any other line word-diffed."""
    if len(old) == len(new) == 2 and old[0] == new[0]:
        return (new[0],) + ((new[1],) if old[1] == new[1] else marked(old[1:], "del") + marked(new[1:], "ins"))
    return diff_runs(old, new)


def _rows(old: tuple[TableRowView, ...], new: tuple[TableRowView, ...]) -> tuple[TableRowView, ...]:
    """The version history's rows, keyed by version: a row in both word-diffed cell by cell, a row only in the
    old version deleted where it stood, a new one inserted."""
    key = lambda row: "".join(r.text for r in row.cells[0])  # noqa: E731
    old_by, new_by = {key(r): r for r in old}, {key(r): r for r in new}
    order = merge_order(list(old_by), list(new_by), set(lcs(list(old_by), list(new_by))))
    out = []
    for where, version in order:
        if where == "both":
            cells = zip(old_by[version].cells, new_by[version].cells)
            out.append(TableRowView("", tuple(diff_runs(o, n) for o, n in cells)))
        else:
            mark = "del" if where == "old" else "ins"
            row = old_by[version] if where == "old" else new_by[version]
            out.append(TableRowView(mark, tuple(marked(cell, mark) for cell in row.cells)))
    return tuple(out)


def _line(kind: LineKind, key: str, runs: tuple[Run, ...], number: str, mark: Mark) -> Line:
    """A line with a line-level mark; a deleted or inserted line's runs carry the same mark."""
    move = key if mark in ("move-from", "move-to") else ""
    return Line(kind, key, marked(runs, mark) if mark in ("del", "ins") else runs, number, mark, move)


def _table_lines(bc: BlockChange, pid: str) -> list[Line]:
    """A kept paragraph's table as one line, or, when its columns changed (every old row deleted, every new
    row inserted), as the old table deleted and then the new one inserted: a table's rows share its columns."""
    rows = [TableRowView(_ROW_MARK[r.change], r.cells) for r in bc.table]
    if not rows:
        return []
    widths = {len(r.cells) for r in rows}
    if len(widths) == 1:
        return [Line("table", table_key(pid), (), bc.new_number, rows=tuple(rows))]
    gone = tuple(r for r in rows if r.mark == "del")
    added = tuple(r for r in rows if r.mark == "ins")
    return [Line("table", table_key(pid) + OLD_SUFFIX, (), bc.old_number, "del", rows=gone),
            Line("table", table_key(pid), (), bc.new_number, "ins", rows=added)]


def _table_line(line: Line, mark: Mark) -> Line:
    """A table line of a wholly inserted, deleted or moved paragraph: its rows carry the mark (a moved table's
    rows are deleted at the old place and inserted at the new; Word has no move for table rows)."""
    row_mark: Mark = {"move-from": "del", "move-to": "ins"}.get(mark, mark)
    if not row_mark:
        return line
    rows = tuple(TableRowView(row_mark, tuple(marked(c, row_mark) for c in r.cells)) for r in line.rows)
    return line._replace(rows=rows, mark=row_mark)


def _remark(lines, mark: Mark) -> list[Line]:
    return [_table_line(b, mark) if b.kind == "table" else _line(b.kind, b.key, b.runs, b.number, mark)
            for b in lines]


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
            b = b._replace(key=b.key + OLD_SUFFIX)
        out.append(b)
    return tuple(out)
