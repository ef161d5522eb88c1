"""The blocks a page can ask for (``{{ cdm_profile("paris") }}``…), each one template.

Pages call these through ``macros.py``; nothing here knows about MkDocs. Every call in a page is checked
against these signatures and the data by ``ricdm.pagecheck`` before anything renders, so blocks look ids up
directly; a parameter's name says what it names (``group_id``, ``section_id``…: see ``pagecheck.ID_KINDS``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from markupsafe import Markup

from . import charts, localize
from . import timeline as history
from .cache import fingerprint
from .dataset import Dataset
from .directory import decade, directory
from .freshness import DataChange
from .jsonld import dataset, organization
from .memo import cdm_digests, shared_digest
from .models import Cdm, Figure
from .network_map import MapPoint, spots
from .network_map import network_map as map_layout
from .opendata import DOWNLOADS, FOLDER, rows_of
from .render import Page, render


def _figures(data: Dataset, figure_ids: tuple[str, ...]) -> list[Figure]:
    """The figures a page names; ``ricdm.pagecheck`` has checked every id before any page renders."""
    return [data.figures[figure_id] for figure_id in figure_ids]


def cdm_profile(data: Dataset, page: Page, cdm_id: str) -> str:
    cdm = data.cdm(cdm_id)  # an index: a set of every id per profile made the build quadratic
    spot = spots(data).get(cdm_id)
    place = data.locations.get(cdm_id)
    return render("profile.html", data, page, cdm=cdm, jsonld=organization(data, page, cdm), spot=spot, place=place)


def cdm_directory(data: Dataset, page: Page) -> str:
    """Every CDM, then the same CDMs grouped by country, status and decade: filters that need no script.

    Each row is taken from ``data.rows`` when nothing it is made of changed (``_directory_row``).
    """
    return render("directory.html", data, page, directory=directory(data, page.lang), row=_directory_row(data, page))


def _directory_row(data: Dataset, page: Page) -> Callable[[Cdm, list[str]], Markup]:
    """A directory row by its CDM and columns, kept by a digest of all it reads (``_kept``)."""

    def row(cdm: Cdm, columns: list[str]) -> Markup:
        context = {"cdm": cdm, "columns": columns, "decade": decade}
        return _kept(data, page, cdm, ("directory", *columns), "directory_row.html", context)

    return row


def _kept(
    data: Dataset, page: Page, cdm: Cdm, kind: tuple[str, ...], template: str, context: dict[str, object]
) -> Markup:
    """One CDM's part of a listing block, from ``data.rows`` when nothing it is made of changed.

    Why: at 2,600 CDMs the blocks that list every CDM were two fifths of a preview update after one CDM's edit. Such a
    part reads its CDM, the labels, sources, places and the rest of the data but the other CDMs
    (``memo.shared_digest``), the language and the way home (``page.root``), never the page's address: that is its
    key, with ``kind``. ``tests/test_preview_memory.py`` checks that edits reach the preview's pages.
    """
    key = fingerprint(data.derived(shared_digest), data.derived(cdm_digests)[cdm.id], page.lang, page.root, *kind)
    made = data.rows.made(key)
    if made is None:
        made = render(template, data, page, **context)
        data.rows.keep(key, made)
    return Markup(made)  # noqa: S704 - rendered by our autoescaping templates


def figure(data: Dataset, page: Page, figure_id: str) -> str:
    """One figure inside a sentence: every value the report gives, its year, source and note."""
    (item,) = _figures(data, (figure_id,))
    return render("figure.html", data, page, figure=item)


def figures(data: Dataset, page: Page, group_id: str) -> str:
    items = [item for item in data.figures.values() if item.group == group_id]
    return render("figures.html", data, page, group=data.groups[group_id], figures=items)


def key_figures(data: Dataset, page: Page, *figure_ids: str) -> str:
    """A compact strip for the home page: each figure's first value, the others the report gives, the note."""
    items = _figures(data, figure_ids)
    return render("key_figures.html", data, page, figures=items)


def section(data: Dataset, page: Page, section_id: str, level: int = 2) -> str:
    return render("section.html", data, page, section=data.sections[section_id], level=level)


def lead(data: Dataset, page: Page, section_id: str, paragraph: int) -> str:
    """One paragraph of the report (counted from 1) as a page's opening sentence, with its source marker."""
    found = data.sections[section_id]
    if not 1 <= paragraph <= len(found.paragraphs):
        raise ValueError(f"lead({section_id!r}, {paragraph}): the section has {len(found.paragraphs)} paragraphs")
    return render("lead.html", data, page, text=found.paragraphs[paragraph - 1], source=found.source)


def pillars(data: Dataset, page: Page, section_id: str = "pillars") -> str:
    """A section's sub-sections as cards (the charter's four pillars), each linked to its place on the charter."""
    return render("pillars.html", data, page, section=data.sections[section_id])


def glossary(data: Dataset, page: Page) -> str:
    terms = sorted(data.terms, key=lambda term: getattr(term.term, page.lang).lower())
    return render("glossary.html", data, page, terms=terms)


def open_data(data: Dataset, page: Page, name: str) -> str:
    """Links to the CSV and JSON of one table (``cdms`` or ``indicators``), its size and licence."""
    rows = len(rows_of(data, name))
    folder = _data_folder(page)
    jsonld = dataset(data, page, name, folder)
    return render("opendata.html", data, page, name=name, folder=folder, rows=rows, jsonld=jsonld)


