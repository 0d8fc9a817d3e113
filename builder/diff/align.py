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
    return out


def align(old: Sequence[str], new: Sequence[str], pair_ratio: float = 0.5) -> list[tuple[int | None, int | None]]:
    """Pair up elements without ids (sub-items, scenario text) by sequence matching.

    Equal elements pair; inside a replaced stretch, elements pair in order while
    they are similar enough to read as an amendment, otherwise they are a
    deletion and an insertion.
    """
    out: list[tuple[int | None, int | None]] = []
    matcher = SequenceMatcher(None, list(old), list(new), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.extend(zip(range(i1, i2), range(j1, j2)))
            continue
        i, j = i1, j1
        while i < i2 and j < j2:
            if SequenceMatcher(None, old[i].split(), new[j].split(), autojunk=False).ratio() >= pair_ratio:
                out.append((i, j))
                i += 1
                j += 1
            elif i2 - i >= j2 - j:
                out.append((i, None))
                i += 1
            else:
                out.append((None, j))
                j += 1
        out.extend((k, None) for k in range(i, i2))
        out.extend((None, k) for k in range(j, j2))
    return out
