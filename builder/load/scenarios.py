"""Load one worked scenario (scenarios/<id>.md): front matter plus seven '## ' parts.

Problems are reported at the line that causes them: a front-matter key at its
own line, a part heading at its heading, a missing part at the end of the front
matter (where the body starts). The scenario keeps the line of every front-matter
value (`Scenario.lines`), so whole-model checks (builder.check.scenarios) can name
the line of one value, e.g. an unknown audience.
"""
from __future__ import annotations

from pathlib import Path

from ..diagnostics import Collector, did_you_mean
from ..model import PARTS, Passage, Scenario, ScenarioPart, Source
from .schema import Field, read_fields
from .files import read_text, rel
from .parses import Parses
from .inlines import id_problem, parse_inlines, valid_id
from .yamlsrc import front_matter, parse_yaml, setting_lines

_BY_TITLE = {title.casefold(): key for key, title in PARTS.items()}

SCENARIO_SCHEMA = {
    "title": Field("str", True, "Give the scenario a short title: 'title: The contractor's invitation'."),
    "audience": Field("list", True, "Say who the scenario is for, e.g. 'audience: [cabinet-members, senior-officers]'."),
    "areas": Field("list", True, "Name the key areas it covers, e.g. 'areas: [regulatory]'."),
    "principles": Field("list"),
    "cites": Field("list", True, "List the paragraph ids the scenario illustrates, e.g. 'cites: [gifts-register]'."),
    "reviewed_against": Field("str", True, "The protocol version you checked the scenario against, e.g. \"1.1\"."),
}


def load_scenario(root: Path, path: Path, diags: Collector, parses: Parses) -> Scenario | None:
    name = rel(root, path)
    sid = path.stem
    if not valid_id(sid):
        diags.error("I002", name, 1, f"scenario id {sid!r} (the file name) is malformed: {id_problem(sid)}",
                    "Rename the file using lower-case letters, digits and hyphens, e.g. 'planning-lobbying.md'.")
        return None
    text = read_text(root, path, diags)
    if text is None:
        return None
    return parses.file((name, sid, text), lambda found: _parse_scenario(name, sid, text, found, parses), diags)


def _parse_scenario(name: str, sid: str, text: str, diags: Collector, parses: Parses) -> Scenario | None:
    split = front_matter(text, name, diags, "Add a line with just '---' after the scenario's settings.",
                         "Start the file with '---', the settings (title, audience, areas, cites, "
                         "reviewed_against), and '---'.")
    if split is None:
        return None
    fm, fm_line, body, body_line = split
    before = len(diags.errors)
    node = parse_yaml(fm, name, fm_line, diags)
    if node is None and len(diags.errors) > before:
        return None  # the YAML error is reported; 'required field missing' for every key would only add noise
    f = read_fields(node, SCENARIO_SCHEMA, name, 1, diags, "the scenario settings")
    parts = _parts(body, body_line, name, diags, parses)
    found = {p.key for p in parts}
    for key, title in PARTS.items():
        if key not in found:
            diags.error("C001", name, max(body_line - 1, 1), f"the part '## {title}' is missing",
                        f"Add a heading '## {title}' with its text; every scenario has all seven parts.")
    for part in parts:
        if not part.passages:
            diags.error("C001", name, part.source.line, f"the part '## {part.title}' is empty",
                        "Write the part's text under its heading"
                        + (", one question per '- ' line." if part.key == "questions" else "."))
    return Scenario(sid, f["title"], f["audience"], f["areas"], f["principles"], f["cites"],
                    f["reviewed_against"], parts, Source(name, 1), setting_lines(node))


def _parts(body: str, first_line: int, name: str, diags: Collector, parses: Parses) -> tuple[ScenarioPart, ...]:
    reader = _PartReader(name, diags, parses)
    for offset, line in enumerate(body.split("\n")):
        reader.line(first_line + offset, line.strip())
    reader.flush()
    reader.close()
    return tuple(reader.parts)


class _PartReader:
    """Reads a scenario's body line by line: '## ' part headings, text paragraphs and '- ' bullets."""

    def __init__(self, name: str, diags: Collector, parses: Parses):
        self.name, self.diags, self.parses = name, diags, parses
        self.parts: list[ScenarioPart] = []
        self.current: dict | None = None  # the part being read: key, title, passages, line
        self.para: list[str] = []  # the lines of the passage being read
        self.para_line = 0
        self.bullet = False  # whether that passage is a bullet
        self.seen_heading = False

    def line(self, line_no: int, stripped: str) -> None:
        if stripped.startswith("<!--") and stripped.endswith("-->"):
            return  # an author's comment line, as in section files
        if stripped.startswith("#"):
            self.flush()
            self.close()
            self.seen_heading = True
            self.heading(line_no, stripped)
        elif not stripped:
            self.flush()
        elif stripped[:2] in ("- ", "* ") or (stripped[:1].isdigit() and stripped[1:3] in (". ", ") ")):
            self.flush()
            self.para = [stripped.split(" ", 1)[1] if " " in stripped else ""]
            self.para_line, self.bullet = line_no, True
        else:
            if not self.para:
                self.para_line, self.bullet = line_no, False
            self.para.append(stripped)

    def heading(self, line_no: int, stripped: str) -> None:
        name, diags = self.name, self.diags
        level = len(stripped) - len(stripped.lstrip("#"))
        title = stripped.lstrip("#").strip()
        key = _BY_TITLE.get(title.casefold())
        self.current = None
        if key is not None and level != 2:
            diags.error("C002", name, line_no, f"the part heading {stripped!r} must start with '## '",
                        f"Write it as '## {PARTS[key]}': parts are level-2 headings.")
            return
        if key is None:
            hint = did_you_mean(title, PARTS.values()) or "Use one of: " + "; ".join(PARTS.values()) + "."
            diags.error("C002", name, line_no, f"unknown scenario part {stripped!r}", hint)
            return
        if any(p.key == key for p in self.parts):
            diags.error("C002", name, line_no, f"the part '## {PARTS[key]}' appears twice", "Merge the two parts.")
        self.current = {"key": key, "title": PARTS[key], "passages": [], "line": line_no}

    def flush(self) -> None:
        """End the passage being read (text under an unknown heading is dropped: the heading is reported)."""
        if self.para and self.current is not None:
            text, line, name = " ".join(self.para), self.para_line, self.name
            inlines = self.parses.inlines(text, lambda found: parse_inlines(text, name, line, found), self.diags)
            self.current["passages"].append(Passage(self.bullet, inlines, Source(name, line)))
        elif self.para and not self.seen_heading:
            self.diags.error("C002", self.name, self.para_line, "text before the first '## ' part heading",
                             "Put the text under '## The situation' or another part heading.")
        self.para = []

    def close(self) -> None:
        if self.current is not None:
            c = self.current
            self.parts.append(ScenarioPart(c["key"], c["title"], tuple(c["passages"]), Source(self.name, c["line"])))
