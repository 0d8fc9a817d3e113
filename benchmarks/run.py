"""Benchmarks at protocol and Constitution scale, side by side with pandoc and python-redlines.

    python -m benchmarks.run [--sizes tiny,protocol,constitution,shipped-x25] [--repeat N]
                             [--cap SECONDS] [--skip-external] [--work DIR]

For each size it generates the synthetic tree (benchmarks/generate.py), then runs
every step (benchmarks/steps.py) in a fresh Python process and measures the
process's wall time (median of N runs) and peak resident memory (the largest
of the runs, from the kernel's rusage for that process and its children). In the
same run, on the same text: pandoc converts the equivalent Markdown to .docx,
and python-redlines' Docxodus engine compares the old and new clean .docx files
(our own Word builds of release 1.0 and the draft), stopped after --cap seconds.
It prints one Markdown table and writes WORK/results.json. The toolkit is compiled to
bytecode first (untimed, cached under WORK/pycache), as a user's installed copy is
after its first run.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from benchmarks import generate as gen  # noqa: E402
from benchmarks.steps import IMPORT_INPUT, NOT_BUILT  # noqa: E402

STEPS = [  # (step, label, the reference it is compared with)
    ("check", "protocol check", ""),
    ("word", "Word document", "pandoc"),
    ("site", "website: our generation", ""),
    ("mkdocs", "website: mkdocs build", ""),
    ("redline", "redline + schedule", "redlines"),
    ("build", "full protocol build", ""),
    ("build-nomkdocs", "full build less mkdocs", ""),
    ("serve", "serve refresh after one edit", ""),
    ("import", "protocol import: Word to sources", ""),
]
REFERENCES = {
    "pandoc": "pandoc: Markdown to .docx",
    "redlines": "python-redlines (Docxodus): compare .docx",
}
IN_PROCESS = {"serve", "mkdocs"}
DEFAULT_REPEAT = {"tiny": 1, "protocol": 5, "constitution": 3, "shipped-x25": 3}


@dataclass
class Measure:
    status: str = "ok"  # ok | n/a | failed | over
    note: str = ""
    seconds: list[float] = field(default_factory=list)
    peak_kb: int = 0
    cpu: list[float] = field(default_factory=list)  # user + system seconds of the process and its children

    @property
    def wall(self) -> float | None:
        return statistics.median(self.seconds) if self.seconds else None


# ---------------------------------------------------------------- running one process

def run_process(cmd: list[str], cap: float | None = None, cwd: Path | None = None,
                env: dict | None = None) -> tuple[int | None, float, int, str, float]:
    """(exit status or None when stopped at the cap, wall seconds, peak RSS in KB, output, CPU seconds)."""
    with tempfile.TemporaryFile("w+") as log:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=cwd, env=env,
                                start_new_session=True)
        stopped = threading.Event()

        def stop():
            stopped.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the process group this call started, nothing else
            except ProcessLookupError:
                pass

        timer = threading.Timer(cap, stop) if cap else None
        if timer:
            timer.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        if timer:
            timer.cancel()
        proc.returncode = os.waitstatus_to_exitcode(status)
        log.seek(0)
        output = log.read()
    # ru_maxrss is in KB on Linux and covers the process's waited-for children too
    return ((None if stopped.is_set() else proc.returncode), wall, usage.ru_maxrss, output,
            usage.ru_utime + usage.ru_stime)


def step_env(work: Path, code_dir: Path | None) -> dict:
    """The environment of a measured step: Python's compiled modules cached under WORK/pycache, as they are on a
    user's machine after the first run (Python writes them unless told not to; a machine that sets
    PYTHONDONTWRITEBYTECODE would otherwise make every measured process compile the toolkit first)."""
    env = dict(os.environ, PYTHONPYCACHEPREFIX=str(work / "pycache"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code_dir:
        env["BENCH_CODE"] = str(code_dir)
    return env


def compile_code(work: Path, code_dir: Path | None) -> None:
    """Compile the toolkit and the benchmark steps once, untimed, into the cache step_env names."""
    env = step_env(work, code_dir)
    for folder in ((code_dir or REPO) / "builder", REPO / "benchmarks"):
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(folder)], env=env, check=True,
                       stdout=subprocess.DEVNULL)


def measure_step(step: str, root: Path, out: Path, repeat: int, code_dir: Path | None = None) -> Measure:
    m = Measure()
    env = step_env(root.parent.parent, code_dir)
    for _ in range(repeat):
        code, wall, kb, output, cpu = run_process(
            [sys.executable, "-m", "benchmarks.steps", step, str(root), str(out)], cwd=REPO, env=env)
        info = _last_json(output)
        if code == NOT_BUILT:
            return Measure("n/a", "not built yet")
        if code != 0:
            return Measure("failed", output.strip().splitlines()[-1][:120] if output.strip() else f"exit {code}")
        # serve and mkdocs are timed in-process: the server is already running when the author
        # saves; mkdocs's build needs our pages first
        m.seconds.append(info["seconds"] if step in IN_PROCESS else wall)
        if step not in IN_PROCESS:  # the process's CPU time would include the untimed preparation
            m.cpu.append(cpu)
        m.peak_kb = max(m.peak_kb, kb)
    return m


def _last_json(output: str) -> dict:
    for line in reversed(output.strip().splitlines()):
        if line.startswith("{"):
            try:
                return json.loads(line)
            except ValueError:
                break
    return {}


# ---------------------------------------------------------------- references

def measure_pandoc(base: Path, out: Path, repeat: int) -> Measure:
    pandoc = shutil.which("pandoc")
    if not pandoc:
        return Measure("n/a", "pandoc is not installed")
    m = Measure()
    for _ in range(repeat):
        code, wall, kb, output, cpu = run_process([pandoc, str(base / "new.md"), "-o", str(out / "pandoc.docx")])
        if code != 0:
            return Measure("failed", output.strip()[-120:])
        m.seconds.append(wall)
        m.cpu.append(cpu)
        m.peak_kb = max(m.peak_kb, kb)
    m.note = _pandoc_version(pandoc)
    return m


def _pandoc_version(pandoc: str) -> str:
    try:
        return subprocess.run([pandoc, "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    except OSError:
        return ""


REDLINES = """
import sys
from python_redlines.engines import DocxodusEngine
engine = DocxodusEngine()
data, _, _ = engine.run_redline("Benchmark", sys.argv[1], sys.argv[2])
open(sys.argv[3], "wb").write(data)
"""


def measure_redlines(base: Path, out: Path, repeat: int, cap: float) -> Measure:
    old, new = base / "old.docx", base / "new.docx"
    if not (old.exists() and new.exists()):
        return Measure("n/a", "no clean .docx to compare (the Word writer is not built yet)")
    probe = subprocess.run([sys.executable, "-c", "import python_redlines.engines as e; e.DocxodusEngine()"],
                           capture_output=True, text=True)
    if probe.returncode != 0:
        last = (probe.stderr.strip().splitlines() or ["?"])[-1]
        return Measure("n/a", f"python-redlines or its engine is not usable here: {last[:100]}")
    m = Measure()
    for _ in range(repeat):
        code, wall, kb, output, cpu = run_process([sys.executable, "-c", REDLINES, str(old), str(new),
                                                   str(out / "python-redlines.docx")], cap=cap)
        if code is None:  # stopped: the engine's own memory is not reported for a killed process tree
            return Measure("over", f"over {cap:g} s", [wall])
        if code != 0:
            return Measure("failed", output.strip().splitlines()[-1][:120] if output.strip() else f"exit {code}")
        m.peak_kb = max(m.peak_kb, kb)
        m.seconds.append(wall)
        m.cpu.append(cpu)
    return m


def prepare_import(root: Path, base: Path) -> str:
    """The import step's input: our Word build of the draft, written beside the tree (not timed)."""
    code = (
        "import sys; from pathlib import Path\n"
        "from builder.write.docx import write_docx\n"
        "from builder.load import load_tree\n"
        "write_docx(load_tree(Path(sys.argv[1]))[0], Path(sys.argv[2]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(root), str(base / IMPORT_INPUT)], cwd=REPO,
                          capture_output=True, text=True)
    return "" if proc.returncode == 0 else (proc.stderr.strip().splitlines() or ["?"])[-1]


