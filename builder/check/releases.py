"""Rules about versions and releases (snapshots, reasons, stale scenarios, review dates).

These run on every `protocol check`, so they compare models without the
word-level diff: which paragraphs changed is enough here.
"""
from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from ..diagnostics import Collector
from ..errors import ProtocolError
from ..model import Protocol, Release
from ..releases import RELEASES, add_months, load_release, release_dir, verify_snapshot, version_key

HISTORY = "protocol_src/history.yaml"
AMENDMENTS = "protocol_src/amendments.yaml"


def check_releases(protocol: Protocol, diags: Collector, today: _dt.date | None = None) -> None:
    if not protocol.root:
        return
    root = Path(protocol.root)
    intact = _check_snapshots(root, protocol.history, diags)
    _check_history_order(protocol.history, diags)
    _check_review(protocol, today or _dt.date.today(), diags)
    cache: dict[str, object] = {}
    latest = max(intact, key=version_key, default=None)
    if latest is not None:
        changes = _changes(root, latest, protocol, cache)
        if changes is not None:
            _check_reasons(protocol, latest, changes, diags)
            _check_version(root, protocol, latest, changes, diags)
    _check_stale_scenarios(root, protocol, intact, cache, diags)
    _check_answer_history(root, protocol, intact, cache, diags)


def _changes(root: Path, version: str, protocol: Protocol, cache: dict):
    if version not in cache:
        from ..diff import compare

        try:
            cache[version] = compare(load_release(root, version), protocol, words=False)
        except ProtocolError:
            cache[version] = None
    return cache[version]


def _check_snapshots(root: Path, history: tuple[Release, ...], diags: Collector) -> set[str]:
    intact: set[str] = set()
    for version in dict.fromkeys(r.version for r in history):
        entry = next(r for r in history if r.version == version)
        problems = verify_snapshot(root, version)
        if not problems:
            intact.add(version)
        elif not release_dir(root, version).is_dir():
            diags.error("V001", entry.source.path, entry.source.line,
                        f"release {version} has no snapshot: {RELEASES}/{version}/ is missing",
                        "Restore the folder from version control; a release is compared against its snapshot.")
        else:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            diags.error("V002", entry.source.path, entry.source.line,
                        f"the snapshot of release {version} is damaged: {problems[0]}{more}",
                        f"Restore {RELEASES}/{version}/ from version control; never edit a release folder.")
    return intact


def _check_history_order(history: tuple[Release, ...], diags: Collector) -> None:
    seen: dict[tuple[str, str], Release] = {}
    for before, after in zip(history, history[1:]):
        if version_key(after.version) < version_key(before.version) or after.date < before.date:
            diags.error("V007", after.source.path, after.source.line,
                        f"release {after.version} ({after.date}) comes after {before.version} ({before.date}) "
                        "but is earlier", "Entries are written by `protocol release`, oldest first: restore the file.")
    for r in history:
        key = (r.version, r.status)
        if key in seen:
            diags.error("V007", r.source.path, r.source.line, f"version {r.version} is {r.status} twice",
                        f"The first entry is at line {seen[key].source.line}; remove the repeat.")
        seen.setdefault(key, r)
        if r.status == "approved" and (r.version, "adopted") in seen:
            diags.error("V007", r.source.path, r.source.line,
                        f"version {r.version} is approved after it was adopted",
                        "A version moves draft -> approved -> adopted.")


def _check_review(protocol: Protocol, today: _dt.date, diags: Collector) -> None:
    adopted = [r for r in protocol.history if r.status == "adopted"]
    if not adopted:
        return
    last = adopted[-1]
    due = last.review_due or add_months(last.date, _review_months(protocol))
    if due < today.isoformat():
        diags.warning("V003", last.source.path, last.source.line,
                      f"the review of version {last.version} was due on {due} (adopted {last.date})",
                      "Review the protocol with the Standards Committee and release the reviewed version.")


def _review_months(protocol: Protocol) -> int:
    try:
        text = (Path(protocol.root) / "protocol_src" / "protocol.yaml").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return 6
    m = re.search(r"^review_months:\s*['\"]?(\d+)", text, re.M)
    return int(m.group(1)) if m else 6


