"""How long `protocol build` takes to write the training packs: the shipped sessions, and ten sessions on a
generated protocol-size (and, on request, Constitution-size) tree.

    python -m benchmarks.training                       # shipped and protocol sizes, 3 runs each
    python -m benchmarks.training --sizes protocol,constitution --repeat 1

For each tree it prints the time to load the project (once, as the build does), then the median time to write
every session's facilitator guide, handout and slides (builder.write.training.write_training), per session and
per kind of file, and the bytes written. A generated tree has no sessions of its own: ten are written into its
protocol_src/sessions.yaml (seeded), each with four key points citing paragraphs of the tree, three scenarios,
a six-item agenda and three quiz questions, the shape of the shipped ones. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SESSIONS = 10


def synthetic_sessions(draft, seed: int = 1) -> str:
    """A sessions.yaml for a generated tree: SESSIONS sessions citing its paragraphs and scenarios."""
    rng = random.Random(seed)
    paragraphs = [p.id for p in draft.paragraphs()]
    scenarios = [sc.id for sc in draft.scenarios]
    lines = ["sessions:"]
    for n in range(1, SESSIONS + 1):
        lines += [f"  - id: session-{n}", f"    title: Benchmark session {n} on the protocol",
                  "    audience: [everyone]", "    length: 60",
                  "    aims:", "      - Say what the protocol expects of you", "      - Use the worked examples",
                  f"    sections: [{draft.sections[n % len(draft.sections)].id}]",
                  f"    scenarios: [{', '.join(rng.sample(scenarios, min(3, len(scenarios))))}]", "    key_points:"]
        for k in range(4):
            cites = ", ".join(rng.sample(paragraphs, 2))
            lines += [f"      - point: Key point {k + 1} of the session, said in one plain sentence",
                      f"        cites: [{cites}]",
                      f"        notes: Ask the room what this means for them, then read [[{cites.split(', ')[0]}]]."]
        lines += ["    agenda:"]
        for minutes, item in ((5, "Welcome and aims"), (10, "The key points"), (15, "The first example"),
                              (15, "The second example"), (10, "The third example"), (5, "Quiz and close")):
            lines += [f"      - minutes: {minutes}", f"        item: {item}", "        notes: Keep to time."]
        lines += ["    quiz:"]
        for q in range(3):
            cited = rng.choice(paragraphs)
            lines += [f"      - question: Which paragraph answers question {q + 1}?", f"        right: Paragraph {cited}",
                      "        wrong:", "          - Another paragraph", "          - No paragraph at all",
                      f"        why: The answer is in [[{cited}]].", f"        cites: [{cited}]"]
        lines += [f'    reviewed_against: "{draft.meta.version}"']
    return "\n".join(lines) + "\n"


def tree_for(size: str, work: Path) -> Path:
    if size == "shipped":
        root = work / "shipped"
        for name in ("protocol_src", "scenarios", "releases"):
            shutil.copytree(REPO / name, root / name)
        return root
    from benchmarks.generate import generate
    from builder.load import load_tree

    root = generate(work, size) / "tree"
    draft, _ = load_tree(root)
    (root / "protocol_src" / "sessions.yaml").write_text(synthetic_sessions(draft), encoding="utf-8")
    return root


def measure(size: str, work: Path, repeat: int) -> dict:
    from builder.check import check
    from builder.filenames import training_name
    from builder.project import compare_latest, load_project
    from builder.write import training

    root = tree_for(size, work)
    started = time.perf_counter()
    project = load_project(root)
    load_s = time.perf_counter() - started
    problems = [d for d in check(project, compare_latest(project)).sorted() if d.code.startswith("P")]
    draft = project.draft
    runs, kinds = [], {kind: [] for kind, _ in training.WRITERS}
    written = 0
    for _ in range(repeat):
        out = Path(tempfile.mkdtemp(dir=work))
        started = time.perf_counter()
        files = training.write_training(draft, out)
        runs.append(time.perf_counter() - started)
        written = sum(p.stat().st_size for p in files)
        packs = training.packs(draft)  # each kind alone, on the same packs
        for kind, write in training.WRITERS:
            started = time.perf_counter()
            for p in packs:
                write(p, out / p.id / training_name(draft, p.id, kind))
            kinds[kind].append(time.perf_counter() - started)
        shutil.rmtree(out)
    paragraphs = len(draft.paragraphs())
    return {"size": size, "paragraphs": paragraphs, "sessions": len(draft.sessions), "load": load_s,
            "packs": statistics.median(runs), "kinds": {k: statistics.median(v) for k, v in kinds.items()},
            "bytes": written, "problems": len(problems)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="shipped,protocol", help="shipped, tiny, protocol, constitution")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-training-") as tmp:
        for size in [s.strip() for s in args.sizes.split(",") if s.strip()]:
            rows.append(measure(size, Path(tmp) / size, args.repeat))
    print(f"Training packs (median of {args.repeat}; seconds)")
    print("| tree | paragraphs | sessions | load project | all packs | per session | guides | handouts | slides "
          "| written | P-rule findings |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        per = r["packs"] / r["sessions"] if r["sessions"] else 0.0
        k = r["kinds"]
        print(f"| {r['size']} | {r['paragraphs']:,} | {r['sessions']} | {r['load']:.2f} | {r['packs']:.2f} | "
              f"{per:.3f} | {k['guide']:.2f} | {k['handout']:.2f} | {k['slides']:.2f} | "
              f"{r['bytes'] / 1024 / 1024:.1f} MB | {r['problems']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
