"""protocol release: freeze the current text as a version (approved or adopted) for later redlines."""
from __future__ import annotations

from ..model import RELEASE_STATUSES
from . import add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("release", help="freeze the current text as VERSION and record it in the version history")
    add_root(p)
    p.add_argument("version", metavar="VERSION", help='the version number, e.g. 1.1')
    p.add_argument("--status", required=True, choices=RELEASE_STATUSES,
                   help="approved (by Standards Committee) or adopted (by Full Council)")
    p.add_argument("--date", required=True, metavar="YYYY-MM-DD", help="the date of the decision")
    p.add_argument("--body", required=True, metavar="NAME", help='the meeting that decided, e.g. "Full Council"')
    p.add_argument("--minute", default="", metavar="REF", help="the minute reference, e.g. FC/24/31")
    p.add_argument("--summary", default="", metavar="TEXT", help="one line on what this version changed")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..release import make_release

    result = make_release(root_of(args), args.version, args.status, args.date, args.body, args.minute, args.summary)
    print(f"released version {result.version} ({result.status} {result.date}) in releases/{result.version}/")
    if result.review_due:
        print(f"review due: {result.review_due}")
    print("Next: empty protocol_src/amendments.yaml and set the next version (status: draft) in protocol.yaml "
          "before changing the text.")
    return 0
