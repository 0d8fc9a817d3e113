"""`protocol build`: check, then every output from the one model, moved into place at the end.

The pipeline reads in order: load and check; Word document; website; redline
and schedule against the latest release. Everything is written to a temporary
folder beside OUT and moved into place only when complete, so a failed or
interrupted build leaves the previous outputs untouched.
"""
from __future__ import annotations

import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import replace_dir
from .check import check_root
from .diagnostics import Diagnostic
from .errors import ProtocolError, UsageError
from .model import Protocol
from .outputs import pdf_name, word_name


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
    protocol, diags = check_root(root)
    items = diags.sorted()
    if any(d.severity == "error" for d in items):
        raise SourceProblems(items)
    result = BuildResult(protocol, items)
    staged = _staging_folder(out)
    try:
        _word(protocol, staged, result, pdf)
        if site:
            _site(root, protocol, staged, result, offline)
        _amendments(root, protocol, staged, result, author)
        replace_dir(staged, out)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    result.outputs = [out / p.relative_to(staged) for p in result.outputs]
    return result


def _staging_folder(out: Path) -> Path:
    parent = out.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=f".{out.name}.building-", dir=parent))
    except OSError as exc:
        raise UsageError(f"cannot write the output folder {out}: {exc.strerror or exc}") from None


def _word(protocol: Protocol, staged: Path, result: BuildResult, pdf: bool) -> None:
    from .write.docx import write_docx

    path = staged / word_name(protocol)
    write_docx(protocol, path)
    result.outputs.append(path)
    if pdf:
        from .write.pdf import docx_to_pdf

        made = docx_to_pdf(path, staged / pdf_name(protocol))
        if made:
            result.outputs.append(made)
        else:
            result.notes.append("PDF not written: LibreOffice (soffice) is not installed. "
                                "Install it (Debian: apt-get install libreoffice-writer) and build again with --pdf.")


def _site(root: Path, protocol: Protocol, staged: Path, result: BuildResult, offline: bool) -> None:
    from .write.site import write_site

    write_site(protocol, staged / "site", root=root, offline=offline)
    result.outputs.append(staged / "site")


def _amendments(root: Path, protocol: Protocol, staged: Path, result: BuildResult, author: str | None) -> None:
    try:
        from .diff.outputs import write_amendment_outputs
    except ImportError:  # the releases work has not landed yet
        return
    result.outputs.extend(write_amendment_outputs(root, protocol, staged, author=author))
