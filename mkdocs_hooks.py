"""MkDocs adapter: check the data before anything is written, then add the generated pages.

Thin on purpose: the work lives in the ``ricdm`` package, which does not know MkDocs. The state of one build
(the checked data, the French 404 page) is a ``ricdm.build.SiteBuild`` kept on the config, not module globals.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from macros import page_for, skip_git_info
from ricdm import localize, typography, urls
from ricdm.build import CONFIG_KEY, MEMO_KEY, SiteBuild
from ricdm.errors import DataErrors
from ricdm.hosting import harden
from ricdm.opendata import files as open_data_files
from ricdm.pages import GeneratedPage, profile_pages
from ricdm.render import bytecode_cache
from ricdm.stash import HtmlStash, UnrestoredBlock


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def site_build(config: MkDocsConfig) -> SiteBuild:
    """The build ``on_config`` started; every later hook of every language asks for it here."""
    build: SiteBuild = config[CONFIG_KEY]
    return build


# Priority 100: before every plugin, and before MkDocs empties site_dir: bad data must not cost the last good site.
@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    skip_git_info()
    if CONFIG_KEY in config:  # static-i18n's build of another language, on the same config: already checked
        return
    check_languages(config)
    try:
        config[CONFIG_KEY] = SiteBuild.start(project_root(config), Path(config.docs_dir), config.get(MEMO_KEY))
    except DataErrors as failure:
        raise PluginError(failure.report()) from None


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Theme templates ask ricdm too: ``page_lang | language_root`` ("" or "en/"), ``ricdm_label(key, lang)``."""
    dataset = site_build(config).dataset
    labels = dataset.labels
    env.bytecode_cache = bytecode_cache(dataset.cache.subfolder("jinja"))  # the theme's templates, compiled once
    env.filters["language_root"] = urls.language_root
    env.globals["ricdm_label"] = lambda key, lang: localize.text(labels[key], lang)
    env.globals["ricdm_footer_404"] = lambda lang: footer_404(config, lang)
    return env


def footer_404(config: MkDocsConfig, lang: str) -> str:
    """The 404 page is served at any depth, so its footer links from the site's own path, never relatively."""
    return site_build(config).footer(lang, urls.rooted(urls.language_root(lang), config.site_url or ""))


def on_template_context(context: dict, template_name: str, config: MkDocsConfig) -> dict:
    """The 404's language switcher (Material's ``config.extra.alternate``) leads to each language's home.

    Why: static-i18n 1.3 points the switcher at each page's twin by setting an *attribute* ``extra.alternate``,
    but resets it for the next language as an *item*; Jinja reads the attribute first. The 404, rendered before
    the next language's pages, showed the previous language's last page (/cdm/rdc/). A 404 has no twin: the
    other language's home is where its visitor can go on, from the site's own path as it is served at any depth.
    """
    if template_name == "404.html" and config.extra.get("alternate"):
        vars(config.extra).pop("alternate", None)  # the last page's switcher, left by static-i18n
        config.extra["alternate"] = [
            {**choice, "link": urls.rooted(urls.language_root(choice["lang"]), config.site_url or "")}
            for choice in config.extra["alternate"]
        ]
    return context


# Priority -110: after static-i18n's on_files (-100), which rebuilds every File and would drop generated ones.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = config.plugins["i18n"]
    build = site_build(config)
    memo = build.memo.profiles if build.memo else None  # the preview's, in memory
    profiles = profile_pages(build.dataset, i18n.current_language, config.site_url or "", memo)
    add_profiles(files, config, i18n, profiles, build.stash)
    if i18n.current_language == urls.DEFAULT_LANGUAGE:  # once, at the site root: /data/cdms.csv…
        for path, text in open_data_files(build.dataset, config.site_url or "").items():
            files.append(File.generated(config, path, content=text.encode("utf-8")))
    return files


