"""How well the website's search answers questions: prints figures, asserts nothing (see tests/ for that).

    python -m benchmarks.search [--site DIR] [--questions FILE]

Builds the site from this tree (or reads a built one with --site), runs
mkdocs-material's own search worker on its search/search_index.json in Node,
renders the result list as the theme does, and prints for each question where
the first result that answers it stands among the results shown with their text
(a quick answer, paragraph or scenario whose id the question lists), how many
results matched, and totals: answered first, answered in the first three.
"""
from __future__ import annotations

import argparse
import glob
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[1]
HARNESS = Path(__file__).with_name("search_worker.js")
TUNING = Path(__file__).with_name("search_questions_tuning.yaml")


def worker() -> str:
    import material

    found = glob.glob(str(Path(material.__file__).parent / "templates/assets/javascripts/workers/search.*.min.js"))
    return found[0]


def build_site(out: Path) -> Path:
    from builder.project import compare_latest, compare_releases, load_project
    from builder.write.site import write_site

    project = load_project(REPO, releases="all")
    write_site(project.draft, out, comparisons=compare_releases(project, compare_latest(project)))
    return out


def ids_of(location: str) -> set[str]:
    """The ids a result stands for: ?at=id, the #anchor, or the page's own name (scenarios)."""
    parts = urlsplit(location)
    found = set(parse_qs(parts.query).get("at", []))
    if parts.fragment:
        found.add(parts.fragment)
    found.add(Path(parts.path).stem)
    return found


def shown_with_text(groups: list[dict]) -> list[dict]:
    return [v for g in groups for v in g["visible"] if v["teaser"]]


def run(site: Path, questions: list[dict]) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump([q["q"] for q in questions], f)
    node = shutil.which("node")
    if node is None:
        raise SystemExit("benchmarks/search.py needs Node.js (node), which npm installs: apt-get install nodejs")
    proc = subprocess.run([node, str(HARNESS), worker(), str(site / "search" / "search_index.json"), f.name],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def report(questions: list[dict], results: list[dict]) -> tuple[int, int]:
    first = top3 = 0
    for q, r in zip(questions, results):
        shown = shown_with_text(r["groups"])
        rank = next((i + 1 for i, v in enumerate(shown) if ids_of(v["location"]) & set(q["ids"])), None)
        first += rank == 1
        top3 += rank is not None and rank <= 3
        head = " | ".join(v["title"].replace("<mark>", "").replace("</mark>", "")[:40] for v in shown[:3])
        print(f"{rank or '-':>3} {r['count']:>4}  {q['q'][:52]:<52}  {head}")
    return first, top3


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build this tree's site)")
    parser.add_argument("--questions", type=Path, default=TUNING)
    args = parser.parse_args(argv)
    questions = yaml.safe_load(args.questions.read_text(encoding="utf-8"))["questions"]
    tmp = None
    site = args.site
    if site is None:
        tmp = Path(tempfile.mkdtemp(prefix="search-bench-"))
        site = build_site(tmp / "site")
    try:
        results = run(site, questions)
        documents = len(json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"])
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print("rank matched  question  (first three results shown with their text)")
    first, top3 = report(questions, results)
    n = len(questions)
    matched = sum(r["count"] for r in results) / n
    print(f"\nanswered by the first result: {first}/{n}; among the first three: {top3}/{n}; "
          f"results per question: {matched:.1f} (of {documents} documents)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
