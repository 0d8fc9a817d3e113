"""Seeded generator of synthetic protocol source trees, for the benchmarks.

    python -m benchmarks.generate --size protocol --out DIR

writes, under OUT/<size>/:

    tree/                    a source root in our own format (docs/authoring.md):
      protocol_src/          the amended twin: the working draft, version 1.1
      scenarios/
      releases/1.0/          the original, frozen as release 1.0 (with MANIFEST.sha256)
    old.md, new.md           the same text as plain Markdown with typed numbers (for pandoc)
    stats.json               words, paragraphs, scenarios and what the amendment changed

The text is plain English made from a word list, in sentences of at most 35
words, so `protocol check` finds nothing to report. The amended twin rewords
about 5 % of paragraphs, inserts and deletes about 1 %, and moves one section.
The same seed always gives the same bytes.

One more size is not synthetic: `shipped-x25` is the shipped protocol's own
text at Constitution size, every section of the draft and of each shipped
release (1.0 and 1.1) copied 25 times with fresh ids (`purpose` becomes `purpose-1` ... `purpose-25`,
each paragraph, heading, cross-reference and reason likewise), the shipped
scenarios citing the first copy; the draft is compared with the latest
release, as the shipped draft is. Real text has longer sentences, more terms
and references and more varied words than the word list, so it is the check's
held-out tree: the synthetic trees were what the loader was tuned on.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


@dataclass(frozen=True)
class Size:
    name: str
    sections: int
    paragraphs: int
    scenarios: int
    para_words: int  # mean words in a numbered paragraph (lead-in plus its sub-items)
    glossary: int


SIZES = {
    "tiny": Size("tiny", 3, 12, 2, 20, 4),
    "protocol": Size("protocol", 12, 180, 16, 10, 12),
    "constitution": Size("constitution", 100, 5000, 200, 28, 40),
}
COPIES = {"shipped-x25": 25}  # the shipped text, each section copied this many times
NAMES = (*SIZES, *COPIES)  # every tree generate() can write

# ---------------------------------------------------------------- word lists

SUBJECTS = [
    "Members", "Officers", "Each member", "Every officer", "The chair", "A ward councillor",
    "Cabinet members", "Scrutiny members", "The group leader", "Senior officers", "The director",
    "The head of service", "Political assistants", "Committee members", "The clerk", "Each employee",
]
_MUST = re.compile(r"\bmust\b", re.I)
MODALS = ["should", "must", "will", "may", "can", "need to", "are expected to"]
VERBS = [
    "ask", "tell", "brief", "advise", "consult", "inform", "support", "record", "review", "respect",
    "contact", "answer", "explain", "share", "check", "agree", "note", "raise", "refer", "escalate",
]
OBJECTS = [
    "the named officer", "the committee", "the service", "residents", "the relevant director",
    "the group office", "their ward colleagues", "the press office", "the budget holder", "the agenda",
    "the written record", "the decision notice", "the complaint", "the request", "the briefing note",
    "the council's policy", "the legal adviser", "the democratic services team", "the partner body",
    "any conflict of interest", "the planning application", "the licensing panel", "the audit findings",
]
TAILS = [
    "before the meeting", "in writing", "within ten working days", "as soon as they can",
    "when a decision is due", "at the earliest stage", "through the agreed route", "in good time",
    "without delay", "during the election period", "on the council's behalf", "in every case",
    "where the law requires it", "after taking advice", "so that nobody is surprised",
    "in a way that is fair to all", "and keep a short note", "unless it is urgent",
]
LINKS = ["and", "but", "so", "because", "while", "unless"]
TOPICS = [
    "contact", "roles", "planning", "licensing", "budget", "scrutiny", "cabinet", "wards", "media",
    "groups", "assistants", "gifts", "interests", "complaints", "information", "meetings", "elections",
    "partners", "training", "breaches", "audit", "recruitment", "premises", "equalities", "procurement",
    "housing", "schools", "highways", "health", "grants", "members", "officers", "ethics", "records",
]
TITLE_WORDS = [
    "Working", "together", "on", "decisions", "and", "advice", "with", "the", "council", "public",
    "information", "meetings", "conduct", "roles", "in", "practice", "relations", "services",
]
GLOSSARY = [
    ("Monitoring Officer", "The statutory officer who makes sure the council acts lawfully."),
    ("Head of Paid Service", "The officer who leads the council's staff and organisation."),
    ("Chief Finance Officer", "The officer responsible for the council's financial affairs."),
    ("political group", "Members who have told the council they act together as a group."),
    ("key decision", "An executive decision with a large effect on spending or on communities."),
    ("Standards Committee", "The committee that promotes high standards of conduct."),
    ("co-opted member", "A person who sits on a committee without being an elected member."),
    ("Proper Officer", "The officer named to carry out a duty that the law gives to the council."),
    ("Full Council", "The meeting of all the members of the council."),
    ("Cabinet", "The Leader and the members who take executive decisions."),
    ("ward", "The area a councillor is elected to represent."),
    ("forward plan", "The published list of key decisions the Cabinet expects to take."),
    ("call-in", "The way scrutiny members ask for an executive decision to be looked at again."),
    ("declaration of interest", "A statement made when a member has an interest in a matter."),
    ("register of interests", "The public record of the interests of each member."),
    ("casework", "Matters a member takes up for a resident of their ward."),
    ("Democratic Services", "The team that supports the council's meetings and members."),
    ("purdah", "The period before an election when publicity is restricted."),
    ("quorum", "The smallest number of members needed for a meeting to proceed."),
    ("delegated decision", "A decision an officer takes under powers given by the council."),
]


def _glossary(n: int) -> list[tuple[str, str]]:
    out = list(GLOSSARY[:n])
    for i in range(len(out), n):
        base, definition = GLOSSARY[i % len(GLOSSARY)]
        out.append((f"{base} {i // len(GLOSSARY) + 1}", definition))
    return out


# ---------------------------------------------------------------- text

class Writer:
    def __init__(self, rng: random.Random, terms: list[str]):
        self.rng = rng
        self.terms = terms
        self.unused_terms = list(terms)  # each term is used at least once, so no X005 warning

    def term(self) -> str:
        if self.unused_terms:
            return self.unused_terms.pop(0)
        return self.rng.choice(self.terms)

    def clause(self) -> list[str]:
        r = self.rng
        words = f"{r.choice(MODALS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}".split()
        return words

    def sentence(self, max_words: int = 22, term_chance: float = 0.12) -> str:
        r = self.rng
        subject = r.choice(SUBJECTS)
        if r.random() < term_chance:
            subject = "The {{" + self.term() + "}}"
        words = subject.split() + self.clause()
        if r.random() < 0.5:
            more = [r.choice(LINKS)] + r.choice(SUBJECTS).lower().split() + self.clause()
            if len(words) + len(more) <= max_words:
                words += more
        return " ".join(words) + "."

    def text(self, n_words: int, term_chance: float = 0.12) -> str:
        """Sentences adding up to about n_words (never a sentence over 35 words)."""
        out: list[str] = []
        count = 0
        while count < n_words:
            s = self.sentence(max(8, min(22, n_words - count)), term_chance)
            out.append(s)
            count += len(s.split())
        return " ".join(out)

    def item(self) -> str:
        r = self.rng
        return f"{r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"


# ---------------------------------------------------------------- the plan

@dataclass
class Para:
    id: str
    text: str
    items: list[str]
    attrs: str = ""
    heading: tuple[str, str] | None = None  # (id, text) of a sub-heading just before it


@dataclass
class Sec:
    id: str
    title: str
    summary: str
    keywords: list[str]
    audience: list[str]
    principles: list[str]
    objectives: list[str]
    paras: list[Para] = field(default_factory=list)


AUDIENCES = ["everyone", "all-members", "cabinet-members", "scrutiny-members", "regulatory-committee-members",
             "audit-committee-members", "ward-councillors", "all-officers", "senior-officers",
             "officers-supporting-members", "political-assistants"]
PRINCIPLES = ["selflessness", "integrity", "objectivity", "accountability", "openness", "honesty",
              "leadership", "mutual-respect", "no-surprises"]
OBJECTIVES = [f"8.{i}" for i in range(1, 11)]
AREAS = ["policy-and-executive", "regulatory", "operational", "wider-relationships"]


def _title(rng: random.Random, n: int) -> str:
    words = [rng.choice(TITLE_WORDS) for _ in range(n)]
    return " ".join(words).capitalize()


def plan(size: Size, seed: int) -> tuple[list[Sec], dict]:
    """The original text: sections of paragraphs (refs are added after the amendment is planned)."""
    rng = random.Random(f"{seed}-{size.name}")
    terms = [t for t, _ in _glossary(size.glossary)]
    w = Writer(rng, terms)
    sections: list[Sec] = []
    per = [size.paragraphs // size.sections + (1 if i < size.paragraphs % size.sections else 0)
           for i in range(size.sections)]
    for i in range(size.sections):
        topic = TOPICS[i % len(TOPICS)]
        sid = f"s{i + 1:03d}-{topic}"
        sec = Sec(sid, f"{topic.capitalize()}, {_title(rng, 4).lower()}", w.sentence(14, 0),
                  [topic, topic + "s"], rng.sample(AUDIENCES, rng.randint(1, 2)),
                  rng.sample(PRINCIPLES, rng.randint(0, 2)),
                  [o for k, o in enumerate(OBJECTIVES) if k % size.sections == i % 10])
        for j in range(per[i]):
            pid = f"{sid}-p{j + 1:03d}"
            n_items = rng.choice((0, 0, 0, 0, 2, 3)) if j else 0
            lead_words = max(6, int(rng.gauss(size.para_words, size.para_words / 4)) - 6 * n_items)
            para = Para(pid, w.text(lead_words), [w.item() for _ in range(n_items)])
            if n_items:
                para.text = para.text[:-1] + ":"  # a lead-in to its list
            if rng.random() < 0.1:
                para.attrs = f" audience={rng.choice(AUDIENCES)}"
            if rng.random() < 0.05:
                para.attrs += f" objectives={rng.choice(OBJECTIVES)},{rng.choice(OBJECTIVES)}"
            if j and j % 8 == 0:
                para.heading = (f"{sid}-h{j // 8}", _title(rng, 3))
            sec.paras.append(para)
        sections.append(sec)
    while w.unused_terms:  # make sure every glossary term is used
        p = rng.choice(rng.choice(sections).paras)
        p.text += " Ask the {{" + w.unused_terms.pop(0) + "}} if unsure."
    return sections, {"rng": rng, "writer": w}


def amend(sections: list[Sec], size: Size, state: dict) -> tuple[list[Sec], dict]:
    """The amended twin: ~5 % reworded, ~1 % inserted and deleted, one section moved."""
    rng: random.Random = state["rng"]
    w: Writer = state["writer"]
    all_paras = [(si, pi) for si, s in enumerate(sections) for pi in range(len(s.paras))]
    n = len(all_paras)
    n_reword = max(1, round(n * 0.05))
    n_insert = max(1, round(n * 0.01))
    n_delete = max(1, round(n * 0.01))
    # a paragraph that is the only one of its section is never deleted; nor one that opens a list
    deletable = [(si, pi) for si, pi in all_paras if len(sections[si].paras) > 2 and pi > 0]
    picked = rng.sample(deletable, n_delete)
    rest = [x for x in all_paras if x not in set(picked)]
    reworded = rng.sample(rest, n_reword)
    deleted_ids = {sections[si].paras[pi].id for si, pi in picked}
    reworded_ids = {sections[si].paras[pi].id for si, pi in reworded}
    moved_from = rng.randrange(len(sections))
    moved_to = (moved_from + max(1, len(sections) // 2)) % len(sections)
    new: list[Sec] = []
    inserted_ids: list[str] = []
    insert_at = set(rng.sample(range(n), n_insert))
    k = 0
    for s in sections:
        ns = Sec(s.id, s.title, s.summary, s.keywords, s.audience, s.principles, s.objectives)
        for p in s.paras:
            if k in insert_at:
                nid = f"{s.id}-new{len(inserted_ids) + 1}"
                inserted_ids.append(nid)
                ns.paras.append(Para(nid, w.text(size.para_words), []))
            k += 1
            if p.id in deleted_ids:
                if p.heading and ns.paras is not None:
                    ns.paras.append(Para("", "", [], heading=p.heading))  # keep the heading
                continue
            q = Para(p.id, p.text, list(p.items), p.attrs, p.heading)
            if p.id in reworded_ids:
                q.text = _reword(rng, w, p.text)
            ns.paras.append(q)
        new.append(ns)
    sec = new.pop(moved_from)
    new.insert(moved_to, sec)
    info = {"reworded": sorted(reworded_ids), "inserted": inserted_ids, "deleted": sorted(deleted_ids),
            "moved_section": sec.id}
    return new, info


def _reword(rng: random.Random, w: Writer, text: str) -> str:
    """Change a few words of one sentence and sometimes add a sentence (as an author would)."""
    parts = text.split(". ")
    i = rng.randrange(len(parts))
    words = parts[i].split()
    plain, inside = [], False
    for j, word in enumerate(words):  # never a word inside a {{glossary term}}
        if word.startswith("{{"):
            inside = True
        if not inside and word.isalpha() and word.islower():
            plain.append(j)
        if "}}" in word:
            inside = False
    for j in rng.sample(plain, min(3, len(plain))):
        words[j] = rng.choice(VERBS)
    parts[i] = " ".join(words)
    out = ". ".join(parts)
    if out.endswith(".") and rng.random() < 0.5:
        out += " " + w.sentence(12, 0)
    return out


def add_refs(old: list[Sec], new: list[Sec], rng: random.Random, avoid: set[str]) -> None:
    """Cross-references in ~8 % of paragraphs, to paragraphs present in both versions."""
    targets = [p.id for s in old for p in s.paras if p.id not in avoid]
    by_id_new = {p.id: p for s in new for p in s.paras if p.id}
    for s in old:
        for p in s.paras:
            if rng.random() < 0.08:
                t = rng.choice(targets)
                if t == p.id:
                    continue
                ref = f" See paragraph [[{t}]]."
                if p.text.endswith(":"):
                    continue
                p.text += ref
                if p.id in by_id_new and not by_id_new[p.id].text.endswith(":"):
                    by_id_new[p.id].text += ref


# ---------------------------------------------------------------- writing files

def _section_md(s: Sec) -> str:
    def flow(xs):
        return "[" + ", ".join(xs) + "]"

    lines = ["---", f"title: {s.title}", f"summary: {s.summary}", f"keywords: {flow(s.keywords)}",
             f"audience: {flow(s.audience)}"]
    if s.principles:
        lines.append(f"principles: {flow(s.principles)}")
    lines.append("objectives: [" + ", ".join(f'"{o}"' for o in s.objectives) + "]")
    lines += ["---", ""]
    for p in s.paras:
        if p.heading:
            lines += [f"## {p.heading[1]} {{#{p.heading[0]}}}", ""]
        if not p.id:
            continue
        duty = " obligations=member-respect" if _MUST.search(" ".join([p.text, *p.items])) else ""  # T008
        brace = f"{{#{p.id}{p.attrs}{duty}}}".replace(" ", "\0")  # the braces stay on one line
        body = [line.replace("\0", " ") for line in _wrap(f"{brace} {p.text}")]
        lines += body
        lines += [f"- {it}" for it in p.items]
        lines.append("")
    return "\n".join(lines)


def _wrap(text: str, width: int = 88) -> list[str]:
    out, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            out.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    if line:
        out.append(line)
    return out


PART_TITLES = [("The situation", 75), ("What makes it hard", 50), ("What the protocol says", 40),
               ("What good looks like", 60), ("What goes wrong", 50), ("Questions for discussion", 0),
               ("Notes for facilitators", 35)]


def _scenarios(size: Size, rng: random.Random, w: Writer, citable: list[str]) -> dict[str, str]:
    out = {}
    for i in range(size.scenarios):
        sid = f"example-{i + 1:03d}-{TOPICS[i % len(TOPICS)]}"
        cites = rng.sample(citable, min(len(citable), rng.randint(1, 3)))
        lines = ["---", f"title: {_title(rng, 5)}",
                 f"audience: [{', '.join(rng.sample(AUDIENCES, 2))}]",
                 f"areas: [{rng.choice(AREAS)}]",
                 f"principles: [{', '.join(rng.sample(PRINCIPLES, 2))}]",
                 f"cites: [{', '.join(cites)}]",
                 'reviewed_against: "1.0"', "---", ""]
        for title, n in PART_TITLES:
            lines.append(f"## {title}")
            if title == "Questions for discussion":
                for _ in range(3):
                    q = w.sentence(12, 0)[:-1]
                    lines.append(f"- Why {q[0].lower()}{q[1:]}?")
            else:
                text = w.text(n, term_chance=0.05)
                if title == "What the protocol says":
                    text = "Paragraph [[" + cites[0] + "]] applies here. " + text
                lines += _wrap(text)
            lines.append("")
        out[sid] = "\n".join(lines)
    return out


def _protocol_yaml(sections: list[Sec], version: str, status: str, date: str) -> str:
    return "\n".join([
        "title: Member/Officer Relations Protocol (synthetic benchmark text)",
        "council: Benchmark Borough Council",
        "owner: Monitoring Officer",
        f'version: "{version}"',
        f"status: {status}",
        f"date: {date}",
        'constitution_part: "Part 5 (Codes and Protocols)"',
        "language: en-GB",
        "review_months: 6",
        "sections:",
        *[f"  - {s.id}" for s in sections],
        "",
    ])


HISTORY = """releases:
  - version: "1.0"
    status: adopted
    date: {date}
    body: Full Council
    minute: "FC/{year}/1"
    summary: First version (synthetic benchmark text).
    review_due: "2099-12-31"
