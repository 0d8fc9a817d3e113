"""protocol ids: add stable ids to paragraphs and headings that have none, and a fresh one to a pasted copy."""
from __future__ import annotations

from . import add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("ids", help="stamp fresh ids onto new paragraphs and headings, and onto a pasted copy of "
                                   "one (changes nothing else)")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..ids import repair_ids

    added, renamed = repair_ids(root_of(args))
    for path, line, new in added:
        print(f"{path}:{line}: added id {{#{new}}}")
    for r in renamed:
        print(f"{r.path}:{r.line}: gave the copy of {r.old!r} a new id {{#{r.new}}}; the one at {r.kept} "
              f"keeps {r.old!r} ({r.why})")
    if not added and not renamed:
        print("Every paragraph and heading already has an id of its own.")
        return 0
    done = [f"{len(added)} id{'s' * (len(added) != 1)} added"] if added else []
    done += [f"{len(renamed)} cop{'ies' if len(renamed) != 1 else 'y'} given a new id"] if renamed else []
    print(", ".join(done).capitalize() + ".")
    return 0
