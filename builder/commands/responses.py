"""protocol responses FILE.docx [FILE.docx …] [--out DIR] [--apply [--author NAME …] [--only ID …]]

Reads consultees' copies of the draft's Word document (as `protocol build` wrote it, edited in Word or
LibreOffice with Track Changes on and comments in the margin) and writes the consultation log into DIR
(consultation-log.docx for the Monitoring Officer, .md and .json for tools): one row per suggestion, with
empty Decision and Reason columns. With --apply, the chosen word changes inside plain text go into the
section files and each records its reason in amendments.yaml; everything else is listed to be made by hand.

The copies are untrusted: read as the import reads a .docx (builder.read.archive). Nothing in protocol_src/
changes unless --apply was given and the whole apply succeeded: the edited sources are checked in a staging
copy first, and every file is written beside its target and renamed into place once all are written.
Exit 0: the log is written, every copy matches the sources and (with --apply) every chosen suggestion was
applied; 1: written, with paragraphs that do not match or suggestions to make by hand (all listed);
2: a file cannot be read as a copy of this draft, or the arguments are wrong (nothing written).
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from ..atomic import Staged, describe_os_error
from ..errors import ProtocolError, UsageError
from . import add_root, author_name, read_document, root_of

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def register(sub) -> None:
    p = sub.add_parser("responses", help="read consultees' tracked changes and comments into a consultation log",
                       description="Read consultees' copies of the draft's Word document and write the "
                                   "consultation log (Word, Markdown and JSON); with --apply, put the chosen word "
                                   "changes into the section files with their reasons.")
    p.add_argument("files", nargs="+", metavar="FILE.docx", help="the copies consultees sent back")
    add_root(p)
    p.add_argument("--out", default="consultation", metavar="DIR",
                   help="where the log is written (default: consultation/)")
    p.add_argument("--apply", action="store_true", help="apply the chosen word changes to the section files")
    p.add_argument("--author", dest="authors", nargs="+", action="extend", type=author_name, metavar="NAME",
                   help="apply only the changes made by these consultees (revision authors)")
    p.add_argument("--only", nargs="+", action="extend", metavar="ID",
                   help="apply only the changes to these paragraphs or headings (their ids)")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..check import check_root
    from ..consultation import consult
    from ..consultation.plan import choose, plan, record_outcome
    from ..consultation.trial import section_texts, verified
    from ..number import numbers
    from ..read.responses import read_copy  # lxml, which only the readers need

    root = root_of(args)
    out = _out(args.out, root)
    paths = _files(args.files)
    protocol, diags = check_root(root)
    errors = [d for d in diags.sorted() if d.severity == "error"]
    if args.apply and errors:
        raise ProtocolError(f"the sources have {len(errors)} error(s) (run protocol check to see them): fix them "
                            "before applying suggestions; nothing was changed")
    nums = numbers(protocol)
    copies = [read_copy(_read(path), path.name) for path in paths]
    consultation = consult(protocol, nums, copies)
    problems = choose(consultation, args.authors, args.only)
    if problems:
        raise UsageError("\n    ".join(problems))
    texts = section_texts(root, consultation)
    result = plan(consultation, {k: v[1] for k, v in texts.items()}, nums)
    if args.apply:
        result = verified(root, consultation, texts, result, nums, diags)
        record_outcome(consultation, result)
    _write(out, consultation, protocol.meta, (root, texts, result) if args.apply else None)
    return _report(consultation, result if args.apply else None, out, errors, args.apply)


# ---------------------------------------------------------------- arguments and files

def _out(name: str, root: Path) -> Path:
    out = Path(os.path.abspath(name))
    if out.exists() and not out.is_dir():
        raise UsageError(f"--out {name} is a file; give a folder for the consultation log")
    if not out.parent.is_dir():
        raise UsageError(f"--out {name}: the folder {out.parent} does not exist")
    for inside in ("protocol_src", "scenarios", "releases"):
        folder = (root / inside).resolve()
        if out.resolve() == folder or folder in out.resolve().parents:
            raise UsageError(f"--out {name} is inside {inside}/: write the log outside the sources")
    return out


def _files(names: list[str]) -> list[Path]:
    paths, seen = [], {}
    for name in names:
        path = Path(name)
        if not path.exists():
            raise UsageError(f"{name}: no such file")
        if not path.is_file():
            raise UsageError(f"{name} is not a file; give the Word documents (.docx) consultees sent back")
        key = path.resolve()
        if key in seen:
            raise UsageError(f"{name} is given twice (also as {seen[key]})")
        if path.name in {p.name for p in paths}:
            raise UsageError(f"two copies are called {path.name}: rename one, so that the log can tell them apart")
        seen[key] = name
        paths.append(path)
    return paths


def _read(path: Path) -> bytes:
    return read_document(path, "a .docx that large is not read by `protocol responses`.\n"
                         "    hint: ask for a copy without images.")


# ---------------------------------------------------------------- writing: everything staged, then renamed

def _write(out: Path, consultation, meta, applied) -> None:
    """The log into `out` and, when `applied` is (root, texts, plan), the edited sources: all or nothing."""
    staged = Staged()
    try:
        _stage_log(staged, out, consultation, meta)
        if applied:
            _stage_sources(staged, *applied)
        staged.commit()
    except OSError as exc:
        staged.abort()
        raise ProtocolError(f"cannot write {exc.filename or out}: {describe_os_error(exc)}; nothing was changed") \
            from None
    except BaseException:
        staged.abort()
        raise


def _stage_log(staged, out: Path, consultation, meta) -> None:
    from ..write.consultation import LOG_STEM
    from ..write.consultation.json_log import as_json
    from ..write.consultation.markdown import markdown
    from ..write.consultation.word import write_log

    out.mkdir(exist_ok=True)
    write_log(consultation, meta, staged.path_for(out / f"{LOG_STEM}.docx"))
    staged.write(out / f"{LOG_STEM}.md", markdown(consultation, meta).encode("utf-8"))
    staged.write(out / f"{LOG_STEM}.json", as_json(consultation, meta).encode("utf-8"))


def _stage_sources(staged, root: Path, texts, result) -> None:
    from ..consultation.trial import AMENDMENTS, decoded, reasons_text

    for path, new in result.texts.items():
        staged.write(root / path, texts[path][0] + new.encode("utf-8"))
    reasons = reasons_text(root, result.reasons)
    if reasons is not None:
        path = root / AMENDMENTS
        bom = decoded(path.read_bytes())[0] if path.is_file() else b""
        staged.write(path, bom + reasons.encode("utf-8"))


# ---------------------------------------------------------------- what the Monitoring Officer reads

def _plain(text: str) -> str:
    """Text from a copy made safe for the terminal: no control characters (no escape sequences)."""
    return " ".join(_CONTROL.sub(" ", text).split())


def _report(c, result, out: Path, errors, applied: bool) -> int:
    from ..consultation.trial import AMENDMENTS
    from ..write.consultation import LOG_STEM
    from ..write.consultation.log_wording import changed, copy_line, status

    lines = [f"Read {len(c.reports)} cop{'y' if len(c.reports) == 1 else 'ies'} of {c.draft}:"]
    for r in c.reports:
        lines.append(f"  {_plain(copy_line(r, c.version))}")
        lines += [f"    differs: {_plain(m.where)}: {_plain(changed(m.change, signs=False))}" for m in r.differ]
        lines += [f"    not in the sources: {_plain(u)}" for u in r.unknown]
        lines += [f"    not read: {_plain(u)}" for u in r.unread]
    who = sorted({n for s in c.suggestions for n in s.consultees})
    lines.append(f"{len(c.suggestions)} suggestion{'' if len(c.suggestions) == 1 else 's'}"
                 + (f" from {_plain(', '.join(who))}" if who else "") + ".")
    if applied:
        done = [s for s in c.suggestions if s.status == "applied"]
        files = sorted(result.texts)
        lines.append(f"Applied {len(done)} suggestion{'' if len(done) == 1 else 's'} to {', '.join(files) or 'no file'}"
                     + (f"; their reasons are in {AMENDMENTS} (edit them as you wish)." if done else "."))
    hand = [s for s in c.suggestions if s.authors and s.status not in ("applied", "not chosen")
            and (s.blockers or (applied and s.edits))]
    if hand:
        lines.append(f"To make by hand ({len(hand)}):")
        lines += [f"  {_plain(s.where)}" + (f" ({s.block_id})" if s.block_id else "")
                  + f", {_plain(s.copy)}, {_plain(', '.join(s.authors))}: {_plain('; '.join(s.blockers) or status(s))}"
                  for s in hand]
    if errors and not applied:
        lines.append(f"The sources have {len(errors)} error(s) (run protocol check): some paragraphs may not match.")
    lines.append(f"Consultation log: {out / (LOG_STEM + '.docx')} (and {LOG_STEM}.md, {LOG_STEM}.json)")
    print("\n".join(lines))
    differ = [r for r in c.reports if r.differ or r.unknown]
    if differ:
        print(f"protocol: {len(differ)} cop{'y does' if len(differ) == 1 else 'ies do'} not match the sources in "
              "every paragraph (listed above); a suggestion there is applied only where the sentences it changes "
              "still read as in the copy", file=sys.stderr)
    elif applied and hand:
        print(f"protocol: {len(hand)} suggestion{' is' if len(hand) == 1 else 's are'} to be made by hand "
              "(listed above)", file=sys.stderr)
    return 1 if differ or (applied and hand) else 0
