"""protocol ids: add stable ids to paragraphs and headings that have none."""
from __future__ import annotations

from . import add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("ids", help="stamp fresh ids onto new paragraphs and headings (changes nothing else)")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..ids import stamp_ids

    added = stamp_ids(root_of(args))
    for path, line, new in added:
        print(f"{path}:{line}: added id {{#{new}}}")
    print(f"{len(added)} id{'s' * (len(added) != 1)} added." if added else "Every paragraph already has an id.")
    return 0
