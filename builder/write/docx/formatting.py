"""Change marks as formatting, for the agenda pack's copy of the redline (a PDF has no tracked changes).

Answers the same calls as Revisions, so the ordinary drawing code renders the
merged view: inserted words underlined in blue, deleted words struck through
in red, moved words double underlined (new place) or double struck through
(old place) in green, a renumbered cross-reference in grey. Each colour has a
contrast of at least 4.5:1 on white, and the kind of line or stroke tells the
marks apart without colour; the title page's key says what each means.
"""
from __future__ import annotations

from contextlib import nullcontext

from .paragraph import Paragraph
from .revisions import effect_of
from .xml import empty, run as run_xml

INSERTED, DELETED, MOVED, RENUMBERED = "1F4E9B", "B00020", "00704A", "5F5F5F"
# Run properties in schema order (strike, dstrike, color, u), after the run's own style.
_LOOK = {
    "ins": empty("w:color", val=INSERTED) + empty("w:u", val="single"),
    "del": empty("w:strike") + empty("w:color", val=DELETED),
    "move-to": empty("w:color", val=MOVED) + empty("w:u", val="double"),
    "move-from": empty("w:dstrike") + empty("w:color", val=MOVED),
}
_RENUMBERED = {
    "ins": empty("w:color", val=RENUMBERED) + empty("w:u", val="single"),
    "del": empty("w:strike") + empty("w:color", val=RENUMBERED),
}
# What stands between an old number (or old words) and the new in print: an en space, wide enough that a
# reader, and a PDF's text, sees two numbers ("3 2"), not one ("32").
GAP = "\u2002"
# A bar in the left margin beside every changed paragraph.
CHANGE_BAR = empty("w:left", val="single", sz=18, space=12, color=INSERTED)


def look(mark: str, *, renumbering: bool = False) -> str:
    """The run properties that show `mark` ('' for an unchanged run)."""
    effect_of(mark)
    return (_RENUMBERED if renumbering else _LOOK).get(mark, "")


class Formatting:
    """Draws change marks as formatting: no revision, no move range, nothing on a paragraph mark or a row."""

    tracked = False

    def later(self, late: bool = True):
        return nullcontext()

    def wrap(self, mark: str, *runs: str, renumbering: bool = False) -> str:
        """Markup that is not a run of words (a tab, a field) keeps no mark."""
        effect_of(mark)
        return "".join(runs)

    def run(self, text: str, props: str, mark: str, *, renumbering: bool = False, moved: str = "") -> str:
        return run_xml(text, props + look(mark, renumbering=renumbering))

    def mark_paragraph(self, p: Paragraph, mark: str) -> None:
        effect_of(mark)

    def mark_look(self, p: Paragraph, before: tuple | None) -> None:
        pass

    def move_range(self, p: Paragraph, mark: str, move: str) -> None:
        effect_of(mark)

    def mark_row(self, mark: str) -> str:
        effect_of(mark)
        return ""
