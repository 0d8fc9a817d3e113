"""Paragraph captions: the short label the website shows beside a paragraph's number.

An author gives one in the paragraph's settings, `{#casework-junior-officers
caption="Contacting a junior officer"}`: at most 60 characters of plain text.
A paragraph without one is labelled with its first words, so every paragraph
has a caption on the website and in search while captions are being written.
"""
from __future__ import annotations

import re

from .model import Inline, Paragraph, inline_text

MAX_CAPTION = 60
# Markup a caption cannot hold: cross-references, glossary terms, HTML and Markdown emphasis or links.
_MARKUP = re.compile(r"\[\[|\]\]|\{\{|\}\}|[<>*_`#|\[\]{}\\]")
_SENTENCE_END = re.compile(r"(?<=[.!?:;])\s")


def caption_problem(caption: str) -> str:
    """Why a caption is not allowed, as a sentence; '' when it is fine."""
    if len(caption) > MAX_CAPTION:
        return f"the caption is {len(caption)} characters long; the limit is {MAX_CAPTION}"
    found = _MARKUP.search(caption)
    if found:
        return f"the caption contains {found.group(0)!r}: captions are plain text, with no references, terms or markup"
    return ""


def shown_caption(para: Paragraph, numbers: dict[str, str] | None = None) -> str:
    """The paragraph's own caption, or one made from its first words."""
    return para.caption or first_words(para.inlines, numbers)


def first_words(inlines: tuple[Inline, ...], numbers: dict[str, str] | None = None, limit: int = 48) -> str:
    """The start of the first sentence, cut at a word and marked with an ellipsis when cut."""
    text = " ".join(inline_text(inlines, numbers).split())
    sentence = _SENTENCE_END.split(text, 1)[0].rstrip(".!?:;,")
    if len(sentence) <= limit:
        return sentence
    cut = sentence[:limit + 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"