"""


def _write_src(folder: Path, sections: list[Sec], glossary: list[tuple[str, str]], version: str,
               status: str, date: str, history: str, reasons: dict[str, str] | None) -> None:
    src = folder / "protocol_src"
    src.mkdir(parents=True)
    (src / "protocol.yaml").write_text(_protocol_yaml(sections, version, status, date), encoding="utf-8")
    shutil.copyfile(REPO / "protocol_src" / "vocabulary.yaml", src / "vocabulary.yaml")
    gl = ["terms:"]
    for term, definition in glossary:
        gl += [f"  - term: {term}", f"    definition: {definition}"]
    (src / "glossary.yaml").write_text("\n".join(gl) + "\n", encoding="utf-8")
    (src / "history.yaml").write_text(history, encoding="utf-8")
    if reasons is not None:
        body = "reasons:\n" + "".join(f"  {k}: {v}\n" for k, v in reasons.items()) if reasons else "reasons: {}\n"
        (src / "amendments.yaml").write_text(body, encoding="utf-8")
    for s in sections:
        (src / f"{s.id}.md").write_text(_section_md(s), encoding="utf-8")


def generate(out: Path, size_name: str, seed: int = 1) -> Path:
    """Write OUT/<size>/ (see the module docstring) and return that folder."""
    if size_name in COPIES:
        return copy_shipped(out, size_name, COPIES[size_name])
    size = SIZES[size_name]
    base = Path(out) / size_name
    if base.exists():
        shutil.rmtree(base)
    tree = base / "tree"
    old, state = plan(size, seed)
    new, info = amend(old, size, state)
    rng, w = state["rng"], state["writer"]
    changed = set(info["reworded"]) | set(info["deleted"]) | set(info["inserted"])
    add_refs(old, new, rng, avoid=set(info["deleted"]))
    citable = [p.id for s in old if s.id != info["moved_section"] for p in s.paras if p.id not in changed]
    scenarios = _scenarios(size, rng, w, citable)
    glossary = _glossary(size.glossary)
    history = HISTORY.format(date="2024-05-21", year=2024)
    reasons = {pid: f"Synthetic amendment {i + 1} (benchmark)" for i, pid in
               enumerate(info["reworded"] + info["inserted"] + info["deleted"])}
    reasons[info["moved_section"]] = "Synthetic move of a section (benchmark)"  # a section's reason: its id
    # the release snapshot of the original
    rel = tree / "releases" / "1.0"
    _write_src(rel, old, glossary, "1.0", "adopted", "2024-05-21", history, None)
    _write_scenarios(rel / "scenarios", scenarios)
    _write_manifest(rel)
    # the working draft: the amended twin
    _write_src(tree, new, glossary, "1.1", "draft", "2024-09-10", history, reasons)
    _write_scenarios(tree / "scenarios", scenarios)
    stats = dict(info, size=size_name, seed=seed)
    stats.update(_markdown_and_counts(tree, base))
    (base / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return base


def _write_scenarios(folder: Path, scenarios: dict[str, str]) -> None:
    folder.mkdir(parents=True)
    for sid, text in scenarios.items():
        (folder / f"{sid}.md").write_text(text, encoding="utf-8")


def _write_manifest(release: Path) -> None:
    """MANIFEST.sha256 as `protocol release` writes it (docs/authoring.md): digest, two spaces, path; by path."""
    files = sorted((p for sub in ("protocol_src", "scenarios") for p in (release / sub).rglob("*") if p.is_file()),
                   key=lambda p: p.relative_to(release).as_posix())
    lines = [f"{hashlib.sha256(p.read_bytes()).hexdigest()}  {p.relative_to(release).as_posix()}\n" for p in files]
    (release / "MANIFEST.sha256").write_text("".join(lines), encoding="utf-8")


# ---------------------------------------------------------------- the shipped text, copied

_ID_MARK = re.compile(r"\{#([a-z0-9]+(?:-[a-z0-9]+)*)|\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
_SECTION_LIST = re.compile(r"^sections:\n(?:  - .*\n?)+", re.M)
_REASON = re.compile(r"^  ([a-z0-9-]+):(.*)$", re.M)
_CITES = re.compile(r"^cites: \[(.*)\]$", re.M)
_ID_LIST = re.compile(r"^(\s*(?:- )?(?:cites|sections): )\[(.*)\]$", re.M)  # an inline list of ids in YAML


def copy_shipped(out: Path, name: str, copies: int) -> Path:
    """OUT/<name>/: the shipped draft and every shipped release with every section copied `copies` times.

    The draft is compared with the latest release, as `protocol check` and `protocol build` compare it."""
    base = Path(out) / name
    if base.exists():
        shutil.rmtree(base)
    tree = base / "tree"
    releases = sorted((p.name for p in (REPO / "releases").iterdir() if (p / "MANIFEST.sha256").is_file()),
                      key=lambda v: tuple(int(n) for n in v.split(".")))
    versions = (REPO, *(REPO / "releases" / v for v in releases))
    ids = set().union(*(_ids(v) for v in versions))  # a reason may name a paragraph the draft deleted
    for src, dest in zip(versions, (tree, *(tree / "releases" / v for v in releases))):
        _copy_version(src, dest, ids, copies)
    for version in releases:
        _write_manifest(tree / "releases" / version)
    stats = {"size": name, "copies": copies, "compared_with": releases[-1], **_changed(tree, releases[-1])}
    stats.update(_markdown_and_counts(tree, base, releases[-1]))
    (base / "stats.json").write_text(json.dumps(stats, indent=1) + "\n", encoding="utf-8")
    return base


def _sections(src: Path) -> list[str]:
    return re.findall(r"^  - ([a-z0-9-]+)$", (src / "protocol_src" / "protocol.yaml").read_text("utf-8"), re.M)


def _ids(src: Path) -> set[str]:
    """The section, paragraph and heading ids of one version."""
    sections = _sections(src)
    return set(sections) | {m for sid in sections
                            for m in re.findall(r"\{#([a-z0-9-]+)", (src / "protocol_src" / f"{sid}.md").read_text("utf-8"))}


def _copy_version(src: Path, dest: Path, ids: set[str], copies: int) -> None:
    sections = _sections(src)
    (dest / "protocol_src").mkdir(parents=True)
    for path in sorted((src / "protocol_src").iterdir()):
        text = path.read_text(encoding="utf-8")
        if path.stem in sections:
            for k in range(1, copies + 1):
                (dest / "protocol_src" / f"{path.stem}-{k}.md").write_text(_fresh(text, ids, k), encoding="utf-8")
            continue
        if path.name == "protocol.yaml":
            listed = "".join(f"  - {sid}-{k}\n" for k in range(1, copies + 1) for sid in sections)
            text = _SECTION_LIST.sub(lambda m: "sections:\n" + listed, text)
        elif path.name in ("answers.yaml", "sessions.yaml"):  # they cite the first copy, as the scenarios do
            text = _ID_LIST.sub(lambda m: m.group(1) + "[" + ", ".join(
                f"{c.strip()}-1" if c.strip() in ids else c.strip() for c in m.group(2).split(",")) + "]",
                _fresh(text, ids, 1))
        elif path.name == "amendments.yaml":
            terms = set(re.findall(r"^  - term: (.+)$", (src / "protocol_src" / "glossary.yaml").read_text("utf-8"), re.M))
            text = _REASON.sub(lambda m: "\n".join(
                ([m.group(0)] if _term_id(m.group(1), terms) else [])  # a glossary term's reason stays as it is
                + [f"  {m.group(1)}-{k}:{m.group(2)}" for k in range(1, copies + 1)])
                if m.group(1) in ids else m.group(0), text)
        (dest / "protocol_src" / path.name).write_text(text, encoding="utf-8")
    (dest / "scenarios").mkdir()
    for path in sorted((src / "scenarios").glob("*.md")):
        text = _fresh(path.read_text(encoding="utf-8"), ids, 1)
        text = _CITES.sub(lambda m: "cites: [" + ", ".join(f"{c.strip()}-1" if c.strip() in ids else c.strip()
                                                         for c in m.group(1).split(",")) + "]", text)
        (dest / "scenarios" / path.name).write_text(text, encoding="utf-8")


def _term_id(key: str, terms: set[str]) -> bool:
    """Whether a reason's key names a glossary term (reasons name a term by its words)."""
    return key in {t.strip().strip('"').casefold() for t in terms}


