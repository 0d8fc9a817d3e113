"""Rules about the version history: snapshots, versions reviewed against, review dates, reasons, stale scenarios
and quick answers, and quick-answer ids an earlier release used.

They take the project (its snapshots verified once, at loading) and the
comparison with the latest release, made once by the caller. Which paragraphs
changed is all they need, so a command that only checks compares without the
word-level diff. A scenario or quick answer reviewed against an older release
is compared with that release here (once per release, whichever cites it).
"""
from __future__ import annotations

import datetime as _dt

from ..dates import add_months
from ..diagnostics import Collector
from ..diff import Comparison, compare
from ..model import Protocol, Release, all_ids
from ..project import Project
from ..snapshots import RELEASES, version_key

HISTORY = "protocol_src/history.yaml"
AMENDMENTS = "protocol_src/amendments.yaml"


def check_history(project: Project, latest: Comparison | None, diags: Collector,
                  today: _dt.date | None = None) -> None:
    protocol = project.draft
    # a history.yaml with errors loses its releases: "never released" may be wrong (decided on what
    # loading found, before the rules below add their own errors at the history's lines)
    history_lost = any(d.path == HISTORY and d.severity == "error" for d in diags.items)
    _check_reviewed_against(protocol, history_lost, diags)
    _check_snapshots(project, diags)
    _check_history_order(protocol.history, diags)
    _check_review(protocol, today or _dt.date.today(), diags)
    if latest is not None and project.latest is not None:
        version = project.latest.version
        _check_reasons(protocol, version, latest.changes, diags)
        _check_version(protocol, version, latest.changes, diags)
    _check_stale(project, latest, diags)
    _check_reused_ids(project, diags)


# (the model's attribute, what it is in messages, the code of an unknown version, of a stale one)
_REVIEWED = (("scenarios", "scenario", "C006", "C004"), ("answers", "quick answer", "Q003", "Q002"))


def _check_reviewed_against(protocol: Protocol, history_lost: bool, diags: Collector) -> None:
    versions = {r.version for r in protocol.history} | {protocol.meta.version}
    for attr, what, code, _ in _REVIEWED:
        for item in getattr(protocol, attr):
            if item.reviewed_against and item.reviewed_against not in versions and not history_lost:
                diags.error(code, item.source.path,
                            item.lines.of("reviewed_against", item.reviewed_against, item.source.line),
                            f"{what} {item.id!r} was reviewed against version {item.reviewed_against!r}, "
                            "which does not exist",
                            f"Use a released version or the current draft ({protocol.meta.version}); "
                            f"known versions: {', '.join(sorted(versions))}.")


def _check_snapshots(project: Project, diags: Collector) -> None:
    history = project.draft.history
    for snapshot in project.snapshots:
        if snapshot.intact:
            continue
        version, problems = snapshot.version, snapshot.problems
        entry = next(r for r in history if r.version == version)
        if snapshot.missing:
            diags.error("V001", entry.source.path, entry.source.line,
                        f"release {version} has no snapshot: {RELEASES}/{version}/ is missing",
                        "Restore the folder from version control; a release is compared against its snapshot.")
        else:
            more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
            diags.error("V002", entry.source.path, entry.source.line,
                        f"the snapshot of release {version} is damaged: {problems[0]}{more}",
                        f"Restore {RELEASES}/{version}/ from version control; never edit a release folder.")


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
    due = last.review_due or add_months(last.date, protocol.meta.review_months)
    if due < today.isoformat():
        diags.warning("V003", last.source.path, last.source.line,
                      f"the review of version {last.version} was due on {due} (adopted {last.date})",
                      "Review the protocol with the Standards Committee and release the reviewed version.")


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
    needing = [b for b in changes.paragraphs() if b.change != "unchanged" and not b.reference_only]
    for b in needing:
        if b.id not in reasons:
            path, line = _where(protocol, b)
            diags.warning("V004", path, line,
                          f"paragraph {b.id!r} is {b.change} since release {latest} but has no reason",
                          f"Add '{b.id}: <why>' under 'reasons:' in {AMENDMENTS} (e.g. Member survey, March 2024); "
                          "the reason is printed in the schedule of amendments.")
    amended = {b.id for b in changes.blocks() if b.change != "unchanged"}
    amended |= {s.id for s in changes.sections if s.change != "unchanged"}
    amended |= {s.id for s in changes.scenarios if s.change != "unchanged"}
    amended |= {g.term for g in changes.glossary if g.change != "unchanged"}
    for id_, _, src in protocol.reasons:
        if id_ not in amended:
            diags.warning("V005", src.path, src.line,
                          f"a reason is given for {id_!r}, which has not changed since release {latest}",
                          "Remove the line, or check the id: reasons are keyed by the id of the changed paragraph.")


