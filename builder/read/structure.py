"""Sections, numbered paragraphs, sub-items, sub-headings and the glossary, recognised in a Word document.

`recognise(document)` gives a `Draft`. Structure comes from whatever the document uses:
- sections start at Word headings (styles or outline levels: the top level used more than once), else
  at numbered headings typed in body text ("4 Roles", "4. Roles", "Section 4: Roles"), else at bold short
  lines; a document with none of these is one section;
- numbered paragraphs carry Word list numbers or typed decimal numbers of the depth most of them use
  ("4.3" in a document of sections 1, 2, 3), sub-items the letters, roman numerals, bullets or deeper
  decimals after them ("(a)", "a)", "(iv)", "4.3.1"); "(i)" after "(h)" is a letter, otherwise a roman
  numeral; a second level of sub-items is kept as text in the sub-item above it;
- unnumbered text inside a numbered section is joined to the paragraph above it (the source format
  gives a numbered paragraph one block of text); a table after a numbered paragraph is that paragraph's
  table, each cell read as a paragraph's text is (links, cross-reference fields and glossary-term words kept
  for `crossrefs` and `protocol`), other tables are kept as text, definitions tables read into the glossary; footnotes are kept as text where they are referred to; images, text boxes and comments
  are reported.
Every typed number is taken off the text (the build computes numbers) and kept as `shown`, so the
import can compare the rebuilt numbers with the document's. Every choice that may be wrong is a Note.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..dates import parse_date
from ..model import Text
from . import definitions
from .docx_package import Document, Para as WordPara, Table
from .draft import Anchor, Cell, Draft, Heading, Item, Marked, Para, Section, plain, with_text
from .labels import Number, of_label, typed
from .metadata import metadata

import re

TERM_STYLES = {"glossaryterm"}  # the toolkit's own character style for glossary terms
HEADING_WORDS = 12
_SKIP_TITLE = re.compile(r"^((appendix|annex)\s+\w{1,3}\s*[:.\u2013\u2014-]\s*)?(worked examples?|case studies|scenarios|"
                         r"version history|document (history|control)|revision history|change (log|history)|"
                         r"duties and the codes of conduct|(table of )?contents)$", re.I)
_BRACKETS = re.compile(r"\[\[|\{\{|\]\]|\}\}")
_SPACE = re.compile(r"\s+")


@dataclass
class Line:
    """One Word paragraph as the recogniser sees it: its number, and its text with a typed number taken off."""

    para: WordPara
    number: Number | None
    typed: bool
    pieces: list
    text: str
    heading: int | None

    @property
    def position(self) -> int:
        return self.para.position

    @property
    def words(self) -> int:
        return len(self.text.split())

    def title_like(self) -> bool:
        return 0 < self.words <= HEADING_WORDS and not self.text.rstrip().endswith((".", ";", ",", ":"))


def recognise(document: Document) -> Draft:
    draft = Draft(document.name, {}, application=document.properties.get("application", ""))
    labels: dict = {}  # (label text, format) -> Number: list numbers repeat ("(a)"), and of_label is pure
    lines = [_line(p, labels) if isinstance(p, WordPara) else p for p in document.blocks]
    for p, line in zip(document.blocks, lines):
        if line is None and p.label is not None and p.label.text and not p.toc:
            draft.note(p.position, "", f"an empty paragraph numbered {p.label.text}: not imported, so the numbers "
                                       "after it in its list go down by one")
    lines = [x for x in lines if x is not None]
    plan = _Plan(lines)
    front = [x.para for x in lines[:plan.start] if isinstance(x, Line)]
    lone = lines[plan.title_at].text if plan.title_at >= 0 and isinstance(lines[plan.title_at], Line) else ""
    metadata(draft, document.properties, front, lone)
    _front_notes(draft, lines[:plan.start], plan)
    _Builder(draft, plan).run(lines[plan.start:])
    _document_notes(draft, document)
    return draft


def _line(p: WordPara, labels: dict) -> Line | None:
    pieces = _pieces(p)
    text = plain(pieces)
    number, is_typed = None, False
    if p.label is not None:
        key = (p.label.text, p.label.fmt)
        if key not in labels:
            labels[key] = of_label(*key)
        number = labels[key]
    if number is None:
        found, rest = typed(text.lstrip())
        if found is not None:
            number, is_typed = found, True
            pieces = _drop(pieces, len(text.lstrip()) - len(rest))
            text = plain(pieces)
    text = " ".join(text.split())
    if not text and not p.images and not p.notes and not p.boxes:
        return None
    heading = p.outline if p.style.lower() not in ("title", "subtitle") else None
    return Line(p, number, is_typed, pieces, text, heading)


def _pieces(p: WordPara, notes: bool = True) -> list:
    out: list = []
    for run in p.runs:
        if run.change == "del" or not run.text:
            continue
        text = run.text.replace("\t", " ")
        if run.anchor:
            piece = Anchor(run.anchor, text)
        elif run.style.lower() in TERM_STYLES:
            piece = Marked(text)
        else:
            piece = Text(text)
        if out and type(out[-1]) is type(piece) and not isinstance(piece, Anchor):
            out[-1] = type(piece)(out[-1].text + text)
        elif out and isinstance(piece, Anchor) and isinstance(out[-1], Anchor) and out[-1].name == piece.name:
            out[-1] = Anchor(piece.name, out[-1].text + text)
        else:
            out.append(piece)
    for note in (p.notes if notes else ()):
        out.append(Text(f" (Footnote: {note})"))
    return out


def _folded(pieces: list) -> list:
    """The pieces with white space folded to single spaces across them and taken off both ends, '|' written '/',
    and neighbouring text joined."""
    out: list = []
    space = True  # leading white space is dropped
    for piece in pieces:
        text = _SPACE.sub(" ", piece.text.replace("|", "/"))
        if space:
            text = text.lstrip(" ")
        if not text:
            continue
        space = text.endswith(" ")
        if isinstance(piece, Text) and out and type(out[-1]) is Text:
            out[-1] = Text(out[-1].text + text)
        else:
            out.append(with_text(piece, text))
    while out and out[-1].text.endswith(" "):
        last = out.pop()
        if last.text.rstrip(" "):
            out.append(with_text(last, last.text.rstrip(" ")))
    return out


def _drop(pieces: list, count: int) -> list:
    """The pieces with their first `count` characters (of their text with leading spaces stripped) taken off."""
    out = []
    leading = True
    for piece in pieces:
        text = piece.text
        if leading:
            text = text.lstrip() if not out else text
            if count >= len(text):
                count -= len(text)
                continue
            text = text[count:].lstrip()
            leading = False
            if not text:
                continue
        out.append(with_text(piece, text))
    return out


# ---------------------------------------------------------------- the plan: where sections start

@dataclass
class _Plan:
    lines: list
    mode: str = "none"  # "styles" | "numbers" | "bold" | "none"
    top: int = 0  # the outline level of a section heading (styles)
    title_at: int = -1  # a lone top heading taken as the document's title
    start: int = 0  # index of the first section's line
    depth: int | None = None  # the decimal depth of numbered paragraphs
    markers: set[int] = field(default_factory=set)  # indexes of section-starting lines

    def __post_init__(self) -> None:
        body = [(i, x) for i, x in enumerate(self.lines) if isinstance(x, Line) and not x.para.toc]
        for mode, found in (("styles", self._styles(body)), ("numbers", self._numbers(body)),
                            ("bold", self._bold(body))):
            if len(found) >= 2 or (mode == "styles" and found and not self._numbers(body)):
                self.mode, self.markers = mode, set(found)
                break
        if self.mode != "styles":  # the heading levels looked at are not what starts a section
            self.top, self.title_at = -1, -1
        self.start = min(self.markers) if self.markers else self._first_text(body)
        depths = Counter(x.number.depth for i, x in body if i >= self.start and i not in self.markers
                         and x.number is not None and x.number.kind == "decimal" and x.number.depth
                         and x.heading is None)
        self.depth = min(depths, key=lambda d: (-depths[d], d)) if depths else None

    def _styles(self, body) -> list[int]:
        levels = Counter(x.heading for _, x in body if x.heading is not None)
        if not levels:
            return []
        top = min(levels)
        if levels[top] == 1 and any(n >= 2 for lvl, n in levels.items() if lvl != top):
            self.title_at = next(i for i, x in body if x.heading == top)
            top = min(lvl for lvl in levels if lvl != top)
        self.top = top
        return [i for i, x in body if x.heading == top and i != self.title_at]

    @staticmethod
    def _numbers(body) -> list[int]:
        if not _plausible_sections([y for _, y in body]):
            return []
        return [i for i, x in body if x.number is not None and x.number.kind == "decimal" and x.number.depth == 1
                and x.title_like() and (x.para.bold or x.typed or x.para.label is not None)]

    @staticmethod
    def _bold(body) -> list[int]:
        return [i for i, x in body if x.number is None and x.para.bold and x.title_like() and not x.para.in_table]

    @staticmethod
    def _first_text(body) -> int:
        return body[0][0] if body else 0


def _plausible_sections(lines: list) -> bool:
    """Typed section numbers look like sections when there are also deeper numbers (4.1, 4.2) to go under them."""
    return any(x.number is not None and x.number.kind == "decimal" and x.number.depth >= 2 for x in lines)


# ---------------------------------------------------------------- building the sections

class _Builder:
    def __init__(self, draft: Draft, plan: _Plan):
        self.draft, self.plan = draft, plan
        self.section: Section | None = None
        self.para: Para | None = None
        self.kind = ""  # the kind of the current paragraph's sub-items
        self.level: int | None = None  # their Word list level
        self.part = "body"  # "body" | "glossary" | "skip"
        self.skipped: list[int] = []
        self.skip_title = ""
        self.pending: Section | None = None  # a glossary section, kept only if it has numbered paragraphs
        self.lead: Heading | None = None  # a sub-heading that starts a list of definitions
        self.zero_noted = False  # sections numbered "1.0": said once
        self.numbered = any(isinstance(x, Line) and x.number is not None and x.number.kind == "decimal"
                            for x in plan.lines[plan.start:])

    def run(self, lines: list) -> None:
        offset = self.plan.start
        for k, line in enumerate(lines):
            index = offset + k
            if isinstance(line, Table):
                self.table(line)
            elif line.para.toc:
                continue
            elif index in self.plan.markers or (self.section is None and self.plan.mode == "none"):
                self.start_section(line, index in self.plan.markers)
            elif self.part == "skip":
                self.skipped.append(line.position)
            elif self.back_matter(line):
                continue
            elif self.part == "glossary":
                self.glossary_line(line)
            else:
                self.body_line(line)
        self.close_skip()
        self.close_glossary()

    def back_matter(self, line: Line) -> bool:
        """A sub-heading that starts a list of definitions: kept as a sub-heading, the definitions that follow
        go to the glossary (numbered paragraphs after it stay paragraphs)."""
        heading = line.heading is not None or (line.number is None and line.para.bold and line.title_like())
        if not heading or self.section is None or self.part != "body":
            return False
        if definitions.GLOSSARY_TITLE.match(line.text) and line.number is None:
            self.heading(line)
            self.part, self.pending = "glossary", None
            self.lead = self.section.blocks[-1]
            return True
        return False

    def close_glossary(self) -> None:
        """A definitions sub-heading with nothing but definitions under it goes with them into the glossary."""
        if self.lead is not None and self.section is not None and self.section.blocks[-1:] == [self.lead]:
            self.section.blocks.pop()
            self.draft.note(self.lead.position, self.lead.text, "the definitions under this sub-heading are in "
                                                                "glossary.yaml; the sub-heading is not kept", "info")
        self.lead = None

    # ------------------------------------------------------------ sections

    def start_section(self, line: Line, marker: bool) -> None:
        self.close_skip()
        self.close_glossary()
        self.para = None
        title = line.text if marker else self.draft.meta.get("title", "Protocol")
        if marker and _SKIP_TITLE.search(title):
            self.part, self.skipped = "skip", [line.position]
            self.skip_title = title
            return
        self.part = "glossary" if marker and definitions.GLOSSARY_TITLE.match(title) else "body"
        shown = line.number.canonical() if marker and line.number is not None and line.number.kind == "decimal" else ""
        if shown and re.match(r"^\d+\.0\b", line.number.text) and not self.zero_noted:
            self.zero_noted = True
            self.draft.note(line.position, line.text, f"sections numbered {line.number.text.rstrip(' .:')} and so on are "
                                                      f"numbered {shown} and so on now", "info")
        self.section = Section(_clean(title, line.position, self.draft), shown, line.position,
                               list(line.para.bookmarks))
        if self.part != "glossary":  # a glossary is a section only when it has numbered paragraphs
            self.draft.sections.append(self.section)
        else:
            self.pending = self.section
        if not marker:
            self.body_line(line)

    def close_skip(self) -> None:
        if self.part == "skip" and self.skipped:
            first, last = self.skipped[0], self.skipped[-1]
            self.draft.note(first, self.skip_title,
                            f"not imported: '{self.skip_title}' (Word paragraphs {first} to {last}); "
                            "worked examples go in scenarios/ (protocol new scenario), the version history is "
                            "kept by protocol release and the duties appendix is made from each paragraph's "
                            "obligations= tags", "dropped")
            self.skipped = []

    # ------------------------------------------------------------ one line of a section

    def body_line(self, line: Line) -> None:
        if self.section is None:
            return
        self._report_extras(line)
        if not line.text:  # an image or a text box alone: reported, nothing to import
            return
        n = line.number
        if line.heading is not None and line.heading != self.plan.top or self._subheading(line):
            self.heading(line)
        elif n is not None and n.kind == "decimal" and (self.plan.depth is None or n.depth == self.plan.depth):
            self.paragraph(line)
        elif n is not None and self.para is not None and (n.kind != "decimal" or
                                                          (self.plan.depth and n.depth > self.plan.depth)):
            self.item(line)
        elif n is not None:
            self.paragraph(line, note=f"numbered {n.text}, which does not fit the paragraphs around it: "
                                      "imported as a numbered paragraph")
        elif self.para is not None and self.numbered and self.part != "glossary":
            self.join(line)
        else:
            self.paragraph(line)

    def _subheading(self, line: Line) -> bool:
        n = line.number
        if n is None:
            return self.plan.mode != "bold" and line.para.bold and line.title_like() and not line.para.in_table
        depth = self.plan.depth or 0
        return n.kind == "decimal" and 0 < n.depth < depth and n.depth > 1 and line.title_like()

    def heading(self, line: Line) -> None:
        self.para = None
        if line.number is not None and line.number.kind != "bullet":
            self.draft.note(line.position, line.text, f"a sub-heading numbered {line.number.text}: sub-headings "
                                                      "are not numbered, so the number is not kept")
        self.section.blocks.append(Heading(_clean(line.text, line.position, self.draft), line.position,
                                           list(line.para.bookmarks)))

    def paragraph(self, line: Line, note: str = "") -> None:
        shown = line.number.canonical() if line.number is not None and line.number.kind == "decimal" else ""
        self.para = Para(_clean_pieces(line.pieces, line.position, self.draft), shown, line.position, line.text,
                         list(line.para.bookmarks))
        self.kind, self.level = "", None
        self.section.blocks.append(self.para)
        if note:
            self.draft.note(line.position, line.text, note)

    def item(self, line: Line) -> None:
        n = self._reading(line.number)
        level = line.para.label.level if line.para.label is not None else None
        items = self.para.items
        if not items or (n.kind == self.kind and (level is None or self.level is None or level <= self.level)):
            if not items:
                self.kind, self.level = n.kind, level
            if n.kind == "bullet":
                self.draft.note(line.position, line.text, "a bulleted line under a numbered paragraph: it "
                                                          "becomes a lettered sub-item")
            pieces = _clean_pieces(line.pieces, line.position, self.draft)
            items.append(Item(pieces, n.canonical(), line.position, line.text))
            return
        last = items[-1]
        shown = n.text or n.canonical()
        last.pieces += [Text(f" {shown} ")] + _clean_pieces(line.pieces, line.position, self.draft)
        self.draft.note(line.position, line.text, f"a second level of sub-item ({shown}) is kept as text in the "
                                                  f"sub-item above it: the source format has one level",
                        "kept")

    def _reading(self, n: Number) -> Number:
        """Letter or roman numeral, for a single i, v, x …: whichever continues the list."""
        if n.alt is None:
            return n
        items = self.para.items if self.para else []
        if items and self.kind == "letter":
            return n if n.value == len(items) + 1 else n.alt
        if items and self.kind == "roman":
            return n.alt
        return n.alt if n.alt.value == 1 else n

    def join(self, line: Line) -> None:
        target = self.para.items[-1] if self.para.items else self.para
        target.pieces += [Text(" ")] + _clean_pieces(line.pieces, line.position, self.draft)
        where = "the sub-item above it" if self.para.items else "the paragraph above it"
        self.draft.note(line.position, line.text, f"unnumbered text joined to {where} (a numbered paragraph "
                                                  "is one block of text in the source format)", "kept")

    def glossary_line(self, line: Line) -> None:
        """A definition, a numbered paragraph (the glossary is then a section too), or words not imported."""
        found = definitions.from_line(line.text, line.position) if line.number is None else None
        if found is not None:
            self.draft.glossary.append(found)
        elif self.pending is None:  # definitions under a section's sub-heading: the rest is the section's
            self.part = "body"
            self.body_line(line)
        elif line.number is not None and line.number.kind == "decimal":
            self.draft.sections.append(self.pending)
            self.section, self.pending, self.part = self.pending, None, "body"
            self.body_line(line)
        else:
            self.draft.note(line.position, line.text, "in the glossary but not a definition: not imported",
                            "dropped")

    def table(self, table: Table) -> None:
        if self.part == "skip":
            self.skipped.append(table.position)
            return
        found = definitions.from_table(table.rows, table.position, self.part == "glossary")
        if found is not None:
            self.draft.glossary.extend(found)
            if self.part != "glossary":
                self.draft.note(table.position, " | ".join(table.rows[0]),
                                f"a definitions table ({len(found)} terms) read into glossary.yaml", "info")
            return
        self.keep_table(table)

    def keep_table(self, table: Table) -> None:
        """A table ends the numbered paragraph above it (as the source format writes a paragraph's table); one
        with no paragraph above it, or after a paragraph that has one, is kept as the words of a paragraph.
        Each cell keeps its links, cross-reference fields and glossary-term words, as a paragraph does."""
        rows = [[self._cell(c, table.position) for c in r] for r in table.cells]
        rows = [r for r in rows if any(c.text for c in r)]
        if not rows:
            return
        width = max(len(r) for r in rows)
        rows = [r + [Cell([], table.position) for _ in range(width - len(r))] for r in rows]
        header = " | ".join(c.text for c in rows[0])
        if self.para is not None and not self.para.table and len(rows) > 1:
            self.para.table, self.para.table_position = rows, table.position
            self.draft.note(table.position, header, f"a table ({len(rows)} rows, {width} columns) "
                                                    "read as the table of the paragraph above it", "info")
            return
        pieces: list = []
        for k, r in enumerate(rows):
            pieces.append(Text(" |" if k else "|"))
            for c in r:
                pieces += [Text(" ")] + c.pieces + [Text(" |")]
            if k == 0:
                pieces.append(Text(" |" + " --- |" * width))
        if self.para is None:
            if self.section is None:
                return
            text = plain(pieces)
            self.paragraph(Line(WordPara(table.position), None, False, pieces, text, None))
        else:
            target = self.para.items[-1] if self.para.items else self.para
            target.pieces += [Text(" ")] + pieces
        self.draft.note(table.position, header, f"a table ({len(rows)} rows, {width} columns) kept as "
                                                "text in the paragraph above it: a paragraph ends in "
                                                "one table at most, with a header row", "kept")

    def _cell(self, paras: list[WordPara], position: int) -> Cell:
        """A cell's paragraphs as one run of inline content, white space folded, '|' (which divides cells in the
        source format) written '/'."""
        pieces: list = []
        for p in paras:
            mine = _pieces(p, notes=False)
            if plain(mine).strip():
                pieces += ([Text(" ")] if pieces else []) + mine
        at = paras[0].position if paras else position
        return Cell(_clean_pieces(_folded(pieces), at, self.draft), at)

    def _report_extras(self, line: Line) -> None:
        p = line.para
        for image in p.images:
            self.draft.note(p.position, line.text, f"{image if image.startswith('an ') else 'an image (' + image + ')'}"
                                                   ": not imported (the source format holds text only)", "dropped")
        for box in p.boxes:
            self.draft.note(p.position, box, "text in a text box or shape: not imported", "dropped")
        if p.notes:
            self.draft.note(p.position, line.text, f"{len(p.notes)} footnote(s) kept as text in brackets where "
                                                   "they are referred to", "kept")
        if p.changed:
            who = sorted({r.author for r in p.runs if r.change and r.author})
            self.draft.note(p.position, line.text, "tracked changes" + (f" by {', '.join(who)}" if who else "")
                            + ": imported as if accepted", "unsure")
        urls = [r.url for r in p.runs if r.url and r.change != "del"]
        if urls:
            self.draft.note(p.position, line.text, f"a link to {urls[0]}: its words are kept, the address is not",
                            "kept")


def _clean(text: str, position: int, draft: Draft) -> str:
    if _BRACKETS.search(text):
        draft.note(position, text, "'[[', ']]', '{{' or '}}' in the text: spaced out, as the source format "
                                        "reads them as references and glossary terms", "kept")
        text = text.replace("[[", "[ [").replace("]]", "] ]").replace("{{", "{ {").replace("}}", "} }")
    return text


def _clean_pieces(pieces: list, position: int, draft: Draft) -> list:
    out = []
    for p in pieces:
        if isinstance(p, Text) and _BRACKETS.search(p.text):
            out.append(Text(_clean(p.text, position, draft)))
        else:
            out.append(p)
    return out


def _front_notes(draft: Draft, front: list, plan: _Plan) -> None:
    toc = [x.position for x in front if isinstance(x, Line) and x.para.toc]
    if toc:
        draft.note(toc[0], "", f"the table of contents (Word paragraphs {toc[0]} to {toc[-1]}) is not imported: "
                               "the build makes its own", "info")
    used = {draft.meta.get(k, "") for k in ("title", "council", "owner", "constitution_part")}
    for x in front:
        if isinstance(x, Table):
            draft.note(x.position, " | ".join(x.rows[0]) if x.rows else "", "a table before the first section: "
                                                                            "not imported", "dropped")
        elif not x.para.toc and x.text not in used and not _title_page(x.text):
            draft.note(x.position, x.text, "text before the first section: not imported", "dropped")


def _title_page(text: str) -> bool:
    return bool(re.match(r"^(version|status|owner|date of this version|constitution)\b", text, re.I)) or (
        ":" in text and bool(parse_date(text)))


def _document_notes(draft: Draft, document: Document) -> None:
    for note in document.unread:
        draft.note(0, "", note, "dropped")
    anchored: dict[str, int] = {}
    for p in document.paragraphs():
        for cid in p.comments:
            anchored.setdefault(cid, p.position)
    for c in document.comments.values():
        draft.note(anchored.get(c.id, 0), c.text, f"a comment by {c.author or 'someone'}: not imported", "dropped")
