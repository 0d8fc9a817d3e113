"""Word-level differences inside one aligned piece of text (a paragraph, a sub-item, a title).

Runs are cut into word tokens (words, spaces, punctuation); each distinct token
(with its glossary term or cross-reference) becomes one private-use character, so
diff-match-patch diffs words, never letters (its lines-to-chars trick applied to
words). `diff_cleanupSemantic` then merges scattered small edits into readable
phrases. `Diff_Timeout` is 0: each call covers one paragraph, so an exact diff is
cheap, and a timeout would silently make the result depend on the machine.

A cross-reference is one token whose text is its rendered number: when the
referenced paragraph is renumbered, the reference shows as a small deletion of
the old number and insertion of the new one.
"""
from __future__ import annotations

import re

from diff_match_patch import diff_match_patch

from ..view import Run

_TOKEN = re.compile(r"\w+(?:['’]\w+)*|\s+|[^\w\s]", re.UNICODE)
_BASE = 0xE000  # private-use characters: never whitespace or letters to the semantic clean-up
_PUA_END = 0xF8FF
_PLANE15 = 0xF0000

Token = tuple[str, str, str]  # (text, ref, term)


def tokens(runs: tuple[Run, ...]) -> list[Token]:
    out: list[Token] = []
    for run in runs:
        if run.ref:
            out.append((run.text, run.ref, run.term))
        else:
            out.extend((t, "", run.term) for t in _TOKEN.findall(run.text))
    return out


def _encode(seqs: tuple[list[Token], ...]) -> tuple[list[str], list[Token]]:
    index: dict[Token, str] = {}
    table: list[Token] = []
    encoded = []
    for seq in seqs:
        chars = []
        for tok in seq:
            ch = index.get(tok)
            if ch is None:
                n = len(table)
                code = _BASE + n if _BASE + n <= _PUA_END else _PLANE15 + n
                ch = index[tok] = chr(code)
                table.append(tok)
            chars.append(ch)
        encoded.append("".join(chars))
    return encoded, table


def _code_index(ch: str) -> int:
    code = ord(ch)
    return code - _BASE if code <= _PUA_END else code - _PLANE15


def diff_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs marked "", "del" or "ins": dropping "ins" gives `old`'s text, dropping "del" gives `new`'s."""
    if old == new and not any(r.mark for r in new):  # most paragraphs: nothing to mark, nothing to build
        return new
    if _same(old, new):
        return tuple(Run(r.text, "", r.ref, r.term) for r in new)
    (a, b), table = _encode((tokens(old), tokens(new)))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    out: list[Run] = []
    for op, chars in diffs:
        mark = {0: "", -1: "del", 1: "ins"}[op]
        for ch in chars:
            text, ref, term = table[_code_index(ch)]
            _append(out, Run(text, mark, ref, term))
    return tuple(out)


def _same(old: tuple[Run, ...], new: tuple[Run, ...]) -> bool:
    return [(r.text, r.ref, r.term) for r in old] == [(r.text, r.ref, r.term) for r in new] or \
        tokens(old) == tokens(new)


def _append(out: list[Run], run: Run) -> None:
    """Join a token to the run before it when mark, term and (absent) reference agree."""
    last = out[-1] if out else None
    if last and not last.ref and not run.ref and last.mark == run.mark and last.term == run.term:
        out[-1] = Run(last.text + run.text, last.mark, "", last.term)
    else:
        out.append(run)


def marked(runs: tuple[Run, ...], mark: str) -> tuple[Run, ...]:
    return tuple(Run(r.text, mark, r.ref, r.term) for r in runs)


def side(runs: tuple[Run, ...], which: str) -> tuple[Run, ...]:
    """The runs of one side of a diff: 'old' drops insertions, 'new' drops deletions."""
    drop = "ins" if which == "old" else "del"
    return tuple(Run(r.text, "", r.ref, r.term) for r in runs if r.mark != drop)


def has_marks(runs: tuple[Run, ...]) -> bool:
    return any(r.mark for r in runs)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)
