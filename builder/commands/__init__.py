"""One module per command: `register(subparsers)` adds it, `args.run(args)` runs it."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", metavar="DIR",
                        help="the folder holding protocol_src/ and scenarios/ (default: here)")


def root_of(args) -> Path:
    root = Path(args.root)
    if not root.is_dir():
        raise UsageError(f"--root {args.root}: no such folder")
    if not (root / "protocol_src").is_dir():
        raise UsageError(f"--root {args.root}: no protocol_src/ folder there (is this the protocol's folder?)")
    return root
