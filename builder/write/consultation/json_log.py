"""The consultation log as JSON, for tools: every copy and every suggestion, with the same fields as the
Word and Markdown logs and empty decision and reason."""
from __future__ import annotations

import json

from ...consultation import Consultation
from ...consultation.suggestions import Suggestion
from ...model import Metadata
from ...view import Run
from .log_wording import status


def _runs(runs: tuple[Run, ...]) -> list[dict]:
    return [{"text": r.text, "mark": r.mark} for r in runs]


def as_json(c: Consultation, meta: Metadata) -> str:
    data = {
        "title": meta.title, "council": meta.council, "draft": c.draft, "version": c.version,
        "copies": [{"file": r.name, "built_from": r.version, "status": r.status, "matching": r.matched,
                    "differ": [{"paragraph": m.where, "key": m.key, "change": _runs(m.change)} for m in r.differ],
                    "not_in_copy": r.missing, "not_in_sources": r.unknown, "unread": r.unread} for r in c.reports],
        "suggestions": [_suggestion(n, s) for n, s in enumerate(c.suggestions, start=1)],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _suggestion(n: int, s: Suggestion) -> dict:
    return {
        "number": n, "copy": s.copy, "paragraph": s.where, "paragraph_number": s.number, "id": s.block_id,
        "key": s.key, "what": s.what, "revision_authors": s.authors, "comment_authors": s.commenters,
        "date": s.date, "original": s.original, "proposed": s.proposed, "change": _runs(s.change),
        "comments": [{"author": t.author, "date": t.date, "text": t.text, "on": t.quoted, "resolved": t.done,
                      "replies": [{"author": r.author, "date": r.date, "text": r.text} for r in t.replies]}
                     for t in s.threads],
        "can_be_applied": s.applicable, "to_make_by_hand": s.blockers, "notes": s.notes, "status": s.status or None,
        "what_happens": status(s), "decision": "", "reason": "",
    }
