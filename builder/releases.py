"""Release snapshots: frozen copies of the sources that later builds compare against.

A release lives in releases/<version>/ as a copy of protocol_src/ and scenarios/
plus MANIFEST.sha256 (sha256sum format: hex digest, two spaces, path relative to
the release folder, sorted by path). Loading a release verifies every checksum,
so an edited or damaged snapshot is reported, never silently compared against.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
import json
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .atomic import describe_os_error, replace_dir, write_bytes_atomic, write_text_atomic
from .errors import ProtocolError, UsageError
from .load import load_root
from .model import Protocol

RELEASES = "releases"
MANIFEST = "MANIFEST.sha256"


def release_dir(root: Path, version: str) -> Path:
    return Path(root) / RELEASES / version


def snapshot_files(folder: Path) -> list[Path]:
    """The files a snapshot holds (protocol_src/ and scenarios/), sorted."""
    out: list[Path] = []
    for sub in ("protocol_src", "scenarios"):
        base = folder / sub
        if base.is_dir():
            out.extend(p for p in base.rglob("*") if p.is_file())
    return sorted(out, key=lambda p: p.relative_to(folder).as_posix())


def manifest_text(folder: Path) -> str:
    lines = []
    for path in snapshot_files(folder):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        lines.append(f"{digest}  {path.relative_to(folder).as_posix()}\n")
    return "".join(lines)


def verify_snapshot(root: Path, version: str) -> list[str]:
    """Problems with a release snapshot, as sentences; [] when it is intact."""
    folder = release_dir(root, version)
    if not folder.is_dir():
        return [f"the snapshot folder {RELEASES}/{version}/ is missing"]
    manifest = folder / MANIFEST
    if not manifest.is_file():
        return [f"{RELEASES}/{version}/{MANIFEST} is missing"]
    try:
        expected = {}
        for n, line in enumerate(manifest.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            digest, sep, name = line.partition("  ")
            if not sep or len(digest) != 64:
                return [f"{RELEASES}/{version}/{MANIFEST} line {n} is not 'checksum  path'"]
            expected[name] = digest
    except (OSError, UnicodeDecodeError) as exc:
        return [f"{RELEASES}/{version}/{MANIFEST} cannot be read: {exc}"]
    actual = {p.relative_to(folder).as_posix(): p for p in snapshot_files(folder)}
    problems = []
    for name, digest in sorted(expected.items()):
        path = actual.get(name)
        if path is None:
            problems.append(f"{RELEASES}/{version}/{name} is missing from the snapshot")
        elif hashlib.sha256(path.read_bytes()).hexdigest() != digest:
            problems.append(f"{RELEASES}/{version}/{name} has been changed since the release")
    for name in sorted(set(actual) - set(expected)):
        problems.append(f"{RELEASES}/{version}/{name} was added after the release")
    return problems


def load_release(root: Path, version: str) -> Protocol:
    """The model of a released version, after verifying its snapshot."""
    problems = verify_snapshot(root, version)
    if problems:
        if not release_dir(root, version).is_dir():
            known = ", ".join(released_versions(root)) or "none yet"
            raise UsageError(f"there is no release {version!r} (releases: {known})")
        raise ProtocolError(f"release {version} cannot be used: " + "; ".join(problems[:3])
                            + ". Restore the folder from version control; never edit a release.")
    protocol, diags = load_root(release_dir(root, version))
    if diags.errors:
        first = diags.sorted()[0]
        raise ProtocolError(f"release {version} does not load: {first.format()}")
    return protocol


def released_versions(root: Path) -> list[str]:
    folder = Path(root) / RELEASES
    if not folder.is_dir():
        return []
    return sorted((p.name for p in folder.iterdir() if p.is_dir()), key=version_key)


def version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in version.split("."))


def latest_release(root: Path) -> str | None:
    versions = released_versions(root)
    return versions[-1] if versions else None


# ---------------------------------------------------------------- making a release

STATUS_ORDER = {"draft": 0, "approved": 1, "adopted": 2}
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True)
class ReleaseResult:
    version: str
    status: str
    date: str
    review_due: str
    folder: Path


def add_months(iso: str, months: int) -> str:
    """'2024-08-31' + 6 -> '2025-02-28' (the day is kept, or the month's last day)."""
    d = _dt.date.fromisoformat(iso)
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    day = min(d.day, calendar.monthrange(year, month)[1])
    return _dt.date(year, month, day).isoformat()


def make_release(root: Path, version: str, status: str, date: str, body: str, minute: str = "",
                 summary: str = "") -> ReleaseResult:
    """Freeze the sources as `version`, record it in history.yaml and protocol.yaml.

    The snapshot is written to a temporary folder beside releases/<version>/ and
    renamed into place only after protocol.yaml and history.yaml are updated, so
    an interrupted release never leaves a half-written snapshot in place.
    """
    from .check import check_root
    from .load import VERSION_RE

    root = Path(root)
    _validate_args(version, status, date, body, VERSION_RE)
    protocol, diags = check_root(root)
    errors = [d for d in diags.sorted() if d.severity == "error"]
    if errors:
        shown = "\n".join(d.format() for d in errors[:5])
        raise ProtocolError(f"the sources have {len(errors)} error(s); fix them and release again:\n{shown}")
    _validate_transition(root, protocol, version, status, date)
    review_due = add_months(date, protocol.meta.review_months) if status == "adopted" else ""

    src = root / "protocol_src"
    meta_path, history_path = src / "protocol.yaml", src / "history.yaml"
    meta_text = set_meta(_read(meta_path), version=version, status=status, date=date)
    history_text = append_history(_read(history_path) if history_path.exists() else None, version, status, date,
                                  body, minute, summary, review_due)
    releases = root / RELEASES
    if releases.exists() and not releases.is_dir():
        raise ProtocolError(f"{RELEASES} is a file, not a folder; move it aside so the release can be written "
                            f"to {RELEASES}/{version}/")
    # what to put back if anything below fails: the release happens completely or not at all
    before = {path: path.read_bytes() if path.exists() else None for path in (meta_path, history_path)}
    written: list[Path] = []
    staged = None
    created = not releases.exists()
    try:
        releases.mkdir(exist_ok=True)
        staged = Path(tempfile.mkdtemp(prefix=f".{version}.releasing-", dir=releases))
        for sub in ("protocol_src", "scenarios"):
            if (root / sub).is_dir():
                shutil.copytree(root / sub, staged / sub)
        (staged / "protocol_src" / "protocol.yaml").write_text(meta_text, encoding="utf-8")
        (staged / "protocol_src" / "history.yaml").write_text(history_text, encoding="utf-8")
        (staged / MANIFEST).write_text(manifest_text(staged), encoding="utf-8")
        _, staged_diags = load_root(staged)
        if staged_diags.errors:
            raise ProtocolError(f"the release would not load: {staged_diags.sorted()[0].format()}")
        written.append(meta_path)
        write_text_atomic(meta_path, meta_text)
        written.append(history_path)
        write_text_atomic(history_path, history_text)
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
    return ReleaseResult(version, status, date, review_due, release_dir(root, version))


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


def _validate_args(version: str, status: str, date: str, body: str, version_re) -> None:
    if not version_re.match(version):
        raise UsageError(f"version {version!r} is not a version number: write it as numbers with dots, e.g. 1.1")
    if status not in ("approved", "adopted"):
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


def _validate_transition(root: Path, protocol: Protocol, version: str, status: str, date: str) -> None:
    history = protocol.history
    mine = [r for r in history if r.version == version]
    if mine:
        reached = max(STATUS_ORDER[r.status] for r in mine if r.status in STATUS_ORDER)
        if STATUS_ORDER[status] <= reached:
            done = next(r for r in mine if STATUS_ORDER.get(r.status) == reached)
            raise UsageError(f"version {version} is already {done.status} ({done.date}, {done.body}); "
                             "a version moves draft -> approved -> adopted. To change the text, release a new version.")
        if verify_snapshot(root, version):
            raise ProtocolError(f"the snapshot of version {version} is missing or damaged; restore "
                                f"{RELEASES}/{version}/ from version control before adopting it")
        if text_differs(root, load_release(root, version), protocol):
            verb = {"approved": "approve", "adopted": "adopt"}[status]
            raise ProtocolError(f"the sources have changed since version {version} was {mine[-1].status}; "
                                f"you cannot {verb} different text as {version}. Release it as a new version "
                                "(e.g. --status adopted with the next version number) instead.")
    else:
        latest = max((r.version for r in history), key=version_key, default=None)
        if latest is not None and version_key(version) <= version_key(latest):
            raise UsageError(f"version {version} is not after the latest release {latest}; "
                             f"use a higher number (releases: {', '.join(sorted({r.version for r in history}, key=version_key))})")
        if release_dir(root, version).exists():
            raise UsageError(f"{RELEASES}/{version}/ already exists but history.yaml does not list it; "
                             "remove the folder or restore history.yaml from version control")
    last_date = max((r.date for r in history), default="")
    if last_date and date < last_date:
        raise UsageError(f"date {date} is before the last release in the history ({last_date})")


def text_differs(root: Path, old: Protocol, new: Protocol) -> bool:
    from .diff import compare

    return compare(old, new, words=False).text_changed


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
