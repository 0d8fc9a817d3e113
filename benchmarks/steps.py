"""One measured step per function, run in a fresh process by benchmarks/run.py:

    python -m benchmarks.steps STEP ROOT OUT

ROOT is a generated source tree (benchmarks/generate.py), OUT a scratch folder.
Each step does what the command line does for that output, from reading the
sources to the files on disk, and nothing else. A step whose writer has not
landed yet exits with NOT_BUILT and says so, so the table shows "n/a".
The step prints one JSON line: {"seconds": in-process time, ...}.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# BENCH_CODE: another copy of the toolkit to measure (run.py --code), e.g. with a fix being tried
CODE = Path(os.environ.get("BENCH_CODE") or REPO)
sys.path.insert(0, str(CODE))

NOT_BUILT = 99  # exit status: the module this step needs is not in the toolkit yet
BASE_VERSION = "1.0"


class NotBuilt(Exception):
    pass


def _need(module: str, name: str):
    import importlib

    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        raise NotBuilt(f"{module}.{name}: {exc}") from None


def _load(root: Path):
    from builder.load import load_tree

    protocol, diags = load_tree(root)
    if diags.errors:
        raise SystemExit(f"the benchmark tree does not load: {diags.errors[0].format()}")
    return protocol


def _project(root: Path, releases: str = "checked"):
    """The project as a command loads it, and the comparison of its latest release with the draft."""
    from builder.project import compare_latest, load_project

    project = load_project(root, releases=releases)
    if project.diagnostics.errors:
        raise SystemExit(f"the benchmark tree does not load: {project.diagnostics.errors[0].format()}")
    return project, compare_latest(project)


# ---------------------------------------------------------------- steps

def step_check(root: Path, out: Path) -> dict:
    """`protocol check`: load every file and run every rule (release snapshots included)."""
    from builder.check import check_root

    _, diags = check_root(root)
    return {"errors": len(diags.errors), "warnings": len(diags.warnings)}


def step_word(root: Path, out: Path) -> dict:
    """The Word document: load the sources and write the .docx (what `protocol build` does for Word)."""
    write_docx = _need("builder.write.docx", "write_docx")
    from builder.filenames import word_name

    protocol = _load(root)
    out.mkdir(parents=True, exist_ok=True)
    path = out / word_name(protocol)
    write_docx(protocol, path)
    return {"bytes": path.stat().st_size}


def _site():
    _need("builder.write.site", "write_site")
    generate = _need("builder.write.site", "generate_docs")
    mkdocs = _need("builder.write.site", "run_mkdocs")
    return generate, mkdocs


def step_site(root: Path, out: Path) -> dict:
    """The website, our part: load the project, compare its releases and write the Markdown pages and assets
    mkdocs reads."""
    from builder.project import compare_releases

    generate, _ = _site()
    project, latest = _project(root, "all")
    generate(project.draft, out / "site-docs", comparisons=compare_releases(project, latest))
    return {}


def step_mkdocs(root: Path, out: Path) -> dict:
    """The website, mkdocs's part: its build of the pages we generate (timed alone, in-process).

    The sources are loaded and the pages generated first, untimed: mkdocs needs them.
    """
    from builder.project import compare_releases

    generate, mkdocs = _site()
    project, latest = _project(root, "all")
    docs = out / "mkdocs-docs"
    site = generate(project.draft, docs, comparisons=compare_releases(project, latest))
    t0 = time.perf_counter()
    mkdocs(project.draft, site, docs, out / "mkdocs-site")
    return {"seconds": time.perf_counter() - t0}


def step_redline(root: Path, out: Path) -> dict:
    """The redline and the schedule of amendments against release 1.0 (loads both versions, compares once)."""
    write = _need("builder.write.amendments", "write_amendments")
    _, latest = _project(root)
    out.mkdir(parents=True, exist_ok=True)
    paths = write(latest, out) if latest is not None else []
    return {"files": len(paths)}


def step_build(root: Path, out: Path) -> dict:
    """`protocol build`: check, Word, website (with mkdocs), redline and schedule, moved into place."""
    _need("builder.write.docx", "write_docx")
    _need("builder.write.site", "write_site")
    _need("builder.write.amendments", "write_amendments")
    from builder.build import build

    result = build(root, out / "build")
    return {"outputs": len(result.outputs)}


def step_build_nomkdocs(root: Path, out: Path) -> dict:
    """`protocol build` with mkdocs's own build left out: check, Word, site pages, redline and schedule."""
    _need("builder.write.docx", "write_docx")
    _need("builder.write.amendments", "write_amendments")
    _site()
    import builder.write.site as site

    site.run_mkdocs = lambda *args, **kw: None  # write_site calls it by name: everything else runs
    from builder.build import build

    result = build(root, out / "build")
    return {"outputs": len(result.outputs)}


