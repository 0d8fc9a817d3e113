"""Fingerprints of every output, to show that a speed-up or a restructuring changed no byte.

    python -m benchmarks.fingerprint [--code DIR] [--sizes tiny,protocol,constitution] [--work DIR]

With the toolkit in DIR (default: this checkout) it writes, for each generated
size (the seeded trees of benchmarks/generate.py) and for the protocol shipped
in DIR, each in a fresh process:

- the Word document, the redline and the schedule of amendments, as the
  benchmark's steps write them;
- `protocol build --no-site` (Word, redline and schedule through the command
  line), and for every tree but the Constitution-size one `protocol build` with
  the website (mkdocs takes 8 s at that size), the site as one digest of every
  file's path and bytes;
- what `protocol check --format json` prints.

and prints one line per output: its SHA-256 and where it came from. Run it on
the code before and after a change (or with --code on two copies) and compare:
`diff` prints nothing when no byte of any output changed. The outputs are
reproducible (fixed dates, sorted zip entries), so any difference is a real one
(`check` reports an overdue review against today's date: compare runs made on
the same day).
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate as gen  # noqa: E402

STEPS = ("word", "redline")  # the Word document; the redline and the schedule
NO_SITE = {"constitution", "shipped-x25"}  # sizes built without the website (mkdocs alone takes 8 s there)


def fingerprints(code: Path, sizes: list[str], work: Path) -> list[str]:
    """'<sha256>  <source>/<output>' for every output, sorted by output."""
    trees = {size: gen.generate(work / "trees", size) / "tree" for size in sizes}
    trees["shipped"] = code
    env = dict(os.environ, BENCH_CODE=str(code))
    lines = []
    for label, tree in trees.items():
        out = work / "outputs" / label
        for step in STEPS:
            _run(label, f"the {step} step", [sys.executable, "-m", "benchmarks.steps", step, str(tree), str(out)],
                 env)
        lines += [f"{_sha(p.read_bytes())}  {label}/{p.name}" for p in out.glob("*.docx")]
        lines += _command_lines(label, tree, out, code, site=label not in NO_SITE)
    return sorted(lines, key=lambda line: line[66:])


def _command_lines(label: str, tree: Path, out: Path, code: Path, *, site: bool) -> list[str]:
    """The outputs of `protocol build` and `protocol check --format json`, run as a user runs them."""
    env = dict(os.environ, PYTHONPATH=str(code))
    cli = [sys.executable, "-m", "builder.cli"]
    build = out / "build"
    _run(label, "protocol build", cli + ["build", "--root", str(tree), "--out", str(build)]
         + ([] if site else ["--no-site"]), env, cwd=code)
    lines = [f"{_sha(p.read_bytes())}  {label}/build/{p.name}" for p in build.glob("*.docx")]
    if site:
        files = sorted(p for p in (build / "site").rglob("*") if p.is_file())
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(build).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
        lines.append(f"{digest.hexdigest()}  {label}/build/site/ ({len(files)} files)")
    checked = subprocess.run(cli + ["check", "--format", "json", "--root", str(tree)], env=env, cwd=code,
                             capture_output=True)
    if checked.returncode not in (0, 1):
        raise SystemExit(f"{label}: protocol check failed:\n{checked.stderr.decode(errors='replace').strip()}")
    lines.append(f"{_sha(checked.stdout)}  {label}/protocol check --format json (exit {checked.returncode})")
    return lines


def _run(label: str, what: str, cmd: list[str], env: dict, cwd: Path = REPO) -> None:
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"{label}: {what} failed:\n{proc.stderr.strip()}")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fingerprint", description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=REPO, help="the toolkit to run (default: this checkout)")
    parser.add_argument("--sizes", default="tiny,protocol,constitution", help="generated sizes (comma-separated)")
    parser.add_argument("--work", type=Path, help="keep the trees and outputs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in gen.NAMES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(gen.NAMES)}")
    code = args.code.resolve()
    if not (code / "builder").is_dir() or not (code / "protocol_src").is_dir():
        parser.error(f"--code {args.code}: not a checkout of the toolkit (no builder/ and protocol_src/ there)")
    if args.work:
        print("\n".join(fingerprints(code, sizes, args.work.resolve())))
        return 0
    with tempfile.TemporaryDirectory(prefix="protocol-fingerprint-") as tmp:
        print("\n".join(fingerprints(code, sizes, Path(tmp))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
