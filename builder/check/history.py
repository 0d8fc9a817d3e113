"""Rules about the version history: snapshots, versions reviewed against, review dates, reasons, stale scenarios,
quick answers and training sessions, and quick-answer ids an earlier release used.

They take the project (its snapshots verified once, at loading) and the
comparison with the latest release, made once by the caller. Which paragraphs
changed is all they need, so a command that only checks compares without the
word-level diff. A scenario or quick answer reviewed against an older release
is compared with that release here (once per release, whichever cites it).
"""
from __future__ import annotations

import datetime as _dt

from ..dates import add_months
from ..diagnostics import Collector, did_you_mean
from ..diff import Comparison, compare
from ..diff.reasons import Amendment, Reasons
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
    _check_review(protocol, today or _dt.date.today(), diags, latest)
    if latest is not None and project.latest is not None and _compared_with_newest(project):
        version = project.latest.version
        _check_reasons(protocol, version, latest, diags)
        _check_version(protocol, version, latest.changes, diags)
    _check_stale(project, latest, diags)
    _check_reused_ids(project, diags)


# (the model's attribute, what it is in messages, the code of an unknown version, of a stale one)
_REVIEWED = (("scenarios", "scenario", "C006", "C004"), ("answers", "quick answer", "Q003", "Q002"),
             ("sessions", "session", "P007", "P006"))
_CITING = _REVIEWED[:2]  # those whose `cites` are paragraphs (a session's are in its points: _check_stale_sessions)


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


def _check_review(protocol: Protocol, today: _dt.date, diags: Collector, latest: Comparison | None) -> None:
    """V003: the last adopted version's review is overdue, unless the review is under way: a draft that differs
    from the latest release and is dated on or before the review's due date (the reviewed text)."""
    adopted = [r for r in protocol.history if r.status == "adopted"]
    if not adopted:
        return
    last = adopted[-1]
    due = last.review_due or add_months(last.date, protocol.meta.review_months)
    reviewing = (latest is not None and latest.changes.text_changed and latest.old.meta.version == last.version
                 and bool(protocol.meta.date) and protocol.meta.date <= due)
    if due < today.isoformat() and not reviewing:
        diags.warning("V003", last.source.path, last.source.line,
                      f"the review of version {last.version} was due on {due} (adopted {last.date})",
                      "Review the protocol with the Standards Committee and release the reviewed version.")


def _compared_with_newest(project: Project) -> bool:
    """Whether the latest intact snapshot is the newest release the history lists: when the newest is missing
    or damaged (V001, V002), the draft's reasons were written against a release it is not compared with, and
    checking them would only echo that problem."""
    newest = project.snapshots[-1] if project.snapshots else None
    return newest is not None and project.latest is newest


def _check_reasons(protocol: Protocol, latest: str, comparison: Comparison, diags: Collector) -> None:
    if any(d.path == AMENDMENTS and d.severity == "error" for d in diags.items):
        return  # amendments.yaml is broken (already reported): every change would lack its reason
    if protocol.meta.version == latest and not comparison.changes.text_changed:
        return  # the draft is that release, awaiting its next decision: its reasons are the release's own
    reasons = Reasons(comparison)
    for amendment in reasons.missing():
        path, line = _where(protocol, amendment)
        diags.warning("V004", path, line, _missing_message(amendment, latest), _missing_hint(reasons, amendment))
    for key, src in reasons.unused():
        message, hint = _unused(reasons, key, latest)
        diags.warning("V005", src.path, src.line, message, hint)


_CHANGED = {"inserted": "is new", "deleted": "was deleted", "changed": "has changed", "moved": "has moved"}


def _missing_message(a: Amendment, latest: str) -> str:
    change = "was retitled" if a.what == "section" and a.change == "changed" else _CHANGED[a.change]
    numbers = f" ({a.numbers})" if a.numbers else ""
    shown = f"{a.what} {a.key!r}{numbers}"
    return f"{shown} {change} since release {latest} but has no reason"


def _missing_hint(reasons: Reasons, a: Amendment) -> str:
    hint = (f"Add '{a.key}: <why>' under 'reasons:' in {AMENDMENTS} (e.g. Member survey, March 2024); "
            "the reason is printed in the schedule of amendments.")
    if a.covered_by and a.change == "moved":
        other = a.covered_by[0]
        return hint + f" It swapped places with {other!r}: one reason under either id is the swap's."
    if a.covered_by:
        return hint + f" Or give one for its section, {a.covered_by[-1]!r}, which covers its paragraphs."
    if a.change == "moved" and a.what == "section":
        return hint + " " + _moved_note(reasons.moved_sections(), "sections")
    if a.what == "section" and a.change in ("inserted", "deleted"):
        return hint + " Its paragraphs and sub-headings share it unless they have their own."
    return hint


def _moved_note(moved: list[Amendment], what: str) -> str:
    shown = ", ".join(f"{m.key!r} ({m.numbers})" if m.numbers else repr(m.key) for m in moved)
    return (f"Of the {what} reordered, the tool counts as moved the fewest that explain the new order: {shown}; "
            "key each reason by one of those ids.")


def _unused(reasons: Reasons, key: str, latest: str) -> tuple[str, str]:
    """V005's message and hint for a reason keyed by nothing that changed."""
    what, number = reasons.element(key)
    remove = "Remove the line, or key it by what changed"
    if not what:
        close = did_you_mean(key, reasons.keys())
        return (f"a reason is given for {key!r}, which names nothing in the draft or in release {latest}",
                f"{remove}: the id of a paragraph, sub-heading, section or scenario, or a glossary term. {close}".strip())
    message = f"a reason is given for {what} {key!r}, which has not changed since release {latest}"
    old, new = reasons.changes.old_numbers.get(key, ""), reasons.changes.new_numbers.get(key, "")
    if what == "paragraph" and old and new and old != new:
        message += f" (it is renumbered {old} → {new}: a new number is not a change)"
    moved = reasons.moved_sections() if what == "section" else reasons.moved_within(_section_of(reasons, key))
    if moved:
        return message, f"{remove}. " + _moved_note(moved, "sections" if what == "section" else "paragraphs")
    return message, f"{remove} (reasons belong to the draft they were written for: empty the file after a release)."


