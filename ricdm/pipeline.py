"""The build's order, written once. The MkDocs hooks (``mkdocs_hooks.py``) call these steps and nothing else.

1. ``SiteBuild.start``: check the data, the pages and the locations, every problem at once, before anything is
   written (a mistake keeps the last good site); find when the data last changed and what every page depends on.
2. ``SiteBuild.write_sources``: write the pages the data generates (one profile per CDM and language) as Markdown
   source files beside the staff's, in a build folder that MkDocs then reads as its docs folder.
3. MkDocs builds each language (static-i18n, one after the other): mkdocs-macros runs the block calls, Markdown
   converts, the blocks' HTML is put back with "Sources of this page", the theme renders with our footer and page
   head, French pages get French typography.
4. ``finish_site``, once every language is built: the 404 pages, the open data, the sitemap, the search index,
   then the hosting files (security policy, compressed copies), which must see every other file.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

from . import seo, social_card, urls
from .build import SiteBuild
from .hosting import harden
from .opendata import FOLDER
from .opendata import files as open_data_files
from .search_index import index_site
from .workbook import NAME as WORKBOOK
from .workbook import workbook


def finish_site(build: SiteBuild, site: Path, site_url: str, *, preview: bool) -> None:
    """What the site needs beside its pages, in this order, once every language is built.

    ``preview``: the staff preview indexes search itself once the pages are served (``preview.search``), and is
    not hosted (its live-reload script is inline and changes at every rebuild, so no policy could list it).
    """
    write_not_found_pages(build, site)
    write_open_data(build, site, site_url)
    write_sitemap(site, site_url)
    if build.card_folder is not None and not preview:  # a full build asked for every card it shows
        social_card.prune(build.card_folder, build.cards)
    if preview:
        return
    index_site(site)
    harden(site)


def write_not_found_pages(build: SiteBuild, site: Path) -> None:
    """Each language's 404 where its visitors are: the original's at the site root, the others under their folder.

    Every language's build writes its 404 at the root; each was kept as rendered (``SiteBuild.not_found``).
    """
    for lang, page in build.not_found.items():
        (site / urls.page_path("404.html", lang)).write_text(page, encoding="utf-8")


def write_open_data(build: SiteBuild, site: Path, site_url: str) -> None:
    """The directory and the figures as CSV, JSON and one workbook at ``/data/``, outside the language folders."""
    for path, text in open_data_files(build.dataset, site_url).items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8"))
    (site / FOLDER / WORKBOOK).write_bytes(workbook(build.dataset, site_url))  # the same tables for spreadsheets


def write_sitemap(site: Path, site_url: str) -> None:
    """One sitemap for every page of every language on disk, with alternates, and robots.txt naming it."""
    site_paths = []
    for folder, _, names in os.walk(site):
        relative = Path(folder).relative_to(site).as_posix()
        if "index.html" in names and not relative.startswith(("assets", "search")):
            site_paths.append("" if relative == "." else f"{relative}/")
    sitemap = seo.sitemap(site_paths, site_url).encode("utf-8")
    (site / "sitemap.xml").write_bytes(sitemap)
    (site / "sitemap.xml.gz").write_bytes(gzip.compress(sitemap, mtime=0))
    (site / "robots.txt").write_text(seo.robots_txt(site_url), encoding="utf-8")
