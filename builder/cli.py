"""The `protocol` command line: a thin layer over the library.

Each command lives in builder/commands/<name>.py with `register(subparsers)`
and `run(args) -> int`. Exit codes: 0 clean, 1 problems found, 2 usage error.
No traceback reaches a user for bad input: known failures become one clear
message; anything unexpected is reported as an internal error (exit 3).
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .errors import ProtocolError, UsageError
from .process import leave, tune_collector

COMMANDS = ("check", "ids", "trace", "build", "diff", "release", "serve", "new", "coverage", "import", "responses")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # usage errors: exit 2 with one line and a hint
        self.print_usage(sys.stderr)
        print(f"protocol: error: {message}", file=sys.stderr)
        sys.exit(2)


def make_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="protocol", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for name in COMMANDS:  # a command that fails to import is a fault in the toolkit: it is not hidden
        importlib.import_module(f".commands.{name}", __package__).register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        parser = make_parser()  # inside: a command that does not import is an internal error, said as one
        args = parser.parse_args(argv)
        if not getattr(args, "run", None):
            parser.print_help()
            return 2
        return args.run(args)
    except UsageError as exc:
        print(f"protocol: error: {exc}", file=sys.stderr)
        return 2
    except ProtocolError as exc:
        print(f"protocol: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("protocol: interrupted; nothing was changed", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug in the toolkit, not bad input: still no traceback for the user
        if os.environ.get("PROTOCOL_DEBUG"):
            raise
        print(f"protocol: internal error: {type(exc).__name__}: {exc}\n"
              "    hint: this is a fault in the toolkit, not in your files; run again with "
              "PROTOCOL_DEBUG=1 to see the details and report them.", file=sys.stderr)
        return 3


def entry() -> None:
    """The console script: collector tuned for one large model, and a quick exit (see builder.process)."""
    tune_collector()
    try:
        code = main()
    except SystemExit as exc:  # argparse's usage errors and --help: what sys.exit would have done
        code = exc.code
        if code is None:
            code = 0
        elif not isinstance(code, int):
            print(code, file=sys.stderr)
            code = 1
    leave(code)


if __name__ == "__main__":  # pragma: no cover
    entry()
