"""The pages the data generates (one profile per CDM and language), as plain Markdown."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from .blocks import cdm_profile
from .dataset import Dataset
from .render import PROFILE_FOLDER, Page, profile_address


@dataclass(frozen=True)
class GeneratedPage:
    lang: str
    src_uri: str
    """Where the page pretends to come from, e.g. "en/cdm/paris.md"."""
    path: str
    """Its path below the language root, e.g. "cdm/paris.md"."""
    markdown: str


_PROFILE_ROOT = "../" * (PROFILE_FOLDER.count("/") + 2)
"""From <language root>/cdm/<id>/ back to the language root."""


def profile_pages(data: Dataset, lang: str, site_url: str = "") -> list[GeneratedPage]:
    """One profile page per CDM in ``lang``, already rendered.

    The HTML is written into the page here, once, with ``render_macros: false``: running mkdocs-macros on
    thousands of one-line pages cost a Jinja compile per page (a third of the data layer's build time).
    """
    pages = []
    for cdm in data.cdms:
        where = Page(lang=lang, root=_PROFILE_ROOT, url=profile_address(cdm.id, lang, site_url))
        path = f"{PROFILE_FOLDER}/{cdm.id}.md"
        title = html.escape(getattr(cdm.name, lang))  # page.meta.title is printed raw by the theme
        front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\nrender_macros: false\n---\n\n"
        markdown = front_matter + cdm_profile(data, where, cdm.id) + "\n"
        pages.append(GeneratedPage(lang, f"{lang}/{path}", path, markdown))
    return pages
