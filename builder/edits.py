"""Source edits: new wording put into a section file's text, and reasons into amendments.yaml, changing nothing else.

A paragraph, sub-item or sub-heading is found in the file by its id (the scanner the loader uses), and its
words are mapped character by character onto the file: the text as the build shows it ("rendered", with
cross-references as their numbers and glossary terms as their words, white space folded as the loader folds
it) against the file's own characters, line breaks and indentation included. An edit is a replacement of
rendered characters [start, end) by new words; it is made only in plain text: never inside a `[[ref]]`, a
`{{term}}`, a comment line within the paragraph or a table row, never with words the source format would read
as markup, and the `{#id …}` block in front of the text is never touched, whatever it holds. Every edit is
checked by reading the file again: the block must render exactly as intended and every block keep its id.

These functions take and return text; the command writes the files.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml
from diff_match_patch import diff_match_patch

from .load.blocks import ATTR_BLOCK, HEADING, HEADING_ID, ITEM, RawBlock, scan_blocks
from .load.inlines import _HTML, _TOKEN
from .load.yamlsrc import split_front_matter

Edit = tuple[int, int, str]  # rendered [start, end) replaced by the words
_MARKUP = ("[[", "]]", "{{", "}}", "{#", "<!--", "-->")
_SPACE = re.compile(r"\s+")  # white space, as the loader folds it (str.split's white space)
_WORD = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", re.UNICODE)  # as builder.diff.words cuts text


@dataclass(frozen=True)
class Located:
    """A block's words in a file: the rendered text, and for each character the span of the file it comes from."""

    key: str
    rendered: str
    spans: tuple[tuple[int, int], ...]
    fixed: tuple[tuple[int, int, str], ...]  # rendered spans that are not plain text: (start, end, what they are)


def fold(text: str) -> str:
    """White space as the loader folds it."""
    return _SPACE.sub(" ", text).strip()


def locate(text: str, key: str, numbers: dict[str, str]) -> Located | None:
    """The paragraph ('id'), sub-item ('id/n', n from 1) or sub-heading with this key in a section file's text."""
    try:
        fm, _, body, body_line = split_front_matter(text)
    except ValueError:
        return None
    if fm is None:
        return None
    block_id, _, item = key.partition("/")
    lines = _lines(text)
    for raw in scan_blocks(body, body_line):
        if raw.id != block_id or not raw.attr_ok:
            continue
        segments = _segments(text, lines, raw, item)
        if segments is None:
            return None
        return _render(text, key, segments, numbers, inline=raw.what != "heading")
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """(offset, line without its line ending) for each line of the file; line 1 first."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line.rstrip("\r")))
        pos += len(line) + 1
    return out


def _segments(text: str, lines, raw: RawBlock, item: str) -> list[tuple[int, str, bool]] | None:
    """(file offset, words, is a table row) of each line of the block's text, in order."""
    if raw.what == "heading":
        offset, line = lines[raw.line - 1]
        lead = len(line) - len(line.lstrip())
        m = HEADING.match(line.strip())
        idm = HEADING_ID.match(m.group(2)) if m else None
        if idm is None:
            return None
        return [(offset + lead + m.start(2) + idm.start(1), idm.group(1), False)]
    if item:
        index = int(item) - 1 if item.isdigit() else -1
        if not 0 <= index < len(raw.items):
            return None
        first, wanted, pattern = raw.items[index].line, raw.items[index].text_lines, ITEM
    else:
        first, wanted, pattern = raw.line, raw.text_lines, ATTR_BLOCK
    offset, line = lines[first - 1]
    lead = len(line) - len(line.lstrip())
    m = pattern.match(line.strip())
    if m is None:
        return None
    group = 1 if pattern is ITEM else 3
    out = []
    consumed = 1 if wanted and wanted[0] == m.group(group) else 0  # the scanner kept the first line's words
    if consumed and m.group(group):
        out.append((offset + lead + m.start(group), m.group(group), m.group(group).startswith("|")))
    return _following(lines, first, wanted[consumed:], out)


def _following(lines, first: int, wanted: list[str], out: list) -> list | None:
    """The block's further lines: each the next line of the file that reads as the scanner read it."""
    n = first  # index of the line after the first (lines are numbered from 1)
    for words in wanted:
        while n < len(lines) and lines[n][1].strip() != words:
            n += 1
        if n >= len(lines):
            return None
        offset, line = lines[n]
        lead = len(line) - len(line.lstrip())
        out.append((offset + lead, words, words.startswith("|")))
        n += 1
    return out


