"""protocol serve: live preview of the website while you edit the sources.

Serves on 127.0.0.1 only, through mkdocs' own live-reload server: it watches
protocol_src/ and scenarios/ (polling every half second), regenerates the site
when a file changes and tells open pages to reload (they long-poll the server).
A change with errors in it is reported here and the last good site stays up.
"""
from __future__ import annotations

import argparse
import logging
import sys
import tempfile
import time
from pathlib import Path

from ..errors import ProtocolError
from . import add_root, root_of

HOST = "127.0.0.1"


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number (1 to 65535)")
    return int(text)


def register(sub) -> None:
    p = sub.add_parser("serve", help="preview the website at http://127.0.0.1:8000/, rebuilt as you edit")
    add_root(p)
    p.add_argument("--port", type=_port, default=8000, help="port on 127.0.0.1 (default: 8000)")
    p.set_defaults(run=run)


def run(args) -> int:
    from mkdocs.livereload import LiveReloadServer

    root = root_of(args).resolve()
    _quiet_mkdocs()
    with tempfile.TemporaryDirectory(prefix="protocol-serve-") as tmp:
        site_dir = Path(tmp) / "site"
        site_dir.mkdir()
        rebuild = _Rebuild(root, site_dir)
        rebuild(first=True)
        server = LiveReloadServer(builder=rebuild, host=HOST, port=args.port, root=str(site_dir))
        for name in ("protocol_src", "scenarios"):
            if (root / name).is_dir():
                server.watch(str(root / name))
        print(f"Serving the website on http://{HOST}:{args.port}/ (Ctrl+C to stop).", flush=True)
        print("Edit any file in protocol_src/ or scenarios/ and the open page refreshes.", flush=True)
        try:
            server.serve()
        except OSError as exc:
            raise ProtocolError(f"cannot serve on {HOST}:{args.port}: {exc.strerror or exc}") from None
        except KeyboardInterrupt:
            print("Stopped.", file=sys.stderr)
        finally:
            server.shutdown()
    return 0


class _Rebuild:
    """Check the sources and, when they are clean, regenerate the site in place."""

    def __init__(self, root: Path, site_dir: Path):
        self.root, self.site_dir = root, site_dir

    def __call__(self, first: bool = False) -> None:
        from ..check import check
        from ..project import compare_latest, compare_releases, load_project
        from ..write.site import write_site  # here: mkdocs is imported only by the command that needs it

        started = time.monotonic()
        project = load_project(self.root, releases="all")
        latest = compare_latest(project)
        errors = [d for d in check(project, latest).sorted() if d.severity == "error"]
        if errors:
            for d in errors:
                print(d.format(), file=sys.stderr)
            print(f"{len(errors)} problem(s): the page shows the last good version until they are fixed.",
                  file=sys.stderr, flush=True)
            if first:
                raise ProtocolError("the sources have problems; fix them and run protocol serve again")
            return
        try:
            write_site(project.draft, self.site_dir, comparisons=compare_releases(project, latest))
        except ProtocolError as exc:
            print(f"protocol: {exc}", file=sys.stderr, flush=True)
            if first:
                raise
            return
        print(f"{'Built' if first else 'Rebuilt'} the website in {time.monotonic() - started:.1f} s.", flush=True)


def _quiet_mkdocs() -> None:
    """mkdocs logs every request and build step: keep warnings and errors only."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.WARNING)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("mkdocs: %(message)s"))
        logger.addHandler(handler)
