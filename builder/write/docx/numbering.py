"""Real Word list numbering: one multi-level list for the protocol, one bullet list for the appendix.

The lists are defined in the reference document (builder/data/reference/word/numbering.xml): Word and
LibreOffice compute the numbers from those definitions, and they equal `builder.number` because both count
the same paragraphs in the same order: level 0 sections ("1"), level 1 paragraphs ("1.1", restarting in each
section), level 2 sub-items ("(a)", restarting in each paragraph). Here: which list and level each kind of
line is on.
"""
from __future__ import annotations

from .xml import element, empty

PROTOCOL_LIST = 1  # w:numId of the protocol's multi-level list in numbering.xml
BULLET_LIST = 2

# kind of line -> (numId, level)
LIST_LEVEL = {"section": (PROTOCOL_LIST, 0), "para": (PROTOCOL_LIST, 1), "item": (PROTOCOL_LIST, 2),
              "bullet": (BULLET_LIST, 0)}

_NUM_PR = {kind: element("w:numPr", empty("w:ilvl", val=level) + empty("w:numId", val=num_id))
           for kind, (num_id, level) in LIST_LEVEL.items()}


def num_pr(kind: str) -> str:
    """The w:numPr markup for a kind of line, or '' when it is not numbered."""
    return _NUM_PR.get(kind, "")
