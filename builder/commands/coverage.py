"""protocol coverage: which key areas, audiences and sections the worked scenarios cover."""
from __future__ import annotations

import argparse
import json
import sys

from ..coverage import MIN_PER_AREA, Coverage, Row, coverage
from . import add_root, root_of

DESCRIPTION = f"""\
Show how the worked scenarios in scenarios/ cover the protocol: key areas x
scenarios, audiences x scenarios, sections x scenarios, and the paragraphs no
scenario illustrates.

With --require, gaps are an error (exit 1), for use in CI. A gap is:
  - a key area with fewer than {MIN_PER_AREA} scenarios,
  - an audience with no scenario (an audience counts only when a scenario names it),
  - a section with no scenario citing it or one of its paragraphs.
Paragraphs that no scenario illustrates are listed as information only: they
are never a gap.
"""


def register(sub) -> None:
    p = sub.add_parser("coverage", help="key areas, audiences and sections x scenarios; --require fails on gaps",
                       description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_root(p)
    p.add_argument("--require", action="store_true",
                   help=f"exit 1 if a key area has fewer than {MIN_PER_AREA} scenarios, or an audience or a "
                        "section has none (unillustrated paragraphs are information, not a gap)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="output for people or for tools")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..load import load_tree

    protocol, diags = load_tree(root_of(args))
    cov = coverage(protocol)
    gaps = cov.gaps()
    if args.format == "json":
        print(json.dumps(cov.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(render(cov))
    if diags.errors:
        n = len(diags.errors)
        print(f"note: the sources have {n} error{'s' * (n != 1)} (run 'protocol check'); "
              "a scenario with errors may be missing from these tables.", file=sys.stderr)
    if args.require and gaps:
        for g in gaps:
            print(f"gap: {g}", file=sys.stderr)
        print(f"protocol: {len(gaps)} coverage gap{'s' * (len(gaps) != 1)}; add or tag scenarios to close "
              f"{'them' if len(gaps) != 1 else 'it'}.", file=sys.stderr)
        return 1
    return 0


def _table(title: str, rows: tuple[Row, ...]) -> list[str]:
    width = max([len(r.id) for r in rows] + [len(title)])
    out = [f"{title:<{width}}  {'n':>2}  scenarios"]
    for r in rows:
        mark = "  GAP" if r.gap else ""
        listed = ", ".join(r.scenarios) or "-"
        out.append(f"{r.id:<{width}}  {len(r.scenarios):>2}  {listed}{mark}")
    return out


def render(cov: Coverage) -> str:
    n = len(cov.scenarios)
    lines = [f"{n} scenario{'s' * (n != 1)}.", ""]
    lines += _table("Key area", cov.areas) + [""]
    lines += _table("Audience", cov.audiences) + [""]
    lines += _table("Section", cov.sections) + [""]
    lines.append(f"Paragraphs no scenario illustrates (information, not a gap): "
                 f"{len(cov.uncited)} of {cov.paragraphs}")
    for u in cov.uncited:
        lines.append(f"  {u.number:<6} {u.id}")
    gaps = cov.gaps()
    lines.append("")
    lines.append(f"Gaps: {len(gaps)}" if gaps else "Gaps: none")
    lines += [f"  {g}" for g in gaps]
    return "\n".join(lines)
