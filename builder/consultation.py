"""A consultation: consultees' copies of the draft compared with the sources, one suggestion per paragraph per copy.

`layout(protocol, numbers)` is the document `protocol build` writes, as the copies are matched against it:
every paragraph, sub-item, heading, section title and worked-example block, with its number, its words and
the bookmark the Word writer names after its stable id (sub-items and worked-example parts have none: they
are found by their place after the bookmarked paragraph above them).

`consult(protocol, numbers, copies)` finds each copy's paragraphs by those bookmarks (so moved or renumbered
paragraphs still match), reports every paragraph whose words no longer match the sources (edited without
track changes, or the sources changed since the copy was built), and makes one `Suggestion` for each
paragraph a consultee changed or commented on: who, the words deleted and inserted, the comment threads, and
whether it can be applied to the section files automatically (`edits`) or must be made by hand (`blockers`).
A change in a paragraph that differs from the sources is moved onto the words the sources have now when every
sentence it touches still reads as in the copy (three-way, sentence by sentence), and listed otherwise.

`plan(consultation, texts, numbers)` turns the suggestions chosen for applying into new section-file texts
and reasons for amendments.yaml (builder.edits does the text work); suggestions from several copies on the
same paragraph are combined when their edits are apart, and listed when they touch the same words.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from .diff.words import diff_runs
from .edits import Edit, apply, blockers, edited, file_edits, fold, locate, outline, word_edits
from .model import Protocol
from .read.archive import Refused
from .read.responses import Copy, Original, Passage
from .view import Line, Run, plain_view
from .write.docx.lines import BOOKMARKED
from .write.docx.xml import bookmark_name

EDITABLE = ("para", "item", "heading")
PARTS = {"glossary": "the glossary", "appendix": "the introduction to the worked examples",
         "history": "the version history"}
NO_NAME = "(no name)"  # a tracked change whose author the copy does not record
QUOTE = 60  # the longest quotation of the words a comment is attached to
PILCROW = " ¶ "  # where one paragraph ends and the next begins, in a change that adds, deletes or joins paragraphs


@dataclass(frozen=True)
class Slot:
    """A block of the document as the build writes it."""

    key: str  # the block's key: an id, "<paragraph id>/<n>" for a sub-item, "<scenario id>/…" in the appendix
    kind: str  # a builder.view block kind
    where: str  # how a person finds it: "4.3", "4.3(b)", "Section 4 (title)", "Sub-heading 'Urgent matters'"
    number: str
    block_id: str  # the id reasons and --only use: a sub-item's paragraph, a heading, a section, a scenario
    path: str  # the source file that holds it
    runs: tuple[Run, ...]

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Layout:
    slots: dict[str, Slot]
    order: dict[str, int]  # key -> its place in the document
    anchors: dict[str, str]  # bookmark name -> key ('' for the parts the build writes after the protocol)
    followers: dict[str, list[str]]  # a bookmarked key -> the keys of the unbookmarked blocks after it
    bookmarks: dict[str, str]  # key -> bookmark name
    parts: dict[str, str]  # bookmark name -> what that part of the document is
    linked: set[str] = field(default_factory=set)  # the bookmark names a cross-reference may link to


@dataclass(frozen=True)
class Reply:
    author: str
    date: str  # YYYY-MM-DD, or ''
    text: str


@dataclass(frozen=True)
class Thread:
    """A comment and its replies."""

    author: str
    date: str
    text: str
    replies: tuple[Reply, ...] = ()
    quoted: str = ""  # the words the comment is attached to
    done: bool = False  # marked resolved


@dataclass
class Suggestion:
    copy: str  # the file it came from
    key: str  # the Slot's key ('' when it is not a block of the sources)
    where: str
    number: str
    block_id: str
    authors: list[str]  # who made the tracked changes
    commenters: list[str]  # who wrote the comments and replies
    date: str  # YYYY-MM-DD of the latest change or comment
    what: str  # "changes words", "comments", "deletes this sub-item", "adds a paragraph after it", …
    change: tuple[Run, ...]  # the words, deleted and inserted marked
    original: str
    proposed: str
    threads: list[Thread] = field(default_factory=list)
    edits: list[Edit] = field(default_factory=list)  # on the sources' words, when it can be applied
    blockers: list[str] = field(default_factory=list)  # why it must be made by hand
    notes: list[str] = field(default_factory=list)  # what else the Monitoring Officer should know
    status: str = ""  # "applied", "not applied", "not chosen" (with --apply), '' otherwise
    order: tuple = ()

    @property
    def consultees(self) -> list[str]:
        return list(dict.fromkeys(self.authors + self.commenters))

    @property
    def applicable(self) -> bool:
        return bool(self.edits) and not self.blockers


@dataclass(frozen=True)
class Mismatch:
    """A paragraph of a copy whose words (before the consultee's tracked changes) are not the sources'."""

    where: str
    key: str
    change: tuple[Run, ...]  # from the sources' words to the copy's


@dataclass
class Report:
    """What one copy is, and how well it matches the sources."""

    name: str
    version: str  # the version it says it was built from ('' when it does not say)
    status: str
    matched: int  # paragraphs found and matching
    differ: list[Mismatch] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # blocks of the sources not in the copy ("4.3 (id)")
    unknown: list[str] = field(default_factory=list)  # paragraphs the copy has and the sources do not
    unread: list[str] = field(default_factory=list)


@dataclass
class Consultation:
    draft: str  # "version 1.1 (draft, 7 May 2024)"
    version: str
    reports: list[Report]
    suggestions: list[Suggestion]
    layout: Layout


# ---------------------------------------------------------------- the document the build writes

def layout(protocol: Protocol, numbers: dict[str, str]) -> Layout:
    view = plain_view(protocol, numbers)
    blocks = view.body + view.appendix
    bookmarks, taken = {}, set()
    for b in blocks:  # as the Word writer claims them: the first key to want a name gets it
        name = bookmark_name("p", b.key)
        if b.kind in BOOKMARKED and b.key not in bookmarks and name not in taken:
            bookmarks[b.key] = name
            taken.add(name)
    out = Layout({}, {}, {}, {}, bookmarks, {bookmark_name("b", k): v for k, v in PARTS.items()}, set(taken))
    out.anchors.update({name: "" for name in out.parts})
    paths = _paths(protocol)
    current, part = "", ""
    for i, b in enumerate(blocks):
        part = b.text if b.kind == "part" else part
        slot = _slot(b, numbers, paths, part)
        out.slots[b.key], out.order[b.key] = slot, i
        if b.key in bookmarks and b.kind in BOOKMARKED:
            out.anchors[bookmarks[b.key]] = current = b.key
            out.followers[b.key] = []
        elif current:
            out.followers[current].append(b.key)
    return out


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
        "scenario": f"{example} (title)",
        "part": f"{example}, the heading \u201c{b.text}\u201d",
        "meta": f"{example}, the line \u201c{b.text[:40]}\u201d",
        "text": f"{example}, \u201c{part}\u201d, paragraph {n}",
        "bullet": f"{example}, \u201c{part}\u201d, item {n}",
    }.get(b.kind, f"{example}, {b.kind}")
    return Slot(b.key, b.kind, where, b.number, owner, paths.get(owner, ""), b.runs)


# ---------------------------------------------------------------- the copies matched with it

def consult(protocol: Protocol, numbers: dict[str, str], copies: list[Copy]) -> Consultation:
    lay = layout(protocol, numbers)
    meta = protocol.meta
    reports, suggestions = [], []
    for index, copy in enumerate(copies):
        keys = _placed(copy, lay)
        report = _report(copy, keys, lay)
        if not report.matched and not report.differ:
            raise Refused(_not_ours(copy, lay))
        reports.append(report)
        for passage in copy.passages:
            suggestions.append(_suggestion(copy, index, passage, keys, lay))
    suggestions.sort(key=lambda s: s.order)
    draft = f"version {meta.version} ({meta.status}, {meta.date})"  # as the log and the report name it
    return Consultation(draft, meta.version, reports, suggestions, lay)


def _not_ours(copy: Copy, lay: Layout) -> str:
    ours = [o for o in copy.originals if o.anchor and o.offset == 0]
    if ours:
        return (f"{copy.name} was built from other sources: none of its {len(ours)} paragraph ids is a paragraph of "
                "these sources.\n    hint: run the command in the protocol's folder the copy was built from "
                "(--root), or send consultees the Word document `protocol build` writes from these sources.")
    return (f"{copy.name} was not written by `protocol build`: it holds none of the paragraph ids the build "
            "stores in its bookmarks, so its suggestions cannot be matched to paragraphs.\n"
            "    hint: send consultees the Word document `protocol build` writes (in build/); to turn a "
            "protocol kept in Word into sources, use `protocol import`.")


def _placed(copy: Copy, lay: Layout) -> list[str | None]:
    """The key of the block each original paragraph of the copy is, or None."""
    keys: list[str | None] = [None] * len(copy.originals)
    stretches: dict[str, list[int]] = {}
    for i, o in enumerate(copy.originals):
        if o.anchor and o.offset >= 0:
            stretches.setdefault(o.anchor, []).append(i)
    for anchor, indexes in stretches.items():
        key = lay.anchors.get(anchor)
        if not key:
            continue
        expected = [key] + lay.followers.get(key, [])
        got = [copy.originals[i] for i in indexes]
        for j, k in _align(got, expected, lay).items():
            keys[indexes[j]] = k
    return keys


def _align(got: list[Original], expected: list[str], lay: Layout) -> dict[int, str]:
    """Originals under one bookmark matched with the blocks the build put there: by place when the counts agree,
    by words otherwise (an untracked deletion or insertion moves the rest)."""
    if len(got) == len(expected):
        return dict(enumerate(expected))
    out = {0: expected[0]}
    a = [fold(o.text) for o in got]
    b = [fold(lay.slots[k].text) for k in expected]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            out.update({i1 + d: expected[j1 + d] for d in range(i2 - i1) if i1 + d})
    return out


def _report(copy: Copy, keys: list[str | None], lay: Layout) -> Report:
    props = copy.properties
    report = Report(copy.name, _version(props), props.get("content_status", ""), 0, unread=list(copy.unread))
    found = set()
    for o, key in zip(copy.originals, keys):
        if key is None:
            if o.anchor and o.offset == 0 and o.anchor not in lay.anchors:
                report.unknown.append(_unknown(o.anchor))
            continue
        found.add(key)
        slot = lay.slots[key]
        if _mapping(o, slot, lay) is None:
            report.differ.append(Mismatch(slot.where + _id(slot), key, diff_runs(slot.runs, (Run(o.text),))))
        else:
            report.matched += 1
    report.missing = [lay.slots[k].where + _id(lay.slots[k]) for k in lay.slots if k not in found]
    return report


def _version(props: dict[str, str]) -> str:
    """The version the copy was built from: its version property, or the subject line the build writes."""
    if re.fullmatch(r"\d+(\.\d+){0,3}", props.get("version", "")):
        return props["version"]
    m = re.search(r"\bversion (\d+(?:\.\d+){0,3})\b", props.get("subject", ""))
    return m.group(1) if m else ""


def _unknown(anchor: str) -> str:
    body = anchor[3:].replace("_", "-").lower()
    return f"a paragraph with the id '{body}' (bookmark {anchor}), which is not in the sources"


def _id(slot: Slot) -> str:
    return f" ({slot.block_id})" if slot.block_id else ""


# ---------------------------------------------------------------- words compared, piece by piece

def _pieces(runs, anchor_of) -> list[tuple[str, str]]:
    """(text, bookmark linked to) pieces, neighbours with the same link joined; '' for plain text."""
    out: list[tuple[str, str]] = []
    for run in runs:
        link = anchor_of(run)
        if out and out[-1][1] == link:
            out[-1] = (out[-1][0] + run.text, link)
        else:
            out.append((run.text, link))
    return [p for p in out if p[0] or p[1]]


def _mapping(original: Original, slot: Slot, lay: Layout):
    """Positions in the copy's words -> positions in the sources' words (None inside a cross-reference's number,
    which may differ when the sources renumbered), or None when the words are not the sources'."""
    copy = _trimmed(_pieces(original.runs, lambda r: r.anchor if r.anchor in lay.linked else ""))
    source = _pieces(slot.runs, lambda r: lay.bookmarks.get(r.ref, "") if r.ref else "")
    if len(copy) != len(source):
        return None
    table, c, s = [], 0, 0
    for (ctext, clink), (stext, slink) in zip(copy, source):
        if clink != slink or (not clink and ctext != stext):
            return None
        table.append((c, c + len(ctext), s, s + len(stext), bool(clink)))
        c, s = c + len(ctext), s + len(stext)
    return table


def _trimmed(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """White space at either end left out (LibreOffice turns a page break before the next paragraph into a break
    at the end of this one, which reads as a space); positions then count as fold() counts them."""
    if pieces and not pieces[0][1]:
        pieces[0] = (pieces[0][0].lstrip(), "")
    if pieces and not pieces[-1][1]:
        pieces[-1] = (pieces[-1][0].rstrip(), "")
    return [p for p in pieces if p[0] or p[1]]


def _to_source(table, pos: int) -> int | None:
    for c0, c1, s0, s1, ref in table:
        if c0 <= pos <= c1:
            if pos == c0:
                return s0
            if pos == c1:
                return s1
            return None if ref else s0 + pos - c0
    return table[-1][3] if table else 0


# ---------------------------------------------------------------- suggestions

def _suggestion(copy: Copy, index: int, passage: Passage, keys, lay: Layout) -> Suggestion:
    placed = [keys[i] for i in passage.originals]
    key = next((k for k in placed if k), "")
    slot = lay.slots.get(key)
    first = copy.originals[passage.originals[0]]
    where = slot.where if slot else _place(first, lay)
    original = PILCROW.join(fold(copy.originals[i].text) for i in passage.originals)
    proposed = PILCROW.join(passage.accepted)
    out = Suggestion(copy.name, key, where, slot.number if slot else "", slot.block_id if slot else "",
                     (_unique(passage.authors) or [NO_NAME]) if passage.changed else [], [],
                     _day(max(passage.dates, default="")), _what(passage, copy),
                     diff_runs((Run(original),), (Run(proposed),)) if passage.changed else (Run(original),),
                     original, proposed)
    out.threads, out.commenters = _threads(copy, passage)
    out.date = max([out.date] + [t.date for t in out.threads] + [r.date for t in out.threads for r in t.replies])
    out.order = (lay.order.get(key, -1) if key else -1, index, passage.originals[0])
    if passage.changed:
        _applicable(out, copy, passage, slot, lay)
    return out


def _what(passage: Passage, copy: Copy) -> str:
    if not passage.changed:
        return "comments"
    if not passage.structural:
        return "changes words"
    kept = len(passage.originals) - len(passage.removed)
    parts = []
    if passage.removed:
        parts.append("deletes a paragraph" if len(passage.removed) == 1 else f"deletes {len(passage.removed)} paragraphs")
    if len(passage.accepted) > kept:
        added = len(passage.accepted) - kept
        parts.append("adds a paragraph" if added == 1 else f"adds {added} paragraphs")
    elif len(passage.accepted) < kept:
        parts.append("joins paragraphs")
    return " and ".join(parts) or "splits and joins paragraphs"


def _place(o: Original, lay: Layout) -> str:
    if o.anchor in lay.parts:
        part = lay.parts[o.anchor]
        return f"{part} (its table)" if o.offset < 0 else part
    if o.anchor and o.anchor not in lay.anchors:
        return _unknown(o.anchor)
    if o.anchor:
        anchor = lay.slots[lay.anchors[o.anchor]]
        return f"a paragraph after {anchor.where}{_id(anchor)} that the sources do not have"
    return "the contents" if o.contents else "the title page"


def _applicable(s: Suggestion, copy: Copy, passage: Passage, slot: Slot | None, lay: Layout) -> None:
    if passage.structural:
        s.blockers.append(f"it {s.what}")
        return
    if slot is None:
        s.blockers.append(f"it is in {s.where}, which is not in the section files")
        return
    if slot.kind not in EDITABLE:
        what = "the section's title (its 'title:' line)" if slot.kind == "section" else "the worked example"
        s.blockers.append(f"it changes {what}, in {slot.path}")
        return
    original = copy.originals[passage.originals[0]]
    table = _mapping(original, slot, lay)
    if table is None:
        _rebased(s, fold(original.text), slot.text, passage.accepted[0])
        return
    for start, end, words in word_edits(fold(original.text), passage.accepted[0]):
        a, b = _to_source(table, start), _to_source(table, end)
        if a is None or b is None:
            s.blockers.append("it changes the number of a cross-reference (a [[reference]] in the source)")
            s.edits = []
            return
        s.edits.append((a, b, words))
    if not s.edits:
        s.notes.append("its tracked changes leave the words as they were")


def _rebased(s: Suggestion, old: str, now: str, new: str) -> None:
    """A paragraph whose words in the copy are not the sources' (the sources changed since the copy was built,
    or the consultee typed without Track Changes): the consultee's tracked changes are made in the words the
    sources have now when every sentence they touch is as the copy has it, and listed otherwise."""
    if new == now:
        s.notes.append("the sources already read as the copy does with its changes accepted")
        return
    since = word_edits(old, now)  # exact: what moves the consultee's edits onto today's words
    sentences = _sentences(old)
    changed = {k for b, e, _ in word_edits(old, now, tidy=True) for k in _touched(sentences, b, e)}
    edits, made = [], 0
    for start, end, words in word_edits(old, new):
        if (start, end, words) in since:
            made += 1  # the sources have this change already
            continue
        if changed & _touched(sentences, start, end) or any(start <= e and b <= end for b, e, _ in since):
            s.blockers.append("it changes a sentence that differs between the copy and the sources as they now "
                              "stand (changed since the copy was built, or typed without Track Changes)")
            return
        shift = sum(len(w) - (e - b) for b, e, w in since if e < start)
        edits.append((start + shift, end + shift, words))
    s.edits = edits
    if edits:
        s.notes.append("the paragraph has changed since the copy was built (or was edited without Track Changes): "
                       "the consultee's change is made in the words the sources have now")
    if made:
        s.notes.append("the sources already have " + ("this change" if made == 1 and not edits else
                                                      f"{made} of its changes"))


_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")


def _sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) of each sentence (or clause ended by ';' or ':') of a paragraph, the spaces after it included."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    out.append((start, len(text)))
    return out


def _touched(sentences: list[tuple[int, int]], start: int, end: int) -> set[int]:
    """The sentences an edit of [start, end) reaches; an insertion between two sentences reaches neither."""
    if start == end:
        return {k for k, (b, e) in enumerate(sentences) if b < start < e}
    return {k for k, (b, e) in enumerate(sentences) if start < e and b < end}


def _threads(copy: Copy, passage: Passage) -> tuple[list[Thread], list[str]]:
    roots = list(dict.fromkeys(copy.root_of(c) for c in passage.comments if c in copy.comments))
    threads, who = [], []
    for root in roots:
        chain = copy.thread(root)
        head = chain[0]
        replies = tuple(Reply(" ".join(c.author.split()) or NO_NAME, _day(c.date), c.text) for c in chain[1:])
        quoted = fold("".join(r.text for i in passage.originals for r in copy.originals[i].runs if root in r.comments))
        if quoted == fold("".join(copy.originals[i].text for i in passage.originals)):
            quoted = ""  # the whole paragraph: nothing to point at
        elif len(quoted) > QUOTE:
            quoted = quoted[:QUOTE].rsplit(" ", 1)[0] + " …"
        threads.append(Thread(" ".join(head.author.split()) or NO_NAME, _day(head.date), head.text, replies, quoted,
                              head.done))
        who += [c.author for c in chain]
    return threads, _unique(who)


def _unique(names) -> list[str]:
    return [n for n in dict.fromkeys(" ".join(n.split()) for n in names) if n]


def _day(stamp: str) -> str:
    """YYYY-MM-DD of a Word date ('' for none: LibreOffice writes an unset date as 0-00-00T00:00:00Z)."""
    day = (stamp or "")[:10]
    return day if _DAY.fullmatch(day) and not day.startswith("0000") else ""


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# ---------------------------------------------------------------- choosing and applying

def choose(consultation: Consultation, authors: list[str] | None, only: list[str] | None) -> list[str]:
    """Mark the suggestions not chosen by --author and --only; return what is wrong with the names and ids given."""
    problems = []
    everyone = {n.casefold() for s in consultation.suggestions for n in s.authors}
    wanted = {" ".join(a.split()).casefold() for a in authors or []}
    for name in authors or []:
        if " ".join(name.split()).casefold() not in everyone:
            known = sorted({n for s in consultation.suggestions for n in s.authors})
            problems.append(f"--author {name}: no tracked change in these copies is by {name} (the authors are: "
                            f"{', '.join(known) or 'none'})")
    ids = {s.block_id for s in consultation.suggestions if s.authors}
    for i in only or []:
        if i not in ids:
            problems.append(f"--only {i}: no copy changes a paragraph or heading with the id {i!r}")
    for s in consultation.suggestions:
        if not s.authors:
            continue
        if authors and not {a.casefold() for a in s.authors} <= wanted:
            s.status = "not chosen"
            others = [a for a in s.authors if a.casefold() not in wanted]
            if {a.casefold() for a in s.authors} & wanted:
                s.blockers.append(f"it also holds changes by {', '.join(others)}, who was not chosen")
        elif only and s.block_id not in only:
            s.status = "not chosen"
    return problems


@dataclass
class Plan:
    texts: dict[str, str]  # source path -> its new text
    reasons: dict[str, str]  # id -> the reason to record
    expected: dict[str, str]  # key -> the words it must have once applied


def plan(consultation: Consultation, texts: dict[str, str], numbers: dict[str, str]) -> Plan:
    """The new text of each section file and the reasons, for the suggestions that can be applied and are chosen."""
    chosen = [s for s in consultation.suggestions if s.applicable and s.status != "not chosen"]
    by_key: dict[str, list[Suggestion]] = {}
    for s in chosen:
        by_key.setdefault(s.key, []).append(s)
    result = Plan({}, {}, {})
    per_file: dict[str, list] = {}
    for key, group in by_key.items():
        slot = consultation.layout.slots[key]
        located = locate(texts.get(slot.path, ""), key, numbers)
        edits = _combined(group, located, slot)
        if edits is None:
            continue
        per_file.setdefault(slot.path, []).append((key, located, edits, group))
    for path, items in per_file.items():
        _file_plan(result, path, texts[path], items, numbers)
    return result


def _combined(group: list[Suggestion], located, slot: Slot) -> list[Edit] | None:
    """The edits of every chosen suggestion on one block, or None (each suggestion told why)."""
    if located is None or located.rendered != slot.text:
        for s in group:
            s.blockers.append(f"its words could not be found in {slot.path} as the build shows them")
        return None
    for s in group:
        s.blockers.extend(blockers(located, s.edits))
    group = [s for s in group if not s.blockers]
    if not group:
        return None
    edits = sorted({e for s in group for e in s.edits})
    for a, b in zip(edits, edits[1:]):
        if a[1] >= b[0] and not (a[0] == a[1] == b[0] == b[1] and a == b):
            owners = [s for s in group if a in s.edits or b in s.edits]
            for s in group:
                others = [o for o in owners if o is not s] or [o for o in group if o is not s]
                names = "; ".join(f"{o.copy} ({', '.join(o.authors)})" for o in others)
                s.blockers.append(f"it changes the same words as the suggestion in {names} (choose one and apply "
                                  "it with --author, or make the change by hand)")
            return None
    return edits


def _file_plan(result: Plan, path: str, text: str, items, numbers: dict[str, str]) -> None:
    replacements = []
    for key, located, edits, group in items:
        replacements += file_edits(located, edits)
        result.expected[key] = fold(edited(located.rendered, edits))
    new = apply(text, replacements)
    if outline(new) == outline(text):
        bad = [key for key, *_ in items if _unreadable(new, key, result.expected[key], numbers)]
    else:  # some edit changed the file's blocks: find which, each made alone
        shape = outline(text)
        bad = [key for key, located, edits, _ in items
               if outline(alone := apply(text, file_edits(located, edits))) != shape
               or _unreadable(alone, key, result.expected[key], numbers)]
        bad = bad or [key for key, *_ in items]
    if bad:
        for key, _, _, group in items:
            if key in bad:
                for s in group:
                    s.blockers.append(f"the new words would not read the same in {path}")
        for key in bad:
            result.expected.pop(key, None)
        kept = [item for item in items if item[0] not in bad]
        if kept:
            _file_plan(result, path, text, kept, numbers)
        return
    result.texts[path] = new
    for key, _, _, group in items:
        for s in group:
            result.reasons[s.block_id] = _joined(result.reasons.get(s.block_id, ""), reason(s))


def _unreadable(new: str, key: str, expected: str, numbers: dict[str, str]) -> bool:
    again = locate(new, key, numbers)
    return again is None or again.rendered != expected


def _joined(before: str, after: str) -> str:
    if not before or after in before:
        return before or after
    return f"{before} {after}" if before[-1] in ".!?" else f"{before}; {after}"


def reason(s: Suggestion) -> str:
    """'Consultation: <author>, <date>: <comment>' (the comments the change's authors wrote on it)."""
    by = {" ".join(a.split()) for a in s.authors}
    said = [t.text for t in s.threads if " ".join(t.author.split()) in by]
    said += [r.text for t in s.threads for r in t.replies if " ".join(r.author.split()) in by]
    head = f"Consultation: {', '.join(s.authors)}" + (f", {s.date}" if s.date else "")
    return head + (f": {' / '.join(fold(x) for x in said)}" if said else "")
