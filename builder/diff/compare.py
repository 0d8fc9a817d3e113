"""Two models -> Changes. Sections, paragraphs and headings are aligned by stable id."""
from __future__ import annotations

from dataclasses import replace

from ..model import PARTS, Block, Heading, Paragraph, Passage, Protocol, QuickAnswer, Ref, Scenario, Section
from ..number import letter, numbers
from ..view import Run, runs_of
from .align import align, lcs, merge_order
from .changes import (
    AnswerChange, BlockChange, Changes, RowChange, GlossaryChange, ItemChange, MetaChange, PartChange, PassageChange,
    ScenarioChange, SectionChange, change_of,
)
from .words import JOIN, changed_words, diff_across, diff_runs, marked, plain, shared_words, tokens, words_in


def block_key(block: Block) -> str:
    """Paragraphs and headings never pair with each other, even if an id is reused."""
    return ("p:" if isinstance(block, Paragraph) else "h:") + block.id


def compare(old: Protocol, new: Protocol, *, words: bool = True) -> Changes:
    """Everything that differs between `old` and `new`.

    words=False skips the word-level diff (runs are left unmarked) for callers
    that only need which elements changed, such as `protocol check`: a paragraph
    whose own words changed is then recorded without its sub-items and table
    (they cannot make it more changed than it is).
    """
    ctx = _Context(old, new, words)
    return Changes(
        old_version=old.meta.version, new_version=new.meta.version,
        sections=ctx.sections(), scenarios=ctx.scenarios(), glossary=ctx.glossary(), meta=_meta(old, new),
        old_numbers=ctx.on, new_numbers=ctx.nn, words=words, answers=ctx.answers(),
    )


