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


def _releases(root) -> list:
    """The release folders, oldest first."""
    found = [p for p in (root / "releases").iterdir() if p.is_dir()]
    return sorted(found, key=lambda p: tuple(int(n) for n in p.name.split(".")))


def _version(root) -> str:
    text = (root / "protocol_src" / "protocol.yaml").read_text(encoding="utf-8")
    return next(line.split('"')[1] for line in text.splitlines() if line.startswith("version:"))


def test_a_build_loads_verifies_and_compares_once(shipped_tree, tmp_path):
    releases = [p.name for p in _releases(shipped_tree)]
    calls = _calls(build, shipped_tree, tmp_path / "out")
    assert len(releases) >= 2  # the shipped protocol has been round the cycle more than once
    assert calls["load/__init__.py:load_tree"] == 1 + len(releases)  # the draft, and each release once
    assert calls["snapshots.py:verify_snapshot"] == len(releases)
    # one comparison per step of the history: release to release for the What changed pages, the latest to the
    # draft for the checks, that page, the redline and the schedule alike
    assert calls["diff/compare.py:compare"] == len(releases)
    assert calls["check/__init__.py:check"] == 1
    latest, draft = releases[-1], _version(shipped_tree)
    outputs = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert outputs == [f"member-officer-relations-protocol-redline-v{latest}-to-v{draft}-draft.docx",
                       f"member-officer-relations-protocol-schedule-of-amendments-v{latest}-to-v{draft}-draft.docx",
                       f"member-officer-relations-protocol-v{draft}-draft.docx", "site", "training"]
    changes = sorted(p.name for p in (tmp_path / "out" / "site" / "changes").glob("*.html"))
    steps = [f"changes-{a}-to-{b}.html" for a, b in zip(releases, releases[1:])]
    assert changes == sorted(steps + [f"changes-{latest}-to-{draft}-draft.html"])


def test_a_release_and_the_draft_share_the_parse_of_every_file_they_have_in_common(shipped_tree, tmp_path):
    """A section file whose text a release shares with the draft or another release is parsed once: each
    distinct text once, across the draft and every release."""
    calls = _calls(build, shipped_tree, tmp_path / "out")
    drafts = sorted((shipped_tree / "protocol_src").glob("*.md"))
    # the website's What changed pages read every release; releases 1.0 and 1.1 share unchanged sections
    released = [p for r in _releases(shipped_tree) for p in sorted((r / "protocol_src").glob("*.md"))]
    distinct = {p.read_bytes() for p in drafts + released}
    assert calls["load/sections.py:_parse_section"] == len(distinct) < len(drafts) + len(released)
