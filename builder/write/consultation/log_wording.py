"""The log's phrases, the same in the Word log, the Markdown log, the JSON and the terminal: what happens to a
suggestion, what each copy is, the marked words in words, and the comment threads."""
from __future__ import annotations

from ...consultation.matching import Report
from ...consultation.suggestions import Suggestion
from ...dates import long_date
from ...view import Run


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
    """Each comment and reply as 'Author, 7 May 2024: text' (a reply starts 'Reply by'); the JSON log keeps the
    dates as YYYY-MM-DD."""
    out = []
    for t in s.threads:
        on = f" (on \u201c{t.quoted}\u201d)" if t.quoted else ""
        done = " [resolved]" if t.done else ""
        out.append(f"{t.author}{', ' + long_date(t.date) if t.date else ''}{on}: {t.text}{done}")
        out += [f"Reply by {r.author}{', ' + long_date(r.date) if r.date else ''}: {r.text}" for r in t.replies]
    return out