class _Context:
    def __init__(self, old: Protocol, new: Protocol, words: bool):
        self.old, self.new, self.words = old, new, words
        self.on, self.nn = numbers(old), numbers(new)
        self.old_sec = {s.id: s for s in old.sections}
        self.new_sec = {s.id: s for s in new.sections}
        self.old_loc = {block_key(b): (s.id, b) for s in old.sections for b in s.blocks}
        self.new_loc = {block_key(b): (s.id, b) for s in new.sections for b in s.blocks}
        common = lcs([s.id for s in old.sections], [s.id for s in new.sections])
        self.section_anchors = set(common)

    # ------------------------------------------------------------ text
    def diff(self, old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
        if self.words:
            return diff_runs(old, new)
        return new if same_words(old, new) else marked(old, "del") + marked(new, "ins")

    # ------------------------------------------------------------ sections
    def sections(self) -> tuple[SectionChange, ...]:
        old_ids = [s.id for s in self.old.sections]
        new_ids = [s.id for s in self.new.sections]
        out = []
        for where, sid in merge_order(old_ids, new_ids, self.section_anchors):
            if where == "old" and sid in self.new_sec:
                continue  # a moved section is listed where it now stands
            out.append(self.section(sid))
        return tuple(out)

    def section(self, sid: str) -> SectionChange:
        old, new = self.old_sec.get(sid), self.new_sec.get(sid)
        moved = bool(old and new and sid not in self.section_anchors)
        if old and new:
            title = self.diff((Run(old.title),), (Run(new.title),))
            edited = old.title != new.title
        else:
            title = marked((Run((old or new).title),), "ins" if new else "del")
            edited = False
        details = tuple(name for name in ("summary", "keywords", "tags")
                        if old and new and getattr(old, name) != getattr(new, name))
        return SectionChange(sid, change_of(bool(old), bool(new), moved, edited), self.on.get(sid, ""),
                             self.nn.get(sid, ""), title, self.section_blocks(old, new), edited, moved, details)

    def section_blocks(self, old: Section | None, new: Section | None) -> tuple[BlockChange, ...]:
        old_keys = [block_key(b) for b in old.blocks] if old else []
        new_keys = [block_key(b) for b in new.blocks] if new else []
        anchors = set(lcs([k for k in old_keys if k in set(new_keys)], new_keys))
        out = []
        for where, key in merge_order(old_keys, new_keys, anchors):
            if where == "old" and key in self.new_loc:
                continue  # moved: listed where it now stands
            moved = where == "new" and key in self.old_loc  # a paragraph in a moved section has not moved itself
            out.append(self.block(key, moved))
        if self.words and old and new and old.id in self.section_anchors:  # a moved section is redrawn whole
            self.joins(old, new, out)
        return tuple(out)

    # ------------------------------------------------------------ splits and merges
    def joins(self, old: Section, new: Section, records: list[BlockChange]) -> None:
        """Rewrite the records of a paragraph split in two, or of two merged into one (see BlockChange): where the
        two paragraphs are neighbours, the one kept is in both versions at its place, and one word diff across
        the two marks fewer words than a change plus a whole insertion or deletion."""
        at = {r.id: i for i, r in enumerate(records) if r.what == "paragraph"}
        for first, second in _neighbours(new.blocks):  # split: `second` is new
            if ("p:" + second.id) not in self.old_loc and self._joinable(first, records, at, old.id):
                self._split(self.old_loc["p:" + first.id][1], first, second, records, at)
        for first, second in _neighbours(old.blocks):  # merge: `second` is gone
            if ("p:" + second.id) not in self.new_loc and self._joinable(first, records, at, new.id):
                self._merge(first, second, self.new_loc["p:" + first.id][1], records, at)

    def _joinable(self, first: Paragraph, records, at: dict[str, int], section: str) -> bool:
        """`first` stayed in this section, its words changed, and it is not part of a split or merge yet."""
        i = at.get(first.id)
        return (i is not None and records[i].change == "changed" and not records[i].joined
                and self.old_loc["p:" + first.id][0] == self.new_loc["p:" + first.id][0] == section)

    def _split(self, was: Paragraph, kept: Paragraph, added: Paragraph, records, at: dict[str, int]) -> None:
        i, j = at[kept.id], at.get(added.id)
        if kept.items or j is None or records[j].joined or _tabled(was, kept, added):
            return
        old_runs, kept_runs, added_runs = (runs_of(was.inlines, self.on), runs_of(kept.inlines, self.nn),
                                           runs_of(added.inlines, self.nn))
        joined = _joined(old_runs, kept_runs + (JOIN,) + added_runs, records[i].runs, added_runs, old_runs)
        if joined is None:
            return
        first, second = joined
        items = self.items(was, added, records[i].old_number, records[j].new_number)
        records[i] = replace(records[i], runs=first, items=(), split_into=added.id)
        records[j] = replace(records[j], runs=second, items=items, split_from=kept.id)

    def _merge(self, kept: Paragraph, gone: Paragraph, now: Paragraph, records, at: dict[str, int]) -> None:
        i, j = at[kept.id], at.get(gone.id)
        if kept.items or j is None or records[j].joined or _tabled(kept, gone, now):
            return
        kept_runs, gone_runs, now_runs = (runs_of(kept.inlines, self.on), runs_of(gone.inlines, self.on),
                                          runs_of(now.inlines, self.nn))
        joined = _joined(kept_runs + (JOIN,) + gone_runs, now_runs, records[i].runs, gone_runs, now_runs)
        if joined is None:
            return
        first, second = joined
        items = self.items(gone, now, records[j].old_number, records[i].new_number)
        records[i] = replace(records[i], runs=first, items=items, merged_from=gone.id)
        records[j] = replace(records[j], runs=second, items=(), merged_into=kept.id)

    def block(self, key: str, moved: bool) -> BlockChange:
        o = self.old_loc.get(key)
        n = self.new_loc.get(key)
        ob, nb = (o[1] if o else None), (n[1] if n else None)
        sample = nb or ob
        old_section, new_section = (o[0] if o else ""), (n[0] if n else "")
        if isinstance(sample, Heading):
            return self.heading(ob, nb, moved, old_section, new_section)
        return self.paragraph(ob, nb, moved, old_section, new_section)

    def heading(self, ob, nb, moved, old_section, new_section) -> BlockChange:
        if ob and nb:
            runs = self.diff((Run(ob.text),), (Run(nb.text),))
            edited = ob.text != nb.text
        else:
            runs, edited = marked((Run((ob or nb).text),), "ins" if nb else "del"), False
        return BlockChange("heading", (nb or ob).id, change_of(bool(ob), bool(nb), moved, edited), "", "",
                           old_section, new_section, runs, (), edited, moved, edited)

    def paragraph(self, ob: Paragraph | None, nb: Paragraph | None, moved, old_section, new_section) -> BlockChange:
        pid = (nb or ob).id
        on, nn = self.on.get(pid, "") if ob else "", self.nn.get(pid, "") if nb else ""
        if not (ob and nb):
            return self.whole_paragraph(ob, nb, on, nn, old_section, new_section)
        if _same_text(ob, nb):  # most paragraphs: what diffing would say, without working it out
            items = tuple(ItemChange("unchanged", f"{on}({letter(i)})", f"{nn}({letter(i)})",
                                     runs_of(it.inlines, self.nn)) for i, it in enumerate(nb.items))
            return BlockChange("paragraph", pid, change_of(True, True, moved, False), on, nn, old_section,
                               new_section, runs_of(nb.inlines, self.nn), items, False, moved, False,
                               ob.tags is not nb.tags and ob.tags != nb.tags)
        old_runs, new_runs = runs_of(ob.inlines, self.on), runs_of(nb.inlines, self.nn)
        tags_changed = ob.tags is not nb.tags and ob.tags != nb.tags
        source_edited = (ob.inlines != nb.inlines or [i.inlines for i in ob.items] != [i.inlines for i in nb.items]
                         or _cells(ob) != _cells(nb))
        if not self.words and not same_words(old_runs, new_runs):  # changed, whatever its sub-items say
            return BlockChange("paragraph", pid, change_of(True, True, moved, True), on, nn, old_section,
                               new_section, marked(old_runs, "del") + marked(new_runs, "ins"), (), True, moved,
                               source_edited, tags_changed)
        runs = self.diff(old_runs, new_runs)
        items = self.items(ob, nb, on, nn)
        table = self.table(ob, nb)
        edited = (not same_words(old_runs, new_runs) or any(i.change != "unchanged" for i in items)
                  or any(r.change != "unchanged" for r in table))
        return BlockChange("paragraph", pid, change_of(True, True, moved, edited), on, nn, old_section, new_section,
                           runs, items, edited, moved, source_edited, tags_changed, table)

    def whole_paragraph(self, ob: Paragraph | None, nb: Paragraph | None, on: str, nn: str, old_section: str,
                        new_section: str) -> BlockChange:
        """A paragraph only in the new version (inserted) or only in the old (deleted): every part marked."""
        mark, change = ("ins", "inserted") if nb else ("del", "deleted")
        p, nums, number = (nb, self.nn, nn) if nb else (ob, self.on, on)
        items = tuple(ItemChange(change, "" if nb else f"{number}({letter(i)})",
                                 f"{number}({letter(i)})" if nb else "", marked(runs_of(it.inlines, nums), mark))
                      for i, it in enumerate(p.items))
        table = _whole_rows(_rows(p, nums), change)
        return BlockChange("paragraph", p.id, change, on, nn, old_section, new_section,
                           marked(runs_of(p.inlines, nums), mark), items, table=table)

    def table(self, ob: Paragraph, nb: Paragraph) -> tuple[RowChange, ...]:
        """The rows of the two versions' tables aligned by their words (the header rows always pair), each pair
        diffed cell by cell. A table added, removed or with a different number of columns is inserted or deleted
        whole."""
        old_rows, new_rows = _rows(ob, self.on), _rows(nb, self.nn)
        if not (old_rows and new_rows) or len(old_rows[0]) != len(new_rows[0]):
            return _whole_rows(old_rows, "deleted") + _whole_rows(new_rows, "inserted")
        body = align([_row_text(r) for r in old_rows[1:]], [_row_text(r) for r in new_rows[1:]])
        out = []
        for i, j in [(0, 0)] + [(None if i is None else i + 1, None if j is None else j + 1) for i, j in body]:
            if i is None or j is None:
                out.extend(_whole_rows([new_rows[j]], "inserted") if i is None else _whole_rows([old_rows[i]], "deleted"))
                continue
            same = all(same_words(a, b) for a, b in zip(old_rows[i], new_rows[j]))
            out.append(RowChange("unchanged" if same else "changed",
                                 tuple(self.diff(a, b) for a, b in zip(old_rows[i], new_rows[j]))))
        return tuple(out)

    def items(self, ob: Paragraph, nb: Paragraph, on: str, nn: str) -> tuple[ItemChange, ...]:
        old_runs = [runs_of(i.inlines, self.on) for i in ob.items]
        new_runs = [runs_of(i.inlines, self.nn) for i in nb.items]
        out = []
        for i, j in align([plain(r) for r in old_runs], [plain(r) for r in new_runs]):
            o_num = f"{on}({letter(i)})" if i is not None else ""
            n_num = f"{nn}({letter(j)})" if j is not None else ""
            if i is None:
                out.append(ItemChange("inserted", "", n_num, marked(new_runs[j], "ins")))
            elif j is None:
                out.append(ItemChange("deleted", o_num, "", marked(old_runs[i], "del")))
            else:
                same = same_words(old_runs[i], new_runs[j])
                out.append(ItemChange("unchanged" if same else "changed", o_num, n_num,
                                      self.diff(old_runs[i], new_runs[j])))
        return tuple(out)

    # ------------------------------------------------------------ scenarios
    def scenarios(self) -> tuple[ScenarioChange, ...]:
        old = {s.id: s for s in self.old.scenarios}
        new = {s.id: s for s in self.new.scenarios}
        old_ids, new_ids = list(old), list(new)
        anchors = set(lcs(old_ids, new_ids))
        out = []
        for where, sid in merge_order(old_ids, new_ids, anchors):
            if where == "old" and sid in new:
                continue
            out.append(self.scenario(old.get(sid), new.get(sid)))
        return tuple(out)

    def scenario(self, old: Scenario | None, new: Scenario | None) -> ScenarioChange:
        sid = (new or old).id
        on, nn = (self.on.get(sid, "") if old else ""), (self.nn.get(sid, "") if new else "")
        if not (old and new):
            mark, sc, nums = ("ins", new, self.nn) if new else ("del", old, self.on)
            change = "inserted" if new else "deleted"
            parts = tuple(PartChange(p.key, change, marked((Run(p.title),), mark),
                                     tuple(PassageChange(change, b.bullet, marked(runs_of(b.inlines, nums), mark))
                                           for b in p.passages))
                          for p in sc.parts)
            return ScenarioChange(sid, change, on, nn, marked((Run(sc.title),), mark), parts, source_edited=True)
        title = self.diff((Run(old.title),), (Run(new.title),))
        parts = tuple(self.part(old, new, key) for key in PARTS if old.part(key) or new.part(key))
        details = tuple(name for name in ("audiences", "areas", "principles", "cites", "reviewed_against")
                        if getattr(old, name) != getattr(new, name))
        edited = old.title != new.title or any(p.change != "unchanged" for p in parts)
        shown_details = {"audiences", "cites"} & set(details)
        source_edited = old.title != new.title or any(p.change != "unchanged" and p.source_edited for p in parts)
        return ScenarioChange(sid, "changed" if edited or shown_details else "unchanged", on, nn, title, parts, details,
                              source_edited)

    def part(self, old_sc: Scenario, new_sc: Scenario, key: str) -> PartChange:
        op, np_ = old_sc.part(key), new_sc.part(key)
        if not (op and np_):
            p, mark, nums = (np_, "ins", self.nn) if np_ else (op, "del", self.on)
            change = "inserted" if np_ else "deleted"
            return PartChange(key, change, marked((Run(p.title),), mark),
                              tuple(PassageChange(change, b.bullet, marked(runs_of(b.inlines, nums), mark))
                                    for b in p.passages), source_edited=True)
        old_runs = [runs_of(b.inlines, self.on) for b in op.passages]
        new_runs = [runs_of(b.inlines, self.nn) for b in np_.passages]
        passages = self.passages(op.passages, np_.passages, old_runs, new_runs)
        title = self.diff((Run(op.title),), (Run(np_.title),))
        changed = op.title != np_.title or any(b.change != "unchanged" for b in passages)
        source_edited = op.title != np_.title or [(b.bullet, b.inlines) for b in op.passages] != [
            (b.bullet, b.inlines) for b in np_.passages]
        return PartChange(key, "changed" if changed else "unchanged", title, tuple(passages), source_edited)

    def passages(self, old: tuple[Passage, ...], new: tuple[Passage, ...], old_runs: list, new_runs: list):
        """The passages of a part aligned by their words (a text never pairs with a bullet)."""
        out = []
        for i, j in align([_key(b, r) for b, r in zip(old, old_runs)], [_key(b, r) for b, r in zip(new, new_runs)]):
            if i is not None and j is not None and old[i].bullet != new[j].bullet:
                out.append(PassageChange("deleted", old[i].bullet, marked(old_runs[i], "del")))
                out.append(PassageChange("inserted", new[j].bullet, marked(new_runs[j], "ins")))
            elif j is None:
                out.append(PassageChange("deleted", old[i].bullet, marked(old_runs[i], "del")))
            elif i is None:
                out.append(PassageChange("inserted", new[j].bullet, marked(new_runs[j], "ins")))
            else:
                same = same_words(old_runs[i], new_runs[j])
                out.append(PassageChange("unchanged" if same else "changed", new[j].bullet,
                                         self.diff(old_runs[i], new_runs[j])))
        return out

    # ------------------------------------------------------------ quick answers
    def answers(self) -> tuple[AnswerChange, ...]:
        """The quick answers by id, in the newer version's order (a deleted one where it stood)."""
        old = {a.id: a for a in self.old.answers}
        new = {a.id: a for a in self.new.answers}
        anchors = set(lcs(list(old), list(new)))
        return tuple(self.answer(old.get(aid), new.get(aid))
                     for where, aid in merge_order(list(old), list(new), anchors) if not (where == "old" and aid in new))

    def answer(self, old: QuickAnswer | None, new: QuickAnswer | None) -> AnswerChange:
        if not (old and new):
            a, mark, nums = (new, "ins", self.nn) if new else (old, "del", self.on)
            return AnswerChange(a.id, "inserted" if new else "deleted", marked((Run(a.question),), mark),
                                marked(runs_of(a.answer, nums), mark), True, a.reviewed_against)
        question = self.diff((Run(old.question),), (Run(new.question),))
        old_runs, new_runs = runs_of(old.answer, self.on), runs_of(new.answer, self.nn)
        same = old.question == new.question and same_words(old_runs, new_runs)
        return AnswerChange(new.id, "unchanged" if same else "changed", question, self.diff(old_runs, new_runs),
                            old.question != new.question or old.answer != new.answer, new.reviewed_against)

    # ------------------------------------------------------------ glossary
    def glossary(self) -> tuple[GlossaryChange, ...]:
        old = {g.term.casefold(): g for g in self.old.glossary}
        new = {g.term.casefold(): g for g in self.new.glossary}
        out = []
        for key in sorted(set(old) | set(new)):
            o, n = old.get(key), new.get(key)
            if o and n:
                runs = self.diff((Run(o.definition),), (Run(n.definition),))
                same = o.definition == n.definition and o.term == n.term and o.aliases == n.aliases
                out.append(GlossaryChange(n.term, "unchanged" if same else "changed", runs))
            else:
                g = n or o
                out.append(GlossaryChange(g.term, "inserted" if n else "deleted",
                                          marked((Run(g.definition),), "ins" if n else "del")))
        return tuple(out)


_META_FIELDS = ("title", "council", "owner", "version", "status", "date", "constitution_part", "language")


def _meta(old: Protocol, new: Protocol) -> tuple[MetaChange, ...]:
    out = [MetaChange(f, getattr(old.meta, f), getattr(new.meta, f))
           for f in _META_FIELDS if getattr(old.meta, f) != getattr(new.meta, f)]
    od, nd = dict(old.meta.dates), dict(new.meta.dates)
    for key in sorted(set(od) | set(nd)):
        if od.get(key) != nd.get(key):
            out.append(MetaChange(f"dates.{key}", od.get(key, ""), nd.get(key, "")))
    return tuple(out)


def _rows(p: Paragraph, nums: dict[str, str]) -> list[tuple[tuple[Run, ...], ...]]:
    """A paragraph's table as rows of cell runs, the header first ([] when it has no table)."""
    return [tuple(runs_of(c, nums) for c in row.cells) for row in p.table.all_rows] if p.table else []


def _whole_rows(rows, change: str) -> tuple[RowChange, ...]:
    """Rows inserted or deleted whole: every word marked."""
    mark = "ins" if change == "inserted" else "del"
    return tuple(RowChange(change, tuple(marked(cell, mark) for cell in row)) for row in rows)


def _row_text(row: tuple[tuple[Run, ...], ...]) -> str:
    return " | ".join(plain(cell) for cell in row)


def _cells(p: Paragraph) -> tuple:
    """What a paragraph's table says (not where it stands in the file)."""
    return tuple(row.cells for row in p.table.all_rows) if p.table else ()


def _same_text(old: Paragraph, new: Paragraph) -> bool:
    """The same inline nodes on both sides (the very same objects: the draft and its release share the parse of
    an unchanged text) and no cross-reference, whose number could differ, and no table: nothing to diff."""
    if old.table is not None or new.table is not None:
        return False
    if old.inlines is not new.inlines or len(old.items) != len(new.items):
        return False
    if any(a.inlines is not b.inlines for a, b in zip(old.items, new.items)):
        return False
    return not any(type(node) is Ref for node in old.inlines) and not any(
        type(node) is Ref for item in old.items for node in item.inlines)


def _tabled(*paragraphs: Paragraph) -> bool:
    """A paragraph ends in a table: its split or merge is left as a change, an insertion and a deletion."""
    return any(p.table is not None for p in paragraphs)


def _neighbours(blocks) -> list[tuple[Paragraph, Paragraph]]:
    return [(a, b) for a, b in zip(blocks, blocks[1:]) if isinstance(a, Paragraph) and isinstance(b, Paragraph)]


def _fewer_marks(first: tuple[Run, ...], second: tuple[Run, ...], changed: tuple[Run, ...],
                 whole: tuple[Run, ...]) -> bool:
    """A split or merge when one diff across both paragraphs (`first`, `second`) marks fewer words than the
    change to the one kept (`changed`) plus the other inserted or deleted whole (`whole`), and at least half the
    other's words are left unmarked (they only moved across the paragraph mark)."""
    kept_words = words_in(tuple(r for r in second if not r.mark))
    return (changed_words(first + second) < changed_words(changed) + words_in(whole)
            and 2 * kept_words >= words_in(whole))


def _joined(old: tuple[Run, ...], new: tuple[Run, ...], changed: tuple[Run, ...], whole: tuple[Run, ...],
            other: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...]] | None:
    """The diff across the two paragraphs of a split or merge (one side holds JOIN), cut at JOIN, when it marks
    fewer words than a change (`changed`) plus the paragraph inserted or deleted whole (`whole`, whose words
    must be found in `other`); None when it does not, or cannot."""
    if not _could_be_joined(whole, other):
        return None
    first, second = diff_across(old, new)
    return (first, second) if _fewer_marks(first, second, changed, whole) else None


def _could_be_joined(whole: tuple[Run, ...], other: tuple[Run, ...]) -> bool:
    """Whether the paragraph inserted (or deleted) whole could pass _fewer_marks' second test: half its words
    left unmarked needs half its words in the paragraph it would be split from (or merged into), so when fewer
    are, the diff across the two is not worth working out (it would be refused)."""
    return 2 * shared_words(whole, other) >= words_in(whole)


def _key(passage: Passage, runs: tuple[Run, ...]) -> str:
    """What aligns a passage: its kind and its words."""
    return f"{'bullet' if passage.bullet else 'text'}:{plain(runs)}"


def same_words(old: tuple[Run, ...], new: tuple[Run, ...]) -> bool:
    """The same words (tokens) in both. Equal runs are, and runs whose texts differ are not, without tokenising:
    the tokens of some runs, put together, are exactly their texts put together."""
    if old == new:
        return True
    if "".join(r.text for r in old) != "".join(r.text for r in new):
        return False
    return tokens(old) == tokens(new)
