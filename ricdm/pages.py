"""The pages the data generates (one profile per CDM and language): front matter and finished HTML."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from . import urls
from .blocks import cdm_profile
from .dataset import Dataset
from .render import Page
from .seo import profile_description


@dataclass(frozen=True)
class GeneratedPage:
    lang: str
    src_uri: str
    """Where the page pretends to come from, e.g. "en/cdm/paris.md"."""
    path: str
    """Its path below the language root, e.g. "cdm/paris.md"."""
    url: str
    """Its address below the language's home, e.g. "cdm/paris/" (ricdm.urls gives it in each language)."""
    front_matter: str
    """Title, description and ``render_macros: false``, between ``---`` lines."""
    html: str
    """The profile: the hooks keep it out of Markdown (ricdm/stash.py), which would only parse it to pass it on."""


def profile_pages(data: Dataset, lang: str, site_url: str = "") -> list[GeneratedPage]:
    """One profile page per CDM in ``lang``, already rendered.

    The HTML is written into the page here, once, with ``render_macros: false``: running mkdocs-macros on
    thousands of one-line pages cost a Jinja compile per page (a third of the data layer's build time).
    """
    pages = []
    for cdm in data.cdms:
        where = Page.at(urls.profile_path(cdm.id, lang), lang, site_url)
        url = urls.profile_page(cdm.id)
        path = url.removesuffix("/") + ".md"
        title = html.escape(getattr(cdm.name, lang))  # page.meta.title is printed raw by the theme
        meta = {"title": title, "description": profile_description(data, cdm, lang)}
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
        front_matter = f"---\n{lines}render_macros: false\n---\n\n"
        pages.append(GeneratedPage(lang, f"{lang}/{path}", path, url, front_matter, cdm_profile(data, where, cdm.id)))
    return pages
