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
            term = run.term
            out.extend([(t, "", term) for t in _TOKEN.findall(run.text)])
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


_MARKS = {0: "", -1: "del", 1: "ins"}


def diff_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs marked "", "del" or "ins": dropping "ins" gives `old`'s text, dropping "del" gives `new`'s."""
    if old == new and not any(r.mark for r in new):  # most paragraphs: nothing to mark, nothing to build
        return new
    old_tokens, new_tokens = tokens(old), tokens(new)
    if old_tokens == new_tokens:  # the same words, cut into runs differently
        return tuple(Run(r.text, "", r.ref, r.term) for r in new)
    (a, b), table = _encode((old_tokens, new_tokens))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return _runs(((_MARKS[op], table[_code_index(ch)]) for op, chars in diffs for ch in chars))


def _runs(marked_tokens) -> tuple[Run, ...]:
    """Tokens back into runs: neighbours with the same mark and term (and no reference) are one run."""
    out: list[Run] = []
    words: list[str] = []  # the texts of the run being gathered
    key = None  # (mark, term) of the run being gathered
    for mark, (text, ref, term) in marked_tokens:
        if not ref and key == (mark, term):
            words.append(text)
            continue
        if words:
            out.append(Run("".join(words), key[0], "", key[1]))
        if ref:
            out.append(Run(text, mark, ref, term))
            words, key = [], None
        else:
            words, key = [text], (mark, term)
    if words:
        out.append(Run("".join(words), key[0], "", key[1]))
    return tuple(out)


def marked(runs: tuple[Run, ...], mark: str) -> tuple[Run, ...]:
    return tuple(Run(r.text, mark, r.ref, r.term) for r in runs)


def side(runs: tuple[Run, ...], which: str) -> tuple[Run, ...]:
    """The runs of one side of a diff: 'old' drops insertions, 'new' drops deletions."""
    drop = "ins" if which == "old" else "del"
    return tuple(Run(r.text, "", r.ref, r.term) for r in runs if r.mark != drop)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)
