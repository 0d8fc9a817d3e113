"""protocol diff: a redlined Word document (real tracked changes) between two versions."""
from __future__ import annotations

import os
from pathlib import Path

from ..check import check_root
from ..errors import ProtocolError, UsageError
from ..load import VERSION_RE, NotASourceRoot, load_root
from ..model import Protocol
from ..outputs import redline_name
from ..releases import load_release, released_versions
from . import add_author, add_root, root_of


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


def resolve(root: Path, spec: str) -> Protocol:
    """'draft' (the sources), a release version, or a folder holding protocol_src/."""
    if spec == "draft":
        return _load_tree(root, "the draft")
    path = Path(spec)
    if VERSION_RE.match(spec) and not path.is_dir():
        return load_release(root, spec)
    if path.is_dir():
        return _load_tree(path, str(path), full_check=False)
    known = ", ".join(released_versions(root)) or "none yet"
    raise UsageError(f"{spec!r} is not a release, 'draft' or a folder (releases: {known})")


def _load_tree(path: Path, what: str, full_check: bool = True) -> Protocol:
    """Another tree (e.g. an unpacked release folder, another council's files) gets the same loader and
    checks as the draft, except the release rules: its own releases are not checked."""
    try:
        if full_check:
            protocol, diags = check_root(path)
        else:
            protocol, diags = load_root(path)
            _check_without_releases(protocol, diags)
    except NotASourceRoot as exc:
        raise UsageError(str(exc)) from None
    errors = [d for d in diags.sorted() if d.severity == "error" and (full_check or d.code not in RELEASE_RULES)]
    if errors:
        raise ProtocolError(f"{what} has {len(errors)} error(s); run 'protocol check' first: {errors[0].format()}")
    return protocol


# Rules about a tree's own version history: not applied to another tree given to --from/--to
RELEASE_RULES = {"C004", "C006", "V001", "V002", "V003", "V004", "V005", "V006", "V007"}


def _check_without_releases(protocol: Protocol, diags) -> None:
    from ..check import (check_ids, check_references, check_scenarios, check_sections, check_text,
                         check_vocabulary)

    for rule in (check_ids, check_sections, check_references, check_vocabulary, check_text, check_scenarios):
        rule(protocol, diags)


def run(args) -> int:
    from ..diff import compare, merged_view
    from ..write.docx import write_docx

    root = root_of(args)
    old, new = resolve(root, args.old), resolve(root, args.new)
    changes = compare(old, new)
    out = Path(args.out) if args.out else Path(redline_name(old, new))
    _parent(out)
    sched = Path(args.schedule) if args.schedule else None
    if sched is not None:
        _parent(sched)
    _written(out, lambda tmp: write_docx(new, tmp, merged_view(old, new, changes), author=args.author or new.meta.owner,
                                         date=new.meta.date))
    print(f"wrote {out}")
    if sched is not None:
        from ..write.schedule import write_schedule

        _written(sched, lambda tmp: write_schedule(old, new, changes, tmp))
        print(f"wrote {sched}")
    print(f"{old.meta.version} -> {new.meta.version}: {changes.summary()}")
    return 0


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
