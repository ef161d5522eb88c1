"""The site's one URL rule: French, the original, at the site root; every other language under ``/<lang>/``.

Every address the site writes asks this module: generated pages' output paths, relative links between pages,
the profile addresses in the open data, the per-language search index, and absolute URLs for hreflang,
canonical, Open Graph and JSON-LD. Nothing here knows MkDocs.

Vocabulary (all paths are POSIX, without a leading slash):

- a *site path* is a page's address from the site root, as MkDocs writes ``page.url``: ``""`` (French home),
  ``"en/"`` (English home), ``"en/cdm/paris/"``, ``"data/cdms.csv"``;
- a *language path* is the same page's address from its language's home: ``"cdm/paris/"``, ``""``, ``"impact/"``.

>>> page_path("cdm/paris/", "en")
'en/cdm/paris/'
>>> relative("en/impact/", page_path("cdm/paris/", "en"))
'../cdm/paris/'
>>> absolute(profile_path("paris", "fr"), "https://example.org/")
'https://example.org/cdm/paris/'
"""

from __future__ import annotations

import posixpath
from urllib.parse import urlsplit

from .models import LANGUAGES

__all__ = [
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "PROFILE_FOLDER",
    "language_root",
    "page_path",
    "profile_page",
    "markdown_page",
    "profile_path",
    "FIGURE_FOLDER",
    "figure_page",
    "figure_path",
    "language_of",
    "other_languages",
    "relative",
    "home_from",
    "site_root_from_home",
    "absolute",
    "rooted",
]

DEFAULT_LANGUAGE = LANGUAGES[0]
"""The language served at the site root (French, the original)."""

PROFILE_FOLDER = "cdm"
"""Profiles live at <language home>/cdm/<id>/."""


def language_root(lang: str) -> str:
    """The site path of a language's home: ``""`` for French, ``"en/"`` for English."""
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: one of {', '.join(LANGUAGES)}")
    return "" if lang == DEFAULT_LANGUAGE else f"{lang}/"


def page_path(path: str, lang: str) -> str:
    """The site path of the page at language path ``path`` in ``lang``: ``("impact/", "en")`` -> ``"en/impact/"``."""
    return language_root(lang) + path.lstrip("/")


def profile_page(cdm_id: str) -> str:
    """The language path of a CDM's profile: ``"paris"`` -> ``"cdm/paris/"``."""
    return f"{PROFILE_FOLDER}/{cdm_id}/"


def markdown_page(file: str) -> str:
    """The language path of a Markdown page from its file in its language folder, as MkDocs' directory URLs make it.

    ``"agenda.md"`` -> ``"agenda/"``, ``"index.md"`` -> ``""``, ``"network/index.md"`` -> ``"network/"``.
    """
    stem = file.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/"


def profile_path(cdm_id: str, lang: str) -> str:
    """The site path of a CDM's profile: ``("paris", "en")`` -> ``"en/cdm/paris/"``."""
    return page_path(profile_page(cdm_id), lang)


FIGURE_FOLDER = "impact"
"""Each figure lives at <language home>/impact/<id>/, below the overview that lists them (impact/)."""


def figure_page(figure_id: str) -> str:
    """The language path of a figure's page: ``"beneficiaries"`` -> ``"impact/beneficiaries/"``."""
    return f"{FIGURE_FOLDER}/{figure_id}/"


def figure_path(figure_id: str, lang: str) -> str:
    """The site path of a figure's page: ``("cdms", "en")`` -> ``"en/impact/cdms/"``."""
    return page_path(figure_page(figure_id), lang)


def language_of(site_path: str) -> str:
    """The language a site path belongs to: the first folder when it names a language, else the default."""
    first = site_path.lstrip("/").split("/", 1)[0]
    return first if first in LANGUAGES and first != DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def other_languages(lang: str) -> tuple[str, ...]:
    """Every configured language but ``lang``, in the configured order (the original first)."""
    return tuple(other for other in LANGUAGES if other != lang)


def relative(from_path: str, to_path: str) -> str:
    """A relative link from the page at site path ``from_path`` to site path ``to_path``.

    A path ending in ``/`` (or empty, the site root) is a folder page; anything else is a file, whose folder is
    the base of the link. The result is ``""`` when both are the same folder, and keeps ``to_path``'s trailing
    ``/`` so that it can prefix another path: ``relative("en/cdm/paris/", "en/")`` -> ``"../../"``.
    """
    base = from_path if not from_path or from_path.endswith("/") else posixpath.dirname(from_path)
    link = posixpath.relpath(to_path or ".", base or ".")
    if link == ".":
        return ""
    return f"{link}/" if not to_path or to_path.endswith("/") else link


def home_from(from_path: str, lang: str) -> str:
    """The relative link from a page in ``lang`` to its language's home, e.g. ``"../../"`` (empty at the home)."""
    return relative(from_path, language_root(lang))


def site_root_from_home(lang: str) -> str:
    """The relative link from a language's home to the site root, where ``/data/`` is: ``"../"`` under ``/en/``."""
    return relative(language_root(lang), "")


def absolute(site_path: str, site_url: str) -> str:
    """The full address of a site path (hreflang, canonical, Open Graph, JSON-LD, CSV) from ``site_url``.

    Without ``site_url`` the site path itself: a build without an address still links within the site.
    """
    if not site_url:
        return site_path
    return f"{site_url.rstrip('/')}/{site_path.lstrip('/')}"


def rooted(site_path: str, site_url: str) -> str:
    """A site path as a link from the server's root, for a page served at any address (the 404).

    A relative link would resolve against whatever address was asked for; an absolute one would leave a preview
    for the published host. Only ``site_url``'s path is kept:

    >>> rooted("en/", "https://example.org/ricdm/")
    '/ricdm/en/'
    >>> rooted("", "")
    '/'
    """
    return urlsplit(site_url or "/").path.rstrip("/") + "/" + site_path.lstrip("/")
