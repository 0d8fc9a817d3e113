"""Stable id -> display number. Numbers are computed from order, never typed.

Sections are 1, 2, 3 …; paragraphs are 3.1, 3.2 … (sub-headings do not reset
them); sub-items are (a), (b) …; worked examples are A1, A2 … in file-name order.
The Word document, the website and the redline all use these functions, so the
numbers are identical everywhere.
"""
from __future__ import annotations

from .model import Paragraph, Protocol

SCENARIO_PREFIX = "A"


def letter(index: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'aa' (as Word's lowerLetter numbering does)."""
    return chr(ord("a") + index % 26) * (index // 26 + 1)


def numbers(protocol: Protocol) -> dict[str, str]:
    """Every section, paragraph and scenario id mapped to its display number.

    Compute it once per build and pass the dict along: it is linear in the model.
    """
    out: dict[str, str] = {}  # a later element with the same id wins, as in a dict made of the pairs
    for s_index, section in enumerate(protocol.sections, start=1):
        s_number = str(s_index)
        out[section.id] = s_number
        p_index = 0
        for block in section.blocks:
            if type(block) is Paragraph:
                p_index += 1
                out[block.id] = f"{s_number}.{p_index}"
    for i, scenario in enumerate(protocol.scenarios, start=1):
        out[scenario.id] = f"{SCENARIO_PREFIX}{i}"
    return out
