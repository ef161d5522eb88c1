"""What search engines and social networks read: descriptions, hreflang alternates, Open Graph, sitemap, robots.

Every address comes from ``ricdm.urls`` (one rule, absolute from ``site_url``). Nothing here knows MkDocs:
the hooks (``mkdocs_hooks.py``) hand in the page's language path, title and HTML.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlsplit

from . import localize, typography, urls
from .dataset import Dataset
from .jsonld import home as jsonld_home
from .labels import label
from .models import Cdm, Figure

DESCRIPTION_LIMIT = 155
"""Characters search engines show of a description before they cut it."""
MIN_PARAGRAPH = 50
"""A first paragraph shorter than this (a button row, a date, a short subtitle) says too little to describe the page."""
OG_LOCALES = {"fr": "fr_FR", "en": "en_GB"}
CARD_FOLDER = "assets/cards"
"""Social card images, at <site>/assets/cards/<hash>.png whatever the page's language."""
X_DEFAULT = "x-default"


def shorten(text: str, limit: int = DESCRIPTION_LIMIT) -> str:
    """``text`` on one line, cut at a word boundary with "…" when longer than ``limit``."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:—–-\u00a0\u202f")
    return cut + "…"


class _FirstParagraph(HTMLParser):
    """The text of the first top-level ``<p>`` long enough to describe a page (not inside a table, list or aside)."""

    SKIP = {"table", "ul", "ol", "dl", "aside", "details", "nav", "figure", "script", "style", "div"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] | None = None
        self.found = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.found:
            return
        if tag in self.SKIP:
            self.depth += 1
        elif tag == "p" and not self.depth:
            self.parts = []

    def handle_endtag(self, tag: str) -> None:
        if self.found:
            return
        if tag in self.SKIP:
            self.depth = max(0, self.depth - 1)
        elif tag == "p" and self.parts is not None:
            text = " ".join("".join(self.parts).split())
            self.parts = None
            if len(text) >= MIN_PARAGRAPH:
                self.found = text

    def handle_data(self, data: str) -> None:
        if self.parts is not None:
            self.parts.append(data)


def first_paragraph(page_html: str) -> str:
    """Read in pieces, up to the paragraph found: a directory page holds megabytes of table after it."""
    parser = _FirstParagraph()
    for start in range(0, len(page_html), _PIECE):
        parser.feed(page_html[start : start + _PIECE])
        if parser.found:
            break
    return parser.found


_PIECE = 16_384


def page_description(front_matter: str | None, page_html: str, fallback: str) -> str:
    """The page's own description: front matter ``description:``, else its first paragraph, else ``fallback``."""
    return shorten(front_matter or first_paragraph(page_html) or fallback)


def profile_description(data: Dataset, cdm: Cdm, lang: str) -> str:
    """A profile's description from its CDM's data: name, country, current status, year of creation."""
    country = localize.country(cdm.territory or cdm.country, lang)
    status = label(data.labels, f"status-{cdm.statuses[-1].status}", lang)
    founded = label(data.labels, "seo-founded", lang, year=cdm.founded.year) if cdm.founded else ""
    facts = f"{status}, {founded}" if founded else status
    about = label(data.labels, "seo-profile-about", lang)
    return shorten(f"{localize.text(cdm.name, lang)} ({country}) — {facts}. {about}")


def figure_when(data: Dataset, figure: Figure, lang: str) -> str:
    """The headline value's year and sources as plain text: "2019, §3, Synthèse indicateurs 2019"."""
    items = figure.headline_items
    first = items[0]
    year = f"{first.year}/{first.until}" if first.year and first.until else str(first.year or "")
    names = [localize.text(data.sources[item.source].short, lang) or item.source for item in items]
    return ", ".join([year or label(data.labels, "undated", lang), *names])


def figure_description(data: Dataset, figure: Figure, lang: str) -> str:
    """A figure page's description: its value, what it counts, its year and source, what the page gives."""
    value = localize.value_text(data.labels, figure, figure.headline, lang)
    about = label(data.labels, "seo-figure-about", lang)
    counts = localize.text(figure.label, lang)
    return shorten(f"{value[:1].upper()}{value[1:]} — {counts} ({figure_when(data, figure, lang)}). {about}")


@dataclass(frozen=True)
class Alternate:
    hreflang: str
    url: str


