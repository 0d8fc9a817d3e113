"""'What changed' pages for the website: one page per release pair, the same changes as the redline.

Insertions are <ins> and deletions <del>, each with a visible text cue
("[inserted: …]", "[deleted: …]") so the change never depends on colour, and
all text is HTML-escaped. Pages: each consecutive pair of releases, then the
latest release -> the draft when the draft differs.
"""
from __future__ import annotations

import html
from pathlib import Path

from ..errors import ProtocolError
from ..model import Protocol
from ..releases import load_release, released_versions
from ..view import Run
from .changes import Changes
from .compare import compare


def what_changed_pages(root: Path, protocol: Protocol, latest: Changes | None = None) -> list[tuple[str, str, str]]:
    """(file name, title, Markdown body) for each release pair, oldest first.

    `latest`: the comparison of the latest release with `protocol`, when the caller has made it already.
    """
    versions = released_versions(Path(root))
    models: list[Protocol] = []
    for v in versions:
        try:
            models.append(load_release(Path(root), v))
        except ProtocolError:
            continue  # reported by protocol check (V002); a damaged snapshot is never compared against
    pairs = list(zip(models, models[1:]))
    if models:
        pairs.append((models[-1], protocol))
    out = []
    for old, new in pairs:
        changes = latest if latest is not None and new is protocol else compare(old, new)
        if not changes.text_changed:
            continue
        label = _label(new, new is protocol)
        name = f"changes-{old.meta.version}-to-{label.replace(' ', '-')}.md"
        title = f"What changed from {old.meta.version} to {label}"
        out.append((name, title, page_body(old, new, changes, title, protocol)))
    return out


def _label(p: Protocol, draft: bool) -> str:
    return f"{p.meta.version} draft" if draft and p.meta.status == "draft" else p.meta.version


def page_body(old: Protocol, new: Protocol, changes: Changes, title: str, current: Protocol | None = None) -> str:
    """The page's Markdown. Each change to `current` (the text the site shows) links the paragraph as it is now."""
    lines = [f"# {html.escape(title)}", "",
             f"{html.escape(changes.summary().capitalize())}.", "",
             "Inserted words are underlined and marked *[inserted: …]*; deleted words are struck through "
             "and marked *[deleted: …]*. Numbers are shown as old → new.", ""]
    for s in changes.sections:
        if s.kind != "unchanged":
            lines += [f"## Section {_nums(s.old_number, s.new_number)}: {_runs(s.title)} ({s.kind})", ""]
        for b in s.blocks:
            if b.kind == "unchanged":
                continue
            what = "Sub-heading" if b.what == "heading" else f"Paragraph {_nums(b.old_number, b.new_number)}"
            kind = "moved and amended" if b.kind == "moved" and b.edited else b.kind
            lines += [f"### {what} ({kind})", "", _runs(b.runs), ""]
            if b.kind != "deleted" and b.new_section and new is current:
                shown = f"paragraph {b.new_number}" if b.what == "paragraph" else "the sub-heading"
                lines += [f'<p class="change-link"><a href="../protocol/{b.new_section}.html#{b.id}">Read {shown} '
                          "as it stands now</a></p>", ""]
            for item in b.items:
                if item.kind != "unchanged" or b.kind != "changed":
                    lines += [f"- {html.escape(item.new_number or item.old_number)} {_runs(item.runs)}"]
            reason = new.reason_for(b.id)
            if b.items:
                lines.append("")
            if reason:
                lines += [f"Reason: {html.escape(reason)}", ""]
    gloss = [g for g in changes.glossary if g.kind != "unchanged"]
    if gloss:
        lines += ["## Glossary", ""]
        lines += [f"- **{html.escape(g.term)}** ({g.kind}): {_runs(g.definition)}" for g in gloss]
        lines.append("")
    for sc in changes.scenarios:
        if sc.kind == "unchanged":
            continue
        lines += [f"## Worked example {_nums(sc.old_number, sc.new_number)}: {_runs(sc.title)} ({sc.kind})", ""]
        for p in sc.parts:
            if p.kind == "unchanged":
                continue
            lines += [f"### {_runs(p.title)}", ""]
            lines += [("- " if b.block_kind == "bullet" else "") + _runs(b.runs) for b in p.blocks
                      if b.kind != "unchanged"]
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
