"""Word fields (TOC, PAGE, NUMPAGES, PAGEREF) as complex fields with their results already filled in."""
from __future__ import annotations

from .xml import el, text_el


def _run(*children, rpr=None):
    return el("w:r", rpr, *children)


def field(instruction: str, result: str) -> list:
    """The runs of one whole field: begin, instruction, separate, cached result, end."""
    return field_begin(instruction) + ([_run(text_el(result))] if result else []) + [field_end()]


def field_begin(instruction: str) -> list:
    instr = el("w:instrText")
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    instr.text = f" {instruction} "
    return [_run(el("w:fldChar", fldCharType="begin")), _run(instr),
            _run(el("w:fldChar", fldCharType="separate"))]


def field_end():
    return _run(el("w:fldChar", fldCharType="end"))


TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def page(result: str = "1") -> list:
    return field("PAGE \\* Arabic", result)


def num_pages(result: str = "1") -> list:
    return field("NUMPAGES \\* Arabic", result)


def page_ref(bookmark: str, result: str) -> list:
    return field(f"PAGEREF {bookmark} \\h", result)