def _render(text: str, key: str, segments, numbers: dict[str, str], inline: bool) -> Located:
    joined, spans, fixed_join = _join(text, segments)
    folded, fspans = [], []
    pos = 0
    for m in _SPACE.finditer(joined):
        folded.extend(joined[pos:m.start()])
        fspans.extend(spans[pos:m.start()])
        folded.append(" ")
        fspans.append((spans[m.start()][0], spans[m.end() - 1][1]))
        pos = m.end()
    folded.extend(joined[pos:])
    fspans.extend(spans[pos:])
    while folded and folded[0] == " ":
        del folded[0], fspans[0]
    while folded and folded[-1] == " ":
        del folded[-1], fspans[-1]
    clean = "".join(folded)
    fixed = [(s, e, what) for s, e, what in _fixed_spans(fspans, fixed_join)]
    if not inline:
        return Located(key, clean, tuple(fspans), tuple(fixed))
    return _tokens(key, clean, fspans, fixed, numbers)


def _join(text: str, segments) -> tuple[str, list[tuple[int, int]], dict[tuple[int, int], str]]:
    """The block's lines joined by one space each (as the loader joins them), with each character's file span;
    the joins that hold more than white space (a comment line) or lead into a table row, marked."""
    chars: list[str] = []
    spans: list[tuple[int, int]] = []
    fixed: dict[tuple[int, int], str] = {}
    for i, (offset, words, table) in enumerate(segments):
        if i:
            end = segments[i - 1][0] + len(segments[i - 1][1])
            chars.append(" ")
            spans.append((end, offset))
            if text[end:offset].strip():
                fixed[(end, offset)] = "a comment line inside the paragraph"
        for j, ch in enumerate(words):
            chars.append(ch)
            spans.append((offset + j, offset + j + 1))
            if table:
                fixed[(offset + j, offset + j + 1)] = "a table row"
    return "".join(chars), spans, fixed


def _fixed_spans(fspans, fixed_join: dict) -> list[tuple[int, int, str]]:
    """Rendered positions whose file span contains a marked join or table character."""
    out = []
    for k, (start, end) in enumerate(fspans):
        what = next((w for (s, e), w in fixed_join.items() if s >= start and e <= end), "")
        if what:
            out.append((k, k + 1, what))
    return out


def _tokens(key: str, folded: str, fspans, fixed, numbers: dict[str, str]) -> Located:
    """[[ref]] and {{term}} replaced by what the build shows, each kept as one span that cannot be edited."""
    rendered: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    moved = []  # fixed spans carried over to rendered positions
    shift = 0
    for m in _TOKEN.finditer(folded):
        rendered.append(folded[pos:m.start()])
        spans.extend(fspans[pos:m.start()])
        moved += [(s + shift, e + shift, w) for s, e, w in fixed if pos <= s < m.start()]
        if m.group(1) is not None:
            target = m.group(1).strip()
            shown, what = numbers.get(target, target), f"the cross-reference [[{target}]]"
        else:
            term, _, shown = m.group(2).partition("|")
            shown = shown.strip() or term.strip()
            what = f"the glossary term {{{{{m.group(2)}}}}}"
        start = sum(map(len, rendered))
        rendered.append(shown)
        spans.extend([(fspans[m.start()][0], fspans[m.end() - 1][1])] * len(shown))
        moved.append((start, start + len(shown), what))
        shift = start + len(shown) - m.end()
        pos = m.end()
    rendered.append(folded[pos:])
    spans.extend(fspans[pos:])
    moved += [(s + shift, e + shift, w) for s, e, w in fixed if s >= pos]
    return Located(key, "".join(rendered), tuple(spans), tuple(moved))


# ---------------------------------------------------------------- edits

