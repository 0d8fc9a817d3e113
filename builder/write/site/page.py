"""A page of the website and the site as a whole: what the page writers make and write_site writes.

`Page` is one Markdown file with its front matter; `Site` every page, the nav
that orders them and the search index's documents. builder.write.site.pages
makes them from the model, with the page writers of their own modules
(answers.py, printing.py); write_site writes the pages and hands the nav and
the documents to mkdocs.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import yaml


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "protocol/roles.md"
    title: str  # plain text (the theme prints it unescaped)
    body: str  # Markdown
    tags: tuple[str, ...] = ()
    summary: str = ""  # one line for the page's search result
    hide: tuple[str, ...] = ()  # parts of the theme's page to leave out, e.g. ("toc",)

    def text(self) -> str:
        meta: dict = {"title": self.title}
        if self.tags:
            meta["tags"] = list(self.tags)
        if self.hide:
            meta["hide"] = list(self.hide)
        # the search plugin's own entries (one per heading) are replaced by builder.write.site.search's documents
        meta["search"] = {"exclude": True}
        front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
        return f"---\n{front}---\n\n{self.body.strip()}\n"


@dataclass
class Site:
    """Every page plus the nav that orders them."""

    pages: list[Page] = field(default_factory=list)
    nav: list = field(default_factory=list)
    search: list[dict] = field(default_factory=list)  # the search index's documents (builder.write.site.search)
