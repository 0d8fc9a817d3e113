"""The project, loaded once: the draft, the releases it is compared with (each verified once), and what loading found.

`load_project(root)` reads protocol_src/ and scenarios/ (the working draft),
verifies every release the version history lists (releases/<version>/ against
its MANIFEST.sha256) and loads the ones needed: by default the latest and
those the scenarios, quick answers and training sessions were reviewed against (what `protocol
check` compares with); with `releases="all"` every one (the website's What
changed pages).
The draft and its releases share the parse of every text they have in common
(builder.load.Parses).

Nothing here checks the whole model: that is builder.check, which takes the
project and the comparison with the latest release (`compare_latest`, made
once and handed to everything that shows what changed).
"""
from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Iterable, Literal

from .diagnostics import Collector
from .diff import Comparison, compare
from .errors import ProtocolError
from .load import NotASourceRoot, Parses, load_tree
from .model import Protocol
from .snapshots import load_release, release_dir, verify_snapshot, version_key

Needed = Literal["checked", "all"] | Iterable[str]


@dataclass(frozen=True)
class Snapshot:
    """One version of the history as found in releases/<version>/: verified, and loaded when needed."""

    version: str
    problems: tuple[str, ...] = ()  # what verifying it against its manifest found; () when intact
    missing: bool = False  # the folder itself is missing
    protocol: Protocol | None = None  # its model, when it was needed, is intact and loads without errors
    error: str = ""  # why it has no model although it was needed, in one sentence

    @property
    def intact(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class Project:
    root: Path
    draft: Protocol
    diagnostics: Collector  # what loading the draft found; builder.check adds the whole-model rules to a copy
    snapshots: tuple[Snapshot, ...]  # one for each version the history lists, lowest version first

    def snapshot(self, version: str) -> Snapshot | None:
        return next((s for s in self.snapshots if s.version == version), None)

    @property
    def latest(self) -> Snapshot | None:
        """The intact snapshot of the highest version: what the draft is compared with."""
        return next((s for s in reversed(self.snapshots) if s.intact), None)

    def releases(self) -> list[Protocol]:
        """The models of the loaded releases, lowest version first."""
        return [s.protocol for s in self.snapshots if s.protocol is not None]

    def checked(self) -> list[Snapshot]:
        """The loaded snapshots the checks compare with, lowest version first: the same whichever releases
        were loaded besides (`protocol check` and `protocol build` report the same)."""
        wanted = checked_versions(self.draft, [s.version for s in self.snapshots if s.intact])
        return [s for s in self.snapshots if s.version in wanted and s.protocol is not None]


def load_project(root: Path | str, *, releases: Needed = "checked") -> Project:
    """The draft in `root` with its releases: "checked" loads the latest and those the scenarios and quick
    answers were reviewed against, "all" every intact one, a list of versions those as well as the checked ones.
    Raises NotASourceRoot when `root` holds no protocol_src/."""
    root = Path(root)
    parses = Parses()
    draft, diagnostics = load_tree(root, parses)
    versions = sorted(dict.fromkeys(r.version for r in draft.history), key=version_key)
    problems = {version: verify_snapshot(root, version) for version in versions}
    intact = [version for version in versions if not problems[version]]
    if releases == "all":
        wanted = set(intact)
    else:
        wanted = checked_versions(draft, intact) | (set() if releases == "checked" else set(releases))
    snapshots = tuple(_snapshot(root, version, problems[version], version in wanted, parses)
                      for version in versions)
    return Project(root, draft, diagnostics, snapshots)


def checked_versions(draft: Protocol, intact: list[str]) -> set[str]:
    """The versions the checks compare the draft with: the latest intact one (`intact` is in version order)
    and those a scenario, quick answer or training session was reviewed against."""
    reviewed = {item.reviewed_against for item in (*draft.scenarios, *draft.answers, *draft.sessions)}
    return reviewed | set(intact[-1:])


def _snapshot(root: Path, version: str, problems: list[str], wanted: bool, parses: Parses) -> Snapshot:
    if problems:
        return Snapshot(version, tuple(problems), missing=not release_dir(root, version).is_dir())
    if not wanted:
        return Snapshot(version)
    try:
        return Snapshot(version, protocol=load_release(root, version, parses, problems=[]))
    except (ProtocolError, NotASourceRoot) as exc:  # verified, but it does not load: never compared with
        return Snapshot(version, error=str(exc))


def compare_latest(project: Project, *, words: bool = True) -> Comparison | None:
    """The latest release compared with the draft (None when there is none, or it does not load).

    words=False leaves out the word-level diff, for a command that only checks."""
    latest = project.latest
    if latest is None or latest.protocol is None:
        return None
    return Comparison(latest.protocol, project.draft, compare(latest.protocol, project.draft, words=words))


def compare_releases(project: Project, latest: Comparison | None) -> list[Comparison]:
    """Each loaded release compared with the one before it, then `latest` (the draft's): the history of the
    text, oldest first, as the website shows it."""
    out = [Comparison(old, new, compare(old, new)) for old, new in pairwise(project.releases())]
    return out + ([latest] if latest is not None else [])
