"""Word's list numbering worked out to the numbers Word displays.

A paragraph's `w:numPr` (numId, ilvl), given on the paragraph or by its style, points into
numbering.xml: `w:num` -> `w:abstractNum` -> `w:lvl` (start, numFmt, lvlText such as "%1.%2",
lvlRestart, isLgl), with `w:lvlOverride` (startOverride, or a whole level) on the num. The displayed
number comes from walking the paragraphs in order with one set of counters per abstract list:
numbering continues across nums that share an abstract list unless a num restarts a level with a
startOverride (which is how pandoc and Word restart a list), and a level restarts when a level above
it is used (unless lvlRestart says otherwise).
"""
from __future__ import annotations

from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


@dataclass(frozen=True)
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: None = after any level above; 0 = never
    legal: bool = False  # isLgl: every level shown as a decimal
    style: str = ""  # the paragraph style linked to this level (w:pStyle)


PLAIN = Level()  # a level numbering.xml does not define
_TOKENS = tuple((k, f"%{k}") for k in range(LEVELS, 0, -1))  # %10 does not exist; going down avoids %1 in %11


@dataclass(frozen=True)
class Label:
    """The number a list paragraph displays."""

    text: str  # e.g. "4.3", "(a)", "" for a bullet or an empty level
    fmt: str  # this level's numFmt: decimal, lowerLetter, lowerRoman, bullet, …
    list: str  # the abstract list's id
    level: int  # 0-based


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # startOverride by level
    levels: dict[int, Level] = field(default_factory=dict)  # whole levels overridden


def _val(node, name: str, default: str | None = None) -> str | None:
    child = node.find(W + name)
    return child.get(W + "val", default) if child is not None else default


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value is not None else default
    except ValueError:
        return default


def _level(node) -> Level:
    fmt = _val(node, "numFmt", "decimal") or "decimal"
    legal = node.find(W + "isLgl")
    restart = _val(node, "lvlRestart")
    return Level(max(0, _int(_val(node, "start"), 1)), fmt, _val(node, "lvlText", "") or "",
                 _int(restart, 1) if restart is not None else None,
                 legal is not None and legal.get(W + "val", "1") not in ("0", "false"), _val(node, "pStyle", "") or "")


class Numbering:
    """The lists of one document, and the counters as the paragraphs are walked in order."""

    def __init__(self, root, style_nums: dict[str, str] | None = None):
        self.abstracts: dict[str, dict[int, Level]] = {}
        self.links: dict[str, str] = {}  # abstract id -> numbering style it takes its levels from
        self.nums: dict[str, _Num] = {}
        self.style_nums = style_nums or {}  # numbering style id -> numId
        self.counters: dict[str, list[int | None]] = {}
        self.seen: set[str] = set()
        self.cache: dict[str, tuple] = {}
        self.restarts: dict[tuple[str, int], list[int]] = {}
        if root is not None:
            self._read(root)

    def _read(self, root) -> None:
        for node in root.iter(W + "abstractNum"):
            aid = node.get(W + "abstractNumId", "")
            self.abstracts[aid] = {_int(lvl.get(W + "ilvl"), 0): _level(lvl) for lvl in node.iter(W + "lvl")}
            link = _val(node, "numStyleLink")
            if link:
                self.links[aid] = link
        for node in root.iter(W + "num"):
            num = _Num(_val(node, "abstractNumId", "") or "")
            for override in node.iter(W + "lvlOverride"):
                ilvl = _int(override.get(W + "ilvl"), 0)
                start = _val(override, "startOverride")
                if start is not None:
                    num.starts[ilvl] = _int(start, 1)
                lvl = override.find(W + "lvl")
                if lvl is not None:
                    num.levels[ilvl] = _level(lvl)
            self.nums[node.get(W + "numId", "")] = num

    def _abstract(self, num: _Num) -> str:
        aid = num.abstract
        for _ in range(3):  # a list defined by a numbering style: follow numStyleLink to the real levels
            link = self.links.get(aid)
            target = self.nums.get(self.style_nums.get(link, "")) if link else None
            if target is None or target.abstract == aid:
                break
            aid = target.abstract
        return aid

    def level_of_style(self, num_id: str, style: str) -> int | None:
        """The level whose w:pStyle is this paragraph style (a style that gives a numId but no ilvl)."""
        num = self.nums.get(num_id)
        if num is None:
            return None
        for ilvl, level in self.abstracts.get(self._abstract(num), {}).items():
            if level.style == style:
                return ilvl
        return None

    def _levels(self, num_id: str, num: _Num) -> tuple[str, dict[int, Level], list[int]]:
        """The abstract list, the levels and the start of each level for one num (worked out once)."""
        if num_id not in self.cache:
            aid = self._abstract(num)
            levels = {**self.abstracts.get(aid, {}), **num.levels}
            starts = [num.starts.get(k, levels.get(k, PLAIN).start) for k in range(LEVELS)]
            self.cache[num_id] = (aid, levels, starts)
        return self.cache[num_id]

    def label(self, num_id: str, ilvl: int) -> Label | None:
        """Advance the counters for one list paragraph and return the number it displays."""
        num = self.nums.get(num_id)
        if num is None or num_id == "0":
            return None
        aid, levels, starts = self._levels(num_id, num)
        ilvl = min(max(ilvl, 0), LEVELS - 1)
        counters = self.counters.setdefault(aid, [None] * LEVELS)
        if num_id not in self.seen:  # a num's startOverride restarts its levels where it is first used
            self.seen.add(num_id)
            for lvl in num.starts:
                if 0 <= lvl < LEVELS:
                    counters[lvl] = None
        here = levels.get(ilvl, PLAIN)
        counters[ilvl] = starts[ilvl] if counters[ilvl] is None else counters[ilvl] + 1
        for deeper in self._restarted(num_id, levels, ilvl):
            counters[deeper] = None
        return Label(_display(here, levels, counters, starts), here.fmt, aid, ilvl)

    def _restarted(self, num_id: str, levels: dict[int, Level], ilvl: int) -> list[int]:
        """The levels below `ilvl` that a paragraph at `ilvl` restarts (worked out once per num and level)."""
        key = (num_id, ilvl)
        if key not in self.restarts:
            self.restarts[key] = [deeper for deeper in range(ilvl + 1, LEVELS)
                                  if (restart := levels.get(deeper, PLAIN).restart) is None
                                  or (restart and ilvl < restart)]
        return self.restarts[key]


def _display(here: Level, levels: dict[int, Level], counters: list[int | None], starts: list[int]) -> str:
    if here.fmt in ("bullet", "none"):
        return ""
    out = here.text
    for k, token in _TOKENS:
        if token in out:
            lvl = levels.get(k - 1, PLAIN)
            value = counters[k - 1] if counters[k - 1] is not None else starts[k - 1]
            fmt = "decimal" if here.legal and lvl.fmt != "bullet" else lvl.fmt
            out = out.replace(token, format_number(value, fmt))
    return out.strip()


def format_number(value: int, fmt: str) -> str:
    """A counter as Word shows it in a given numFmt."""
    if fmt in ("lowerLetter", "upperLetter"):
        if value <= 0:
            return ""
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("bullet", "none"):
        return ""
    return str(value)


def _roman(value: int) -> str:
    out = []
    for size, digits in _ROMAN:
        while value >= size:
            out.append(digits)
            value -= size
    return "".join(out)
