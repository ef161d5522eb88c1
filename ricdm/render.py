"""Render data to HTML with Jinja templates (autoescaped: staff text is never markup)."""

from __future__ import annotations

import contextlib
import datetime
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemBytecodeCache,
    PackageLoader,
    StrictUndefined,
    select_autoescape,
)
from jinja2.bccache import Bucket

from . import labels, localize, models, typography, urls
from .dataset import Dataset
from .models import Text


class _BytecodeCache(FileSystemBytecodeCache):
    """Compiled templates kept between builds; Jinja keys them by the template's source, so none is stale."""

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a truncated or corrupt file is compiled again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        with contextlib.suppress(OSError):  # a read-only checkout still builds, only without the cache
            super().dump_bytecode(bucket)


def bytecode_cache(folder: Path | None) -> BytecodeCache | None:
    """Compiled templates kept between builds in ``folder`` (``DiskCache.subfolder``), or None without one.

    Why: the theme's templates and ours were compiled again at every build, in each language. Jinja names each
    compiled template by its name and file and checks its source, so an edited template is compiled again; what else
    shapes the compiled code (Jinja's version, the environments' settings) is code, which names the folder
    (``ricdm.inputs``): one folder serves both environments.
    """
    return None if folder is None else _BytecodeCache(str(folder))


@cache
def _environment(bytecode_folder: Path | None) -> Environment:
    return Environment(
        loader=PackageLoader("ricdm", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        bytecode_cache=bytecode_cache(bytecode_folder),
        extensions=["jinja2.ext.do"],
    )


def anchor(value: str) -> str:
    """A stable HTML id from any label: "§4.4.1" -> "s-4-4-1", "Annexe 3" -> "annexe-3"."""
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug if slug[:1].isalpha() else f"s-{slug}"


@dataclass(frozen=True)
class Page:
    """What a template needs to know about the page it is drawn into."""

    lang: str
    root: str
    """Relative path from the page to its language's home, e.g. "../../"."""
    url: str = ""
    """The page's full public address (site_url + path), quoted in "cite this figure" and JSON-LD."""

    @classmethod
    def at(cls, site_path: str, lang: str, site_url: str = "") -> Page:
        """The page at ``site_path`` (e.g. "en/cdm/paris/"), its links and address following ``ricdm.urls``."""
        address = urls.absolute(site_path, site_url) if site_url else ""  # a bare path is no public address
        return cls(lang=lang, root=urls.home_from(site_path, lang), url=address)

    @property
    def site_root(self) -> str:
        """Relative path from the page to the site root, where the open data lives (outside /en/)."""
        return self.root + urls.site_root_from_home(self.lang)


@dataclass(frozen=True)
class View:
    """The dataset seen in one language from one page: the templates' only helper."""

    data: Dataset
    page: Page

    @property
    def lang(self) -> str:
        return self.page.lang

    def t(self, value: Text | None) -> str:
        return localize.text(value, self.lang)

    def attribute(self, value: Text | None) -> str:
        """``t(value)`` for an HTML attribute (a link's tooltip): typeset here, as the build typesets only text."""
        return typography.typeset_text(self.t(value), self.lang)

    def label(self, key: str, **values: object) -> str:
        """The label in the page's language, each ``{name}`` in it replaced by ``values[name]`` (``labels.label``)."""
        return labels.label(self.data.labels, key, self.lang, **values)

    def number(self, value: int | float) -> str:
        return localize.number(value, self.lang)

    def percent(self, value: int | float) -> str:
        return localize.percent(value, self.lang)

    def amount(self, figure: models.Figure, item: models.FigureValue) -> str:
        return localize.amount(figure, item, self.lang)

    def value_text(self, figure: models.Figure, item: models.FigureValue) -> str:
        """The value as plain text, its qualifier first: "près de 500 000" (a social card, a description)."""
        return localize.value_text(self.data.labels, figure, item, self.lang)

    def figure_url(self, figure_id: str) -> str:
        return self.url(urls.figure_page(figure_id))

    def date(self, value: datetime.date) -> str:
        return localize.date(value, self.lang)

    def month_year(self, year: int, month: int | None) -> str:
        return localize.month_year(year, month, self.lang)

    def country(self, code: str) -> str:
        return localize.country(code, self.lang)

    def url(self, path: str) -> str:
        return f"{self.page.root}{path}"

    def profile_url(self, cdm_id: str) -> str:
        return self.url(urls.profile_page(cdm_id))

    def source(self, ref: str) -> models.Source:
        return self.data.sources[ref]

    def source_name(self, ref: str) -> str:
        """The source as a link names it in the page's language: "Annexe 3" in French, "Appendix 3" in English."""
        source = self.data.sources.get(ref)
        return self.t(source.short) if source is not None and source.short else ref

    def source_url(self, ref: str) -> str:
        return self.url(f"sources/#{anchor(ref)}")

    anchor = staticmethod(anchor)


def render(template: str, data: Dataset, page: Page, **context: object) -> str:
    """Render one template of ``ricdm/templates`` for one page."""
    environment = _environment(data.cache.subfolder("jinja"))
    html = environment.get_template(template).render(v=View(data, page), **context)
    return _no_blank_lines(html)


def _no_blank_lines(html: str) -> str:
    """Markdown ends a raw HTML block at a blank line in some cases: keep the block in one piece."""
    return "\n".join(filter(str.strip, html.splitlines()))  # the lines with more than blanks