def step_serve(root: Path, out: Path) -> dict:
    """`protocol serve` after one edit: from saving a paragraph to the rebuilt site (no browser).

    The server's rebuild is run once first (as when serve starts, untimed); then
    one paragraph's words change on disk and the same rebuild runs again. The
    server's file watcher polls every 0.5 s: add up to that for a person waiting.
    """
    _site()
    rebuild = _need("builder.commands.serve", "_Rebuild")
    import logging

    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    site_dir = out / "serve-site"
    site_dir.mkdir(parents=True, exist_ok=True)
    r = rebuild(root.resolve(), site_dir)
    r(first=True)
    section = sorted((root / "protocol_src").glob("s*.md"))[0]
    text = section.read_text(encoding="utf-8")
    marker = text.index("{#", text.index("\n---", 3) + 4)
    line_end = text.index("\n", marker)
    edited = text[:line_end] + " Edited for the benchmark." + text[line_end:]
    t0 = time.perf_counter()
    try:
        section.write_text(edited, encoding="utf-8")
        r()
        seconds = time.perf_counter() - t0
        page = site_dir / "protocol" / f"{section.stem}.html"  # the section's own page (not one whose name holds it)
        if "Edited for the benchmark." not in page.read_text(encoding="utf-8"):
            raise SystemExit(f"the edit did not reach the page {page}")
    finally:
        section.write_text(text, encoding="utf-8")
    return {"seconds": seconds}


IMPORT_INPUT = "import.docx"  # beside the tree: our own Word build of the draft (benchmarks/run.py writes it)


def step_import(root: Path, out: Path) -> dict:
    """`protocol import`: the draft's Word document read back into a new source tree, checked and compared."""
    _need("builder.read.docx_package", "read_docx")
    import contextlib
    import io
    import shutil

    from builder.cli import main

    source = root.parent / IMPORT_INPUT
    if not source.is_file():
        raise SystemExit(f"{source} is missing: benchmarks/run.py writes it before the import step")
    target = out / "imported"
    if target.exists():
        shutil.rmtree(target)
    report = io.StringIO()
    with contextlib.redirect_stdout(report):
        code = main(["import", str(source), "--out", str(target), "--format", "json"])
    found = json.loads(report.getvalue())
    if code != 0:
        raise SystemExit(f"import exited {code}: {len(found['numbers']['differ'])} numbers differ, "
                         f"{len(found['check'])} check findings")
    return {"paragraphs": found["counts"]["paragraphs"], "compared": found["numbers"]["compared"]}


STEPS = {
    "check": step_check,
    "word": step_word,
    "site": step_site,
    "mkdocs": step_mkdocs,
    "redline": step_redline,
    "build": step_build,
    "build-nomkdocs": step_build_nomkdocs,
    "serve": step_serve,
    "import": step_import,
}


def _process():
    """The console script's process settings (builder.process), when the measured toolkit has them."""
    try:
        import builder.process as process
    except ImportError:  # an older toolkit (run.py --code): the interpreter's defaults
        return None
    return process


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if len(argv) != 3 or argv[0] not in STEPS:
        print(f"usage: python -m benchmarks.steps {{{','.join(STEPS)}}} ROOT OUT", file=sys.stderr)
        return 2
    name, root, out = argv[0], Path(argv[1]), Path(argv[2])
    t0 = time.perf_counter()
    try:
        info = STEPS[name](root, out)
    except NotBuilt as exc:
        print(json.dumps({"not_built": str(exc)}))
        return NOT_BUILT
    info.setdefault("seconds", time.perf_counter() - t0)
    print(json.dumps(info))
    return 0


if __name__ == "__main__":
    process = _process()
    if process is None:
        sys.exit(main())
    process.tune_collector()  # as `protocol` itself runs: see builder/process.py
    process.leave(main())
