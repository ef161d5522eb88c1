"""Benchmark-only MkDocs hook of the plain-MkDocs twin: the output steps the real site runs whatever its data.

The real build's hooks (``mkdocs_hooks.py``, left out of the twin with the data layer) also give every page its head
for search engines with a social card, and once every language is built write the sitemap, the search index and the
hosting files (``ricdm.pipeline``). Those steps cost the same with or without the data layer, so the twin runs them
too, through the same functions, at the same points.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

import mkdocs_internals as internals
from ricdm import seo, urls
from ricdm.cache import FOLDER
from ricdm.hosting import harden
from ricdm.pipeline import write_sitemap
from ricdm.search_index import index_site
from ricdm.social_card import Card, render


@event_priority(-110)
def on_files(files, config):
    return internals.stop_alternate_sitemap_lookup(files, config)


def on_page_context(context, page, config, nav):
    title, description = page.meta.get("title") or page.title or "", page.meta.get("description")
    site = (config.site_name, config.site_description or "", config.site_url or "")
    lang = internals.language(config)
    context["seo"] = seo.page_head(lang, page.url, title, description, page.content or "", site, _card(config))
    return context


def on_template_context(context, template_name, config):
    if template_name == "404.html":
        lang, description = internals.language(config), config.site_description or ""
        context["seo"] = seo.not_found_head(lang, config.site_name, description, _card(config))
    return context


def _card(config):
    def draw(title: str, description: str) -> str:
        card = Card(config.site_name, title, description, seo.host_of(config.site_url or ""))
        target = Path(config.site_dir) / seo.card_path(card.key)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(card, Path(config.config_file_path).parent / FOLDER / "social-cards"))
        return urls.absolute(seo.card_path(card.key), config.site_url or "")

    return draw


@event_priority(-200)  # as mkdocs_hooks.on_post_build: once every language is built
def on_post_build(config):
    if internals.is_last_language(config):
        site = Path(config.site_dir)
        write_sitemap(site, config.site_url or "")
        index_site(site)
        harden(site)