def _where(protocol: Protocol, b) -> tuple[str, int]:
    """The draft's source line for a changed block; a deleted one points at its old section's file."""
    for s in protocol.sections:
        for block in s.blocks:
            if block.id == b.id:
                return block.source.path, block.source.line
    section = next((s for s in protocol.sections if s.id == b.old_section), None)
    if section is not None:
        return section.source.path, 1
    return AMENDMENTS, 0


def _check_reasons(protocol: Protocol, latest: str, changes, diags: Collector) -> None:
    if any(d.path == AMENDMENTS and d.severity == "error" for d in diags.items):
        return  # amendments.yaml is broken (already reported): every changed paragraph would lack its reason
    reasons = {id_: src for id_, _, src in protocol.reasons}
    needing = [b for b in changes.paragraphs() if b.kind != "unchanged" and not b.reference_only]
    for b in needing:
        if b.id not in reasons:
            path, line = _where(protocol, b)
            diags.warning("V004", path, line,
                          f"paragraph {b.id!r} is {b.kind} since release {latest} but has no reason",
                          f"Add '{b.id}: <why>' under 'reasons:' in {AMENDMENTS} (e.g. Member survey, March 2024); "
                          "the reason is printed in the schedule of amendments.")
    amended = {b.id for b in changes.blocks() if b.kind != "unchanged"}
    amended |= {s.id for s in changes.sections if s.kind != "unchanged"}
    amended |= {s.id for s in changes.scenarios if s.kind != "unchanged"}
    amended |= {g.term for g in changes.glossary if g.kind != "unchanged"}
    for id_, _, src in protocol.reasons:
        if id_ not in amended:
            diags.warning("V005", src.path, src.line,
                          f"a reason is given for {id_!r}, which has not changed since release {latest}",
                          "Remove the line, or check the id: reasons are keyed by the id of the changed paragraph.")


def _check_version(root: Path, protocol: Protocol, latest: str, changes, diags: Collector) -> None:
    if protocol.meta.version != latest or not changes.text_changed:
        return
    path = "protocol_src/protocol.yaml"
    line = 1
    try:
        text = (root / path).read_text(encoding="utf-8")
        line = next((n for n, t in enumerate(text.splitlines(), 1) if t.startswith("version:")), 1)
    except (OSError, UnicodeDecodeError):
        pass
    diags.warning("V006", path, line,
                  f"the text has changed since release {latest}, but protocol.yaml still says version {latest!r}",
                  "Start the next version: set version to the next number (e.g. \"" + _next(latest)
                  + "\") and status to draft.")


def _next(version: str) -> str:
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1) if parts[-1].isdigit() else parts[-1]
    return ".".join(parts)


def _check_stale_scenarios(root: Path, protocol: Protocol, intact: set[str], cache: dict, diags: Collector) -> None:
    by_version: dict[str, dict] = {}  # version -> paragraph id -> its change (built once per version)
    for sc in protocol.scenarios:
        version = sc.reviewed_against
        if version not in intact or not sc.cites:
            continue
        changes = _changes(root, version, protocol, cache)
        if changes is None:
            continue
        if version not in by_version:
            by_version[version] = {b.id: b for b in changes.paragraphs()}
        by_id = by_version[version]
        for cited in sc.cites:
            b = by_id.get(cited)
            if b is not None and (b.kind == "deleted" or b.source_edited):
                shown = b.new_number or b.old_number
                diags.warning("C004", sc.source.path, sc.source.line,
                              f"scenario {sc.id!r} cites paragraph {shown} ({cited}), which has changed since "
                              f"version {version}",
                              f"Re-read the scenario against the new wording, then set reviewed_against: "
                              f"\"{protocol.meta.version}\".")


def _check_answer_history(root: Path, protocol: Protocol, intact: set[str], cache: dict, diags: Collector) -> None:
    """Quick answers: stale since their review (Q002), or an id an earlier release used (Q006)."""
    if not protocol.answers:
        return
    from .answers import check_answer_history

    releases = {}
    for version in sorted(intact, key=version_key):
        try:
            releases[version] = load_release(root, version)
        except ProtocolError:
            continue
    by_version: dict[str, dict] = {}

    def changed(version: str) -> dict:
        if version not in by_version:
            changes = _changes(root, version, protocol, cache)
            by_version[version] = {b.id: b for b in changes.paragraphs()} if changes is not None else {}
        return by_version[version]

    check_answer_history(protocol, releases, changed, diags)
