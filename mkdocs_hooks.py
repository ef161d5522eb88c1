"""MkDocs adapter: check the data before anything is written, then add the generated pages.

Thin on purpose: the work lives in the ``ricdm`` package, which does not know MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

from ricdm import urls
from ricdm.checks import find_problems
from ricdm.dataset import load_dataset_cached
from ricdm.errors import DataErrors
from ricdm.opendata import files as open_data_files
from ricdm.pages import GeneratedPage, profile_pages


def project_root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


# Priority 100: before every plugin, and before MkDocs empties site_dir: bad data must not cost the last good site.
@event_priority(100)
def on_config(config: MkDocsConfig) -> None:
    check_sources(config)


# Priority -110: after static-i18n's on_files (-100), which rebuilds every File and would drop generated ones.
@event_priority(-110)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = config.plugins["i18n"]
    dataset = load_dataset_cached(project_root(config) / "data")
    add_profiles(files, config, i18n, dataset)
    if i18n.current_language == urls.DEFAULT_LANGUAGE:  # once, at the site root: /data/cdms.csv…
        add_open_data(files, config, dataset)
    return files


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    """Theme templates ask ricdm.urls too: ``page_lang | language_root`` is "" or "en/"."""
    env.filters["language_root"] = urls.language_root
    return env


# Priority 50: before static-i18n's on_post_build (-100) builds the other languages, which rewrite /404.html.
@event_priority(50)
def _keep_root_404(config: MkDocsConfig) -> None:
    if not config.plugins["i18n"].building:
        _root_404[:] = [(Path(config.site_dir) / "404.html").read_bytes()]


# Priority -200: after static-i18n's other-language builds; the site root keeps the French 404, /en/ gets its own.
@event_priority(-200)
def _restore_root_404(config: MkDocsConfig) -> None:
    page = Path(config.site_dir) / "404.html"
    i18n = config.plugins["i18n"]
    if i18n.building:
        (Path(config.site_dir) / urls.page_path("404.html", i18n.current_language)).write_bytes(page.read_bytes())
    elif _root_404:
        page.write_bytes(_root_404.pop())


on_post_build = CombinedEvent(_keep_root_404, _restore_root_404)
_root_404: list[bytes] = []


def add_profiles(files: Files, config: MkDocsConfig, i18n, dataset) -> None:
    """One profile page per CDM in the language being built, with its twin for the language switcher."""
    pages = profile_pages(dataset, i18n.current_language, config.site_url or "")
    generated = [localized_file(page, config, i18n) for page in pages]
    for file in generated:
        files.append(file)
    i18n.i18n_files_per_language.setdefault(i18n.current_language, []).extend(generated)  # for sitemap alternates


def add_open_data(files: Files, config: MkDocsConfig, dataset) -> None:
    """The directory and the indicators as CSV and JSON, at one address whatever the reader's language."""
    for path, text in open_data_files(dataset, config.site_url or "").items():
        files.append(File.generated(config, path, content=text.encode("utf-8")))


def check_languages(config: MkDocsConfig) -> None:
    """mkdocs.yml's languages must be the data's: ricdm.urls puts the first at the root, the others in folders."""
    i18n = config.plugins["i18n"]
    configured = (i18n.default_language, *(lang for lang in i18n.build_languages if lang != i18n.default_language))
    if configured != urls.LANGUAGES:
        expected = f"{urls.LANGUAGES[0]} (default), then " + ", ".join(urls.LANGUAGES[1:])
        raise PluginError(f"mkdocs.yml: plugins.i18n.languages: {', '.join(configured)} — expected {expected}")


def check_sources(config: MkDocsConfig) -> None:
    """Validate data and page twins together; report every problem in one message."""
    check_languages(config)
    problems = find_problems(project_root(config), Path(config.docs_dir))
    if problems:
        raise PluginError(DataErrors(problems).report())


def localized_file(page: GeneratedPage, config: MkDocsConfig, i18n) -> File:
    """A generated page with the attributes static-i18n gives its own files (language switcher)."""
    alternates = {}
    for lang in i18n.build_languages:
        alternate = File.generated(config, f"{lang}/{page.path}", content=page.markdown if lang == page.lang else "")
        alternate.dest_uri = urls.page_path(page.url, lang) + "index.html"
        alternate.alternates = alternates
        alternate.locale = alternate.localization = lang
        alternate.locale_alternate_of = page.lang
        alternate.norm_src_uri = page.path
        alternates[lang] = alternate
    return alternates[page.lang]
