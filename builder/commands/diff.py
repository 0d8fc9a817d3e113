"""protocol diff: a redlined Word document (real tracked changes) between two versions."""
from __future__ import annotations

import os
import sys
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
    p.add_argument("--pdf", nargs="?", const="", metavar="FILE",
                   help="also write the redline as a PDF for the agenda pack (through LibreOffice; default: the "
                        "redline's name ending .pdf)")
    add_author(p, "author of the tracked changes (default: the owning role)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..diff import Comparison, compare
    from ..filenames import redline_name
    from ..load import VERSION_RE
    from ..project import compare_latest, load_project
    from ..write.amendments import write_redline  # python-docx, which no other command needs
    from ..write.schedule import write_schedule

    sides = (args.old, args.new)
    # two folders need no project (and no --root); otherwise the project in --root gives the draft and releases
    project = (load_project(root_of(args), releases=[s for s in sides if VERSION_RE.match(s)])
               if not all(_is_folder(s) for s in sides) else None)
    # with the draft on one side, the draft is checked as `protocol check` does, with the comparison
    # made once for the checks and (when the other side is the latest release) the redline
    latest = compare_latest(project) if project is not None and "draft" in sides else None
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
    pdf = (Path(args.pdf) if args.pdf else out.with_suffix(".pdf")) if args.pdf is not None else None
    if pdf is not None:
        _parent(pdf)
    _written(out, lambda tmp: write_redline(comparison, tmp, author=args.author))
    print(f"wrote {out}")
    if sched is not None:
        _written(sched, lambda tmp: write_schedule(comparison, tmp, author=args.author))
        print(f"wrote {sched}")
    if pdf is not None:
        _agenda_pdf(comparison, pdf)
    print(f"{old.meta.version} -> {new.meta.version}: {comparison.changes.summary()}")
    return 0


def _agenda_pdf(comparison: Comparison, pdf: Path) -> None:
    """The redline as the agenda pack's PDF, or a note saying why it was not written."""
    from ..write import pdf as pdf_writer
    from ..write.amendments import write_agenda_pdf

    if pdf_writer.soffice() is None:
        print(f"note: {pdf_writer.LO_MISSING}", file=sys.stderr)
        return
    made: list = []
    _written(pdf, lambda tmp: made.append(write_agenda_pdf(comparison, tmp)))
    if not made[0]:
        print(f"note: {pdf_writer.PDFINFO_MISSING.format(name=pdf.name)}", file=sys.stderr)
    print(f"wrote {pdf}")


def _is_folder(spec: str) -> bool:
    """A side given as a folder (not 'draft', and not a version number unless such a folder exists)."""
    return spec != "draft" and Path(spec).is_dir()


def _version(project: Project | None, spec: str, latest: Comparison | None) -> Protocol:
    """'draft' (the sources, fully checked), a release version, or a folder holding protocol_src/ (the only
    kind when `project` is None)."""
    from ..check import check
    from ..load import VERSION_RE
    from ..snapshots import released_versions

    if _is_folder(spec):
        return _other_tree(Path(spec))
    if spec == "draft":
        errors = [d for d in check(project, latest).sorted() if d.severity == "error"]
        return _clean(project.draft, errors, "the draft")
    if VERSION_RE.match(spec):
        return _release(project, spec)
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
