"""Release snapshots: frozen copies of the sources that later builds compare against.

A release lives in releases/<version>/ as a copy of protocol_src/ and scenarios/
plus MANIFEST.sha256 (sha256sum format: hex digest, two spaces, path relative to
the release folder, sorted by path). A snapshot is verified against every
checksum before it is loaded, so an edited or damaged snapshot is reported,
never silently compared against. `protocol release` writes them
(builder.release); builder.project loads the ones a command needs.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

from .errors import ProtocolError, UsageError
from .load import Parses, load_tree
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


def load_release(root: Path, version: str, parses: Parses | None = None,
                 problems: list[str] | None = None) -> Protocol:
    """The model of a released version, after verifying its snapshot (`problems`: what verifying it
    found, when that is done already). Raises UsageError when there is no such release, ProtocolError
    when it is damaged or does not load."""
    problems = verify_snapshot(root, version) if problems is None else problems
    if problems:
        if not release_dir(root, version).is_dir():
            known = ", ".join(released_versions(root)) or "none yet"
            raise UsageError(f"there is no release {version!r} (releases: {known})")
        raise ProtocolError(f"release {version} cannot be used: " + "; ".join(problems[:3])
                            + ". Restore the folder from version control; never edit a release.")
    protocol, diags = load_tree(release_dir(root, version), parses)
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
