"""What the website shows about versions, from the comparisons the caller made: the What changed pages, the
"changed in" markers, and the review notes of scenarios and quick answers.

`what_changed(protocol, comparisons)` takes the comparisons of
builder.project.compare_releases (each consecutive pair of releases, then the
latest release -> the draft, the one comparison `protocol build` makes for the
checks, the redline and the schedule too) and compares nothing itself:

- a What changed page for each comparison whose text changed, the same changes
  as the redline. Insertions are <ins> and deletions <del>, each with a visible
  text cue ("[inserted: …]", "[deleted: …]") so the change never depends on
  colour, and all text is HTML-escaped; each change to the draft links the
  paragraph as it stands now;
- a marker on every paragraph new, changed or moved since the latest release;
- for a scenario or quick answer reviewed against a release, the cited
  paragraphs inserted, changed or deleted since: from the latest comparison
  when it was reviewed against the latest release, else from the comparisons
  after the release it was reviewed against, one after another.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from ...diff import Changes, Comparison
from ...diff.reasons import Reasons
from ...model import Protocol
from ...view import Run


@dataclass(frozen=True)
class WhatChanged:
    pages: tuple[tuple[str, str, str], ...] = ()  # What changed pages: (file name, title, Markdown body)
    since: str = ""  # the latest release ('' when there is none)
    amended: dict[str, str] = field(default_factory=dict)  # paragraph id -> "Changed in draft 1.1"
    stale: dict[str, tuple[str, ...]] = field(default_factory=dict)  # scenario or answer id -> cited ids changed


def version_label(protocol: Protocol) -> str:
    """How the pages name the version the site shows: 'draft 1.1' or 'version 1.1'."""
    meta = protocol.meta
    return f"draft {meta.version}" if meta.status == "draft" else f"version {meta.version}"


def what_changed(protocol: Protocol, comparisons: list[Comparison]) -> WhatChanged:
    """What the site shows about versions; `protocol` is the draft, the newer model of the last comparison."""
    comparisons = list(comparisons)
    latest = comparisons[-1] if comparisons and comparisons[-1].new is protocol else None
    changed = _changed(latest.changes) if latest is not None else {}
    words = {"inserted": "New", "moved": "Moved"}
    label = version_label(protocol)
    amended = {pid: f"{words.get(change, 'Changed')} in {label}"
               for pid, change in changed.items() if change != "deleted"}
    since = latest.old.meta.version if latest is not None else ""
    return WhatChanged(tuple(what_changed_pages(protocol, comparisons)), since, amended,
                       _stale(protocol, comparisons if latest is not None else []))


def _changed(changes: Changes) -> dict[str, str]:
    """Paragraph id -> its change: inserted, deleted, changed (its own words), or moved (words unchanged)."""
    out = {}
    for b in changes.paragraphs():
        if b.change in ("inserted", "deleted") or (b.change != "unchanged" and b.source_edited):
            out[b.id] = "changed" if b.change == "moved" else b.change
        elif b.change == "moved":
            out[b.id] = "moved"
    return out


def _stale(protocol: Protocol, comparisons: list[Comparison]) -> dict[str, tuple[str, ...]]:
    """Scenario or quick answer id -> its cited paragraphs inserted, changed or deleted since its review."""
    starts = {c.old.meta.version: i for i, c in enumerate(comparisons)}
    since: dict[str, set[str]] = {}  # release -> the paragraphs changed in words since it (made once each)
    out: dict[str, tuple[str, ...]] = {}
    for item in (*protocol.scenarios, *protocol.answers):
        version = item.reviewed_against
        if version == protocol.meta.version or version not in starts:
            continue
        if version not in since:
            since[version] = {pid for c in comparisons[starts[version]:] for pid, change in _changed(c.changes).items()
                              if change != "moved"}
        cited = tuple(c for c in item.cites if c in since[version])
        if cited:
            out[item.id] = cited
    return out


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
        out.append((name, title, page_body(comparison, title, new is protocol)))
    return out


def _label(p: Protocol, draft: bool) -> str:
    return f"{p.meta.version} draft" if draft and p.meta.status == "draft" else p.meta.version


def page_body(comparison: Comparison, title: str, current: bool = False) -> str:
    """The page's Markdown; when `current` (the newer model is the text the site shows), each change links the
    paragraph as it stands now."""
    changes = comparison.changes
    reasons = Reasons(comparison)
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
            if current and b.change != "deleted" and b.new_section:
                shown = f"paragraph {b.new_number}" if b.what == "paragraph" else "the sub-heading"
                lines += [f'<p class="change-link"><a href="../protocol/{b.new_section}.html#{b.id}">Read {shown} '
                          "as it stands now</a></p>", ""]
            for item in b.items:
                if item.change != "unchanged" or b.change != "changed":
                    lines += [f"- {html.escape(item.new_number or item.old_number)} {_runs(item.runs)}"]
            reason = reasons.reason_for(b)
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
