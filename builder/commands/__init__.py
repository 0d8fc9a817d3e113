"""One module per command: `register(subparsers)` adds it, `args.run(args)` runs it.

The command line registers every command at start-up, so a command module imports only what registering
needs; its `run` imports the library it uses (tests/test_cli_contract.py checks that listing the commands
loads no YAML, lxml, python-docx or mkdocs, and none of builder's loader, checks, readers or writers)."""
from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UsageError


def add_root(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", metavar="DIR",
                        help="the folder holding protocol_src/ and scenarios/ (default: here)")


AUTHOR_MAX = 100


def add_author(parser: argparse.ArgumentParser, help: str) -> None:
    parser.add_argument("--author", metavar="NAME", type=author_name, help=help)


def author_name(value: str) -> str:
    """--author: a name that Word can show as a revision's author (argparse reports the problem, exit 2)."""
    name = " ".join(value.split())
    if not name:
        raise argparse.ArgumentTypeError("the author's name is empty; give a name or role, e.g. "
                                         "--author \"Monitoring Officer\"")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in name):
        raise argparse.ArgumentTypeError("the author's name holds a control character; type the name "
                                         "as plain text")
    if len(name) > AUTHOR_MAX:
        raise argparse.ArgumentTypeError(f"the author's name is longer than {AUTHOR_MAX} characters")
    return name


def root_of(args) -> Path:
    root = Path(args.root)
    if not root.is_dir():
        raise UsageError(f"--root {args.root}: no such folder")
    if not (root / "protocol_src").is_dir():
        raise UsageError(f"--root {args.root}: no protocol_src/ folder there (is this the protocol's folder?)")
    return root


def read_document(path: Path, too_large: str) -> bytes:
    """A Word document's bytes, at most read.archive.MAX_FILE of them: a file that cannot be read is a usage
    error; a larger one is refused, its name and the limit followed by `too_large` (what is not done, a hint)."""
    from ..atomic import describe_os_error
    from ..read.archive import MAX_FILE, Refused

    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_FILE + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {describe_os_error(exc)}") from None
    if len(data) > MAX_FILE:
        raise Refused(f"{path.name} is larger than {MAX_FILE // 2**20} MB; {too_large}")
    return data
