"""Numbers as a reader meets them, typed ("4.3 ", "(a) ", "iv) ") or displayed by Word's list numbering.

`typed(text)` splits a leading number off a paragraph's text; `of_label(text, fmt)` reads the number
Word displays for a list paragraph. Both give a `Number`: its kind (decimal, letter, roman or bullet),
its value (the parts of "4.3", or the position of a letter or roman numeral) and the text as shown.
"4.0" is read as 4 (a section number written the way many UK documents write it). A single i, v, x,
l, c, d or m is both a letter and a roman numeral: `alt` holds the second reading, and
the reader chooses by what came before ("(i)" after "(h)" is the ninth letter).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DECIMAL = re.compile(r"^(?:(?:section|part|chapter|paragraph|para|clause)\s+)?"
                      r"(\d{1,3}(?:\.\d{1,3}){0,5})(\.|\))?(?:\s*[-\u2013\u2014:]\s*|\s+|$)", re.I)
_PAREN = re.compile(r"^\(([a-zA-Z]{1,5})\)(?:\s+|$)")
_CLOSE = re.compile(r"^([a-zA-Z]{1,5})([.)])(?:\s+|$)")
_BULLET = re.compile(r"^[\u2022\u00b7\u25aa\u25e6\u2023\u2013\u2014*\-o\uf0b7\uf0a7](?:\s+)")
_ROMAN = re.compile(r"^(?=[ivxlcdm])m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_ROMAN_VALUE = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}
AMBIGUOUS = set("ivxlcdm")


@dataclass(frozen=True)
class Number:
    kind: str  # "decimal" | "letter" | "roman" | "bullet"
    parts: tuple[int, ...]  # decimal: (4, 3); letter and roman: (position,); bullet: ()
    text: str  # as shown, e.g. "4.3.", "(a)", "iv)"
    upper: bool = False
    alt: "Number | None" = None  # the other reading of a single i, v, x …

    @property
    def depth(self) -> int:
        return len(self.parts) if self.kind == "decimal" else 0

    @property
    def value(self) -> int:
        return self.parts[-1] if self.parts else 0

    def canonical(self) -> str:
        """How the toolkit writes this number: 4.3, (a), (iv); '' for a bullet."""
        if self.kind == "decimal":
            return ".".join(str(p) for p in self.parts)
        if self.kind == "letter":
            return f"({letter(self.value)})"
        if self.kind == "roman":
            return f"({roman(self.value)})"
        return ""


def letter(value: int) -> str:
    return chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1) if value > 0 else ""


def roman(value: int) -> str:
    out, n = [], value
    for size, digits in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                         (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= size:
            out.append(digits)
            n -= size
    return "".join(out)


def _letter_value(word: str) -> int | None:
    low = word.lower()
    if len(set(low)) != 1 or not low.isalpha():
        return None
    return (ord(low[0]) - ord("a") + 1) + 26 * (len(low) - 1)


def _roman_value(word: str) -> int | None:
    low = word.lower()
    if not _ROMAN.match(low):
        return None
    total = 0
    for i, ch in enumerate(low):
        v = _ROMAN_VALUE[ch]
        total += -v if i + 1 < len(low) and _ROMAN_VALUE[low[i + 1]] > v else v
    return total


def _alpha(word: str, shown: str) -> Number | None:
    """A letter or roman numeral, with the other reading in alt when the word is a single ambiguous letter."""
    upper = word.isupper()
    as_letter = _letter_value(word)
    as_roman = _roman_value(word)
    if as_roman is not None and as_letter is not None and len(word) == 1:
        return Number("letter", (as_letter,), shown, upper, Number("roman", (as_roman,), shown, upper))
    if as_roman is not None:
        return Number("roman", (as_roman,), shown, upper)
    if as_letter is not None:
        return Number("letter", (as_letter,), shown, upper)
    return None


def typed(text: str) -> tuple[Number | None, str]:
    """(the number typed at the start of a paragraph, the rest of its text); (None, text) when there is none."""
    m = _DECIMAL.match(text)
    if m:
        parts = tuple(int(p) for p in m.group(1).split("."))
        if len(parts) == 2 and parts[1] == 0:  # "4.0 Roles": section 4, as many UK documents write it
            parts = parts[:1]
        return Number("decimal", parts, text[:m.end()].strip()), text[m.end():]
    m = _PAREN.match(text)
    if m:
        number = _alpha(m.group(1), f"({m.group(1)})")
        if number is not None:
            return number, text[m.end():]
    m = _CLOSE.match(text)
    if m and (m.group(2) == ")" or len(m.group(1)) == 1):  # "a." and "iv)"; not "etc." or "Mr."
        number = _alpha(m.group(1), m.group(1) + m.group(2))
        if number is not None and not (m.group(2) == "." and m.group(1).isupper() and len(m.group(1)) == 1
                                       and text[m.end():m.end() + 1].isupper() and len(text) < 3):
            return number, text[m.end():]
    m = _BULLET.match(text)
    if m:
        return Number("bullet", (), m.group(0).strip()), text[m.end():]
    return None, text


_FORMATS = {"lowerLetter": "letter", "upperLetter": "letter", "lowerRoman": "roman", "upperRoman": "roman"}


def of_label(text: str, fmt: str) -> Number | None:
    """The number a Word list paragraph displays, read with its level's format."""
    if fmt in ("bullet", "none") or not text.strip():
        return Number("bullet", (), text.strip())
    number, rest = typed(text.strip() + " ")
    if number is None or rest.strip():
        return Number("decimal", (), text.strip()) if fmt.startswith("decimal") else None
    kind = _FORMATS.get(fmt)
    if kind and number.kind != kind and number.alt is not None and number.alt.kind == kind:
        return number.alt
    if kind == "letter" and number.kind == "roman":  # "(ii)" displayed by a letter list is "ii" = 28th letter
        value = _letter_value(number.text.strip("().").lower())
        return Number("letter", (value,), number.text, number.upper) if value else number
    if number.alt is not None:
        return Number(number.kind, number.parts, number.text, number.upper)
    return number
