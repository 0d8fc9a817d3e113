"""protocol check: validate the sources and report problems with file and line."""
from __future__ import annotations

import sys

from . import add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("check", help="validate the sources (exit 0 clean, 1 problems, 2 usage error)")
    add_root(p)
    p.add_argument("--format", choices=("text", "json"), default="text", help="output for people or for tools")
    p.add_argument("--strict", action="store_true", help="treat warnings as problems (exit 1)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..check import check_root
    from ..diagnostics import summary, to_json

    root = root_of(args)
    _, diags = check_root(root)
    items = diags.sorted()
    if args.format == "json":
        print(to_json(items))
    else:
        for d in items:
            print(d.format())
        print(summary(items), file=sys.stderr if items else sys.stdout)
    failed = any(d.severity == "error" for d in items) or (args.strict and items)
    return 1 if failed else 0