def _fresh(text: str, ids: set[str], k: int) -> str:
    """Every {#id} and [[id]] of a section or paragraph id made the k-th copy's."""
    def renamed(m: re.Match) -> str:
        old = m.group(1) or m.group(2)
        if old not in ids:
            return m.group(0)
        return f"{{#{old}-{k}" if m.group(1) else f"[[{old}-{k}]]"
    return _ID_MARK.sub(renamed, text)


def _changed(tree: Path, version: str = "1.0") -> dict:
    """What the copied amendment changed, as the synthetic trees' stats say it."""
    from builder.diff import compare
    from builder.load import load_tree
    from builder.snapshots import load_release

    changes = compare(load_release(tree, version), load_tree(tree)[0], words=False)
    kinds: dict[str, list[str]] = {"changed": [], "inserted": [], "deleted": [], "moved": []}
    for b in changes.paragraphs():
        kinds.get(b.change, []).append(b.id)
    moved = [s.id for s in changes.sections if s.change == "moved"]
    return {"reworded": kinds["changed"] + kinds["moved"], "inserted": kinds["inserted"],
            "deleted": kinds["deleted"], "moved_section": moved[0] if moved else "none"}


# ---------------------------------------------------------------- equivalent Markdown

def _markdown_and_counts(tree: Path, base: Path, version: str = "1.0") -> dict:
    """old.md / new.md: what the Word document shows, as plain Markdown with typed numbers."""
    from builder.load import load_tree
    from builder.snapshots import load_release

    new, _ = load_tree(tree)
    old = load_release(tree, version)
    counts = {}
    for name, model in (("old", old), ("new", new)):
        md = to_markdown(model)
        (base / f"{name}.md").write_text(md, encoding="utf-8")
        counts[f"{name}_words"] = len(md.split())
        counts[f"{name}_paragraphs"] = len(model.paragraphs())
        counts[f"{name}_scenarios"] = len(model.scenarios)
    return counts


