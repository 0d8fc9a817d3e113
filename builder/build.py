"""`protocol build`: the pipeline, from the sources to every output, moved into place at the end.

It reads in order: load the project once (the draft and its releases, each
verified once); compare the latest release with the draft, once; check, with
that comparison; then draw every output from the model and the comparison: the
Word document (and PDF), the redline and the schedule, and last the website
(its What changed pages, and the documents written before it, copied in and
linked). The training packs (builder.write.training) go into OUT/training/, one
folder per session. Everything is written to a temporary folder beside OUT and moved
into place only when complete, so a failed or interrupted build leaves the
previous outputs untouched. A build killed mid-way leaves only its hidden
staging folder (`.<out>.building-<pid>-*`), which the next build removes.

OUT is replaced as a whole, so it must be a folder of its own: never the
sources' folder or one holding it, never inside protocol_src/, scenarios/ or
releases/, and, when it exists, only a previous build (Word and PDF files,
site/ and training/), so a mistyped --out cannot delete anyone's files.
"""
from __future__ import annotations

import glob
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import describe_os_error, make_staging_dir, replace_dir
from .check import check
from .diagnostics import Diagnostic
from .diff import Comparison
from .errors import ProtocolError, UsageError
from .filenames import TRAINING_FOLDER, agenda_pdf_name, pdf_name, word_name
from .model import Protocol
from .project import Project, compare_latest, compare_releases, load_project
from .write import pdf as pdf_writer, site as site_writer  # as modules: tests replace their functions
from .write.amendments import write_agenda_pdf, write_amendments
from .write.docx import write_docx
from .write.training import write_training


@dataclass
class BuildResult:
    protocol: Protocol
    diagnostics: list[Diagnostic]
    outputs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


class SourceProblems(ProtocolError):
    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{sum(d.severity == 'error' for d in diagnostics)} problem(s) in the sources; nothing was built")
        self.diagnostics = diagnostics


def build(root: Path, out: Path, *, offline: bool = False, pdf: bool = False, site: bool = True,
          author: str | None = None) -> BuildResult:
    root, out = Path(root), Path(out)
    check_out(root, out)
    project = load_project(root, releases="all" if site else "checked")
    latest = compare_latest(project)
    diagnostics = check(project, latest).sorted()
    if any(d.severity == "error" for d in diagnostics):
        raise SourceProblems(diagnostics)
    _require_latest(project)
    result = BuildResult(project.draft, diagnostics)
    staged = _staging_folder(out)
    try:
        _word(project.draft, staged, result, pdf)
        if latest is not None:
            written = write_amendments(latest, staged, author=author)
            result.outputs.extend(written)
            if written and pdf:
                _agenda_pdf(latest, staged, result)
        packs = write_training(project.draft, staged / TRAINING_FOLDER) if project.draft.sessions else []
        if packs:
            result.outputs.append(staged / TRAINING_FOLDER)
        if site:  # last: the site links the documents written before it
            _site(project, latest, staged, result, offline, packs)
        replace_dir(staged, out)
    except OSError as exc:  # a full disk, a file locked by Word...: the old outputs stay as they were
        shutil.rmtree(staged, ignore_errors=True)
        raise ProtocolError(f"cannot write the outputs: {describe_os_error(exc)}; nothing was replaced "
                            f"in {out}") from None
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    result.outputs = [out / p.relative_to(staged) for p in result.outputs]
    return result


def _require_latest(project: Project) -> None:
    """The redline and the schedule need the latest release: one that is intact but does not load stops the
    build (the checks do not report it; `protocol diff --from` would say the same)."""
    latest = project.latest
    if latest is not None and latest.protocol is None:
        raise ProtocolError(latest.error)


# What a previous build may hold: OUT is replaced only when it holds nothing else.
BUILD_SUFFIXES = (".docx", ".pdf")
BUILD_FOLDERS = ("site", TRAINING_FOLDER)
STALE_AFTER = 24 * 3600  # a staging folder this old is removed even if its process id is in use again


