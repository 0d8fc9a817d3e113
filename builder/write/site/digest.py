"""An audience page's digest: the five to ten things that role must know.

First the quick answers and paragraphs written for the role itself, then those
for the broader groups it belongs to (nearest first), so that a cabinet member
sees the cabinet's answers before those for every member.
"""
from __future__ import annotations

from .answers import answer_item
from .markup import inline_html

MOST = 10


def digest(ctx, aid: str, page: str) -> list[dict]:
    out: list[dict] = []
    seen: set[str] = set()
    for audience in (aid, *ctx.audiences.ancestors(aid)):
        for item in (*_answers(ctx, audience, page), *_paragraphs(ctx, audience, page)):
            if item["id"] not in seen and len(out) < MOST:
                seen.add(item["id"])
                out.append(item)
    return out


def _answers(ctx, audience: str, page: str) -> list[dict]:
    return [{"kind": "answer", **answer_item(ctx, qa, page)} for qa in ctx.protocol.answers if audience in qa.audiences]


def _paragraphs(ctx, audience: str, page: str) -> list[dict]:
    """Paragraphs tagged for the audience themselves (not through their section's tags)."""
    return [{"kind": "para", **ctx.paragraph_link(p.id, page), "id": p.id, "html": inline_html(p.inlines, ctx.where, page)}
            for s in ctx.protocol.sections for p in s.paragraphs if audience in p.tags.audiences]
