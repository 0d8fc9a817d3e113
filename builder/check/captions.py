"""Paragraph captions: plain text of at most 60 characters (X006).

An author gives one in the paragraph's settings, `{#casework-junior-officers
caption="Contacting a junior officer"}`. A paragraph without a caption is not
reported: the website labels it with its first words
(builder.write.site.markup.shown_caption) until captions are written for every
paragraph.
"""
from __future__ import annotations

import re

from ..diagnostics import Collector
from ..model import Protocol

MAX_CAPTION = 60
# Markup a caption cannot hold: cross-references, glossary terms, HTML and Markdown emphasis or links.
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|[<>*_`#|\[\]{}\\]")


def caption_problem(caption: str) -> str:
    """Why a caption is not allowed, as a sentence; '' when it is fine."""
    if len(caption) > MAX_CAPTION:
        return f"the caption is {len(caption)} characters long; the limit is {MAX_CAPTION}"
    found = _MARKUP.search(caption)
    if found:
        return f"the caption contains {found.group(0)!r}: captions are plain text, with no references, terms or markup"
    return ""


def check_captions(protocol: Protocol, diags: Collector) -> None:
    for section in protocol.sections:
        for para in section.paragraphs:
            problem = caption_problem(para.caption) if para.caption else ""
            if problem:
                diags.error("X006", para.source.path, para.source.line, f"paragraph {para.id!r}: {problem}",
                            f"Write a short plain label of {MAX_CAPTION} characters or fewer, "
                            "e.g. caption=\"Contacting a junior officer\".")
