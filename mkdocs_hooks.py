"""MkDocs adapter, the one hooks file of mkdocs.yml: each event calls ``ricdm``, in the order ``ricdm.pipeline`` says.

Thin on purpose: the work lives in the ``ricdm`` package, which does not know MkDocs; what this file reads of other
libraries' internals is in ``mkdocs_internals``. The state of one build is a ``ricdm.build.SiteBuild`` kept on the
config, not module globals. Event priorities only where another plugin's order matters: static-i18n (-100) rebuilds
the file list in ``on_files`` and builds the other languages in ``on_post_build``; mkdocs-macros (0) needs the build
in ``on_config``.
"""

from __future__ import annotations

from collections.abc import Callable
from html import unescape
from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import mkdocs_internals as internals
from macros import page_for
from ricdm import seo, typography, urls
from ricdm.build import CONFIG_KEY, PREVIEW_KEY, SiteBuild
from ricdm.errors import DataErrors
from ricdm.labels import label
from ricdm.pipeline import finish_site
from ricdm.render import Page as RicdmPage
from ricdm.render import bytecode_cache
from ricdm.search_index import missing_indexer
from ricdm.stash import UnrestoredBlock


def site_build(config: MkDocsConfig) -> SiteBuild:
    """The build ``on_config`` started; every later hook of every language asks for it here."""
    build: SiteBuild = config[CONFIG_KEY]
    return build


# Priority 100: before mkdocs-macros (which binds the blocks to the build) and static-i18n, and before MkDocs empties
# site_dir: bad data must not cost the last good site.
@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    internals.skip_git_info()
    if CONFIG_KEY in config:  # static-i18n's build of another language, on the same config: started already
        return
    check_languages(config)
    problem = missing_indexer()
    if problem:
        raise PluginError(problem)
    root, docs = Path(config.config_file_path).parent, Path(config.docs_dir)
    try:
        config[CONFIG_KEY] = SiteBuild.start(root, docs, config.site_url or "", config.get(PREVIEW_KEY))
    except DataErrors as failure:
        raise PluginError(failure.report()) from None


def on_pre_build(config: MkDocsConfig) -> None:
    """The folder MkDocs reads pages from: the staff's and the generated ones, which static-i18n takes as its own."""
    build = site_build(config)
    if build.docs is None:  # not again for static-i18n's build of another language
        try:
            config.docs_dir = str(build.write_sources())
        except DataErrors as failure:
            raise PluginError(failure.report()) from None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Theme templates ask ricdm too: ``page_lang | language_root`` ("" or "en/"), ``ricdm_label(key, lang)``."""
    labels = site_build(config).dataset.labels
    env.bytecode_cache = bytecode_cache(site_build(config).dataset.cache.subfolder("jinja"))
    env.filters["language_root"] = urls.language_root
    env.globals["ricdm_label"] = lambda key, lang: label(labels, key, lang)
    env.globals["ricdm_footer_404"] = lambda lang: footer_404(config, lang)
    return env


def footer_404(config: MkDocsConfig, lang: str) -> str:
    """The 404 page is served at any depth, so its footer links from the site's own path, never relatively."""
    return site_build(config).footer(lang, urls.rooted(urls.language_root(lang), config.site_url or ""))


# Priority -110: after static-i18n's on_files (-100), which rebuilds the file list.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    return internals.stop_alternate_sitemap_lookup(files, config)


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """The blocks' HTML in place of their placeholders, then how to cite the page and the report parts it cites.

    The blocks' ids join the anchors MkDocs checks links against.
    """
    build = site_build(config)
    try:
        restored = build.stash.restore(page.file.src_uri, html_text, page.markdown or "")
    except UnrestoredBlock as failure:
        raise PluginError(f"{build.display_docs}/{failure}") from None
    internals.add_anchors(page, restored.anchors)
    return (
        restored.html
        + citation(page, config, restored.html)
        + build.page_sources(page_for(page, config), restored.html)
    )


def citation(page: Page, config: MkDocsConfig, html_text: str) -> str:
    """How to cite the page; a page whose front matter says ``cite: site`` (home, about) cites the site, at its home."""
    where, build = page_for(page, config), site_build(config)
    if page.meta.get("cite") == "site":
        home = RicdmPage.at(urls.language_root(where.lang), where.lang, config.site_url or "")
        return build.citation(home, "", None, html_text)
    title = unescape(page.title or "")  # generated pages' titles are escaped for the theme
    return build.citation(where, page.url.removeprefix(urls.language_root(where.lang)), title, html_text)


def on_page_context(context: dict, page: Page, config: MkDocsConfig, nav) -> dict:
    """The footer and the page's head for search engines and social networks, in the page's language.

    The footer (publisher, licence, data date) goes in overrides/partials/copyright.html, the head in
    ``partials/seo.html``.
    """
    here = page_for(page, config)
    build = site_build(config)
    context["ricdm_footer"] = build.footer(here.lang, here.root)
    title, description = page.meta.get("title") or page.title or "", page.meta.get("description")
    site = (config.site_name, config.site_description or "", config.site_url or "")
    drawn = card(config, page.meta.get("card_number", ""), page.meta.get("card_caption", ""))
    context["seo"] = seo.page_head(here.lang, page.url, title, description, page.content or "", site, drawn)
    return context


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404 page: a language switcher to each language's home; a description and a card, but no address.

    It is served at any depth and has no twin: the switcher links from the site's own path.
    """
    if template_name != "404.html":
        return context
    choices = internals.drop_stale_switcher(config)
    if choices:
        config.extra["alternate"] = [
            {**choice, "link": urls.rooted(urls.language_root(choice["lang"]), config.site_url or "")}
            for choice in choices
        ]
    lang, description = internals.language(config), config.site_description or ""
    context["seo"] = seo.not_found_head(lang, config.site_name, description, card(config))
    return context


def card(config: MkDocsConfig, number: str = "", caption: str = "") -> Callable[[str, str], str]:
    """Draws a page's social card (title, description) into the site, and gives its address.

    A figure's page (``ricdm.pages``) says in its front matter the number its card shows and the line under it.
    """
    build, site_dir = site_build(config), Path(config.site_dir)
    return lambda title, description: build.card(config.site_name, title, caption or description, site_dir, number)


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Each language's 404 as rendered: every language's build writes it at the root, ``finish_site`` puts it back."""
    if template_name == "404.html":
        site_build(config).not_found[internals.language(config)] = output
    return output


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Typography once, at the rendering boundary: every page's text nodes in its language, never markup or code."""
    return typography.typeset_html(output, internals.language(config))


# Priority -200: after static-i18n's on_post_build (-100), which builds the other languages into the same site.
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    if not internals.is_last_language(config):
        return
    build = site_build(config)
    try:
        finish_site(build, Path(config.site_dir), config.site_url or "", preview=build.preview is not None)
    except RuntimeError as failure:  # the search index could not be written
        raise PluginError(str(failure)) from None
    finally:
        build.close()


def check_languages(config: MkDocsConfig) -> None:
    """mkdocs.yml's languages must be the data's: ricdm.urls puts the first at the root, the others in folders."""
    configured = internals.configured_languages(config)
    if configured != urls.LANGUAGES:
        expected = f"{urls.LANGUAGES[0]} (default), then " + ", ".join(urls.LANGUAGES[1:])
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: {', '.join(configured)} — expected {expected}")
