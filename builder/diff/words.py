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
from collections import Counter

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


class _Codes(dict):
    """Token -> the one character that stands for it, made on first sight (dict.__getitem__ asks __missing__)."""

    def __init__(self) -> None:
        super().__init__()
        self.tokens: dict[str, Token] = {}  # and back

    def __missing__(self, tok: Token) -> str:
        n = len(self.tokens)
        ch = self[tok] = chr(_BASE + n if _BASE + n <= _PUA_END else _PLANE15 + n)
        self.tokens[ch] = tok
        return ch


_MARKS = {0: "", -1: "del", 1: "ins"}


def diff_runs(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[Run, ...]:
    """Runs marked "", "del" or "ins": dropping "ins" gives `old`'s text, dropping "del" gives `new`'s."""
    if old == new and not any(r.mark for r in new):  # most paragraphs: nothing to mark, nothing to build
        return new
    old_tokens, new_tokens = tokens(old), tokens(new)
    if old_tokens == new_tokens:  # the same words, cut into runs differently
        return tuple(Run(r.text, "", r.ref, r.term) for r in new)
    codes = _Codes()
    a, b = "".join(map(codes.__getitem__, old_tokens)), "".join(map(codes.__getitem__, new_tokens))
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main(a, b, False)
    dmp.diff_cleanupSemantic(diffs)
    return _runs(diffs, codes.tokens)


def _runs(diffs, tokens_of: dict[str, Token]) -> tuple[Run, ...]:
    """The diff's tokens back into runs: neighbours with the same mark and term (and no reference) are one run."""
    out: list[Run] = []
    words: list[str] = []  # the texts of the run being gathered
    key_mark, key_term = None, None  # of the run being gathered (None: none is)
    for op, chars in diffs:
        mark = _MARKS[op]
        for text, ref, term in map(tokens_of.__getitem__, chars):
            if not ref and mark == key_mark and term == key_term:
                words.append(text)
                continue
            if words:
                out.append(Run("".join(words), key_mark, "", key_term))
            if ref:
                out.append(Run(text, mark, ref, term))
                words, key_mark, key_term = [], None, None
            else:
                words, key_mark, key_term = [text], mark, term
    if words:
        out.append(Run("".join(words), key_mark, "", key_term))
    return tuple(out)


# A paragraph mark inside one text: diffing one paragraph against two (a split) or two against one (a merge) with
# JOIN between the two, the diff says where the mark that was added or removed falls among the words.
JOIN = Run("", "", "\x00join")


def diff_across(old: tuple[Run, ...], new: tuple[Run, ...]) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """The word diff of `old` and `new`, one of which holds JOIN, cut in two where JOIN falls: the runs of the
    first paragraph and of the second."""
    runs = diff_runs(old, new)
    cut = next(i for i, r in enumerate(runs) if r.ref == JOIN.ref)
    return runs[:cut], runs[cut + 1:]


def changed_words(runs: tuple[Run, ...]) -> int:
    """How many words (tokens other than white space) a diff marks inserted or deleted."""
    return sum(1 for r in runs if r.mark and r.ref != JOIN.ref for t in tokens((r,)) if not t[0].isspace())


def words_in(runs: tuple[Run, ...]) -> int:
    return sum(1 for t in tokens(runs) if not t[0].isspace())


def shared_words(runs: tuple[Run, ...], other: tuple[Run, ...]) -> int:
    """How many of the words of `runs` (tokens other than white space, counted with repeats) `other` also has:
    at most that many can be left unmarked by a diff of the two."""
    mine = Counter(t for t in tokens(runs) if not t[0].isspace())
    theirs = Counter(t for t in tokens(other) if not t[0].isspace())
    return sum((mine & theirs).values())


def marked(runs: tuple[Run, ...], mark: str) -> tuple[Run, ...]:
    return tuple(Run(r.text, mark, r.ref, r.term) for r in runs)


def side(runs: tuple[Run, ...], which: str) -> tuple[Run, ...]:
    """The runs of one side of a diff: 'old' drops insertions, 'new' drops deletions."""
    drop = "ins" if which == "old" else "del"
    return tuple(Run(r.text, "", r.ref, r.term) if r.mark else r for r in runs if r.mark != drop)


def plain(runs: tuple[Run, ...]) -> str:
    return "".join(r.text for r in runs)
