"""Cross-references typed as text, or made as Word links and REF fields, turned into [[id]] references.

Typed: "paragraph 4.3", "paragraphs 4.3 to 4.5", "paragraphs 4.3, 4.4 and 4.6", "para. 4.3(b)",
"section 6", "see 6.2 above", "6.2 below". Each number is looked up among the numbers the document
showed: found once, it becomes a reference to that section or paragraph (only the number is replaced,
so "paragraph [[id]](b)" is still read "paragraph 4.3(b)"); found more than once (paragraphs numbered
1, 2, 3 in every section) or not at all, it is left as text and reported. A number followed by "of the"
("section 151 of the Local Government Act 1972") names another document and is left alone, and so is a
"section N" that is no section here, or one followed by a noun such as "report" or "officer" ("a section 5
report" is the statute's). A number with letters after it ("section 5A", "section 9E") is a statute's, and a
number written with one of those, or with a "section N" that is no section here ("section 114 or section 5",
"sections 1 to 5A"), is taken to be the same document's: left as text and reported. A link or REF field to a
bookmark on a recognised section or paragraph becomes a reference to it; its words are kept around the number,
in the text, the sub-items and the table cells alike. A document this toolkit built writes every
cross-reference as a link, so in one of those a typed number is the author's own text and stays as it is; when
Word or LibreOffice has saved it since (the toolkit's bookmarks are there, its name is not), a typed number that
would name a paragraph here stays text too, and is reported, as someone may have typed it (`typed_mode`).
"""
from __future__ import annotations

import re
from typing import NamedTuple

from ..model import Ref, Text
from .draft import Anchor, Draft, Para, short
from .ids import kept_id

_NUM = r"\d{1,3}(?:\.\d{1,3}){0,4}"
_WORD = r"paragraphs?|paras?\.?|sections?|clauses?"
# a number as a reference gives it: "4.3", "4.3(b)", and "5A" or "9E" (a statute's numbering, never this document's)
_TOKEN = _NUM + r"(?:[a-z]{1,2})?(?!\w)(?:\([a-z]{1,4}\))?"
_TYPED = re.compile(
    r"\b(?P<word>" + _WORD + r")\s+(?P<list>" + _TOKEN +
    r"(?:\s*(?:,|and|or|to|-|\u2013)\s*(?:(?:" + _WORD + r")\s+)?" + _TOKEN + r")*)"
    r"|\bsee\s+(?P<see>" + _NUM + r")(?=[\s.,;:)]|$)"
    r"|(?<![\w.£$])(?P<near>\d{1,3}(?:\.\d{1,3}){1,4})\s+(?=above\b|below\b)", re.I)
_ONE = re.compile(_NUM)
_PARTS = re.compile(r"(?P<word>" + _WORD + r")\s+|(?P<number>" + _NUM + r")(?P<suffix>[a-z]{1,2})?(?!\w)", re.I)
_ELSEWHERE = re.compile(r"^\s*(?:\([a-z]{1,4}\))?\s*(?:of\s+(?!this\b)|(?:reports?|officers?|notices?|orders?|"
                        r"agreements?|duty|duties|powers?|requests?|applications?|grants?|funding)\b)", re.I)
TOOLKIT = "member-officer-protocol"  # the Application our own Word writer records
TYPED, LISTED, KEPT = "typed", "listed", "kept"  # a typed reference: made [[id]]; left as text and listed; left as text


def typed_mode(draft: Draft) -> str:
    """What a reference typed as text becomes in this document. In one this toolkit wrote (its Application), every
    cross-reference is a link, so typed numbers are the author's own words: KEPT as text. In one whose sections and
    paragraphs mostly carry the toolkit's bookmarks (_p_<id>) but another program saved it last (Word or
    LibreOffice writes its own name), the cross-references are links too, but someone may have typed one since:
    left as text and LISTED. Any other document: TYPED references become [[id]] where the recogniser is sure."""
    if draft.application == TOOLKIT:
        return KEPT
    elements = [e for _, what, e in draft.elements() if what != "heading"]
    ours = sum(1 for e in elements if kept_id(e.bookmarks))
    return LISTED if elements and 2 * ours > len(elements) else TYPED


class _Owner(NamedTuple):
    """Whose words are read: the paragraph (a reference to it is left as text), and the words a note shows."""

    id: str
    text: str


class _Targets:
    def __init__(self, draft: Draft):
        self.sections: dict[str, list[str]] = {}
        self.paragraphs: dict[str, list[str]] = {}
        self.bookmarks: dict[str, tuple[str, str]] = {}  # bookmark -> (id, shown)
        self.mode = TYPED  # what a reference typed as text becomes (TYPED, LISTED or KEPT)
        for s in draft.sections:
            if s.shown:
                self.sections.setdefault(s.shown, []).append(s.id)
            for name in s.bookmarks:
                self.bookmarks.setdefault(name, (s.id, s.shown))
            for b in s.blocks:
                if isinstance(b, Para):
                    if b.shown:
                        self.paragraphs.setdefault(b.shown, []).append(b.id)
                    for name in b.bookmarks:
                        self.bookmarks.setdefault(name, (b.id, b.shown))
                else:
                    for name in b.bookmarks:
                        self.bookmarks.setdefault(name, ("", ""))  # a sub-heading: no number to refer to

    def find(self, number: str, word: str) -> list[str]:
        """The ids the document numbered `number`: sections for "section 6", paragraphs for the rest."""
        if "." not in number:
            return self.sections.get(number, []) if word.startswith("section") or not word else \
                self.paragraphs.get(number, [])
        return self.paragraphs.get(number, [])


