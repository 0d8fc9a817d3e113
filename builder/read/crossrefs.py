"""Cross-references typed as text, or made as Word links and REF fields, turned into [[id]] references.

Typed: "paragraph 4.3", "paragraphs 4.3 to 4.5", "paragraphs 4.3, 4.4 and 4.6", "para. 4.3(b)",
"section 6", "see 6.2 above", "6.2 below". Each number is looked up among the numbers the document
showed: found once, it becomes a reference to that section or paragraph (only the number is replaced,
so "paragraph [[id]](b)" is still read "paragraph 4.3(b)"); found more than once (paragraphs numbered
1, 2, 3 in every section) or not at all, it is left as text and reported. A number followed by "of the"
("section 151 of the Local Government Act 1972") names another document and is left alone, and so is a
"section N" that is no section here, or one followed by a noun such as "report" or "officer" ("a section 5
report" is the statute's). A link or REF field to a bookmark on a recognised section or paragraph becomes a
reference to it; its words are kept around the number. A document this toolkit built writes every
cross-reference as a link, so in one of those a typed number is the author's own text and stays as it is.
"""
from __future__ import annotations

import re

from ..model import Ref, Text
from .draft import Anchor, Draft, Para, short

_NUM = r"\d{1,3}(?:\.\d{1,3}){0,4}"
_TYPED = re.compile(
    r"\b(?P<word>paragraphs?|paras?\.?|sections?|clauses?)\s+(?P<list>" + _NUM + r"(?:\([a-z]{1,4}\))?"
    r"(?:\s*(?:,|and|or|to|-|\u2013)\s*" + _NUM + r"(?:\([a-z]{1,4}\))?)*)"
    r"|\bsee\s+(?P<see>" + _NUM + r")(?=[\s.,;:)]|$)"
    r"|(?<![\w.£$])(?P<near>\d{1,3}(?:\.\d{1,3}){1,4})\s+(?=above\b|below\b)", re.I)
_ONE = re.compile(_NUM)
_ELSEWHERE = re.compile(r"^\s*(?:\([a-z]{1,4}\))?\s*(?:of\s+(?!this\b)|(?:reports?|officers?|notices?|orders?|"
                        r"agreements?|duty|duties|powers?|requests?|applications?|grants?|funding)\b)", re.I)
TOOLKIT = "member-officer-protocol"  # the Application our own Word writer records


class _Targets:
    def __init__(self, draft: Draft):
        self.sections: dict[str, list[str]] = {}
        self.paragraphs: dict[str, list[str]] = {}
        self.bookmarks: dict[str, tuple[str, str]] = {}  # bookmark -> (id, shown)
        self.typed = True  # look for references typed as text
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
    targets.typed = draft.application != TOOLKIT
    for section in draft.sections:
        for block in section.blocks:
            if not isinstance(block, Para):
                continue
            block.pieces = _pieces(block.pieces, targets, draft, block)
            for item in block.items:
                item.pieces = _pieces(item.pieces, targets, draft, block, item.position)
            for row in block.table:
                for cell in row:
                    cell.pieces = _pieces(cell.pieces, targets, draft, block, cell.position)


def _pieces(pieces: list, targets: _Targets, draft: Draft, owner: Para, position: int = 0) -> list:
    """`pieces` of `owner` (its text, a sub-item's or a table cell's, which starts at Word paragraph `position`)
    with their cross-references resolved."""
    out: list = []
    where = position or owner.position
    for piece in pieces:
        if isinstance(piece, Anchor):
            out.extend(_anchor(piece, targets, draft, owner, where))
        elif isinstance(piece, Text) and targets.typed:
            out.extend(_typed(piece.text, targets, draft, owner, where))
        else:
            out.append(piece)
    return _merge(out)


def _anchor(piece: Anchor, targets: _Targets, draft: Draft, owner: Para, where: int) -> list:
    target, shown = targets.bookmarks.get(piece.name, ("", ""))
    if not target or target == owner.id:
        return _typed(piece.text, targets, draft, owner, where) if targets.typed else [Text(piece.text)]
    text = piece.text
    number = shown if shown and shown in text else (_ONE.search(text).group(0) if _ONE.search(text) else "")
    draft.references += 1
    if not number:
        draft.note(where, owner.text, f"a link with the words '{short(text, 40)}' to another paragraph: kept as a "
                                      "reference to it, shown as its number")
        return [Ref(target)]
    at = text.index(number)
    return [Text(text[:at]), Ref(target), Text(text[at + len(number):])]


def _typed(text: str, targets: _Targets, draft: Draft, owner: Para, where: int) -> list:
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


def _replace_numbers(chunk: str, word: str, targets: _Targets, draft: Draft, owner: Para, where: int):
    out: list = []
    pos = 0
    changed = False
    for m in _ONE.finditer(chunk):
        number = m.group(0)
        found = targets.find(number, word)
        if len(found) == 1 and found[0] != owner.id:
            out += [Text(chunk[pos:m.start()]), Ref(found[0])]
            pos = m.end()
            changed = True
            draft.references += 1
        elif len(found) > 1:
            draft.note(where, owner.text, f"'{word or 'see'} {number}' could mean {len(found)} places (the document "
                                          "uses that number more than once): left as text")
        elif found:
            draft.note(where, owner.text, f"'{word} {number}' refers to its own paragraph: left as text")
        elif word and not word.startswith("section") or "." in number:
            draft.note(where, owner.text, f"'{(word or 'see')} {number}' refers to no paragraph numbered {number} "
                                          "in this document: left as text")
    if not changed:
        return None
    out.append(Text(chunk[pos:]))
    return out


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