def check_out(root: Path, out: Path) -> None:
    """Refuse an output folder whose replacement would delete sources or other files (a usage error)."""
    r, o = Path(root).resolve(), Path(out).resolve()
    if o == r or o in r.parents:
        raise UsageError(f"--out {out}: that folder holds the sources; the output folder is replaced as a "
                         "whole, so give a folder of its own, e.g. --out build")
    for name in ("protocol_src", "scenarios", "releases"):
        if o.is_relative_to(r / name):
            raise UsageError(f"--out {out} is inside {name}/; give a folder of its own, e.g. --out build")
    if o.is_symlink() or (o.exists() and not o.is_dir()):
        raise UsageError(f"--out {out} is a file, not a folder; give a new folder or a previous build's folder")
    if o.is_dir():
        try:
            others = sorted(p.name for p in o.iterdir() if not _build_output(p))
        except OSError as exc:
            raise UsageError(f"cannot read the output folder {out}: {exc.strerror or exc}") from None
        if others:
            shown = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
            raise UsageError(f"--out {out} holds files that a build did not write ({shown}); the output folder "
                             "is replaced as a whole, so give a new folder or a previous build's folder")


def _build_output(path: Path) -> bool:
    name = path.name
    if name.startswith("."):
        return True  # e.g. .DS_Store
    if path.is_dir() and not path.is_symlink():
        return name in BUILD_FOLDERS
    return name.lower().endswith(BUILD_SUFFIXES) or name == "Thumbs.db"


def _staging_folder(out: Path) -> Path:
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        clean_stale_staging(out)
        return make_staging_dir(f".{out.name}.building-{os.getpid()}-", parent)
    except OSError as exc:
        raise UsageError(f"cannot write the output folder {out}: {exc.strerror or exc}") from None


def clean_stale_staging(out: Path) -> list[Path]:
    """Remove staging folders left by builds that were killed (their process is gone, or a day old)."""
    out = Path(out).resolve()
    removed = []
    now = time.time()
    prefix = f".{out.name}.building-"
    for path in out.parent.glob(glob.escape(prefix) + "*"):
        if not path.is_dir() or path.is_symlink():
            continue
        pid = path.name[len(prefix):].split("-", 1)[0]
        try:
            age = now - path.stat().st_mtime
        except OSError:
            continue
        if pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid)) and age < STALE_AFTER:
            continue  # another build into the same folder is running now
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # e.g. PermissionError: it exists, under another user
        return True
    return True


def _word(protocol: Protocol, staged: Path, result: BuildResult, want_pdf: bool) -> None:
    """The Word document, and with want_pdf its PDF, whose contents carry their measured page numbers (the
    .docx is the same with or without --pdf: Word fills its contents' page numbers when it updates them, and
    its redline then accepts and rejects to exactly the clean documents)."""
    path = staged / word_name(protocol)
    write_docx(protocol, path)
    result.outputs.append(path)
    if want_pdf:
        pdf = staged / pdf_name(protocol)
        made = pdf_writer.measured_pdf(lambda at, pages: write_docx(protocol, at, pages=pages), pdf)
        _noted(result, made, pdf)
        if made is not None:
            result.outputs.append(pdf)


def _agenda_pdf(latest: Comparison, staged: Path, result: BuildResult) -> None:
    """The redline as the agenda pack's PDF (numbers as text, marks as formatting)."""
    pdf = staged / agenda_pdf_name(latest.old, latest.new)
    made = write_agenda_pdf(latest, pdf)
    _noted(result, made, pdf)
    if made is not None:
        result.outputs.append(pdf)


def _noted(result: BuildResult, made, pdf: Path) -> None:
    """What a PDF lacks, in the build's notes: all of it (no LibreOffice), or its page numbers (no pdfinfo)."""
    if made is None:
        if pdf_writer.LO_MISSING not in result.notes:
            result.notes.append(pdf_writer.LO_MISSING)
    elif not made:
        result.notes.append(pdf_writer.PDFINFO_MISSING.format(name=pdf.name))


def _site(project: Project, latest: Comparison | None, staged: Path, result: BuildResult, offline: bool,
          packs: list[Path]) -> None:
    site_writer.write_site(project.draft, staged / "site", comparisons=compare_releases(project, latest),
                           downloads=list(result.outputs), offline=offline, training=packs)
    result.outputs.append(staged / "site")
