"""protocol build: the pipeline of builder/build.py, and what it wrote (or why it wrote nothing)."""
from __future__ import annotations

import sys
from pathlib import Path

from . import add_author, add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("build", help="check, then write the Word document, website, redline and schedule")
    add_root(p)
    p.add_argument("--out", default="build", metavar="DIR", help="output folder (default: build/)")
    p.add_argument("--offline", action="store_true", help="make the website work from file:// with no network")
    p.add_argument("--pdf", action="store_true", help="also write a PDF through LibreOffice")
    p.add_argument("--no-site", action="store_true", help="skip the website (faster when drafting)")
    add_author(p, "author of tracked changes (default: the owning role)")
    p.set_defaults(run=run)


def run(args) -> int:
    # imported here, not above: the writers bring in python-docx, Jinja2 and mkdocs (0.2 s), which every
    # other command would otherwise pay for when the command line starts
    from ..build import SourceProblems, build

    root = root_of(args)
    out = Path(args.out) if Path(args.out).is_absolute() else Path.cwd() / args.out
    try:
        result = build(root, out, offline=args.offline, pdf=args.pdf, site=not args.no_site, author=args.author)
    except SourceProblems as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        print(f"protocol: {exc}", file=sys.stderr)
        return 1
    for d in result.diagnostics:
        print(d.format(), file=sys.stderr)
    for note in result.notes:
        print(f"note: {note}", file=sys.stderr)
    for path in result.outputs:
        print(f"wrote {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0
