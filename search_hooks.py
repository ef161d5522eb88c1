"""MkDocs hook (listed in mkdocs.yml): index the built site for search once every language is built."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from ricdm.search_index import SearchIndexError, index_site, missing_indexer

SEARCH_LATER = "ricdm_search_later"
"""Set on the config by the preview (preview/search.py), which indexes after serving the pages, not during the build."""


# Priority 90: with the data checks (mkdocs_hooks, 100), before MkDocs empties site_dir for a build it cannot finish.
@event_priority(90)
def on_config(config: MkDocsConfig) -> None:
    problem = missing_indexer()
    if problem:
        raise PluginError(problem)


# Priority -200: after static-i18n's on_post_build (-100), which builds the other languages into the same site.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:  # an inner build of one language: the site is not complete yet
        return
    if config.get(SEARCH_LATER):
        return
    try:
        index_site(Path(config.site_dir))
    except SearchIndexError as failure:
        raise PluginError(str(failure)) from None
