"""The protocol's teeth on the website: each duty (a paragraph that says "must") with the member code obligation
and the officer rule it can evidence, and what each obligation means (the Word document's Appendix B)."""
from __future__ import annotations

from .page import Page

INTRO = ("Each paragraph of this protocol that says \u201cmust\u201d sets a duty. Not meeting it can be evidence in a "
         "complaint under the member code of conduct, or in a case under the employee code of conduct and the "
         "disciplinary policy. The table lists each duty with the obligation or rule whose breach it can evidence.")
CODES = (("member", "The member code of conduct"), ("officer", "The employee code of conduct and policies"))


def duty_rows(ctx, page: str) -> list[dict]:
    """One row per paragraph tagged with an obligation, in the protocol's order."""
    rows = []
    for section in ctx.protocol.sections:
        for para in section.paragraphs:
            tagged = ctx.protocol.effective_tags(section, para).obligations
            entries = [e for e in (ctx.protocol.vocabulary.get("obligations", o) for o in tagged) if e]
            if not entries:
                continue
            rows.append({"link": ctx.paragraph_link(para.id, page), "caption": ctx.caption(para),
                         "member": [e for e in entries if e.code == "member"],
                         "officer": [e for e in entries if e.code == "officer"]})
    return rows


def duties_page(ctx) -> Page | None:
    """The duties page, or None when the protocol names no obligations."""
    page = "duties.md"
    rows = duty_rows(ctx, page)
    if not rows:
        return None
    codes = [{"title": title, "entries": [e for e in ctx.protocol.vocabulary.obligations if e.code == code]}
             for code, title in CODES]
    body = ctx.render("duties.md.j2", page, intro=INTRO, rows=rows, codes=codes)
    return Page(page, "Duties and the codes of conduct", body, ("must", "duty", "duties", "code of conduct"),
                "Each duty in the protocol and the code of conduct rule it rests on.")
