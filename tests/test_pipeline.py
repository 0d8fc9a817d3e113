"""`protocol build` is one pass: the project loaded once, each release verified once, one comparison.

Counted with cProfile (every call, wherever it is made from) on a real build of
the shipped protocol, website included: the draft and release 1.0 are each
loaded once, the snapshot is verified once, and the latest release is compared
with the draft once, for the checks, the What changed page, the redline and the
schedule alike.
"""
from __future__ import annotations

import cProfile
import pstats
from collections import Counter

from builder.build import build


def _calls(function, *args, **kwargs) -> Counter:
    """How many times each function of the builder package ran during `function(*args, **kwargs)`."""
    profile = cProfile.Profile()
    profile.runcall(function, *args, **kwargs)
    counts: Counter = Counter()
    for (path, _, name), (_, calls, _, _, _) in pstats.Stats(profile).stats.items():
        if "/builder/" in path.replace("\\", "/"):
            counts[f"{path.replace(chr(92), '/').rsplit('/builder/', 1)[1]}:{name}"] += calls
    return counts


def test_a_build_loads_verifies_and_compares_once(shipped_tree, tmp_path):
    calls = _calls(build, shipped_tree, tmp_path / "out")
    assert calls["load/__init__.py:load_tree"] == 2  # the draft, and release 1.0
    assert calls["snapshots.py:verify_snapshot"] == 1
    assert calls["diff/compare.py:compare"] == 1
    assert calls["check/__init__.py:check"] == 1
    outputs = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert outputs == ["member-officer-relations-protocol-redline-v1.0-to-v1.1-draft.docx",
                       "member-officer-relations-protocol-schedule-of-amendments-v1.0-to-v1.1-draft.docx",
                       "member-officer-relations-protocol-v1.1-draft.docx", "site"]
    assert (tmp_path / "out" / "site" / "changes" / "changes-1.0-to-1.1-draft.html").is_file()


def test_a_release_and_the_draft_share_the_parse_of_every_file_they_have_in_common(shipped_tree, tmp_path):
    """Most files of release 1.0 are the draft's text: each distinct text is parsed once."""
    calls = _calls(build, shipped_tree, tmp_path / "out", site=False)
    drafts = sorted((shipped_tree / "protocol_src").glob("*.md"))
    released = shipped_tree / "releases" / "1.0" / "protocol_src"
    changed = [p.name for p in drafts if p.read_bytes() != (released / p.name).read_bytes()]
    assert 0 < len(changed) < len(drafts)  # the draft amended some sections since 1.0, not all
    assert calls["load/sections.py:_parse_section"] == len(drafts) + len(changed)
