"""Word fields (TOC, PAGE, NUMPAGES, PAGEREF) as complex fields with their results already filled in."""
from __future__ import annotations

from .xml import element, empty, escape, run


def _char(which: str) -> str:
    return element("w:r", empty("w:fldChar", fldCharType=which))


def field(instruction: str, result: str) -> str:
    """The runs of one whole field: begin, instruction, separate, cached result, end."""
    return field_begin(instruction) + (run(result) if result else "") + field_end()


def field_begin(instruction: str) -> str:
    instruction_text = element("w:instrText", f" {escape(instruction)} ", xml_space="preserve")
    return _char("begin") + element("w:r", instruction_text) + _char("separate")


def field_end() -> str:
    return _char("end")


TOC_INSTRUCTION = 'TOC \\o "1-2" \\h \\z \\u'


def page(result: str = "1") -> str:
    return field("PAGE \\* Arabic", result)


def num_pages(result: str = "1") -> str:
    return field("NUMPAGES \\* Arabic", result)


def page_ref(bookmark: str, result: str) -> str:
    return field(f"PAGEREF {bookmark} \\h", result)
