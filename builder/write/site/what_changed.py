"""'What changed' pages for the website: one page per comparison, the same changes as the redline.

Insertions are <ins> and deletions <del>, each with a visible text cue
("[inserted: …]", "[deleted: …]") so the change never depends on colour, and
all text is HTML-escaped. The pages are drawn from the comparisons the caller
made (builder.project.compare_releases): each consecutive pair of releases,
then the latest release -> the draft; a pair whose text is the same has none.
"""
from __future__ import annotations

import html

from ...diff import Comparison
from ...model import Protocol
from ...view import Run


def what_changed_pages(protocol: Protocol, comparisons: list[Comparison]) -> list[tuple[str, str, str]]:
    """(file name, title, Markdown body) for each comparison whose text changed, in order; `protocol` is the
    draft, whose pages say 'draft'."""
    out = []
    for comparison in comparisons:
        old, new, changes = comparison
        if not changes.text_changed:
            continue
        label = _label(new, new is protocol)
        name = f"changes-{old.meta.version}-to-{label.replace(' ', '-')}.md"
        title = f"What changed from {old.meta.version} to {label}"
        out.append((name, title, page_body(comparison, title)))
    return out


def _label(p: Protocol, draft: bool) -> str:
    return f"{p.meta.version} draft" if draft and p.meta.status == "draft" else p.meta.version


def page_body(comparison: Comparison, title: str) -> str:
    _, new, changes = comparison
    lines = [f"# {html.escape(title)}", "",
             f"{html.escape(changes.summary().capitalize())}.", "",
             "Inserted words are underlined and marked *[inserted: …]*; deleted words are struck through "
             "and marked *[deleted: …]*. Numbers are shown as old → new.", ""]
    for s in changes.sections:
        if s.change != "unchanged":
            lines += [f"## Section {_nums(s.old_number, s.new_number)}: {_runs(s.title)} ({s.change})", ""]
        for b in s.blocks:
            if b.change == "unchanged":
                continue
            what = "Sub-heading" if b.what == "heading" else f"Paragraph {_nums(b.old_number, b.new_number)}"
            change = "moved and amended" if b.change == "moved" and b.edited else b.change
            lines += [f"### {what} ({change})", "", _runs(b.runs), ""]
            for item in b.items:
                if item.change != "unchanged" or b.change != "changed":
                    lines += [f"- {html.escape(item.new_number or item.old_number)} {_runs(item.runs)}"]
            reason = new.reason_for(b.id)
            if b.items:
                lines.append("")
            if reason:
                lines += [f"Reason: {html.escape(reason)}", ""]
    gloss = [g for g in changes.glossary if g.change != "unchanged"]
    if gloss:
        lines += ["## Glossary", ""]
        lines += [f"- **{html.escape(g.term)}** ({g.change}): {_runs(g.definition)}" for g in gloss]
        lines.append("")
    for sc in changes.scenarios:
        if sc.change == "unchanged":
            continue
        lines += [f"## Worked example {_nums(sc.old_number, sc.new_number)}: {_runs(sc.title)} ({sc.change})", ""]
        for p in sc.parts:
            if p.change == "unchanged":
                continue
            lines += [f"### {_runs(p.title)}", ""]
            lines += [("- " if b.bullet else "") + _runs(b.runs) for b in p.passages
                      if b.change != "unchanged"]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _nums(old: str, new: str) -> str:
    if old and new and old != new:
        return f"{old} → {new}"
    return new or old


def _runs(runs: tuple[Run, ...]) -> str:
    out = []
    for r in runs:
        text = html.escape(r.text)
        if r.mark == "ins":
            out.append(f'<ins><span class="change-cue">[inserted: </span>{text}<span class="change-cue">]</span></ins>')
        elif r.mark == "del":
            out.append(f'<del><span class="change-cue">[deleted: </span>{text}<span class="change-cue">]</span></del>')
        else:
            out.append(text)
    return "".join(out).replace("*", "&#42;").replace("_", "&#95;").replace("`", "&#96;")