def word_edits(old: str, new: str, *, tidy: bool = False) -> list[Edit]:
    """The edits that turn `old` into `new`, word by word (words, spaces and punctuation are the tokens). By
    default the smallest set of edits, so that an edit reaches as little of the text as it can; `tidy` gathers
    scattered small edits into phrases (diff-match-patch's semantic clean-up), as a reader sees a rewrite."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    code: dict[str, str] = {}
    for token in a + b:
        if token not in code:
            n = len(code)
            code[token] = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
    token_of = {ch: token for token, ch in code.items()}
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    out: list[Edit] = []
    pos = 0  # character offset in old
    diffs = dmp.diff_main("".join(code[t] for t in a), "".join(code[t] for t in b), False)
    if tidy:
        dmp.diff_cleanupSemantic(diffs)
    for op, chars in diffs:
        words = "".join(token_of[ch] for ch in chars)
        if op == 0:
            pos += len(words)
        elif op == -1:
            _merge(out, (pos, pos + len(words), ""))
            pos += len(words)
        else:
            _merge(out, (pos, pos, words))
    return out


def _merge(out: list[Edit], edit: Edit) -> None:
    """Add an edit, joined to the one before when they touch (a deletion and an insertion: a replacement)."""
    if out and out[-1][1] == edit[0]:
        start, _, words = out[-1]
        out[-1] = (start, edit[1], words + edit[2])
    else:
        out.append(edit)


def edited(text: str, edits: list[Edit]) -> str:
    """A rendered text with the edits made."""
    for start, end, words in sorted(edits, reverse=True):
        text = text[:start] + words + text[end:]
    return text


def blockers(located: Located, edits: list[Edit]) -> list[str]:
    """Why these edits cannot be made in the file ([] when they can)."""
    out = []
    for start, end, words in edits:
        for s, e, what in located.fixed:
            if (start < e and end > s and start < end) or (start == end and s < start < e):
                out.append(f"it changes {what}")
        marks = [m for m in _MARKUP if m in words] or ([_HTML.search(words).group()] if _HTML.search(words) else [])
        if marks:
            out.append(f"its new words hold {marks[0]!r}, which the source files read as markup")
    return list(dict.fromkeys(out))


def file_edits(located: Located, edits: list[Edit]) -> list[tuple[int, int, str]]:
    """The rendered edits as replacements of file spans."""
    out = []
    spans = located.spans
    for start, end, words in edits:
        if start < end:
            out.append((spans[start][0], spans[end - 1][1], words))
        elif start < len(spans):
            out.append((spans[start][0], spans[start][0], words))
        else:
            out.append((spans[-1][1], spans[-1][1], words))
    return out


def apply(text: str, replacements: list[tuple[int, int, str]]) -> str:
    """Make file-span replacements (which do not overlap), the last first so that earlier offsets hold."""
    for start, end, words in sorted(replacements, key=lambda r: (r[0], r[1]), reverse=True):
        text = text[:start] + words + text[end:]
    return text


def outline(text: str) -> list[tuple[str, str | None, int]]:
    """(kind, id, number of sub-items) of every block of a section file: what an edit must leave as it was."""
    try:
        fm, _, body, body_line = split_front_matter(text)
    except ValueError:
        return []
    return [(b.what, b.id, len(b.items)) for b in scan_blocks(body, body_line)] if fm is not None else []


# ---------------------------------------------------------------- reasons (amendments.yaml)

class ReasonsUnwritable(ValueError):
    """amendments.yaml cannot take new reasons without rewriting it (it is not a mapping of one line each)."""


def add_reasons(text: str | None, reasons: dict[str, str]) -> str:
    """amendments.yaml's text with each reason added under `reasons:` (appended, after '; ', to a reason the
    file already gives for that id), every other line as it was."""
    if not reasons:
        return text or ""
    if text is None or not text.strip():
        return "reasons:\n" + "".join(f"  {key}: {_quoted(why)}\n" for key, why in reasons.items())
    newline = "\r\n" if "\r\n" in text else "\n"
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ReasonsUnwritable(f"it is not valid YAML ({str(exc).splitlines()[0]})") from None
    node = _reasons_node(root)
    return _with_reasons(text, node, reasons, newline)


def _reasons_node(root):
    if not isinstance(root, yaml.MappingNode):
        raise ReasonsUnwritable("it does not start with 'reasons:'")
    for key, value in root.value:
        if key.value == "reasons":
            return value
    raise ReasonsUnwritable("it has no 'reasons:'")


def _with_reasons(text: str, node, reasons: dict[str, str], newline: str) -> str:
    existing = {}
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        existing = {k.value: v for k, v in node.value}
    elif not (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")) and \
            not (isinstance(node, yaml.MappingNode) and not node.value):
        raise ReasonsUnwritable("its 'reasons:' is not a list of 'id: reason' lines")
    replacements = []
    for key, why in reasons.items():
        value = existing.get(key)
        if value is not None:
            old = value.value if isinstance(value, yaml.ScalarNode) else ""
            if why not in old:
                merged = f"{' '.join(old.split())}; {why}" if old.strip() else why
                replacements.append((value.start_mark.index, value.end_mark.index, _quoted(merged)))
    added = [(key, why) for key, why in reasons.items() if key not in existing]
    if added:
        at, indent = _append_point(text, node, existing)
        lines = "".join(f"{newline}{' ' * indent}{key}: {_quoted(why)}" for key, why in added)
        replacements.append((at, at if existing else node.end_mark.index, lines))
    return apply(text, replacements)


def _append_point(text: str, node, existing: dict) -> tuple[int, int]:
    if not existing:
        return node.start_mark.index, 2
    last = max(existing.values(), key=lambda v: v.end_mark.index)
    end = text.find("\n", last.end_mark.index)
    end = len(text) if end < 0 else end
    if end > 0 and text[end - 1] == "\r":
        end -= 1
    first_key = node.value[0][0]
    return end, first_key.start_mark.column


def _quoted(text: str) -> str:
    text = " ".join(re.sub(r"[\x00-\x1f\x7f]", " ", text).split())
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