def to_markdown(protocol) -> str:
    """Plain Markdown of the document the Word writer draws (the same view), numbers typed."""
    from builder.view import plain_view

    view = plain_view(protocol)
    m = protocol.meta
    lines = [f"% {m.title}", f"% {m.council}", "", f"Version {m.version} ({m.status}), {m.date}.", ""]
    for b in view.body:
        if b.kind == "section":
            lines += [f"# {b.number} {b.text}", ""]
        elif b.kind == "heading":
            lines += [f"## {b.text}", ""]
        elif b.kind == "para":
            lines += [f"{b.number}\u00a0{b.text}", ""]
        elif b.kind == "item":
            lines += [f"({b.number.rsplit('(', 1)[-1]} {b.text}", ""]
    lines += ["# Worked examples", ""]
    for b in view.appendix:
        if b.kind == "scenario":
            lines += [f"## {b.text}", ""]
        elif b.kind == "part":
            lines += [f"### {b.text}", ""]
        elif b.kind == "bullet":
            lines += [f"- {b.text}", ""]
        else:
            lines += [b.text, ""]
    lines += ["# Glossary", "", "| Term | Definition |", "| --- | --- |"]
    for row in view.glossary:
        lines.append(f"| {''.join(r.text for r in row.term)} | {''.join(r.text for r in row.definition)} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="protocol", help=f"{', '.join(NAMES)} (comma-separated)")
    default_out = Path(tempfile.gettempdir()) / "protocol-bench-data"
    ap.add_argument("--out", default=str(default_out), help=f"output folder (default: {default_out})")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    for name in args.size.split(","):
        base = generate(Path(args.out), name, args.seed)
        stats = json.loads((base / "stats.json").read_text())
        print(f"{name}: {stats['new_words']} words, {stats['new_paragraphs']} paragraphs, "
              f"{stats['new_scenarios']} scenarios -> {base}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
