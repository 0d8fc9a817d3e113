"""protocol diff: a redlined Word document (real tracked changes) between two versions."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ProtocolError, UsageError
from . import add_author, add_root, root_of

if TYPE_CHECKING:  # the library is imported where it is used: `protocol --help` and other commands skip it
    from ..diff import Comparison
    from ..model import Protocol
    from ..project import Project


def register(sub) -> None:
    p = sub.add_parser("diff", help="write a redline (.docx with tracked changes) from version A to version B")
    add_root(p)
    p.add_argument("--from", dest="old", required=True, metavar="A",
                   help="a release version (e.g. 1.0), 'draft', or the folder of another source tree")
    p.add_argument("--to", dest="new", default="draft", metavar="B", help="as --from (default: draft)")
    p.add_argument("--out", metavar="FILE", help="the redline .docx (default: a name saying both versions)")
    p.add_argument("--schedule", metavar="FILE", help="also write the schedule of amendments (.docx) here")
    add_author(p, "author of the tracked changes (default: the owning role)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..diff import Comparison, compare
    from ..filenames import redline_name
    from ..load import VERSION_RE
    from ..project import compare_latest, load_project
    from ..write.amendments import write_redline  # python-docx, which no other command needs
    from ..write.schedule import write_schedule

    project = load_project(root_of(args), releases=[s for s in (args.old, args.new) if VERSION_RE.match(s)])
    # with the draft on one side, the draft is checked as `protocol check` does, with the comparison
    # made once for the checks and (when the other side is the latest release) the redline
    latest = compare_latest(project) if "draft" in (args.old, args.new) else None
    old, new = _version(project, args.old, latest), _version(project, args.new, latest)
    if latest is not None and (old, new) == (latest.old, latest.new):
        comparison = latest
    else:
        comparison = Comparison(old, new, compare(old, new))
    out = Path(args.out) if args.out else Path(redline_name(old, new))
    _parent(out)
    sched = Path(args.schedule) if args.schedule else None
    if sched is not None:
        _parent(sched)
    _written(out, lambda tmp: write_redline(comparison, tmp, author=args.author))
    print(f"wrote {out}")
    if sched is not None:
        _written(sched, lambda tmp: write_schedule(comparison, tmp))
        print(f"wrote {sched}")
    print(f"{old.meta.version} -> {new.meta.version}: {comparison.changes.summary()}")
    return 0


def _version(project: Project, spec: str, latest: Comparison | None) -> Protocol:
    """'draft' (the sources, fully checked), a release version, or a folder holding protocol_src/."""
    from ..check import check
    from ..load import VERSION_RE
    from ..snapshots import released_versions

    if spec == "draft":
        errors = [d for d in check(project, latest).sorted() if d.severity == "error"]
        return _clean(project.draft, errors, "the draft")
    path = Path(spec)
    if VERSION_RE.match(spec) and not path.is_dir():
        return _release(project, spec)
    if path.is_dir():
        return _other_tree(path)
    known = ", ".join(released_versions(project.root)) or "none yet"
    raise UsageError(f"{spec!r} is not a release, 'draft' or a folder (releases: {known})")


def _release(project: Project, version: str) -> Protocol:
    """A release: from the project when the history lists it (verified already), else from its folder."""
    from ..snapshots import load_release

    snapshot = project.snapshot(version)
    if snapshot is None:
        return load_release(project.root, version)  # not in the history: its folder, or "there is no release"
    if snapshot.protocol is not None:
        return snapshot.protocol
    if snapshot.error:
        raise ProtocolError(snapshot.error)
    return load_release(project.root, version, problems=list(snapshot.problems))  # says why it is damaged


def _other_tree(path: Path) -> Protocol:
    """Another tree (an unpacked release folder, another council's files) gets the same loader and checks as
    the draft, except the rules about its own version history."""
    from ..check import check_tree
    from ..load import NotASourceRoot, load_tree

    try:
        protocol, diags = load_tree(path)
    except NotASourceRoot as exc:
        raise UsageError(str(exc)) from None
    check_tree(protocol, diags)
    return _clean(protocol, [d for d in diags.sorted() if d.severity == "error"], str(path))


def _clean(protocol: Protocol, errors: list, what: str) -> Protocol:
    if errors:
        raise ProtocolError(f"{what} has {len(errors)} error(s); run 'protocol check' first: {errors[0].format()}")
    return protocol


def _parent(path: Path) -> None:
    if not path.parent.is_dir():
        raise UsageError(f"cannot write {path}: the folder {path.parent} does not exist")
    if path.is_dir():
        raise UsageError(f"cannot write {path}: it is a folder; give a file name ending .docx")


def _written(path: Path, write) -> None:
    """Write beside `path`, then rename over it: a failed or killed run never leaves half a document."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as exc:
        raise ProtocolError(f"cannot write {path}: {exc.strerror or exc}; nothing was written") from None
    finally:
        tmp.unlink(missing_ok=True)