@dataclass(frozen=True)
class PageHead:
    """The head of one page for search engines and social networks; ``partials/seo.html`` prints it."""

    lang: str
    title: str
    description: str
    url: str
    """Absolute canonical address ("" for a page with none, e.g. the 404)."""
    alternates: tuple[Alternate, ...]
    """One per language holding the page, then x-default (the original, French)."""
    image: str
    """Absolute address of the social card."""
    site_name: str
    og_type: str = "website"
    jsonld: dict[str, Any] | None = None
    """schema.org data about the site (the home's Organization and WebSite), printed as JSON-LD."""

    @property
    def og_locale(self) -> str:
        return OG_LOCALES.get(self.lang, self.lang)

    @property
    def og_locale_alternates(self) -> list[str]:
        others = [item.hreflang for item in self.alternates if item.hreflang not in (self.lang, X_DEFAULT)]
        return [OG_LOCALES.get(lang, lang) for lang in others]


def page_head(
    lang: str,
    page_url: str,
    title: str,
    description: str | None,
    content: str,
    site: tuple[str, str, str],
    card: Callable[[str, str], str],
) -> PageHead:
    """A page's head from what MkDocs knows of it.

    Its language, its address (``page.url``), its title (front matter or first heading), its front matter's
    description, its HTML; ``site`` is (name, description, address); ``card(title, description)`` draws the social
    card and gives its address.
    """
    site_name, site_description, site_url = site
    language_path = page_url.removeprefix(urls.language_root(lang))
    is_home = language_path == ""  # static-i18n's English home is not MkDocs' homepage
    # attribute values (meta, Open Graph) escape the pass on text nodes: typeset here
    shown = typography.typeset_text(site_name if is_home else html.unescape(title), lang)
    described = typography.typeset_text(page_description(description, content, site_description), lang)
    return PageHead(
        lang=lang,
        title=shown,
        description=described,
        url=urls.absolute(page_url, site_url),
        alternates=alternates(language_path, urls.LANGUAGES, site_url),
        image=card(shown, described),
        site_name=site_name,
        jsonld=jsonld_home(site_name, site_description, lang, site_url) if is_home else None,
    )


def not_found_head(lang: str, site_name: str, site_description: str, card: Callable[[str, str], str]) -> PageHead:
    """The 404 page's head: a description and a card, but no address nor alternates (it has no address)."""
    title = "404"
    return PageHead(
        lang=lang,
        title=title,
        description=shorten(site_description),
        url="",
        alternates=(),
        image=card(title, site_description),
        site_name=site_name,
    )


def alternates(language_path: str, languages: Iterable[str], site_url: str) -> tuple[Alternate, ...]:
    """Absolute hreflang alternates of a page in each of ``languages``, then x-default: the original's address."""
    present = [lang for lang in urls.LANGUAGES if lang in set(languages)]
    address = {lang: urls.absolute(urls.page_path(language_path, lang), site_url) for lang in present}
    links = [Alternate(lang, url) for lang, url in address.items()]
    if urls.DEFAULT_LANGUAGE in address:
        links.append(Alternate(X_DEFAULT, address[urls.DEFAULT_LANGUAGE]))
    return tuple(links)


def card_path(key: str) -> str:
    """The site path of a social card image."""
    return f"{CARD_FOLDER}/{key}.png"


def host_of(site_url: str) -> str:
    return urlsplit(site_url).netloc or site_url


def sitemap(site_paths: Iterable[str], site_url: str) -> str:
    """sitemap.xml listing every page in every language, each with its hreflang alternates and x-default.

    ``site_paths`` are the published pages' site paths ("", "en/", "en/cdm/paris/"…); a page's twins are the
    pages with the same language path in the other languages.
    """
    languages_of: dict[str, set[str]] = defaultdict(set)
    for site_path in site_paths:
        lang = urls.language_of(site_path)
        languages_of[site_path.removeprefix(urls.language_root(lang))].add(lang)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for language_path in sorted(languages_of):
        links = alternates(language_path, languages_of[language_path], site_url)
        for lang in (link.hreflang for link in links if link.hreflang != X_DEFAULT):
            loc = urls.absolute(urls.page_path(language_path, lang), site_url)
            lines.append(f"<url><loc>{html.escape(loc)}</loc>")
            lines += [
                f'<xhtml:link rel="alternate" hreflang="{link.hreflang}" href="{html.escape(link.url)}"/>'
                for link in links
            ]
            lines.append("</url>")
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"


def robots_txt(site_url: str) -> str:
    """Every page may be crawled; the sitemap's absolute address."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute('sitemap.xml', site_url)}\n"
