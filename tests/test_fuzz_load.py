"""Property-based tests: random and mutated sources never crash the loader or the checker.

Whatever bytes are in the files, `load_tree` + `check_tree` return a model and a
list of problems; they never raise. Example counts are kept modest so the whole
file runs in well under a minute.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from builder.check import check_tree
from builder.diagnostics import RULES, Collector
from builder.ids import stamp_ids
from builder.load import load_tree
from builder.load.blocks import scan_blocks
from builder.load.files import decode
from builder.load.inlines import parse_inlines
from builder.load.yamlsrc import parse_yaml, split_front_matter
from builder.number import numbers
from conftest import MINI
from malformed_cases import SCENARIO

FAST = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 50)), deadline=None, suppress_health_check=[HealthCheck.too_slow])
TREES = settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", 35)), deadline=None, suppress_health_check=[HealthCheck.too_slow])

FILES = ["protocol_src/protocol.yaml", "protocol_src/purpose.md", "protocol_src/roles.md",
         "protocol_src/glossary.yaml", "protocol_src/vocabulary.yaml", "scenarios/helpful-officer.md"]

# characters that matter to the grammar, plus awkward ones
SPECIAL = st.sampled_from(list("{}[]#-:|<>!&*'\"\t\r\n\\ ,.=/%@`~") + [
    "{#", "[[", "]]", "{{", "}}", "---", "## ", "- ", "<!--", "-->", "\ufeff", "\x00", "\x1b", "\u2028", "\x85",
    "!!python/object/apply:os.system ['true']", "&a", "*a", "é", "\udcff", "\r\n", "    ", "{#../x}", "<script>"])
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=40) | SPECIAL


def _valid_tree() -> Path:
    root = Path(tempfile.mkdtemp(prefix="fuzz-")) / "t"
    shutil.copytree(MINI, root)
    (root / "scenarios").mkdir(exist_ok=True)
    (root / "scenarios" / "helpful-officer.md").write_text(SCENARIO, encoding="utf-8")
    return root


def _run_everything(root: Path) -> Collector:
    protocol, diags = load_tree(root)
    check_tree(protocol, diags)
    numbers(protocol)
    for d in diags.items:
        assert d.code in RULES, d
        assert d.severity in ("error", "warning")
        assert isinstance(d.line, int) and d.line >= 0
        assert d.message
        d.format()
    return diags


@st.composite
def mutation(draw):
    kind = draw(st.sampled_from(["insert", "delete", "dup-line", "drop-line", "swap-lines", "replace-line", "truncate"]))
    return kind, draw(st.integers(0, 10_000)), draw(st.integers(0, 10_000)), draw(TEXT)


def _mutate(text: str, muts) -> str:
    for kind, a, b, s in muts:
        lines = text.split("\n")
        if kind == "insert":
            i = a % (len(text) + 1)
            text = text[:i] + s + text[i:]
        elif kind == "delete" and text:
            i = a % len(text)
            text = text[:i] + text[i + 1 + b % 20:]
        elif kind == "dup-line":
            i = a % len(lines)
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif kind == "drop-line" and len(lines) > 1:
            del lines[a % len(lines)]
            text = "\n".join(lines)
        elif kind == "swap-lines":
            i, j = a % len(lines), b % len(lines)
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif kind == "replace-line":
            lines[a % len(lines)] = s
            text = "\n".join(lines)
        elif kind == "truncate":
            text = text[: a % (len(text) + 1)]
    return text


# ---------------------------------------------------------------- pieces

@FAST
@given(st.text(max_size=300))
def test_parse_yaml_never_raises(text):
    parse_yaml(text, "f.yaml", 1, Collector())


@FAST
@given(st.lists(st.one_of(TEXT, st.sampled_from(["a:", " - x", "  b: [1, 2", "c: 'q", "? k", ": v", "&x y", "*x"])),
                max_size=30).map("\n".join))
def test_parse_yaml_on_yaml_like_text_never_raises(text):
    parse_yaml(text, "f.yaml", 3, Collector())


@FAST
@given(st.binary(max_size=300))
def test_decode_never_raises(data):
    text = decode(data, "f", Collector())
    assert text is None or "\r" not in text


@FAST
@given(st.lists(TEXT, max_size=40).map("".join))
def test_scanning_and_inline_parsing_never_raise(text):
    try:
        _, _, body, line = split_front_matter(text)
    except ValueError:
        body, line = text, 1
    c = Collector()
    for block in scan_blocks(body, line):
        assert block.line >= line
        parse_inlines(block.text, "f.md", block.line, c)


# ---------------------------------------------------------------- whole trees

@TREES
@given(st.sampled_from(FILES), st.lists(mutation(), min_size=1, max_size=6))
def test_mutated_sources_never_crash_the_checker(name, muts):
    root = _valid_tree()
    try:
        path = root / name
        path.write_bytes(_mutate(path.read_text(encoding="utf-8"), muts).encode("utf-8", "surrogateescape"))
        _run_everything(root)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@TREES
@given(st.sampled_from(FILES), st.binary(max_size=400))
def test_random_bytes_in_a_source_file_never_crash_the_checker(name, data):
    root = _valid_tree()
    try:
        (root / name).write_bytes(data)
        _run_everything(root)
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)


@TREES
@given(st.sampled_from(["protocol_src/purpose.md", "protocol_src/roles.md"]), st.lists(mutation(), min_size=1, max_size=6))
def test_ids_on_mutated_sections_never_crash_and_add_no_duplicates(name, muts):
    root = _valid_tree()
    try:
        path = root / name
        path.write_bytes(_mutate(path.read_text(encoding="utf-8"), muts).encode("utf-8", "surrogateescape"))
        before = _run_everything(root)
        stamp_ids(root)
        after = _run_everything(root)
        dupes_before = {(d.path, d.message) for d in before.items if d.code == "I001"}
        new_dupes = [d for d in after.items if d.code == "I001" and (d.path, d.message) not in dupes_before]
        # stamping never creates a duplicate that was not already there
        assert not [d for d in new_dupes if not any(x.code == "I001" for x in before.items)], new_dupes
    finally:
        shutil.rmtree(root.parent, ignore_errors=True)
