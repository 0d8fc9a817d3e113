"""Alignment helpers: longest common subsequence of ids, merged order, sequence matching."""
from __future__ import annotations

import bisect
from difflib import SequenceMatcher
from typing import Hashable, Sequence, TypeVar

K = TypeVar("K", bound=Hashable)


def lcs(old: Sequence[K], new: Sequence[K]) -> list[K]:
    """Longest common subsequence of two sequences of unique keys (O(n log n), deterministic).

    The keys left out of it are the ones that moved.
    """
    pos = {k: i for i, k in enumerate(new)}
    seq = [(pos[k], k) for k in old if k in pos]
    tails: list[int] = []  # smallest tail position of an increasing run of each length
    tail_idx: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for i, (p, _) in enumerate(seq):
        j = bisect.bisect_left(tails, p)
        if j == len(tails):
            tails.append(p)
            tail_idx.append(i)
        else:
            tails[j] = p
            tail_idx[j] = i
        prev[i] = tail_idx[j - 1] if j else -1
    out: list[K] = []
    i = tail_idx[-1] if tail_idx else -1
    while i != -1:
        out.append(seq[i][1])
        i = prev[i]
    return out[::-1]


def merge_order(old: Sequence[K], new: Sequence[K], anchors: set) -> list[tuple[str, K]]:
    """Both sequences woven together: ('both', k) for anchors, ('old', k) and ('new', k) between them.

    Anchors must appear in the same order in both. Between two anchors the old
    elements come first (what was there), then the new ones (what replaces it).
    Every element of both comes out once, so a key given twice on one side (an id
    pasted again, reported as I001) still ends the walk.
    """
    out: list[tuple[str, K]] = []
    i = j = 0
    while i < len(old) or j < len(new):
        while i < len(old) and old[i] not in anchors:
            out.append(("old", old[i]))
            i += 1
        while j < len(new) and new[j] not in anchors:
            out.append(("new", new[j]))
            j += 1
        if i < len(old) and j < len(new):
            out.append(("both", new[j]))
            i += 1
            j += 1
        elif j < len(new):  # an anchor the old side has run out of: a key given twice (I001), kept as new
            out.append(("new", new[j]))
            j += 1
        elif i < len(old):
            out.append(("old", old[i]))
            i += 1
    return out


def align(old: Sequence[str], new: Sequence[str], pair_ratio: float = 0.5) -> list[tuple[int | None, int | None]]:
    """Pair up elements without ids (sub-items, scenario text) by sequence matching.

    Equal elements pair; inside a replaced stretch, elements pair in order while
    they are similar enough to read as an amendment, otherwise they are a
    deletion and an insertion.
    """
    if list(old) == list(new):  # nothing changed: what SequenceMatcher would say, without running it
        return [(i, i) for i in range(len(old))]
    out: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        out.extend(_pair_stretch(old, new, i1, i2, j1, j2, pair_ratio))
    return out


def _similarities(old: Sequence[str], new: Sequence[str], pair_ratio: float) -> list[list[float]]:
    """How alike each old and each new element is, by their words (difflib's ratio). A pair that cannot reach
    `pair_ratio` (difflib's cheap upper bounds say so) gets 0.0 without the full match: below the threshold the
    value is never used. One matcher per new element, which difflib indexes once."""
    old_words = [a.casefold().split() for a in old]
    sim = [[0.0] * len(new) for _ in old]
    for b, words in enumerate(new):
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(words.casefold().split())
        for a, seq in enumerate(old_words):
            matcher.set_seq1(seq)
            if pair_ratio > 0 and (matcher.real_quick_ratio() < pair_ratio or matcher.quick_ratio() < pair_ratio):
                continue
            sim[a][b] = matcher.ratio()
    return sim


def _pair_stretch(old, new, i1, i2, j1, j2, pair_ratio):
    """Order-keeping pairing of a replaced stretch that maximises total similarity (small: one paragraph)."""
    n, m = i2 - i1, j2 - j1
    if n * m > 400:  # a long stretch: pair nothing rather than spend time (still a correct diff)
        return [(i, None) for i in range(i1, i2)] + [(None, j) for j in range(j1, j2)]
    sim = _similarities(old[i1:i2], new[j1:j2], pair_ratio)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(n - 1, -1, -1):
        for b in range(m - 1, -1, -1):
            take = sim[a][b] + best[a + 1][b + 1] if sim[a][b] >= pair_ratio else -1.0
            best[a][b] = max(take, best[a + 1][b], best[a][b + 1])
    out: list[tuple[int | None, int | None]] = []
    a = b = 0
    while a < n and b < m:
        if sim[a][b] >= pair_ratio and best[a][b] == sim[a][b] + best[a + 1][b + 1]:
            out.append((i1 + a, j1 + b))
            a, b = a + 1, b + 1
        elif best[a][b] == best[a + 1][b]:
            out.append((i1 + a, None))
            a += 1
        else:
            out.append((None, j1 + b))
            b += 1
    out.extend((i1 + k, None) for k in range(a, n))
    out.extend((None, j1 + k) for k in range(b, m))
    return out