def prepare_docx(root: Path, base: Path) -> str:
    """Our clean Word builds of release 1.0 and the draft: python-redlines' inputs (not timed)."""
    code = (
        "import sys; from pathlib import Path\n"
        "from builder.write.docx import write_docx\n"
        "from builder.load import load_tree\n"
        "from builder.snapshots import load_release\n"
        "root, base = Path(sys.argv[1]), Path(sys.argv[2])\n"
        "write_docx(load_release(root, '1.0'), base / 'old.docx')\n"
        "write_docx(load_tree(root)[0], base / 'new.docx')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(root), str(base)], cwd=REPO, capture_output=True, text=True)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["?"])[-1]
        return "the Word writer is not built yet" if "write_docx" in last and "Error" in last else last
    return ""


# ---------------------------------------------------------------- the table

def _fmt_s(m: Measure | None) -> str:
    if m is None:
        return ""
    if m.status == "n/a":
        return f"n/a ({m.note})"
    if m.status == "over":
        return m.note
    if m.status == "failed":
        return f"failed: {m.note}"
    return f"{m.wall:.2f}"


def _fmt_cpu(m: Measure | None) -> str:
    return f"{statistics.median(m.cpu):.2f}" if m and m.cpu and m.status == "ok" else ""


def _fmt_mb(m: Measure | None) -> str:
    return f"{m.peak_kb / 1024:.0f}" if m and m.peak_kb and m.status in ("ok", "over") else ""


def table(results: dict) -> str:
    sizes = list(results)
    head = ("| step | size | wall s | cpu s | peak MB | × protocol size | compared with | their s | their MB "
            "| ours ÷ theirs |\n"
            "| --- | --- | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |")
    lines = [head]
    for step, label, ref in STEPS:
        for size in sizes:
            r = results[size]
            m = r["steps"][step]
            grow = ""
            if size == "constitution" and "protocol" in results:
                p = results["protocol"]["steps"][step]
                if m.wall and p.wall and m.status == p.status == "ok":
                    grow = f"{m.wall / p.wall:.1f}×"
            theirs = r["refs"].get(ref) if ref else None
            ratio = ""
            if theirs is not None and m.status == "ok" and theirs.wall:
                prefix = "< " if theirs.status == "over" else ""
                ratio = f"{prefix}{m.wall / theirs.wall:.2f}"
            lines.append(f"| {label} | {size} | {_fmt_s(m)} | {_fmt_cpu(m)} | {_fmt_mb(m)} | {grow} | "
                         f"{REFERENCES[ref] if ref else ''} | {_fmt_s(theirs)} | {_fmt_mb(theirs)} | {ratio} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} CPUs ({cpu}), Python {platform.python_version()}, {platform.system()} {platform.release()}"


def _load() -> str:
    try:
        return " ".join(f"{x:.1f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# ---------------------------------------------------------------- main

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="protocol,constitution",
                    help="comma-separated: tiny, protocol, constitution, shipped-x25")
    ap.add_argument("--repeat", type=int, default=0, help="runs per step (default: 1 tiny, 5 protocol, 3 constitution)")
    ap.add_argument("--cap", type=float, default=120.0, help="time cap for python-redlines, seconds (default 120)")
    ap.add_argument("--skip-external", action="store_true", help="do not run pandoc or python-redlines")
    ap.add_argument("--work", default="", help="scratch folder (default: a temporary folder, removed after)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--code", default="", metavar="DIR",
                    help="measure the builder package in DIR instead of this checkout's (to try a fix)")
    ap.add_argument("--steps", default="", help="only these steps (comma-separated), e.g. check,word")
    args = ap.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    for s in sizes:
        if s not in gen.NAMES:
            ap.error(f"unknown size {s!r}: use {', '.join(gen.NAMES)}")
    only = {s for s in args.steps.split(",") if s}
    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="protocol-bench-"))
    started_load = _load()
    try:
        compile_code(work, Path(args.code).resolve() if args.code else None)
        results = {}
        for size in sizes:
            results[size] = run_size(size, work, args, only)
        print()
        print(f"Machine: {machine()}; load average {started_load} at the start, {_load()} at the end")
        for size in sizes:
            st = results[size]["stats"]
            print(f"{size}: {st['new_words']:,} words, {st['new_paragraphs']:,} paragraphs, "
                  f"{st['new_scenarios']} scenarios; amended: {len(st['reworded'])} reworded, "
                  f"{len(st['inserted'])} inserted, {len(st['deleted'])} deleted, section {st['moved_section']} moved")
        if "protocol" in results and "constitution" in results:
            a, b = results["protocol"]["stats"], results["constitution"]["stats"]
            print(f"constitution / protocol: paragraphs ×{b['new_paragraphs'] / a['new_paragraphs']:.1f}, "
                  f"words ×{b['new_words'] / a['new_words']:.1f}")
        print()
        print(table(results))
        (work / "results.json").write_text(json.dumps(
            {size: {"stats": r["stats"], "steps": {k: asdict(v) for k, v in r["steps"].items()},
                    "refs": {k: asdict(v) for k, v in r["refs"].items()}} for size, r in results.items()},
            indent=1), encoding="utf-8")
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def run_size(size: str, work: Path, args, only: set[str]) -> dict:
    repeat = args.repeat or DEFAULT_REPEAT[size]
    print(f"[{size}] generating …", file=sys.stderr, flush=True)
    base = gen.generate(work, size, args.seed)
    stats = json.loads((base / "stats.json").read_text(encoding="utf-8"))
    root, out = base / "tree", base / "out"
    out.mkdir(exist_ok=True)
    steps: dict[str, Measure] = {}
    for step, label, _ in STEPS:
        if only and step not in only:
            steps[step] = Measure("n/a", "not run")
            continue
        if step == "import" and prepare_import(root, base):
            steps[step] = Measure("n/a", f"no .docx to import: {prepare_import(root, base)[:80]}")
            continue
        print(f"[{size}] {label} …", file=sys.stderr, flush=True)
        steps[step] = measure_step(step, root, out, repeat, Path(args.code).resolve() if args.code else None)
    refs: dict[str, Measure] = {}
    if args.skip_external:
        refs = {"pandoc": Measure("n/a", "skipped"), "redlines": Measure("n/a", "skipped")}
    else:
        print(f"[{size}] pandoc …", file=sys.stderr, flush=True)
        refs["pandoc"] = measure_pandoc(base, out, repeat)
        problem = prepare_docx(root, base)
        print(f"[{size}] python-redlines …", file=sys.stderr, flush=True)
        refs["redlines"] = (measure_redlines(base, out, min(repeat, 3), args.cap) if not problem
                            else Measure("n/a", f"no clean .docx: {problem[:80]}"))
    return {"stats": stats, "steps": steps, "refs": refs}


if __name__ == "__main__":
    sys.exit(main())
