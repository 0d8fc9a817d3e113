"""protocol release: freeze the current text as a version (approved or adopted) for later redlines, and with
--next start the next draft."""
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
    p.add_argument("--next", dest="next_version", default="", metavar="VERSION",
                   help="then start the next draft, e.g. 1.2: version and status set, amendments.yaml emptied, "
                        "this version's key dates taken off the title page")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..release import make_release

    result = make_release(root_of(args), args.version, args.status, args.date, args.body, args.minute, args.summary,
                          args.next_version)
    print(f"released version {result.version} ({result.status} {result.date}) in releases/{result.version}/")
    if result.review_due:
        print(f"review due: {result.review_due}")
    print("\n".join(next_steps(result)))
    return 0


def next_steps(result) -> list[str]:
    """What the sources now hold and exactly what to do next (`result`: builder.release.ReleaseResult)."""
    v = result.version
    if not result.next_version:
        later = (f"When Full Council adopts it: protocol release {v} --status adopted --date YYYY-MM-DD "
                 f"--body \"Full Council\" --next <next version>." if result.status == "approved" else "")
        return [f"The sources are still version {v} ({result.status}).", *([later] if later else []),
                "Before you change the text, start the next draft: in protocol_src/protocol.yaml set version to "
                "the next number (in quotes), status: draft, date: the date of the draft, and under dates: only "
                f"the new draft's meetings; in protocol_src/amendments.yaml delete every reason (release {v} keeps "
                f"them in releases/{v}/). `protocol release … --next` does all of this in one step."]
    lines = [f"started draft {result.next_version} in protocol_src/:",
             f"  protocol.yaml: version \"{result.next_version}\", status draft, date {result.date}",
             "  amendments.yaml: emptied" + (f" ({result.reasons_kept} reason{'s' * (result.reasons_kept != 1)} of "
                                             f"{v} kept in releases/{v}/protocol_src/amendments.yaml)"
                                             if result.reasons_kept else "")]
    if result.retired_dates:
        shown = ", ".join(f"{key} {iso}" for key, iso in result.retired_dates)
        lines.append(f"  key dates of {v} taken off the title page (left as comments under dates:): {shown}")
    if result.later_dates:
        shown = ", ".join(f"{key} {iso}" for key, iso in result.later_dates)
        lines.append(f"  check: these key dates are after the release and stay on the title page: {shown}; "
                     f"keep only those that belong to draft {result.next_version}")
    lines.append(f"Next: change the text; give each change a reason in protocol_src/amendments.yaml under the id of "
                 f"what changed (`protocol check` lists each one missing, V004); before the draft goes to committee, "
                 f"set date: and add the meeting under dates: in protocol_src/protocol.yaml.")
    return lines
