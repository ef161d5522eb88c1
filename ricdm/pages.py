"""The pages the data generates (one profile per CDM and language): front matter and finished HTML."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import partial

from . import urls
from .blocks import cdm_profile
from .dataset import Dataset
from .memo import Memo
from .models import Cdm
from .network_map import minimaps
from .parts import SEPARATOR, record_digests, shared_digest
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
    made_of: str = ""
    """Its ``profile_key`` (everything its HTML is made of), or empty when no memo keyed it."""


class ProfileMemo(Memo[tuple[str, str]]):
    """Profiles' front matter and HTML by a digest of all each is made of (``profile_key``), kept by the preview."""


def profile_pages(data: Dataset, lang: str, site_url: str = "", memo: ProfileMemo | None = None) -> list[GeneratedPage]:
    """One profile page per CDM in ``lang``, already rendered; taken from ``memo`` when nothing it uses changed.

    The HTML is written into the page here, once, with ``render_macros: false``: running mkdocs-macros on
    thousands of one-line pages cost a Jinja compile per page (a third of the data layer's build time).
    """
    pages = []
    records = data.derived(_profile_records) if memo is not None else {}
    for cdm in data.cdms:
        url = urls.profile_page(cdm.id)
        path = url.removesuffix("/") + ".md"
        key = profile_key(lang, site_url, records[cdm.id]) if memo is not None else ""
        make = partial(profile_content, data, cdm, lang, site_url)
        made = memo.made_or(key, make) if memo is not None else make()
        pages.append(GeneratedPage(lang, f"{lang}/{path}", path, url, *made, made_of=key))
    return pages


def profile_content(data: Dataset, cdm: Cdm, lang: str, site_url: str) -> tuple[str, str]:
    """A profile's front matter and HTML."""
    where = Page.at(urls.profile_path(cdm.id, lang), lang, site_url)
    title = html.escape(getattr(cdm.name, lang))  # page.meta.title is printed raw by the theme
    meta = {"title": title, "description": profile_description(data, cdm, lang)}
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in meta.items())
    front_matter = f"---\n{lines}render_macros: false\n---\n\n"
    return front_matter, cdm_profile(data, where, cdm.id)


def profile_key(lang: str, site_url: str, record: str) -> str:
    """What a profile is made of: the language, the address, and its CDM's ``_profile_records`` entry."""
    return SEPARATOR.join((lang, site_url, record))


def _profile_records(data: Dataset) -> dict[str, str]:
    """Each CDM's part of its profiles' keys in every language: its record, its small map, the code, the data.

    And every other part of the data (labels, sources, places… ``parts.shared_digest``), but not the other CDMs, which
    a profile never reads: that is what spares the other profiles when one CDM is edited. A profile that came to
    read another CDM would have to put it in this key: ``tests/test_preview_memory.py`` compares the preview's
    pages after edits with a fresh build's. Made once per build for both languages, from digests made once.
    """
    shared, records, drawn = data.derived(shared_digest), data.derived(record_digests), minimaps(data)
    keys = {}
    for cdm in data.cdms:
        minimap = drawn.get(cdm.id)
        keys[cdm.id] = SEPARATOR.join((shared, records[cdm.id], minimap.digest if minimap else "-"))
    return keys
