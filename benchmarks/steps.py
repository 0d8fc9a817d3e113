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
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

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
    from builder.load import load_root

    protocol, diags = load_root(root)
    if diags.errors:
        raise SystemExit(f"the benchmark tree does not load: {diags.errors[0].format()}")
    return protocol


# ---------------------------------------------------------------- steps

def step_check(root: Path, out: Path) -> dict:
    """`protocol check`: load every file and run every rule (release snapshots included)."""
    from builder.check import check_root

    _, diags = check_root(root)
    return {"errors": len(diags.errors), "warnings": len(diags.warnings)}


def step_word(root: Path, out: Path) -> dict:
    """The Word document: load the sources and write the .docx (what `protocol build` does for Word)."""
    write_docx = _need("builder.write.docx", "write_docx")
    from builder.outputs import word_name

    protocol = _load(root)
    out.mkdir(parents=True, exist_ok=True)
    path = out / word_name(protocol)
    write_docx(protocol, path)
    return {"bytes": path.stat().st_size}


def _site_api():
    """(generate, run_mkdocs): the site writer's two halves, whatever they are called."""
    mod = _need("builder.write.site", "write_site")  # noqa: F841 - proves the writer landed
    import builder.write.site as site

    generate = getattr(site, "generate_docs", None) or getattr(site, "write_docs", None)
    mkdocs = getattr(site, "run_mkdocs", None) or getattr(site, "mkdocs_build", None)
    if generate is None or mkdocs is None:
        raise NotBuilt("builder.write.site has no separate generation and mkdocs steps")
    return generate, mkdocs


def step_site(root: Path, out: Path) -> dict:
    """The website, our part: load the sources and write the mkdocs project (Markdown, config, assets)."""
    generate, _ = _site_api()
    protocol = _load(root)
    generate(protocol, out / "site-src", root=root)
    return {}


def step_mkdocs(root: Path, out: Path) -> dict:
    """The website, mkdocs's part: `mkdocs build` of the project that step_site wrote (prepared first, not timed)."""
    _, mkdocs = _site_api()
    project = out / "site-src"
    if not project.exists():
        raise SystemExit("run the site step first: the mkdocs step builds what it wrote")
    mkdocs(project, out / "site")
    return {}


def step_redline(root: Path, out: Path) -> dict:
    """The redline and the schedule of amendments against release 1.0 (loads both versions)."""
    write = _need("builder.diff.outputs", "write_amendment_outputs")
    protocol = _load(root)
    out.mkdir(parents=True, exist_ok=True)
    paths = write(root, protocol, out)
    return {"files": len(paths)}


def step_build(root: Path, out: Path) -> dict:
    """`protocol build`: check, Word, website (with mkdocs), redline and schedule, moved into place."""
    _need("builder.write.docx", "write_docx")
    _need("builder.write.site", "write_site")
    _need("builder.diff.outputs", "write_amendment_outputs")
    from builder.build import build

    result = build(root, out / "build")
    return {"outputs": len(result.outputs)}


def step_build_nomkdocs(root: Path, out: Path) -> dict:
    """`protocol build` with mkdocs's own work left out: everything of ours (check, Word, site generation, redline)."""
    _need("builder.write.docx", "write_docx")
    _need("builder.diff.outputs", "write_amendment_outputs")
    generate, _ = _site_api()
    import builder.write.site as site

    def ours_only(protocol, dest, root=None, offline=False, **kw):
        generate(protocol, Path(dest).with_name("site-src"), root=root)

    site.write_site = ours_only  # builder.build imports write_site from the module when it runs
    from builder.build import build

    result = build(root, out / "build")
    return {"outputs": len(result.outputs)}


def step_serve(root: Path, out: Path) -> dict:
    """`protocol serve` after one edit: time from saving a paragraph to its regenerated page (no browser).

    The server's state is warmed first (one full generation, not timed); then one
    paragraph's words change on disk and the site is regenerated as serve does.
    """
    refresh = _serve_refresher(root, out)
    section = sorted((root / "protocol_src").glob("s*.md"))[0]
    text = section.read_text(encoding="utf-8")
    marker = text.index("{#", text.index("\n---") + 4)
    line_end = text.index("\n", marker)
    edited = text[:line_end] + " Edited for the benchmark." + text[line_end:]
    t0 = time.perf_counter()
    section.write_text(edited, encoding="utf-8")
    try:
        page = refresh(section)
        seconds = time.perf_counter() - t0
    finally:
        section.write_text(text, encoding="utf-8")
    return {"seconds": seconds, "page": str(page)}


def _serve_refresher(root: Path, out: Path):
    """A function (changed file -> regenerated page) with the server's warm state already built."""
    import builder.write.site as site  # noqa: F401

    _need("builder.write.site", "write_site")
    serve = None
    try:
        import builder.serve as serve  # the serve command's engine, when it has one
    except ImportError:
        pass
    if serve is not None and hasattr(serve, "Refresher"):
        r = serve.Refresher(root, out / "serve")
        r.full()
        return r.changed
    generate, mkdocs = _site_api()
    from builder.check import check_root

    def full():
        protocol, diags = check_root(root)
        generate(protocol, out / "serve-src", root=root)
        mkdocs(out / "serve-src", out / "serve-site")
        return out / "serve-site"

    full()
    return lambda changed: full()


STEPS = {
    "check": step_check,
    "word": step_word,
    "site": step_site,
    "mkdocs": step_mkdocs,
    "redline": step_redline,
    "build": step_build,
    "build-nomkdocs": step_build_nomkdocs,
    "serve": step_serve,
}


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
    sys.exit(main())
