"""The pages the data generates (one profile per CDM and language), as plain Markdown."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from .dataset import Dataset
from .render import PROFILE_FOLDER


@dataclass(frozen=True)
class GeneratedPage:
    lang: str
    src_uri: str
    """Where the page pretends to come from, e.g. "en/cdm/paris.md"."""
    path: str
    """Its path below the language root, e.g. "cdm/paris.md"."""
    markdown: str


def profile_pages(data: Dataset, lang: str) -> list[GeneratedPage]:
    """One profile page per CDM in ``lang``: front matter and a single block call."""
    pages = []
    for cdm in data.cdms:
        path = f"{PROFILE_FOLDER}/{cdm.id}.md"
        title = html.escape(getattr(cdm.name, lang))  # page.meta.title is printed raw by the theme
        front_matter = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n"
        markdown = front_matter + f"{{{{ cdm_profile({json.dumps(cdm.id)}) }}}}\n"
        pages.append(GeneratedPage(lang, f"{lang}/{path}", path, markdown))
    return pages
