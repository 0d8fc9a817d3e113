"""protocol new scenario "Title": create a worked-scenario file from the template, ready to fill in."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

from ..errors import ProtocolError, UsageError
from . import add_root, root_of

CREATABLE = ("scenario",)  # what `protocol new` can create (the argument keeps its name: "argument kind")
TEMPLATE = Path(__file__).resolve().parents[1] / "data" / "scenario_template.md"
_OLD_ID = re.compile(r"\{#([a-z0-9]+(?:-[a-z0-9]+)*)")


def register(sub) -> None:
    p = sub.add_parser("new", help='create a file from a template: protocol new scenario "Title"',
                       description="Create scenarios/<id>.md from the template, with a fresh id made from the "
                                   "title, reviewed_against set to the current version, and the seven parts "
                                   "ready to fill in. An existing file is never overwritten.")
    p.add_argument("kind", choices=CREATABLE, help="what to create (only 'scenario' for now)")
    p.add_argument("title", help="the scenario's title, in quotes")
    p.add_argument("--id", metavar="ID", help="use this id (and file name) instead of one made from the title")
    add_root(p)
    p.set_defaults(run=run)


def taken_ids(root: Path) -> set[str]:
    """Every id in use now or in any release (ids are never reused), and every file name in scenarios/."""
    from ..load import SCENARIOS, load_tree
    from ..model import all_ids

    protocol, _ = load_tree(root)
    taken = {i for i, _, _ in all_ids(protocol)}
    folder = root / SCENARIOS
    if folder.is_dir():
        taken |= {p.stem.lower() for p in folder.iterdir()}
    releases = root / "releases"
    if releases.is_dir():
        for path in releases.glob("*/scenarios/*.md"):
            taken.add(path.stem)
        for path in releases.glob("*/protocol_src/*.md"):
            taken.add(path.stem)
            try:
                taken |= set(_OLD_ID.findall(path.read_text(encoding="utf-8", errors="replace")))
            except OSError:
                pass
    return taken


def run(args) -> int:
    from ..load import SCENARIOS, load_tree
    from ..load.inlines import id_problem, valid_id

    root = root_of(args)
    title = " ".join(args.title.split())
    if not title:
        raise UsageError("the title is empty; give one in quotes, e.g. protocol new scenario \"The leaked report\"")
    if any(ord(c) < 32 for c in args.title.replace("\n", " ").replace("\t", " ")) or len(title) > 200:
        raise UsageError("the title must be one line of plain text, at most 200 characters")
    protocol, _ = load_tree(root)
    version = protocol.meta.version
    if not version:
        raise ProtocolError("protocol_src/protocol.yaml has no valid 'version:'; run 'protocol check' and fix it first")
    taken = taken_ids(root)
    if args.id is not None:
        if not valid_id(args.id):
            raise UsageError(f"--id {args.id!r} is malformed: {id_problem(args.id)}")
        if args.id in taken:
            raise UsageError(f"--id {args.id!r} is already used (ids are never reused); choose another")
        sid = args.id
    else:
        sid = _fresh(title, taken)
    folder = root / SCENARIOS
    if folder.exists() and not folder.is_dir():
        raise ProtocolError(f"{SCENARIOS} is a file, not a folder; move it aside so the scenario can be written")
    try:
        folder.mkdir(exist_ok=True)
    except OSError as exc:
        raise ProtocolError(f"cannot make the folder {SCENARIOS}/: {exc.strerror or exc}") from None
    path = folder / f"{sid}.md"
    template = TEMPLATE.read_text(encoding="utf-8")
    text = string.Template(template).safe_substitute(title=json.dumps(title, ensure_ascii=False), version=version)
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as fh:  # 'x': never overwrite
            fh.write(text)
    except FileExistsError:
        raise ProtocolError(f"{SCENARIOS}/{sid}.md already exists; nothing was written") from None
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise ProtocolError(f"cannot write {SCENARIOS}/{sid}.md: {exc.strerror or exc}") from None
    print(f"created {SCENARIOS}/{sid}.md (id {sid!r}, reviewed against version {version})")
    print("next: fill in audience, areas, principles, cites and the seven parts, then run 'protocol check'")
    return 0


def _fresh(title: str, taken: set[str]) -> str:
    from ..load.inlines import MAX_ID
    from ..slug import STOP_WORDS, slug

    base = slug(title, fallback="scenario", max_words=5, max_len=MAX_ID - 4, stop_words=STOP_WORDS)
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
