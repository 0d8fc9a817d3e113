"""mkdocs hook: the search index holds the protocol's own documents (builder.write.site.search).

mkdocs-material's search plugin writes search/search_index.json from each
page's HTML; this hook then replaces its documents with the ones drawn from
the model (one per quick answer, paragraph, scenario and glossary term) and
sets the separator that drops stop words from a query. It runs after the search
plugin has written the file and before the offline plugin copies it into
search_index.js (priorities 0 and -100).
"""
from __future__ import annotations

import json
import os

from mkdocs.plugins import event_priority


@event_priority(-50)
def on_post_build(config):
    search = config.get("protocol_search")
    path = os.path.join(config.site_dir, "search", "search_index.json")
    if not search or not os.path.isfile(path):
        return
    with open(path, encoding="utf-8") as f:
        index = json.load(f)
    index["config"]["separator"] = search["separator"]
    index["docs"] = search["docs"]
    with open(path, "w", encoding="utf-8") as f:
        json.dump(index, f, separators=(",", ":"), ensure_ascii=False)