def resolve(draft: Draft) -> None:
    """Replace typed and linked cross-references in every paragraph, sub-item and table cell (in place)."""
    targets = _Targets(draft)
    targets.mode = typed_mode(draft)
    for section in draft.sections:
        for block in section.blocks:
            if not isinstance(block, Para):
                continue
            block.pieces = _pieces(block.pieces, targets, draft, block)
            for item in block.items:
                item.pieces = _pieces(item.pieces, targets, draft, block, item.position)
            for row in block.table:
                for cell in row:
                    cell.pieces = _pieces(cell.pieces, targets, draft, _Owner(block.id, cell.text), cell.position)


def _pieces(pieces: list, targets: _Targets, draft: Draft, owner: Para | _Owner, position: int = 0) -> list:
    """`pieces` of `owner` (its text, a sub-item's, or a table cell's: a cell's own words in `owner`), which start
    at Word paragraph `position`, with their cross-references resolved."""
    out: list = []
    where = position or owner.position
    for piece in pieces:
        if isinstance(piece, Anchor):
            out.extend(_anchor(piece, targets, draft, owner, where))
        elif isinstance(piece, Text) and targets.mode != KEPT:
            out.extend(_typed(piece.text, targets, draft, owner, where))
        else:
            out.append(piece)
    return _merge(out)


def _anchor(piece: Anchor, targets: _Targets, draft: Draft, owner: Para | _Owner, where: int) -> list:
    target, shown = targets.bookmarks.get(piece.name, ("", ""))
    if not target or target == owner.id:
        return _typed(piece.text, targets, draft, owner, where) if targets.mode != KEPT else [Text(piece.text)]
    text = piece.text
    number = shown if shown and shown in text else (_ONE.search(text).group(0) if _ONE.search(text) else "")
    draft.references += 1
    if not number:
        draft.note(where, owner.text, f"a link with the words '{short(text, 40)}' to another paragraph: kept as a "
                                      "reference to it, shown as its number")
        return [Ref(target)]
    at = text.index(number)
    return [Text(text[:at]), Ref(target), Text(text[at + len(number):])]


def _typed(text: str, targets: _Targets, draft: Draft, owner: Para | _Owner, where: int) -> list:
    out: list = []
    pos = 0
    for m in _TYPED.finditer(text):
        if _ELSEWHERE.match(text[m.end():]):
            continue
        word = (m.group("word") or "").lower()
        start = m.start("list") if m.group("list") else m.start("see") if m.group("see") else m.start("near")
        chunk = text[start:m.end("list") if m.group("list") else m.end("see") if m.group("see") else m.end("near")]
        replaced = _replace_numbers(chunk, word, targets, draft, owner, where)
        if replaced is None:
            continue
        out.append(Text(text[pos:start]))
        out.extend(replaced)
        pos = start + len(chunk)
    out.append(Text(text[pos:]))
    return out


def _replace_numbers(chunk: str, word: str, targets: _Targets, draft: Draft, owner: Para | _Owner, where: int):
    """The chunk's numbers made references where each names one other paragraph or section; None: none did."""
    numbers = _numbers(chunk, word)
    foreign = [f"{w} {n}{x}" for _, n, x, w in numbers if x or (w.startswith("section") and "." not in n
                                                                  and not targets.find(n, w))]
    out: list = []
    pos = 0
    for m, number, suffix, said in numbers:
        found = [] if suffix else targets.find(number, said)
        if len(found) == 1 and found[0] != owner.id:
            if foreign:
                draft.note(where, owner.text, f"'{said} {number}' is written with '{foreign[0]}', which is no section "
                                              "of this document, so both seem to be another document's: left as text")
            elif targets.mode == LISTED:
                draft.note(where, owner.text, f"'{said or 'see'} {number}' is typed as text in a document whose "
                                              "cross-references are links: left as text (if it means "
                                              f"{number} here, write [[{found[0]}]] in the source)")
            else:
                out += [Text(chunk[pos:m.start()]), Ref(found[0])]
                pos = m.end()
                draft.references += 1
        elif targets.mode == TYPED:
            _not_found(draft, where, owner, said, number + suffix, found)
    if not pos:
        return None
    out.append(Text(chunk[pos:]))
    return out


def _numbers(chunk: str, word: str) -> list:
    """(match, number, letters after it, the word before it) for each number in the chunk."""
    out = []
    for m in _PARTS.finditer(chunk):
        if m.group("word"):
            word = m.group("word").lower()
        else:
            out.append((m, m.group("number"), m.group("suffix") or "", word))
    return out


def _not_found(draft: Draft, where: int, owner: Para | _Owner, word: str, number: str, found: list[str]) -> None:
    if len(found) > 1:
        draft.note(where, owner.text, f"'{word or 'see'} {number}' could mean {len(found)} places (the document "
                                      "uses that number more than once): left as text")
    elif found:
        draft.note(where, owner.text, f"'{word} {number}' refers to its own paragraph: left as text")
    elif word and not word.startswith("section") or "." in number:
        draft.note(where, owner.text, f"'{(word or 'see')} {number}' refers to no paragraph numbered {number} "
                                      "in this document: left as text")


def _merge(pieces: list) -> list:
    out: list = []
    for p in pieces:
        if isinstance(p, Text):
            if not p.text:
                continue
            if out and isinstance(out[-1], Text):
                out[-1] = Text(out[-1].text + p.text)
                continue
        out.append(p)
    return out
