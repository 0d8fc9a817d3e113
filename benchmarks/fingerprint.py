"""Fingerprints of every Word output, to show that a speed-up changed no byte.

    python -m benchmarks.fingerprint [--code DIR] [--sizes tiny,protocol,constitution] [--work DIR]

With the toolkit in DIR (default: this checkout) it writes the Word document,
the redline and the schedule of amendments for each generated size (the seeded
trees of benchmarks/generate.py) and for the protocol shipped in DIR, each in a
fresh process as the benchmark's steps do, and prints one line per file: its
SHA-256 and where it came from. Run it on the code before and after a change
(or with --code on two copies) and compare: `diff` prints nothing when no byte
of any output changed. The outputs are reproducible (fixed dates, sorted zip
entries), so any difference is a real one.
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


def fingerprints(code: Path, sizes: list[str], work: Path) -> list[str]:
    """'<sha256>  <source>/<file name>' for every Word output, sorted."""
    trees = {size: gen.generate(work / "trees", size) / "tree" for size in sizes}
    trees["shipped"] = code
    env = dict(os.environ, BENCH_CODE=str(code))
    lines = []
    for label, tree in trees.items():
        out = work / "outputs" / label
        for step in STEPS:
            proc = subprocess.run([sys.executable, "-m", "benchmarks.steps", step, str(tree), str(out)],
                                  cwd=REPO, env=env, capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit(f"{label}: the {step} step failed:\n{proc.stderr.strip()}")
        lines += [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {label}/{p.name}" for p in out.glob("*.docx")]
    return sorted(lines, key=lambda line: line[66:])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.fingerprint", description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=REPO, help="the toolkit to run (default: this checkout)")
    parser.add_argument("--sizes", default="tiny,protocol,constitution", help="generated sizes (comma-separated)")
    parser.add_argument("--work", type=Path, help="keep the trees and outputs here (default: a temporary folder)")
    args = parser.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in sizes if s not in gen.SIZES]
    if unknown:
        parser.error(f"unknown size {unknown[0]!r}; choose from {', '.join(gen.SIZES)}")
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
