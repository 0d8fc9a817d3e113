"""protocol import FILE.docx --out DIR: a new source tree made from a protocol kept in Word.

Reads the document as untrusted input (builder.read.archive), recognises its sections, paragraphs,
sub-items, sub-headings, glossary and cross-references (builder.read), writes protocol_src/ and an empty
scenarios/ into a hidden folder beside DIR, checks that tree as `protocol check` would, compares its
numbers with the document's, and only then moves it to DIR. Exit 0: imported, checked clean and every
number reproduced; 1: imported, but the check found errors or some numbers differ (all listed); 2: the
file cannot be imported or DIR is not a new or empty folder (nothing written).
"""
from __future__ import annotations

import gc
import os
import shutil
from contextlib import contextmanager
from pathlib import Path

from ..atomic import describe_os_error
from ..errors import ProtocolError, UsageError
from . import read_document

VOCABULARY = Path(__file__).resolve().parents[1] / "data" / "import_vocabulary.yaml"


def register(sub) -> None:
    p = sub.add_parser("import", help="make a new source tree from a protocol kept in Word (.docx)",
                       description="Read FILE.docx, write protocol_src/ (settings, one file per section, glossary) "
                                   "and an empty scenarios/ into DIR, check them, and report the numbers that "
                                   "differ from the document's and every place the import was unsure.")
    p.add_argument("file", metavar="FILE.docx", help="the Word document to import")
    p.add_argument("--out", required=True, metavar="DIR", help="the folder to create (it must not exist, or be empty)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="the report for people or for tools")
    p.set_defaults(run=run)


def run(args) -> int:
    from ..read.docx_package import read_docx  # lxml, which no other command needs
    from ..read.structure import recognise

    source, out = _source(args.file), _out(args.out)
    with _collector_paused() as made:
        draft = recognise(read_docx(_read(source), source.name))
        made()
        return _write(args, source, out, draft)


def _write(args, source: Path, out: Path, draft) -> int:
    from ..check import check_root
    from ..read import report
    from ..read.crossrefs import resolve
    from ..read.ids import assign
    from ..read.protocol import protocol_of
    from ..read.verify import compare_numbers
    from ..write.sources import place, source_files, stage

    assign(draft)
    resolve(draft)
    files = source_files(protocol_of(draft), VOCABULARY.read_text(encoding="utf-8"), source.name)
    try:
        staged = stage(files, out)
    except OSError as exc:
        raise ProtocolError(f"cannot write beside {out}: {describe_os_error(exc)}; nothing was written") from None
    try:
        built, diags = check_root(staged)
        compared, differ = compare_numbers(draft, built)
        place(staged, out)
    except BaseException as exc:
        shutil.rmtree(staged, ignore_errors=True)
        if isinstance(exc, OSError):
            raise ProtocolError(f"cannot write {out}: {describe_os_error(exc)}; nothing was written") from None
        raise
    items = diags.sorted()
    shown = report.as_json if args.format == "json" else report.text
    print(shown(draft, str(args.out).rstrip("/"), compared, differ, items))
    return 1 if differ or any(d.severity == "error" for d in items) else 0


@contextmanager
def _collector_paused():
    """Reading a Constitution-size document makes about a million small objects, all kept to the end of the
    command and none in a reference cycle: the cyclic garbage collector finds nothing in them, yet scanning
    them cost about 0.1 s. It is paused while they are made, and `made()` moves them out of its sight
    (gc.freeze) before it starts again; both are undone when the command ends (the tests run commands in one
    interpreter). Left alone when the caller has paused or frozen it already."""
    if not gc.isenabled() or gc.get_freeze_count():
        yield lambda: None
        return
    gc.disable()

    def made() -> None:
        gc.freeze()
        gc.enable()
    try:
        yield made
    finally:
        gc.unfreeze()
        gc.enable()


def _source(name: str) -> Path:
    path = Path(name)
    if not path.exists():
        raise UsageError(f"{name}: no such file")
    if not path.is_file():
        raise UsageError(f"{name} is not a file; give the Word document (.docx) to import")
    return path


def _out(name: str) -> Path:
    out = Path(os.path.abspath(name))  # "." and "x/.." become real names: the staging folder goes beside them
    if out == Path.cwd():
        raise UsageError(f"--out {name} is the current folder; give a new folder for the imported sources")
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise UsageError(f"--out {name} is a file; give a new folder for the imported sources")
    if out.is_dir() and any(out.iterdir()):
        raise UsageError(f"--out {name} is not empty; give a new or empty folder (the import never writes "
                         "over files)")
    parent = out.parent
    if not parent.is_dir():
        raise UsageError(f"--out {name}: the folder {parent} does not exist")
    return out


def _read(path: Path) -> bytes:
    return read_document(path, "a .docx that large is not imported.\n"
                         "    hint: save a copy without its images and try again.")
