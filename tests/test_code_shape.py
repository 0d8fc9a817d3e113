"""The shape the builder package keeps (issue 15), read from its source with ast:

- no function or method longer than 60 lines;
- no import circle between its modules, counting imports made inside functions as well as at the top;
- WordprocessingML written in one module: no other module has '<w:' in a string;
- no module name used twice in the package for two ideas (pages.py, fields.py, text.py and outputs.py each
  meant two): a command is named after the module it runs (commands/build.py, build.py), and the loader and
  the rules of one element share its name (load/scenarios.py, check/scenarios.py), as do the reader and the
  writer of one thing (read/numbering.py, write/docx/numbering.py: Word's list numbering).
"""
from __future__ import annotations

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "builder"
MAX_LINES = 60
MARKUP_OWNER = "builder.write.docx.xml"


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(REPO).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


MODULES = _modules()


def _imported(module: str, path: Path, node: ast.ImportFrom | ast.Import) -> list[str]:
    """The builder modules an import statement loads: `from .x import y` loads x.y when that is a module."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names if a.name in MODULES]
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    if node.level:
        package = package[: len(package) - node.level + 1]
        base = ".".join(package + ([node.module] if node.module else []))
    else:
        base = node.module or ""
    out = []
    for alias in node.names:
        target = f"{base}.{alias.name}"
        out.append(target if target in MODULES else base)
    return [t for t in out if t in MODULES and t != module]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {m: set() for m in MODULES}
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                graph[module].update(_imported(module, path, node))
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan), and modules importing themselves."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                component.append(w)
                if w == v:
                    break
            if len(component) > 1 or v in graph[v]:
                out.append(sorted(component))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_the_import_graph_has_no_cycle():
    graph = _graph()
    assert sum(map(len, graph.values())) > 200  # the walk sees the imports (a broken resolver finds nothing)
    assert graph["builder.build"] >= {"builder.project", "builder.check", "builder.write.docx"}
    assert _cycles(graph) == []


def test_a_cycle_would_be_found():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]


def test_no_function_is_longer_than_60_lines():
    long = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_LINES:
                    long.append(f"{module}.{node.name}: {lines} lines")
    assert long == []


def test_wordprocessingml_is_written_in_one_module():
    writers = set()
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, (str, bytes)):
                text = node.value if isinstance(node.value, str) else node.value.decode("latin-1")
                if "<w:" in text or "</w:" in text:
                    writers.add(module)
    assert writers == {MARKUP_OWNER}


SAME_IDEA = {  # one idea, handled in two places: the name says what, the package says how
    "scenarios": {"builder.load.scenarios", "builder.check.scenarios"},  # loaded, checked
    "sources": {"builder.check.sources", "builder.write.sources"},  # a source tree checked as a whole, written
    "ids": {"builder.ids", "builder.read.ids"},  # ids given where missing: in the files, to an imported draft
    "numbering": {"builder.write.docx.numbering", "builder.read.numbering"},  # Word's list numbering written, read
    "answers": {"builder.load.answers", "builder.check.answers",  # quick answers loaded, checked,
                "builder.write.site.answers"},  # and written as the website's Quick answers page
    "synonyms": {"builder.load.synonyms", "builder.check.synonyms"},  # search synonyms loaded, checked
    "sessions": {"builder.load.sessions", "builder.check.sessions"},  # training sessions loaded, checked
}


def test_no_module_name_is_used_twice():
    names: dict[str, set[str]] = {}
    for module, path in MODULES.items():
        if path.name != "__init__.py" and not module.startswith("builder.commands."):
            names.setdefault(path.stem, set()).add(module)
    assert {name: where for name, where in names.items() if len(where) > 1} == SAME_IDEA
