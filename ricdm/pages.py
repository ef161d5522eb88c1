"""The pages the data generates: one profile per CDM and one page per figure, in each language.

Each is a Markdown source file (``ricdm.docs_folder`` writes it beside the staff's pages, where static-i18n takes it
as its own: language switcher, alternates) whose HTML is made only when MkDocs renders it, and kept out of Markdown
(``ricdm.stash``). Each says what it reads besides what every page shows (``reads``), so a page whose key
(``ricdm.inputs.SiteInputs.page``) did not change need not be made again by the preview.
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from . import blocks, localize, urls
from .dataset import Dataset
from .inputs import SEPARATOR, SiteInputs
from .models import LANGUAGES, Cdm, Figure
from .network_map import minimaps
from .render import Page
from .seo import figure_description, figure_when, profile_description


@dataclass(frozen=True)
class GeneratedPage:
    lang: str
    path: str
    """Its source path below its language's folder, e.g. "cdm/paris.md"."""
    reads: str
    """What it shows besides what every page shows, as digests: a profile's CDM record and small map."""
    meta: Callable[[], dict[str, str]]
    """Its front matter (title, description), made when its source is written."""
    html: Callable[[], str]
    """Its HTML, made when MkDocs renders it."""

    @property
    def src_uri(self) -> str:
        """Its source path below the docs folder, as MkDocs names it: "en/cdm/paris.md"."""
        return f"{self.lang}/{self.path}"

    def key(self, inputs: SiteInputs) -> str:
        """Everything it is made of: what every page shows, where it is, what it reads."""
        return inputs.page(self.src_uri, self.reads)

    def source(self, placeholder: str) -> str:
        """Its Markdown: front matter (``render_macros: false``: no macro to run), then ``placeholder`` for its HTML."""
        lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in self.meta().items())
        return f"---\n{lines}render_macros: false\n---\n\n{placeholder}\n"


def generated_pages(data: Dataset, inputs: SiteInputs, site_url: str = "") -> list[GeneratedPage]:
    """Every page the data generates, in every language."""
    profiles = [profile_page(data, inputs, cdm, lang, site_url) for lang in LANGUAGES for cdm in data.cdms]
    return profiles + [figure_page(data, figure, lang, site_url) for lang in LANGUAGES for figure in data.figures]


def figure_page(data: Dataset, figure_id: str, lang: str, site_url: str) -> GeneratedPage:
    """A figure's page in ``lang``: it reads only what every page shows (the figures, groups, sources, labels).

    Its front matter also says what its social card shows: the number, and its year and source under the title.
    """
    page = Page.at(urls.figure_path(figure_id, lang), lang, site_url)
    return GeneratedPage(
        lang=lang,
        path=urls.figure_page(figure_id).removesuffix("/") + ".md",
        reads="",
        meta=partial(_figure_meta, data, data.figures[figure_id], lang),
        html=partial(blocks.figure_page, data, page, figure_id),
    )


def _figure_meta(data: Dataset, figure: Figure, lang: str) -> dict[str, str]:
    return {
        "title": html.escape(localize.text(figure.label, lang)),
        "description": figure_description(data, figure, lang),
        "card_number": localize.value_text(data.labels, figure, figure.headline, lang),
        "card_caption": figure_when(data, figure, lang),
    }


def profile_page(data: Dataset, inputs: SiteInputs, cdm: Cdm, lang: str, site_url: str) -> GeneratedPage:
    """A CDM's profile in ``lang``: it reads its CDM's record and its small map (the frame, every dot in it, its own).

    A profile that came to read another CDM would have to say so here: ``tests/test_preview_edits.py`` compares
    the preview's pages after random edits with a fresh build's.
    """
    path = urls.profile_page(cdm.id).removesuffix("/") + ".md"
    minimap = minimaps(data).get(cdm.id)
    where = minimap.digest if minimap else "-"
    page = Page.at(urls.profile_path(cdm.id, lang), lang, site_url)
    return GeneratedPage(
        lang=lang,
        path=path,
        reads=SEPARATOR.join((inputs.record(cdm.id), where)),
        meta=partial(_profile_meta, data, cdm, lang),
        html=partial(blocks.cdm_profile, data, page, cdm.id),
    )


def _profile_meta(data: Dataset, cdm: Cdm, lang: str) -> dict[str, str]:
    title = html.escape(getattr(cdm.name, lang))  # page.meta.title is printed raw by the theme
    return {"title": title, "description": profile_description(data, cdm, lang)}
