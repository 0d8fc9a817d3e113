"""What `protocol import` tells the author: what it made, the numbers it could not keep, the check's
findings, and every place it was unsure, each with the Word paragraph's position and words."""
from __future__ import annotations

import json

from ..diagnostics import summary
from .draft import Draft
from .verify import Difference

KINDS = (("unsure", "Look at these"), ("kept", "Kept as text"), ("dropped", "Not imported"), ("info", "For information"))


def counts(draft: Draft) -> dict[str, int]:
    paragraphs = [p for s in draft.sections for p in s.paragraphs]
    return {"sections": len(draft.sections), "paragraphs": len(paragraphs),
            "sub_items": sum(len(p.items) for p in paragraphs),
            "sub_headings": sum(len(s.blocks) - len(s.paragraphs) for s in draft.sections),
            "cross_references": draft.references, "glossary_terms": len({d.term.casefold() for d in draft.glossary})}


def _where(position: int) -> str:
    return f"Word paragraph {position}" if position else "the document"


def text(draft: Draft, out: str, compared: int, differ: list[Difference], diags: list) -> str:
    c = counts(draft)
    lines = [f"Imported {draft.name} into {out}/ (protocol_src/ and an empty scenarios/):",
             f"  {c['sections']} sections, {c['paragraphs']} paragraphs, {c['sub_items']} sub-items, "
             f"{c['sub_headings']} sub-headings, {c['cross_references']} cross-references recognised, "
             f"{c['glossary_terms']} glossary terms."]
    if differ:
        lines.append(f"Numbers: {len(differ)} of {compared} differ from the document's (the build numbers sections "
                     "1, 2 …, paragraphs 1.1, 1.2 … and sub-items (a), (b) …):")
        lines += [f"  {_where(d.position)} \"{d.text}\": was {d.was or '(no number)'}, now {d.now}" for d in differ]
    else:
        lines.append(f"Numbers: all {compared} reproduced (every section, paragraph and sub-item is numbered as in "
                     "the document).")
    lines.append(f"protocol check on {out}/: " + summary(diags))
    lines += [f"  {d.format()}" for d in diags]
    for kind, title in KINDS:
        notes = [n for n in draft.notes if n.kind == kind]
        if notes:
            lines.append(f"{title} ({len(notes)}):")
            lines += [f"  {_where(n.position)}" + (f" \"{n.text}\"" if n.text else "") + f": {n.message}"
                      for n in notes]
    lines.append(f"Next: read the notes above, add tags and summaries to the section files, then run "
                 f"protocol check --root {out} and protocol build --root {out}.")
    return "\n".join(lines)


def as_json(draft: Draft, out: str, compared: int, differ: list[Difference], diags: list) -> str:
    return json.dumps({
        "file": draft.name, "out": out, "counts": counts(draft),
        "numbers": {"compared": compared, "differ": [d.__dict__ for d in differ]},
        "check": [{"path": d.path, "line": d.line, "severity": d.severity, "code": d.code, "message": d.message}
                  for d in diags],
        "notes": [n.__dict__ for n in draft.notes],
        "ids": [{"id": id_, "kind": kind, "position": e.position} for id_, kind, e in draft.elements()],
    }, indent=1, ensure_ascii=False)
