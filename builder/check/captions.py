"""Paragraph captions: plain text of at most 60 characters (X006).

A paragraph without a caption is not reported: the website labels it with its
first words until captions are written for every paragraph.
"""
from __future__ import annotations

from ..captions import MAX_CAPTION, caption_problem
from ..diagnostics import Collector
from ..model import Protocol


def check_captions(protocol: Protocol, diags: Collector) -> None:
    for section in protocol.sections:
        for para in section.paragraphs:
            problem = caption_problem(para.caption) if para.caption else ""
            if problem:
                diags.error("X006", para.source.path, para.source.line, f"paragraph {para.id!r}: {problem}",
                            f"Write a short plain label of {MAX_CAPTION} characters or fewer, "
                            "e.g. caption=\"Contacting a junior officer\".")
