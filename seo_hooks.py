"""MkDocs hook (listed in mkdocs.yml): page heads for search engines and social networks, cards, sitemap, robots.

Each page gets its description, canonical address, hreflang alternates, Open Graph and Twitter tags and a
social card; the site gets one sitemap with alternates and robots.txt. The rules live in ``ricdm.seo``.
"""

from __future__ import annotations

import gzip
import html
import os
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ricdm import jsonld, seo, social_card, urls
from ricdm.build import CONFIG_KEY, SiteBuild
from ricdm.social_card import Card, render

_BUNDLE = re.compile(r"assets/javascripts/bundle\.[0-9a-f]+\.min\.js")
_ALTERNATE_SELECTOR = '"link[rel=alternate]"'


# Priority -120: after static-i18n's on_files (-100), which rebuilds every File.
@event_priority(-120)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Stop Material fetching ``sitemap.xml`` beside every hreflang alternate (404s, or another host's).

    Material's script reads ``<link rel=alternate>`` as language roots, each with its own sitemap, to keep the
    reader on the same page when switching language; static-i18n's switcher links to the twin page already,
    and our alternates are page addresses, so the lookup only costs a failed request per alternate. The
    selector is narrowed to an attribute no element carries; a Material upgrade that changes it fails here.
    """
    for file in list(files):
        if not _BUNDLE.fullmatch(file.src_uri) or not file.abs_src_path:
            continue
        source = Path(file.abs_src_path).read_text(encoding="utf-8")
        if source.count(_ALTERNATE_SELECTOR) != 1:
            raise PluginError(f"{file.src_uri}: Material's alternate-sitemap lookup changed; review seo_hooks.on_files")
        patched = source.replace(_ALTERNATE_SELECTOR, '"link[rel=alternate][data-md-sitemap]"')
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=patched.encode("utf-8")))
    return files


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """``seo`` for ``partials/seo.html``: the page's description, addresses, card and (home) JSON-LD."""
    lang = getattr(page.file, "locale", None) or urls.DEFAULT_LANGUAGE
    language_path = (page.url or "").removeprefix(urls.language_root(lang))
    languages = list(getattr(page.file, "alternates", None) or urls.LANGUAGES)
    is_home = language_path == ""  # static-i18n's English home is not MkDocs' homepage
    title = config.site_name if is_home else html.unescape(page.meta.get("title") or page.title or "")
    description = seo.page_description(page.meta.get("description"), page.content or "", config.site_description)
    site_url = config.site_url or ""
    context["seo"] = seo.PageHead(
        lang=lang,
        title=title,
        description=description,
        url=urls.absolute(page.url or "", site_url),
        alternates=seo.alternates(language_path, languages, site_url),
        image=_card(config, title, description),
        site_name=config.site_name,
        jsonld=jsonld.home(config.site_name, config.site_description, lang, site_url) if is_home else None,
    )
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page: a description and a card, but no canonical address or alternates (it has no address)."""
    if template_name == "404.html":
        title = "404"
        context["seo"] = seo.PageHead(
            lang=config.theme["language"],
            title=title,
            description=seo.shorten(config.site_description or ""),
            url="",
            alternates=(),
            image=_card(config, title, config.site_description or ""),
            site_name=config.site_name,
        )
    return context


def _card(config: MkDocsConfig, title: str, description: str) -> str:
    """Draw (or take from the cache) the page's social card, write it into the site, return its address."""
    site_url = config.site_url or ""
    card = Card(site_name=config.site_name, title=title, description=description, footer=seo.host_of(site_url))
    build: SiteBuild = config[CONFIG_KEY]
    build.cards.add(card.key)
    target = Path(config.site_dir) / seo.card_path(card.key)  # static-i18n builds every language into it
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(render(card, build.card_folder))
    return urls.absolute(seo.card_path(card.key), site_url)


# Priority -200: after static-i18n's on_post_build (-100), which builds the other languages.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """One sitemap for every page of every language, with alternates, and robots.txt naming it."""
    if config.plugins["i18n"].building:  # an inner build of one language: the others are not written yet
        return
    site = Path(config.site_dir)
    site_paths = []
    for folder, _, names in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        if "index.html" in names and not relative.startswith(("assets", "search")):
            site_paths.append("" if relative == "." else f"{relative}/")
    sitemap = seo.sitemap(site_paths, config.site_url or "").encode("utf-8")
    (site / "sitemap.xml").write_bytes(sitemap)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=0))
    (site / "robots.txt").write_text(seo.robots_txt(config.site_url or ""), encoding="utf-8")
    build: SiteBuild = config[CONFIG_KEY]
    if build.card_folder is not None and build.memo is None:  # a full build asked for every card it shows
        social_card.prune(build.card_folder, build.cards)
