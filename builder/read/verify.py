"""The numbers the imported tree builds to, compared with the numbers the document showed.

Every section, numbered paragraph and sub-item is compared by id, in document order: the number the
Word document displayed (its list number or the typed one, in the toolkit's form: "4", "4.3", "(a)")
against the number `builder.number` gives the imported tree, which is what its Word document, PDF and
website show.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Paragraph, Protocol
from ..number import letter, numbers
from .draft import Draft, Para, short


@dataclass(frozen=True)
class Difference:
    position: int
    text: str
    was: str  # '' when the document showed no number
    now: str
    id: str


def compare_numbers(draft: Draft, built: Protocol) -> tuple[int, list[Difference]]:
    """(how many numbers were compared, the ones that differ)."""
    nums = numbers(built)
    paragraphs = {p.id: p for p in built.paragraphs()}
    compared = 0
    out: list[Difference] = []

    def check(was: str, now: str | None, position: int, text: str, id_: str) -> None:
        nonlocal compared
        compared += 1
        if now is None:
            out.append(Difference(position, short(text), was, "(not in the imported tree)", id_))
        elif was != now:
            out.append(Difference(position, short(text), was, now, id_))

    for s in draft.sections:
        check(s.shown, nums.get(s.id), s.position, s.title, s.id)
        for b in s.blocks:
            if not isinstance(b, Para):
                continue
            check(b.shown, nums.get(b.id), b.position, b.text, b.id)
            built_items = paragraphs[b.id].items if isinstance(paragraphs.get(b.id), Paragraph) else ()
            for i, item in enumerate(b.items):
                now = f"({letter(i)})" if i < len(built_items) else None
                check(item.shown, now, item.position, item.text, f"{b.id}/{i + 1}")
    return compared, out
