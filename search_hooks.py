"""MkDocs hook (listed in mkdocs.yml): split the search index by language once every language is built."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

from ricdm.search_index import split_search_index


# Priority -200: after static-i18n's on_post_build (-100), which builds the other languages and merges the index.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building:  # an inner build of one language: the merged index is not complete yet
        return
    split_search_index(Path(config.site_dir), i18n.build_languages)
