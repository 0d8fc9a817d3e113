"""How a `protocol` process runs: garbage collection set for one large model, and a quick exit.

A command loads the sources into one model (at Constitution size, about a
million small objects) that lives until the process ends, and writes documents
from it. Two costs of CPython's defaults show at that size, measured with
`benchmarks/` (redline and schedule at Constitution size):

- The cyclic garbage collector scans the young objects every 700 allocations.
  Nearly everything a command allocates is kept (the model) or freed by
  reference counting (temporary strings and tuples), so those scans find
  nothing and cost about 0.3 s. `tune_collector` scans every 50,000 instead.
- At exit the interpreter frees every object one by one, after every output is
  written, closed and moved into place: another 0.3 s. `leave` flushes the
  standard streams and ends the process without that teardown.

Both are for the console script and the benchmark's step processes only; the
library itself (and the tests that call `builder.cli.main`) leave the
interpreter's settings alone.
"""
from __future__ import annotations

import gc
import os
import sys

YOUNG_THRESHOLD = 50_000  # CPython's default is 700


def tune_collector() -> None:
    """Scan young objects for cycles less often (the older generations keep their default ratios)."""
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def leave(code: int) -> None:
    """Flush stdout and stderr, then end the process with `code` without freeing the heap object by object."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe or stream: nothing more can be said anyway
            pass
    os._exit(code)
