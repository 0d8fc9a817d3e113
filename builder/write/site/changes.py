"""What the website shows about versions: "changed in" markers, stale reviews and the What changed pages.

`site_changes(root, protocol)` is the one place the website compares versions.
It uses today's `builder.diff.compare` against the release snapshots; when the
pipeline computes one comparison for every writer, point this function at it.
The pages themselves take the result (`SiteChanges`) as data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ...errors import ProtocolError
from ...model import Protocol


@dataclass(frozen=True)
class SiteChanges:
    pages: tuple[tuple[str, str, str], ...] = ()  # What changed pages: (file name, title, Markdown body)
    since: str = ""  # the latest release ('' when there is none)
    amended: dict[str, str] = field(default_factory=dict)  # paragraph id -> "Changed in draft 1.1"
    stale: dict[str, tuple[str, ...]] = field(default_factory=dict)  # scenario or answer id -> cited ids changed


def version_label(protocol: Protocol) -> str:
    meta = protocol.meta
    return f"draft {meta.version}" if meta.status == "draft" else f"version {meta.version}"


def site_changes(root: Path, protocol: Protocol) -> SiteChanges:
    """One word-level comparison with the latest release (for the What changed page and the markers), and a
    quicker one with any older release a scenario or quick answer was reviewed against."""
    from ...diff import compare
    from ...releases import latest_release, load_release, released_versions

    root = Path(root)
    releases: dict[str, Protocol] = {}
    for version in released_versions(root):
        try:
            releases[version] = load_release(root, version)
        except ProtocolError:
            continue  # reported by protocol check (V002): a damaged snapshot is never compared against
    latest = latest_release(root)
    since = latest if latest in releases else ""
    newest = compare(releases[since], protocol) if since else None
    reviewed = {item.reviewed_against for item in (*protocol.scenarios, *protocol.answers)}
    changed = {v: _changed(newest if v == since else compare(old, protocol, words=False))
               for v, old in releases.items() if v == since or v in reviewed}
    label = version_label(protocol)
    words = {"inserted": "New", "moved": "Moved"}
    amended = {pid: f"{words.get(kind, 'Changed')} in {label}"
               for pid, kind in changed.get(since, {}).items() if kind != "deleted"}
    return SiteChanges(tuple(_pages(root, protocol, newest)), since, amended, _stale(protocol, changed))


def _changed(changes) -> dict[str, str]:
    """Paragraph id -> its kind of change: inserted, deleted, changed (its own words), or moved (words unchanged)."""
    out = {}
    for b in changes.paragraphs():
        if b.kind in ("inserted", "deleted") or (b.kind != "unchanged" and b.source_edited):
            out[b.id] = "changed" if b.kind == "moved" else b.kind
        elif b.kind == "moved":
            out[b.id] = "moved"
    return out


def _stale(protocol: Protocol, changed: dict[str, dict[str, str]]) -> dict[str, tuple[str, ...]]:
    out: dict[str, tuple[str, ...]] = {}
    for item in (*protocol.scenarios, *protocol.answers):
        if item.reviewed_against == protocol.meta.version or item.reviewed_against not in changed:
            continue
        since = changed[item.reviewed_against]
        cited = tuple(c for c in item.cites if since.get(c, "moved") != "moved")
        if cited:
            out[item.id] = cited
    return out


def _pages(root: Path, protocol: Protocol, latest) -> list[tuple[str, str, str]]:
    try:
        from ...diff.site_pages import what_changed_pages
    except ImportError:  # the "what changed" pages have not landed yet
        return []
    try:
        return list(what_changed_pages(root, protocol, latest))
    except TypeError:  # a what_changed_pages that makes its own comparison
        return list(what_changed_pages(root, protocol))