# Priority 100: before anything reads the page's HTML.
@event_priority(100)
def _put_blocks_back(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """The blocks' HTML in place of their placeholders; their ids join the anchors MkDocs checks links against."""
    try:
        restored = site_build(config).stash.restore(page.file.src_uri, html, page.markdown)
    except UnrestoredBlock as failure:
        raise PluginError(f"{Path(config.docs_dir).relative_to(project_root(config))}/{failure}") from None
    page.present_anchor_ids = (page.present_anchor_ids or set()) | restored.anchors
    return restored.html


def _add_page_sources(html: str, page, config: MkDocsConfig, files: Files) -> str:
    """Every page ends with the list of the report parts it cites."""
    return html + site_build(config).page_sources(page_for(page, config), html)


on_page_content = CombinedEvent(_put_blocks_back, _add_page_sources)


def on_post_page(output: str, page, config: MkDocsConfig) -> str:
    """French typography once, at the rendering boundary: every French page's text nodes, never markup or code."""
    return typography.french_html(output) if urls.language_of(page.file.dest_uri) == "fr" else output


def on_page_context(context: dict, page, config: MkDocsConfig, nav) -> dict:
    """The footer (publisher, licence, data date) in the page language: overrides/partials/copyright.html."""
    where = page_for(page, config)
    context["ricdm_footer"] = site_build(config).footer(where.lang, where.root)
    return context


# Priority 50: before static-i18n's on_post_build (-100) builds the other languages, which rewrite /404.html.
@event_priority(50)
def _keep_root_404(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building:
        site_build(config).root_404 = (Path(config.site_dir) / "404.html").read_bytes()


# Priority -200: after static-i18n's other-language builds; the site root keeps the French 404, /en/ gets its own.
@event_priority(-200)
def _restore_root_404(config: MkDocsConfig) -> None:
    page = Path(config.site_dir) / "404.html"
    i18n = config.plugins["i18n"]
    build = site_build(config)
    if i18n.building:
        (Path(config.site_dir) / urls.page_path("404.html", i18n.current_language)).write_bytes(page.read_bytes())
    elif build.root_404 is not None:
        page.write_bytes(build.root_404)
        build.root_404 = None


# Priority -300: last, on the whole site in both languages: CSP hashes into every page and nginx-headers.conf,
# then .gz/.br copies. Not in the preview, whose live-reload script is inline and changes at every rebuild.
@event_priority(-300)
def _harden_site(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building and not is_preview(config):
        harden(Path(config.site_dir))


def is_preview(config: MkDocsConfig) -> bool:
    """``mkdocs serve`` points site_url at its own address (dev_addr) for the build it serves."""
    return urlsplit(config.site_url or "").netloc == f"{config.dev_addr.host}:{config.dev_addr.port}"


on_post_build = CombinedEvent(_keep_root_404, _restore_root_404, _harden_site)


def check_languages(config: MkDocsConfig) -> None:
    """mkdocs.yml's languages must be the data's: ricdm.urls puts the first at the root, the others in folders."""
    i18n = config.plugins["i18n"]
    configured = (i18n.default_language, *(lang for lang in i18n.build_languages if lang != i18n.default_language))
    if configured != urls.LANGUAGES:
        expected = f"{urls.LANGUAGES[0]} (default), then " + ", ".join(urls.LANGUAGES[1:])
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: {', '.join(configured)} — expected {expected}")


def add_profiles(files: Files, config: MkDocsConfig, i18n, pages: list[GeneratedPage], stash: HtmlStash) -> None:
    """One profile page per CDM in the language being built, with its twins for the language switcher.

    Its HTML waits in ``stash`` until ``on_page_content``: Markdown only sees a placeholder (ricdm/stash.py).
    """
    generated = []
    languages = i18n.build_languages  # a property that walks the plugin's config: once, not once per page
    for page in pages:
        markdown = page.front_matter + stash.keep(page.src_uri, page.html, page.made_of) + "\n"
        twins = {
            lang: File.generated(config, f"{lang}/{page.path}", content=markdown if lang == page.lang else "")
            for lang in languages
        }
        for lang, twin in twins.items():
            twin.dest_uri = urls.page_path(page.url, lang) + "index.html"
            as_static_i18n_file(twin, lang, page, twins)
        generated.append(twins[page.lang])
    for file in generated:
        files.append(file)
    i18n.i18n_files_per_language.setdefault(i18n.current_language, []).extend(generated)  # for sitemap alternates


def as_static_i18n_file(file: File, lang: str, page: GeneratedPage, twins: dict[str, File]) -> None:
    """Give a generated File the private attributes static-i18n (1.3) sets on the files it reads from docs/.

    Why: its language switcher, ``hreflang`` alternates and sitemap read them from every page's File; a page
    built from data has none, and would show no switcher. They are not a public API: this is the one place that
    writes them, to check first when static-i18n is upgraded.
    """
    file.alternates = twins
    file.locale = file.localization = lang
    file.locale_alternate_of = page.lang
    file.norm_src_uri = page.path