def _section_of(reasons: Reasons, key: str) -> str:
    section = reasons.new.section_of(key) or reasons.old.section_of(key)
    return section.id if section is not None else ""


def _where(protocol: Protocol, a: Amendment) -> tuple[str, int]:
    """The draft's source line for a change that needs a reason; for a deleted element, its section's file or
    the list of sections, else amendments.yaml, where the reason goes."""
    if a.what in ("paragraph", "sub-heading"):
        for s in protocol.sections:
            for block in s.blocks:
                if block.id == a.key:
                    return block.source.path, block.source.line
        section = next((s for s in protocol.sections if s.id == a.record.old_section), None)
        if section is not None:
            return section.source.path, 1
    elif a.what == "section":
        section = next((s for s in protocol.sections if s.id == a.key), None)
        if a.change in ("moved", "deleted") or section is None:
            meta = protocol.meta
            return meta.source.path, meta.lines.of("sections", a.key, meta.source.line)
        return section.source.path, section.lines.of("title", None, section.source.line)
    elif a.what == "glossary term":
        entry = protocol.glossary_entry(a.key)
        if entry is not None:
            return entry.source.path, entry.source.line
    elif a.what == "scenario":
        scenario = next((sc for sc in protocol.scenarios if sc.id == a.key), None)
        if scenario is not None:
            return scenario.source.path, scenario.source.line
    return AMENDMENTS, 0


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
    since = _Since(project, latest)
    for attr, what, _, code in _CITING:
        for item in getattr(protocol, attr):
            version = item.reviewed_against
            if not _compared(project, version) or not item.cites:
                continue
            by_id = since.paragraphs(version)
            for cited in item.cites if by_id is not None else ():
                b = by_id.get(cited)
                if b is not None and (b.change == "deleted" or b.source_edited):
                    line = item.lines.of("cites", cited, item.source.line) if attr == "answers" else item.source.line
                    diags.warning(code, item.source.path, line,
                                  f"{what} {item.id!r} cites paragraph {b.new_number or b.old_number} ({cited}), "
                                  f"which has changed since version {version}",
                                  f"Re-read the {what} against the new wording, then set reviewed_against: "
                                  f"\"{protocol.meta.version}\".")
    _check_stale_sessions(project, since, diags)


class _Since:
    """What changed from each release to the draft (and its paragraphs by id), worked out once per release
    whichever item asks."""

    def __init__(self, project: Project, latest: Comparison | None):
        self.project, self.latest = project, latest
        self._changes: dict[str, object] = {}
        self._paragraphs: dict[str, dict | None] = {}

    def changes(self, version: str):
        if version not in self._changes:
            self._changes[version] = _changes_since(self.project, self.latest, version)
        return self._changes[version]

    def paragraphs(self, version: str) -> dict | None:
        """Paragraph id -> its change since `version` (None when that release cannot be compared with)."""
        if version not in self._paragraphs:
            changes = self.changes(version)
            self._paragraphs[version] = {b.id: b for b in changes.paragraphs()} if changes is not None else None
        return self._paragraphs[version]


def _check_stale_sessions(project: Project, since: _Since, diags: Collector) -> None:
    """P006: a session citing a paragraph, or naming a quick answer or scenario, that changed since the version
    it was reviewed against (at the line that cites or names it)."""
    protocol = project.draft
    for session in protocol.sessions:
        version = session.reviewed_against
        changes = since.changes(version) if _compared(project, version) else None
        if changes is None:
            continue
        stale = _stale_paragraphs(session, since.paragraphs(version))
        stale += _stale_answers(session, project.snapshot(version).protocol, protocol)
        scenarios = {sc.id: sc for sc in changes.scenarios}
        stale += [(f"uses scenario {scenarios[s].new_number} ({s})", session.lines.of("scenarios", s, session.source.line))
                  for s in session.scenarios if s in scenarios and scenarios[s].source_edited]
        for what, line in stale:
            diags.warning("P006", session.source.path, line,
                          f"session {session.id!r} {what}, which has changed since version {version}",
                          "Re-read the session (its points, notes and quiz) against the new wording, then set "
                          f"reviewed_against: \"{protocol.meta.version}\".")


def _stale_paragraphs(session, by_id: dict) -> list[tuple[str, int]]:
    out, seen = [], set()
    for cited, where in session.cited():
        b = by_id.get(cited)
        if b is not None and (b.change == "deleted" or b.source_edited) and (cited, where.line) not in seen:
            seen.add((cited, where.line))
            out.append((f"cites paragraph {b.new_number or b.old_number} ({cited})", where.line))
    return out


def _stale_answers(session, old: Protocol | None, new: Protocol) -> list[tuple[str, int]]:
    """The quick answers it names whose question or answer is worded differently from the release's."""
    if old is None:
        return []
    before = {qa.id: qa for qa in old.answers}
    now = {qa.id: qa for qa in new.answers}
    return [(f"names quick answer {aid!r}", session.lines.of("answers", aid, session.source.line))
            for aid in session.answers if aid in before and aid in now
            and (before[aid].question, before[aid].answer) != (now[aid].question, now[aid].answer)]


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
