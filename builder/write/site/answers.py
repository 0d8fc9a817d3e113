"""The quick answers on the website: their own page, grouped by the section they rest on, and one item shape
shared with the audience pages and the home page."""
from __future__ import annotations

from .markup import href, inline_html
from .page import Page


def answer_item(ctx, qa, page: str) -> dict:
    return {
        "id": qa.id, "question": qa.question, "html": inline_html(qa.answer, ctx.where, page),
        "href": href(page, "answers.md", qa.id),
        "cites": [ctx.paragraph_link(c, page) for c in qa.cites],
        "audiences": [{"label": ctx.label("audiences", a), "href": href(page, f"audiences/{a}.md")}
                      for a in qa.audiences if ctx.protocol.vocabulary.get("audiences", a)],
        "review": ctx.review_note(qa, page),
    }


def grouped(ctx, page: str) -> list[dict]:
    """Answers under the section of the first paragraph each cites, in the protocol's order."""
    order = {s.id: i for i, s in enumerate(ctx.protocol.sections)}
    groups: dict[str, dict] = {}
    for qa in ctx.protocol.answers:
        section = next((s for s in map(ctx.protocol.section_of, qa.cites) if s is not None), None)
        key = section.id if section else ""
        group = groups.setdefault(key, {"id": f"topic-{key}" if key else "topic-other",
                                        "title": ctx.section_title(section) if section else "Other questions",
                                        "answers": []})
        group["answers"].append(answer_item(ctx, qa, page))
    return [groups[k] for k in sorted(groups, key=lambda k: order.get(k, len(order)))]


def answers_page(ctx):
    page = "answers.md"
    body = ctx.render("answers.md.j2", page, groups=grouped(ctx, page))
    return Page(page, "Quick answers", body, (),
                "Short answers to the questions members and officers ask most, with the paragraphs behind them.",
                ("toc",))
