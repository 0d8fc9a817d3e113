"""protocol trace: which paragraphs serve each objective of the council's report (8.1-8.10)."""
from __future__ import annotations

from . import add_root, root_of


def register(sub) -> None:
    p = sub.add_parser("trace", help="table of each objective with the paragraphs that serve it; the text's length")
    add_root(p)
    p.set_defaults(run=run)


def run(args) -> int:
    from ..check import trace
    from ..load import load_tree
    from ..number import numbers
    from ..readability import readability

    protocol, _ = load_tree(root_of(args))
    nums = numbers(protocol)
    served = trace(protocol)
    gaps = 0
    print(f"{'Objective':<10} {'Paragraphs':>10}  Served by")
    for obj in protocol.vocabulary.objectives:
        paras = served.get(obj.id, [])
        gaps += not paras
        listed = ", ".join(nums.get(p, p) for p in paras) or "NONE"
        print(f"{obj.id:<10} {len(paras):>10}  {listed}")
        print(f"{'':<10} {'':>10}  ({obj.label})")
    r = readability(protocol, nums)
    words, where = r.longest
    print(f"\nThe text: {r.words:,} words in its numbered paragraphs; {r.sentences:,} sentences, "
          f"{r.average:.1f} words on average ({r.list_average:.1f} reading a lead-in and its sub-items as one "
          f"sentence); the longest has {words} words ({nums.get(where, where)}).")
    return 1 if gaps else 0
