"""Reproducibility: every output is byte-identical across builds and machines.

The shipped protocol is built twice by `protocol build`, in parallel, from two
copies of the sources at different paths, into different output folders, with
everything a machine may differ in changed between them: time zone (UTC and
Pacific/Auckland, on different sides of the date line), locale (C.UTF-8 and
fr_FR.UTF-8, generated for the test when the system has none), hash seed, umask,
and the clock itself (the second build believes it is another year). Every file
(the Word document, the redline, the schedule, and the whole website: HTML, JS,
JSON, CSS, sitemap.xml and sitemap.xml.gz) must be byte for byte the same.

mkdocs stamps the build date into the site (each page's update date and the
gzip header of sitemap.xml.gz); `protocol build` pins it to the protocol's own
date through SOURCE_DATE_EPOCH, so nothing is excluded from the comparison.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import REPO
from test_security import assert_site_loads_nothing_from_elsewhere, docx_external_references

SHIFT_CLOCK = '''\
# Loaded at start-up by the second build: the clock says another year, another day and hour.
import datetime as _dt
import time as _time

_OFFSET = 400 * 86400 + 13 * 3600 + 7
_real_time = _time.time
_time.time = lambda: _real_time() + _OFFSET


class _Later(_dt.datetime):
    @classmethod
    def now(cls, tz=None):
        return _dt.datetime.fromtimestamp(_time.time(), tz)

    @classmethod
    def utcnow(cls):
        return _dt.datetime.utcfromtimestamp(_time.time())


try:
    import mkdocs.utils as _mu
    _mu.datetime = _Later
except ImportError:
    pass
'''


def _locale(tmp: Path) -> dict[str, str]:
    """A French locale (comma decimals, French month names), made with localedef when none is installed."""
    have = {n.lower().replace("-", "") for n in subprocess.run(["locale", "-a"], capture_output=True,
                                                               text=True).stdout.split()}
    if "fr_fr.utf8" in have:
        return {"LC_ALL": "fr_FR.UTF-8"}
    if shutil.which("localedef"):
        folder = tmp / "locales"
        folder.mkdir()
        subprocess.run(["localedef", "-i", "fr_FR", "-f", "UTF-8", str(folder / "fr_FR.UTF-8")], capture_output=True)
        if (folder / "fr_FR.UTF-8").exists():
            return {"LC_ALL": "fr_FR.UTF-8", "LOCPATH": str(folder)}
    return {"LC_ALL": "POSIX"}  # still a different locale from C.UTF-8


def _copy_sources(dest: Path) -> Path:
    dest.mkdir(parents=True)
    for name in ("protocol_src", "scenarios", "releases"):
        shutil.copytree(REPO / name, dest / name)
    return dest


def _build(root: Path, out: Path, extra_env: dict[str, str], umask: int, path_first: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LC_", "SOURCE_DATE", "PROTOCOL_"))}
    env.update(extra_env)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (path_first, str(REPO)) if p)
    return subprocess.run([sys.executable, "-m", "builder.cli", "build", "--root", str(root), "--out", str(out)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600,
                          preexec_fn=lambda: os.umask(umask))


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> tuple[Path, Path]:
    tmp = tmp_path_factory.mktemp("repro")
    shift = tmp / "shift"
    shift.mkdir()
    (shift / "sitecustomize.py").write_text(SHIFT_CLOCK, encoding="utf-8")
    first = _copy_sources(tmp / "a")
    second = _copy_sources(tmp / "machine-two" / "Monitoring Officer's files" / "protocol")
    jobs = [
        (first, tmp / "out-a", {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "PYTHONHASHSEED": "1"}, 0o022),
        (second, tmp / "out b", {"TZ": "Pacific/Auckland", **_locale(tmp), "LANG": "fr_FR.UTF-8",
                                 "PYTHONHASHSEED": "4242"}, 0o077, str(shift)),
    ]
    with ThreadPoolExecutor(max_workers=2) as pool:
        procs = list(pool.map(lambda job: _build(*job), jobs))
    for proc in procs:
        assert proc.returncode == 0, proc.stderr
        assert "Traceback" not in proc.stderr
    return jobs[0][1], jobs[1][1]


@pytest.mark.slow
def test_every_output_is_byte_identical_across_machines(two_builds):
    a, b = files(two_builds[0]), files(two_builds[1])
    assert sorted(a) == sorted(b)
    different = [name for name in a if a[name] != b[name]]
    assert different == []
    names = set(a)
    assert sum(n.endswith(".docx") and "/" not in n for n in names) == 3  # the protocol, the redline, the schedule
    assert sum(n.startswith("site/downloads/") for n in names) == 3  # and their copies, which the site links
    for wanted in ("site/index.html", "site/search/search_index.json", "site/sitemap.xml", "site/sitemap.xml.gz"):
        assert wanted in names


@pytest.mark.slow
def test_the_clock_really_differed_and_the_site_carries_the_protocol_date(two_builds):
    """The comparison above means something: mkdocs would have stamped the build day into sitemap.xml.gz."""
    import gzip
    import struct

    from builder.load import load_tree

    data = (two_builds[0] / "site" / "sitemap.xml.gz").read_bytes()
    stamp = struct.unpack("<I", data[4:8])[0]  # the gzip header's modification time
    date = load_tree(REPO)[0].meta.date
    import datetime as dt

    assert dt.datetime.fromtimestamp(stamp, dt.timezone.utc).date().isoformat() == date
    assert gzip.decompress(data) == (two_builds[0] / "site" / "sitemap.xml").read_bytes()


@pytest.mark.slow
def test_the_shipped_build_loads_nothing_from_elsewhere(two_builds):
    out = two_builds[0]
    assert_site_loads_nothing_from_elsewhere(out / "site")
    for doc in out.glob("*.docx"):
        assert docx_external_references(doc) == [], doc.name


def test_the_pinned_clock_is_given_back(mini_tree, tmp_path, monkeypatch):
    """SOURCE_DATE_EPOCH is set only while mkdocs runs, and a caller's own value wins."""
    import mkdocs.commands.build as mkdocs_build

    from builder.build import build

    seen = []
    monkeypatch.setattr(mkdocs_build, "build", lambda *a, **k: seen.append(os.environ.get("SOURCE_DATE_EPOCH")))
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(mini_tree, tmp_path / "one")
    assert seen == ["1715040000"]  # 2024-05-07, the mini protocol's date, at midnight UTC
    assert "SOURCE_DATE_EPOCH" not in os.environ
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    build(mini_tree, tmp_path / "two")
    assert seen[-1] == "0" and os.environ["SOURCE_DATE_EPOCH"] == "0"
