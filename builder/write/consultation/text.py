"""The consultation log as Markdown (readable in a text editor, renders as a table) and as JSON (for tools)."""
from __future__ import annotations

import json
import re

from ...consultation import Consultation, Report, Suggestion
from ...model import Metadata
from ...view import Run

_MD = re.compile(r"([\\`*_\[\]<>|&~#])")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


def md(text: str) -> str:
    """Text from a copy made safe in Markdown: no markup, no HTML, no table breaks, one line (white space
    folded, a space at either end kept)."""
    return _MD.sub(r"\\\1", _SPACES.sub(" ", _CONTROL.sub(" ", text)))


def status(s: Suggestion) -> str:
    """What happens to the suggestion, in words."""
    note = f" ({'; '.join(s.notes)})" if s.notes else ""
    if s.status == "applied":
        return f"Applied{note}."
    if s.authors and not s.edits and not s.blockers:
        return f"Nothing to apply{note}."
    why = "; ".join(s.blockers)
    if s.status == "not chosen":
        return "Not chosen." + (f" ({why})" if why else "")
    if s.status == "not applied":
        return f"Not applied: {why}." if why else "Not applied."
    if not s.authors:
        return "A comment: nothing to apply."
    return f"To make by hand: {why}." if why else f"Can be applied with --apply{note}."


def copy_line(r: Report, version: str) -> str:
    built = f"built from version {r.version}" if r.version else "does not say which version it was built from"
    if r.version and r.version != version:
        built += f" (the sources are version {version})"
    line = f"{r.name}: {built}; {r.matched} paragraphs match the sources"
    if r.differ:
        line += f", {len(r.differ)} differ{'s' if len(r.differ) == 1 else ''} from them (listed below)"
    if r.missing:
        line += f"; {len(r.missing)} paragraphs of the sources are not in it"
    if r.unknown:
        line += f"; {len(r.unknown)} of its paragraphs are not in the sources"
    return line + "."


def changed(runs: tuple[Run, ...], plain=str, signs: bool = True) -> str:
    """The words with each deletion and insertion labelled (and struck through or bold in Markdown: `signs`)."""
    out = []
    for r in runs:
        core = r.text.strip()
        lead, trail = r.text[:len(r.text) - len(r.text.lstrip())], r.text[len(r.text.rstrip()):]
        if r.mark in ("del", "ins") and core:  # spaces outside the markers, where Markdown wants them
            label, sign = ("deleted", "~~") if r.mark == "del" else ("inserted", "**")
            sign = sign if signs else ""
            out.append(f"{plain(lead)}[{label}: {sign}{plain(core)}{sign}]{plain(trail)}")
        else:
            out.append(plain(r.text))
    return "".join(out)


def threads(s: Suggestion) -> list[str]:
    """Each comment and reply as 'Author, date: text' (a reply starts 'Reply by')."""
    out = []
    for t in s.threads:
        on = f" (on \u201c{t.quoted}\u201d)" if t.quoted else ""
        done = " [resolved]" if t.done else ""
        out.append(f"{t.author}{', ' + t.date if t.date else ''}{on}: {t.text}{done}")
        out += [f"Reply by {r.author}{', ' + r.date if r.date else ''}: {r.text}" for r in t.replies]
    return out


def markdown(c: Consultation, meta: Metadata) -> str:
    lines = [f"# Consultation log: {md(meta.title)}", "",
             f"{md(meta.council)}. Responses to {md(c.draft)}. Deleted words are marked \\[deleted: …\\], "
             "inserted words \\[inserted: …\\]; ¶ marks where one paragraph ends and the next begins. "
             "Record the decision (accept, reject or amend) and its reason in the last two columns.", "",
             "## Copies read", ""]
    lines += [f"- {md(copy_line(r, c.version))}" for r in c.reports]
    lines += ["", "## Suggestions", ""]
    if not c.suggestions:
        lines.append("No copy holds a tracked change or a comment.")
    else:
        lines += ["| No. | Paragraph | Consultee | Suggested change | Comments and replies | What happens | Decision "
                  "| Reason |", "| ---: | --- | --- | --- | --- | --- | --- | --- |"]
        for n, s in enumerate(c.suggestions, start=1):
            where = md(s.where) + (f" `{s.block_id}`" if s.block_id else "")
            who = md(", ".join(s.consultees) or "(no name)") + f" ({md(s.copy)})"
            said = " / ".join(md(t) for t in threads(s))
            lines.append(f"| {n} | {where} | {who} | {md(s.what.capitalize())}: {changed(s.change, md)} | {said} | "
                         f"{md(status(s))} |  |  |")
    differ = [(r.name, m) for r in c.reports for m in r.differ]
    if differ:
        lines += ["", "## Paragraphs that do not match the sources", "",
                  "Their words in the copy (before any tracked change) are not the words of the sources: the copy "
                  "was edited without track changes, or the sources changed since it was built. A suggestion on one "
                  "of them is applied only where every sentence it changes still reads as in the copy.", "",
                  "| Copy | Paragraph | From the sources' words to the copy's |", "| --- | --- | --- |"]
        lines += [f"| {md(name)} | {md(m.where)} | {changed(m.change, md)} |" for name, m in differ]
    return "\n".join(lines) + "\n"


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
