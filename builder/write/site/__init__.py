"""The model -> the training website (mkdocs-material), built in-process and in strict mode.

`write_site` generates the Markdown pages from the model into a temporary docs
folder, then runs mkdocs' own build with the top-level mkdocs.yml as the base
configuration. The theme overrides, stylesheet, script and the vendored
iframe-worker polyfill live in <repo>/site/ (found beside the builder package,
not beside the protocol's sources, which may be anywhere).
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import logging
import os
import shutil
import tempfile
from pathlib import Path

from ...dates import long_date
from ...diff import Comparison
from ...errors import ProtocolError
from ...model import Protocol
from ...number import numbers as compute_numbers
from .downloads import copy_downloads, downloads_of
from .markup import plain
from .page import Site
from .pages import STATUS_WORDS, build_pages
from .search import separator
from .training import copy_packs, pack_files
from .what_changed import what_changed

REPO = Path(__file__).resolve().parents[3]
MKDOCS_YML = REPO / "mkdocs.yml"
SITE_FILES = REPO / "site"
ASSETS = SITE_FILES / "assets"
POLYFILL = "assets/vendor/iframe-worker/shim.js"


class SiteBuildError(ProtocolError):
    """mkdocs refused the generated pages (strict mode turns its warnings into this)."""


def write_site(protocol: Protocol, out_dir: Path, *, comparisons: list[Comparison] = (), downloads=(),
               offline: bool = False, training=()) -> None:
    """Write the website for `protocol` into `out_dir` (replaced if present).

    `comparisons` (builder.project.compare_releases): a What changed page for each whose text changed, and the
    latest (release -> `protocol`) for the "changed in" markers and the review notes. `downloads`: paths of the
    documents built beside the site (Word, PDF, redline, schedule), copied into it and linked from its pages;
    `training`: the training packs' files (builder.write.training), copied into its training/ folder and linked
    from the Training page.
    """
    require_site_files()
    with tempfile.TemporaryDirectory(prefix="protocol-site-docs-") as tmp:
        docs = Path(tmp) / "docs"
        site = generate_docs(protocol, docs, comparisons=comparisons, downloads=downloads, training=training)
        run_mkdocs(protocol, site, docs, Path(out_dir), offline=offline)


def require_site_files() -> None:
    """The theme files must be beside the builder package: a copy installed without them cannot build the site."""
    missing = [p.name + ("/" if p.suffix == "" else "") for p in (MKDOCS_YML, ASSETS) if not p.exists()]
    if missing:
        raise SiteBuildError(
            f"the website's theme files ({', '.join(missing)}) are not beside the toolkit in {REPO}: install the "
            "toolkit from a checkout with 'pip install -e .' (as the README says), or build without the website "
            "(--no-site)")


def generate_docs(protocol: Protocol, docs: Path, *, comparisons: list[Comparison] = (), downloads=(),
                  training=()) -> Site:
    """Write the Markdown pages, the static assets, the downloads and the training packs into `docs`; return the
    pages and nav."""
    changed = what_changed(protocol, list(comparisons))
    files = downloads_of(protocol, downloads, changed.since)
    packs = pack_files(protocol, training)
    site = build_pages(protocol, compute_numbers(protocol), changed, files, packs)
    docs.mkdir(parents=True, exist_ok=True)
    for page in site.pages:
        path = docs / page.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page.text(), encoding="utf-8")
    shutil.copytree(ASSETS, docs / "assets", dirs_exist_ok=True)
    copy_downloads(files, docs)
    copy_packs(packs, docs)
    return site


def mkdocs_config(protocol: Protocol, site: Site, docs: Path, out_dir: Path, *, offline: bool = False):
    from mkdocs.config import load_config

    meta = protocol.meta
    config = load_config(config_file=str(MKDOCS_YML), docs_dir=str(docs), site_dir=str(out_dir),
                         site_name=plain(meta.title) or "Protocol", nav=site.nav, strict=True)
    apply_protocol(config, protocol, site, offline=offline)
    return config


def apply_protocol(config, protocol: Protocol, site: Site, *, offline: bool = False) -> None:
    """The settings that come from the model: title, nav, banner, and offline search."""
    meta = protocol.meta
    config.site_name = plain(meta.title) or "Protocol"
    config.nav = site.nav
    config.extra["protocol"] = {
        "title": plain(meta.title), "council": plain(meta.council), "version": plain(meta.version),
        "status": meta.status, "banner": banner(protocol), "date": long_date(meta.date),
        "feedback": meta.feedback, "contact_email": meta.contact_email,
        # the site's folders, so that the page-not-found page can find the home page from any address
        "folders": sorted({page.path.split("/")[0] for page in site.pages if "/" in page.path} | {"downloads"}),
    }
    # read by site/hooks/search_index.py, which writes them into search/search_index.json
    config["protocol_search"] = {"docs": site.search, "separator": separator()}
    if offline:
        config.extra["polyfills"] = [POLYFILL]
        config.plugins["material/offline"].config.enabled = True


def run_mkdocs(protocol: Protocol, site: Site, docs: Path, out_dir: Path, *, offline: bool = False,
               serve_url: str | None = None) -> None:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, MkDocsException

    config = mkdocs_config(protocol, site, docs, out_dir, offline=offline)
    warnings = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(warnings)
    try:
        with source_date(protocol):
            build(config, serve_url=serve_url)
    except (Abort, MkDocsException) as exc:
        detail = "; ".join(warnings.messages[:5])
        raise SiteBuildError(f"the website was not built: {exc}" + (f" ({detail})" if detail else "")) from None
    finally:
        logger.removeHandler(warnings)


@contextlib.contextmanager
def source_date(protocol: Protocol):
    """Pin mkdocs' clock to the protocol's own date (midnight UTC) while it builds.

    mkdocs stamps today's date into the site (page dates, the gzip header of
    sitemap.xml.gz); SOURCE_DATE_EPOCH is the reproducible-builds convention it
    honours. A value already set by the caller is kept.
    """
    if os.environ.get("SOURCE_DATE_EPOCH") is not None:
        yield
        return
    try:
        when = _dt.datetime.fromisoformat(protocol.meta.date).replace(tzinfo=_dt.timezone.utc)
    except (TypeError, ValueError):
        when = _dt.datetime(2000, 1, 1, tzinfo=_dt.timezone.utc)
    os.environ["SOURCE_DATE_EPOCH"] = str(int(when.timestamp()))
    try:
        yield
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH", None)


def banner(protocol: Protocol) -> str:
    meta = protocol.meta
    when = long_date(meta.date)
    word = STATUS_WORDS.get(meta.status, meta.status.capitalize())
    if meta.status == "draft":
        return f"{word} version {meta.version} ({when}): not yet in force."
    if meta.status == "approved":
        return f"Version {meta.version}, approved {when}: in force once adopted by Full Council."
    return f"Version {meta.version}, adopted {when}: in force."


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())