def about_site(data: Dataset, page: Page) -> str:
    """Publisher, report, licence, downloads and how to report an error (the data's date is in every footer)."""
    return render("about.html", data, page, downloads=DOWNLOADS, folder=_data_folder(page))


def footer(data: Dataset, page: Page, changed: DataChange) -> str:
    """The footer of every page (the theme prints it in place of Material's credit line); not a page block."""
    return render("footer.html", data, page, changed=changed)


def _data_folder(page: Page) -> str:
    return f"{page.site_root}{FOLDER}/"  # /data/ sits outside /en/


def sources(data: Dataset, page: Page) -> str:
    return render("sources.html", data, page, sources=list(data.sources.values()))


def timeline(data: Dataset, page: Page) -> str:
    """The §4.4.1 creation timeline, drawn from the CDM records so a date is typed once."""
    years, undated = history.by_year(data.cdms), history.undated(data.cdms)
    item = lambda event: _timeline_item(data, page, event)  # noqa: E731 - a template's helper, bound to this page
    return render("timeline.html", data, page, years=years, undated=undated, item=item)


def _timeline_item(data: Dataset, page: Page, event: history.Event) -> Markup:
    """One dated step of one CDM on the timeline, kept as ``_kept`` says: the CDM's record and which step it is."""
    which = ("timeline-event", str(event.year), str(event.month), event.status)
    return _kept(data, page, event.cdm, which, "timeline_item.html", {"event": event})


def network_countries(data: Dataset, page: Page) -> str:
    """Countries of the CDM records with their Babel names and how many CDMs each has."""
    counts: defaultdict[str, int] = defaultdict(int)
    for cdm in data.cdms:
        counts[cdm.country] += 1
    codes = sorted(counts, key=lambda code: localize.country(code, page.lang))
    return render("countries.html", data, page, countries=[(code, counts[code]) for code in codes])


PROFILE_LISTS = (
    "context",
    "founding_issues",
    "governance",
    "associated_centres",
    "bodies",
    "european_networks",
    "actions",
)
"""Profile headings a page may point to with ``cdms_with``."""


def cdms_with(data: Dataset, page: Page, field: str) -> str:
    """CDMs whose profile says something under ``field``, linked to that heading: pages never list them by hand."""
    cdms = sorted((cdm for cdm in data.cdms if getattr(cdm, field)), key=lambda cdm: cdm.name.fr.lower())
    return render("cdm_links.html", data, page, cdms=cdms, anchor=field.replace("_", "-"))


def bar_chart(data: Dataset, page: Page, *figure_ids: str) -> str:
    """Figures of one kind (counts, or shares) as a table with bars: the values stay text."""
    items = _figures(data, figure_ids)
    title = data.groups[items[0].group].title
    rows = charts.bars(items)
    return render("chart_bars.html", data, page, rows=rows, figures=items, title=title, uid=figure_ids[0])


def timeline_chart(data: Dataset, page: Page) -> str:
    """The creation timeline of the CDMs and projects (§4.4.1) as an SVG drawn from data/cdms.yaml."""
    chart, drawing = data.derived(_timeline_drawing)  # the same in every language: computed once per build
    return render("chart_timeline.html", data, page, chart=chart, drawing=drawing, source=charts.TIMELINE_SOURCE)


def _timeline_drawing(data: Dataset) -> tuple[charts.Timeline, charts.TimelineDrawing]:
    chart = charts.timeline(data)
    return chart, charts.draw_timeline(chart)


def network_map(data: Dataset, page: Page) -> str:
    """The network map: Europe and insets, each CDM a link to its profile, with the list as text alternative."""

    def item(point: MapPoint) -> Markup:
        return _map_item(data, page, point)

    return render("map.html", data, page, map=map_layout(data), overview=False, item=item)


def network_overview(data: Dataset, page: Page) -> str:
    """The home's map: one dot per town (``Panel.towns``), so the home stays the same size as the network grows.

    A town with one CDM links to its profile, a town with several to its country in the directory, whose map has
    a dot and a list entry for every CDM.
    """
    return render("map.html", data, page, map=map_layout(data), overview=True, item=None)


def _map_item(data: Dataset, page: Page, point: MapPoint) -> Markup:
    """A CDM in the map's list (its text alternative): its link, place and source, kept as ``_kept`` says."""
    return _kept(data, page, point.cdm, ("map-item",), "map_item.html", {"point": point})


BLOCKS: dict[str, Callable[..., str]] = {
    "cdm_profile": cdm_profile,
    "cdm_directory": cdm_directory,
    "figure": figure,
    "figures": figures,
    "key_figures": key_figures,
    "section": section,
    "glossary": glossary,
    "lead": lead,
    "about_site": about_site,
    "pillars": pillars,
    "sources_list": sources,
    "timeline": timeline,
    "network_countries": network_countries,
    "cdms_with": cdms_with,
    "open_data": open_data,
    "bar_chart": bar_chart,
    "timeline_chart": timeline_chart,
    "network_map": network_map,
    "network_overview": network_overview,
}
"""Name under which each block is offered to pages."""
