"""`protocol release`: freeze the current text as a version (approved or adopted), in one step or not at all,
and with `--next` start the next draft in the same step.

The snapshot (builder.snapshots) is written to a temporary folder beside
releases/<version>/ and renamed into place only after protocol.yaml and
history.yaml (and, with --next, amendments.yaml) are updated, so an interrupted
release never leaves a half-written snapshot in place; a release that fails at
any step puts the files back. The YAML files are edited as text, so comments and
layout are kept.

A new version must differ from the latest release, and amendments.yaml must
give no reason for something that has not changed (last round's reasons left
in place): either is refused before anything is written. `--next 1.2` leaves
the sources as draft 1.2: version and status set, the date of the draft the
release date, amendments.yaml emptied (the release keeps its reasons), and the
key dates of the released version (on or before its date) taken off the title
page, listed as comments under `dates:`.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .atomic import describe_os_error, make_staging_dir, replace_dir, write_bytes_atomic, write_text_atomic
from .check import check
from .dates import add_months
from .diff import Comparison, compare
from .diff.reasons import Reasons
from .errors import ProtocolError, UsageError
from .load import VERSION_RE, load_tree
from .model import RELEASE_STATUSES, STATUSES
from .project import Project, compare_latest, load_project
from .snapshots import MANIFEST, RELEASES, manifest_text, release_dir, version_key

STATUS_ORDER = {status: n for n, status in enumerate(STATUSES)}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    status: str
    date: str
    review_due: str
    folder: Path
    next_version: str = ""  # the draft the sources now hold ('' without --next)
    retired_dates: tuple[tuple[str, str], ...] = ()  # (key, date) taken off the title page by --next
    later_dates: tuple[tuple[str, str], ...] = ()  # (key, date) after the release, left in place by --next
    reasons_kept: int = 0  # the reasons emptied from amendments.yaml by --next (kept in the release)


def make_release(root: Path, version: str, status: str, date: str, body: str, minute: str = "",
                 summary: str = "", next_version: str = "") -> ReleaseResult:
    """Freeze the sources as `version`, record it in history.yaml and protocol.yaml, and with `next_version`
    start that draft (see the module's doc)."""
    root = Path(root)
    _validate_args(version, status, date, body)
    project = load_project(root, releases="all")
    _validate_next(project, version, next_version)
    latest = compare_latest(project, words=False)
    errors = [d for d in check(project, latest).sorted() if d.severity == "error"]
    if errors:
        shown = "\n".join(d.format() for d in errors[:5])
        raise ProtocolError(f"the sources have {len(errors)} error(s); fix them and release again:\n{shown}")
    _validate_transition(project, latest, version, status, date)
    if not any(r.version == version for r in project.draft.history):
        _validate_change(latest, version)
    review_due = add_months(date, project.draft.meta.review_months) if status == "adopted" else ""
    src = root / "protocol_src"
    meta_path, history_path, reasons_path = src / "protocol.yaml", src / "history.yaml", src / "amendments.yaml"
    meta_text = set_meta(_read(meta_path), version=version, status=status, date=date)
    history_text = append_history(_read(history_path) if history_path.exists() else None, version, status, date,
                                  body, minute, summary, review_due)
    snapshot = {meta_path: meta_text, history_path: history_text}
    result = ReleaseResult(version, status, date, review_due, release_dir(root, version))
    if not next_version:
        _write_release(root, version, snapshot, dict(snapshot))
        return result
    next_meta = set_meta(meta_text, version=next_version, status="draft", date=date)
    next_meta, retired, later = retire_dates(next_meta, date, version)
    old_reasons = _read(reasons_path) if reasons_path.exists() else ""
    sources = {meta_path: next_meta, history_path: history_text, reasons_path: empty_reasons(version, old_reasons)}
    _write_release(root, version, snapshot, sources)
    return ReleaseResult(version, status, date, review_due, result.folder, next_version, tuple(retired),
                         tuple(later), len(project.draft.reasons))


def _write_release(root: Path, version: str, snapshot: dict[Path, str], sources: dict[Path, str]) -> None:
    """Write the snapshot with the texts `snapshot` (protocol.yaml and history.yaml) and the sources with the
    texts `sources` (the same, or the next draft's), all or nothing: the snapshot is staged beside its place
    and renamed in last, after the sources are proved to load; on any failure the files are put back and no
    releases/<version>/ is left."""
    releases = root / RELEASES
    if releases.exists() and not releases.is_dir():
        raise ProtocolError(f"{RELEASES} is a file, not a folder; move it aside so the release can be written "
                            f"to {RELEASES}/{version}/")
    before = {path: path.read_bytes() if path.exists() else None for path in sources}
    written: list[Path] = []
    staged = None
    created = not releases.exists()
    try:
        releases.mkdir(exist_ok=True)
        staged = make_staging_dir(f".{version}.releasing-", releases)
        _stage(root, staged, snapshot)
        for path, text in sources.items():
            written.append(path)
            write_text_atomic(path, text)
        if sources != snapshot:
            _loads(root, "the next draft")
        replace_dir(staged, release_dir(root, version))
    except BaseException as exc:
        if staged is not None:
            shutil.rmtree(staged, ignore_errors=True)
        _restore(before, written)
        if created:
            try:
                releases.rmdir()  # only when empty
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise ProtocolError(f"cannot write the release: {describe_os_error(exc)}; nothing was changed") from None
        raise


def _stage(root: Path, staged: Path, texts: dict[Path, str]) -> None:
    """The snapshot in `staged`: a copy of the sources with the new texts, its manifest, and proof it loads."""
    for sub in ("protocol_src", "scenarios"):
        if (root / sub).is_dir():
            shutil.copytree(root / sub, staged / sub)
    for path, text in texts.items():
        (staged / "protocol_src" / path.name).write_text(text, encoding="utf-8")
    (staged / MANIFEST).write_text(manifest_text(staged), encoding="utf-8")
    _loads(staged, "the release")


def _loads(folder: Path, what: str) -> None:
    _, diags = load_tree(folder)
    if diags.errors:
        raise ProtocolError(f"{what} would not load: {diags.sorted()[0].format()}; nothing was changed")


def _restore(before: dict[Path, bytes | None], written: list[Path]) -> None:
    """Put back the files a failed release had started to change (best effort: the first error is raised)."""
    for path in reversed(written):
        data = before[path]
        try:
            if data is None:
                path.unlink(missing_ok=True)
            elif not path.exists() or path.read_bytes() != data:
                write_bytes_atomic(path, data)
        except OSError:
            pass


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8-sig")


def _validate_args(version: str, status: str, date: str, body: str) -> None:
    if not VERSION_RE.match(version):
        raise UsageError(f"version {version!r} is not a version number: write it as numbers with dots, e.g. 1.1")
    if status not in RELEASE_STATUSES:
        raise UsageError(f"status {status!r}: a release is either approved (by Standards Committee) "
                         "or adopted (by Full Council)")
    if not _DATE_RE.match(date):
        raise UsageError(f"date {date!r} is not a date: write it as YYYY-MM-DD, e.g. 2024-03-28")
    try:
        _dt.date.fromisoformat(date)
    except ValueError:
        raise UsageError(f"date {date!r} does not exist in the calendar") from None
    if not body.strip() or "\n" in body:
        raise UsageError("--body names the meeting that took the decision, e.g. \"Full Council\"")


def _validate_next(project: Project, version: str, next_version: str) -> None:
    if not next_version:
        return
    if not VERSION_RE.match(next_version):
        raise UsageError(f"--next {next_version!r} is not a version number: write it as numbers with dots, e.g. 1.2")
    highest = max([version] + [r.version for r in project.draft.history], key=version_key)
    if version_key(next_version) <= version_key(highest):
        raise UsageError(f"--next {next_version} is not after {highest}; the next draft needs a higher number")


def _validate_change(latest: Comparison | None, version: str) -> None:
    """A new version differs from the latest release, and its reasons are all for changes made since."""
    if latest is None:
        return  # the first release
    was = latest.old.meta.version
    if not latest.changes.text_changed and not _settings_changed(latest):
        raise ProtocolError(f"nothing has changed since release {was}: the draft's text is release {was}'s, so "
                            f"there is nothing to release as {version}. Change the text first; to record a later "
                            f"decision on {was} (its adoption after approval), release {was} again with that "
                            "--status.")
    unused = Reasons(latest).unused()
    if unused:
        shown = ", ".join(f"{key!r} (line {src.line})" for key, src in unused[:8])
        more = f" and {len(unused) - 8} more" if len(unused) > 8 else ""
        raise ProtocolError(f"{unused[0][1].path} gives reasons for {len(unused)} id(s) that have not changed "
                            f"since release {was}: {shown}{more}. If they are an earlier round's reasons, delete "
                            f"them (release {was} keeps its own in {RELEASES}/{was}/); otherwise key each by what "
                            "changed. `protocol check` lists them (V005). Nothing was released.")


def _settings_changed(comparison: Comparison) -> bool:
    """A setting that the document prints changed (its title, the council, the owner, the Constitution part)."""
    return any(m.field in ("title", "council", "owner", "constitution_part", "language") for m in comparison.changes.meta)


def _validate_transition(project: Project, latest: Comparison | None, version: str, status: str,
                         date: str) -> None:
    history = project.draft.history
    mine = [r for r in history if r.version == version]
    if mine:
        reached = max(STATUS_ORDER[r.status] for r in mine if r.status in STATUS_ORDER)
        if STATUS_ORDER[status] <= reached:
            done = next(r for r in mine if STATUS_ORDER.get(r.status) == reached)
            raise UsageError(f"version {version} is already {done.status} ({done.date}, {done.body}); "
                             "a version moves draft -> approved -> adopted. To change the text, release a new version.")
        if _text_differs(project, latest, version):
            verb = {"approved": "approve", "adopted": "adopt"}[status]
            raise ProtocolError(f"the sources have changed since version {version} was {mine[-1].status}; "
                                f"you cannot {verb} different text as {version}. Release it as a new version "
                                "(e.g. --status adopted with the next version number) instead.")
    else:
        newest = max((r.version for r in history), key=version_key, default=None)
        if newest is not None and version_key(version) <= version_key(newest):
            raise UsageError(f"version {version} is not after the latest release {newest}; "
                             f"use a higher number (releases: {', '.join(sorted({r.version for r in history}, key=version_key))})")
        if release_dir(project.root, version).exists():
            raise UsageError(f"{RELEASES}/{version}/ already exists but history.yaml does not list it; "
                             "remove the folder or restore history.yaml from version control")
    last_date = max((r.date for r in history), default="")
    if last_date and date < last_date:
        raise UsageError(f"date {date} is before the last release in the history ({last_date})")


def _text_differs(project: Project, latest: Comparison | None, version: str) -> bool:
    """Whether the draft's text differs from release `version` (the comparison made already, when it is the
    latest release)."""
    snapshot = project.snapshot(version)
    if snapshot is None or not snapshot.intact:
        raise ProtocolError(f"the snapshot of version {version} is missing or damaged; restore "
                            f"{RELEASES}/{version}/ from version control before adopting it")
    if latest is not None and latest.old is snapshot.protocol:
        return latest.changes.text_changed
    if snapshot.protocol is None:
        raise ProtocolError(snapshot.error)
    return compare(snapshot.protocol, project.draft, words=False).text_changed


# ---------------------------------------------------------------- textual edits of the YAML sources

def set_meta(text: str, **values: str) -> str:
    """Replace top-level `key: value` lines, keeping comments and everything else byte for byte."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    for key, value in values.items():
        shown = f'"{value}"' if key == "version" else value
        pattern = re.compile(rf"^({re.escape(key)}:[ \t]*)(\"[^\"]*\"|'[^']*'|[^#]*?)([ \t]*#.*)?$")
        for i, line in enumerate(lines):
            m = pattern.match(line)
            if m:
                old_value = m.group(2)
                comment = m.group(3) or ""
                pad = comment[: len(comment) - len(comment.lstrip(" \t"))]
                if comment and len(shown) != len(old_value):  # keep the comment's column where possible
                    width = len(old_value) + len(pad)
                    pad = " " * max(1, width - len(shown))
                rest = pad + comment.lstrip(" \t") if comment else ""
                lines[i] = f"{m.group(1)}{shown}{rest}"
                break
        else:
            at = len(lines) - 1 if lines and lines[-1] == "" else len(lines)
            lines.insert(at, f"{key}: {shown}")
    return newline.join(lines)


_HISTORY_HEAD = ("# The version history, written by `protocol release`. Newest last.\n"
                 "# Do not edit released entries: they describe what the council decided.\n"
                 "releases:\n")


def append_history(text: str | None, version: str, status: str, date: str, body: str, minute: str,
                   summary: str, review_due: str) -> str:
    """history.yaml with one more entry appended (created when missing); earlier text is kept as it was."""
    entry = [f'  - version: "{version}"', f"    status: {status}", f"    date: {date}", f"    body: {_q(body)}"]
    if minute:
        entry.append(f"    minute: {_q(minute)}")
    if summary:
        entry.append(f"    summary: {_q(summary)}")
    if review_due:
        entry.append(f"    review_due: {review_due}")
    block = "\n".join(entry) + "\n"
    if text is None or not text.strip():
        return _HISTORY_HEAD + block
    if "\r\n" in text:
        block = block.replace("\n", "\r\n")
    m = re.search(r"^releases:[ \t]*(\[\s*\])?[ \t]*(#.*)?$", text, re.M)
    if m is None:
        raise ProtocolError("protocol_src/history.yaml has no 'releases:' list; restore it from version control")
    if m.group(1):  # 'releases: []'
        text = text[:m.start()] + "releases:" + text[m.end():]
    if not text.endswith(("\n", "\r\n")):
        text += "\r\n" if "\r\n" in text else "\n"
    return text + block


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


# ---------------------------------------------------------------- the next draft (--next)

_DATES = re.compile(r"^dates:[ \t]*(#.*)?$")
_DATE_ENTRY = re.compile(r"^([ \t]+)([A-Za-z0-9_-]+):[ \t]*[\"']?(\d{4}-\d{2}-\d{2})[\"']?[ \t]*(#.*)?$")
_RETIRED_HEAD = re.compile(r"^[ \t]*#.*taken off the title page by `protocol release --next`")
_RETIRED_ENTRY = re.compile(r"^[ \t]*# [A-Za-z0-9_-]+: \d{4}-\d{2}-\d{2}$")


def retire_dates(text: str, release_date: str, version: str) -> tuple[str, list, list]:
    """protocol.yaml with each key date on or before `release_date` (the released version's: a committee that
    approved it, the council that adopted it) turned into a comment under `dates:`, replacing the comments an
    earlier --next left; returns (text, [(key, date) retired], [(key, date) kept because later])."""
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    start = next((i for i, line in enumerate(lines) if _DATES.match(line)), None)
    if start is None:
        return text, [], []
    end = start + 1
    while end < len(lines) and (lines[end][:1] in (" ", "\t") or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1  # blank lines after the entries belong to what follows
    kept, retired, later, indent, in_old = [], [], [], "  ", False
    for line in lines[start + 1:end]:
        if _RETIRED_HEAD.match(line) or (in_old and _RETIRED_ENTRY.match(line)):
            in_old = True
            continue  # what an earlier --next wrote
        in_old = False
        m = _DATE_ENTRY.match(line)
        if m is None:
            kept.append(line)
            continue
        indent = m.group(1)
        (retired if m.group(3) <= release_date else later).append((m.group(2), m.group(3)))
        if m.group(3) > release_date:
            kept.append(line)
    note = ([f"{indent}# Version {version}'s dates, taken off the title page by `protocol release --next` "
             f"(kept in {RELEASES}/{version}/):"] + [f"{indent}# {key}: {iso}" for key, iso in retired]
            if retired else [])
    lines[start + 1:end] = note + kept
    return newline.join(lines), retired, later


def empty_reasons(version: str, old_text: str) -> str:
    """amendments.yaml for the next draft: its header says since which release, and no reasons."""
    newline = "\r\n" if "\r\n" in old_text else "\n"
    lines = [f"# Why each change was made since release {version}: one line each, under the id of what changed",
             "# (a paragraph, sub-heading, section or scenario) or the glossary term. Printed in the schedule",
             f"# of amendments for Full Council. Release {version}'s own reasons are in {RELEASES}/{version}/.",
             "reasons:", ""]
    return newline.join(lines)
