"""`protocol release`: freeze the current text as a version (approved or adopted), in one step or not at all.

The snapshot (builder.snapshots) is written to a temporary folder beside
releases/<version>/ and renamed into place only after protocol.yaml and
history.yaml are updated, so an interrupted release never leaves a
half-written snapshot in place; a release that fails at any step puts both
files back. The YAML files are edited as text, so comments and layout are kept.
"""
from __future__ import annotations

import datetime as _dt
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import describe_os_error, replace_dir, write_bytes_atomic, write_text_atomic
from .check import check
from .dates import add_months
from .diff import Comparison, compare
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


def make_release(root: Path, version: str, status: str, date: str, body: str, minute: str = "",
                 summary: str = "") -> ReleaseResult:
    """Freeze the sources as `version`, record it in history.yaml and protocol.yaml (see the module's doc)."""
    root = Path(root)
    _validate_args(version, status, date, body)
    project = load_project(root, releases="all")
    latest = compare_latest(project, words=False)
    errors = [d for d in check(project, latest).sorted() if d.severity == "error"]
    if errors:
        shown = "\n".join(d.format() for d in errors[:5])
        raise ProtocolError(f"the sources have {len(errors)} error(s); fix them and release again:\n{shown}")
    _validate_transition(project, latest, version, status, date)
    review_due = add_months(date, project.draft.meta.review_months) if status == "adopted" else ""
    src = root / "protocol_src"
    meta_path, history_path = src / "protocol.yaml", src / "history.yaml"
    meta_text = set_meta(_read(meta_path), version=version, status=status, date=date)
    history_text = append_history(_read(history_path) if history_path.exists() else None, version, status, date,
                                  body, minute, summary, review_due)
    _write_release(root, version, {meta_path: meta_text, history_path: history_text})
    return ReleaseResult(version, status, date, review_due, release_dir(root, version))


def _write_release(root: Path, version: str, texts: dict[Path, str]) -> None:
    """Write the snapshot with `texts` (protocol.yaml and history.yaml, also updated in the sources), all or
    nothing: the snapshot is staged beside its place and renamed in last; on any failure both files are put
    back and no releases/<version>/ is left."""
    releases = root / RELEASES
    if releases.exists() and not releases.is_dir():
        raise ProtocolError(f"{RELEASES} is a file, not a folder; move it aside so the release can be written "
                            f"to {RELEASES}/{version}/")
    before = {path: path.read_bytes() if path.exists() else None for path in texts}
    written: list[Path] = []
    staged = None
    created = not releases.exists()
    try:
        releases.mkdir(exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{version}.releasing-", dir=releases))
        _stage(root, staged, texts)
        for path, text in texts.items():
            written.append(path)
            write_text_atomic(path, text)
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
    _, staged_diags = load_tree(staged)
    if staged_diags.errors:
        raise ProtocolError(f"the release would not load: {staged_diags.sorted()[0].format()}")


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
