"""Paragraph captions: plain text of at most 60 characters (X006), and on every paragraph once any has one (X008).

An author gives one in the paragraph's settings, `{#casework-junior-officers
caption="Contacting a junior officer"}`. A protocol that has no captions yet is
not reported: the website labels each paragraph with its first words
(builder.write.site.markup.shown_caption). Once captions are written, a
paragraph without one (a paragraph added later, say) is a warning: search
results and the duties appendix would otherwise show its first words.
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
    captioned = any(p.caption for p in protocol.paragraphs())
    for section in protocol.sections:
        for para in section.paragraphs:
            if captioned and not para.caption:
                diags.warning("X008", para.source.path, para.source.line, f"paragraph {para.id!r} has no caption",
                              "Give it a short label in its settings, e.g. {#" + para.id + " caption=\"Contacting a "
                              "junior officer\"}: the website shows it beside the number and in search results.")
            problem = caption_problem(para.caption) if para.caption else ""
            if problem:
                diags.error("X006", para.source.path, para.source.line, f"paragraph {para.id!r}: {problem}",
                            f"Write a short plain label of {MAX_CAPTION} characters or fewer, "
                            "e.g. caption=\"Contacting a junior officer\".")