def _check_version(protocol: Protocol, latest: str, changes, diags: Collector) -> None:
    if protocol.meta.version != latest or not changes.text_changed:
        return
    diags.warning("V006", protocol.meta.source.path, protocol.meta.lines.of("version"),
                  f"the text has changed since release {latest}, but protocol.yaml still says version {latest!r}",
                  "Start the next version: set version to the next number (e.g. \"" + _next(latest)
                  + "\") and status to draft.")


def _next(version: str) -> str:
    parts = version.split(".")
    parts[-1] = str(int(parts[-1]) + 1) if parts[-1].isdigit() else parts[-1]
    return ".".join(parts)


def _check_stale(project: Project, latest: Comparison | None, diags: Collector) -> None:
    """C004 and Q002: a scenario or quick answer citing a paragraph changed since the version it was reviewed
    against (a scenario at its first line, an answer at the cited id's own line)."""
    protocol = project.draft
    by_version: dict[str, dict | None] = {}  # version -> paragraph id -> its change (built once per version)
    for attr, what, _, code in _REVIEWED:
        for item in getattr(protocol, attr):
            version = item.reviewed_against
            if not _compared(project, version) or not item.cites:
                continue
            if version not in by_version:
                changes = _changes_since(project, latest, version)
                by_version[version] = {b.id: b for b in changes.paragraphs()} if changes is not None else None
            by_id = by_version[version]
            for cited in item.cites if by_id is not None else ():
                b = by_id.get(cited)
                if b is not None and (b.change == "deleted" or b.source_edited):
                    line = item.lines.of("cites", cited, item.source.line) if attr == "answers" else item.source.line
                    diags.warning(code, item.source.path, line,
                                  f"{what} {item.id!r} cites paragraph {b.new_number or b.old_number} ({cited}), "
                                  f"which has changed since version {version}",
                                  f"Re-read the {what} against the new wording, then set reviewed_against: "
                                  f"\"{protocol.meta.version}\".")


def _check_reused_ids(project: Project, diags: Collector) -> None:
    """Q006: a quick answer's id was the id of a paragraph, heading, section or scenario in a release the
    checks compare with (the latest, and those reviewed against) and is not one in the draft."""
    protocol = project.draft
    if not protocol.answers:
        return
    earlier: dict[str, tuple[str, str]] = {}
    for snapshot in project.checked():
        for id_, what, _ in all_ids(snapshot.protocol):
            if what != "quick answer":
                earlier.setdefault(id_, (what, snapshot.version))
    current = {id_ for id_, what, _ in all_ids(protocol) if what != "quick answer"}
    for qa in protocol.answers:
        if qa.id in earlier and qa.id not in current:
            what, version = earlier[qa.id]
            diags.error("Q006", qa.source.path, qa.lines.of("id", default=qa.source.line),
                        f"quick answer id {qa.id!r} was the id of a {what} in release {version}",
                        "Ids are never reused: give the answer a new id.")


def _compared(project: Project, version: str) -> bool:
    """Whether `version` is a release whose snapshot is intact (the draft can be compared with it)."""
    snapshot = project.snapshot(version)
    return snapshot is not None and snapshot.intact


def _changes_since(project: Project, latest: Comparison | None, version: str):
    """What changed from release `version` to the draft: the latest comparison, or one made here."""
    snapshot = project.snapshot(version)
    if latest is not None and snapshot is not None and latest.old is snapshot.protocol:
        return latest.changes
    if snapshot is None or snapshot.protocol is None:
        return None  # it does not load: never compared with
    return compare(snapshot.protocol, project.draft, words=False)
