"""The blocks a page can ask for (``{{ cdm_profile("paris") }}``…), each one template.

Pages call these through ``macros.py``; nothing here knows about MkDocs. Every call in a page is checked
against these signatures and the data by ``ricdm.pagecheck`` before anything renders, so blocks look ids up
directly; a parameter's name says what it names (``group_id``, ``section_id``…: see ``pagecheck.ID_KINDS``).
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from collections.abc import Callable

from . import charts, cite, localize, map_layout, opendata, workbook
from . import network_map as maps
from . import timeline as history
from .dataset import Dataset
from .directory import directory
from .freshness import DataChange
from .jsonld import dataset, figure_dataset, organization
from .models import Cdm, Figure, TermbaseTerm, Text
from .opendata import DOWNLOADS, FOLDER, rows_of
from .render import Page, render
from .seo import figure_description


def _figures(data: Dataset, figure_ids: tuple[str, ...]) -> list[Figure]:
    """The figures a page names; ``ricdm.pagecheck`` has checked every id before any page renders."""
    return [data.figures[figure_id] for figure_id in figure_ids]


def cdm_profile(data: Dataset, page: Page, cdm_id: str) -> str:
    cdm = data.cdm(cdm_id)  # an index: a set of every id per profile made the build quadratic
    minimap = maps.minimaps(data).get(cdm_id)
    place = data.locations.get(cdm_id)
    jsonld = organization(data, page, cdm)
    return render("profile.html", data, page, cdm=cdm, jsonld=jsonld, minimap=minimap, layout=map_layout, place=place)


def cdm_directory(data: Dataset, page: Page) -> str:
    """Every CDM, then the same CDMs grouped by country, status and decade: filters that need no script."""
    return render("directory.html", data, page, directory=directory(data, page.lang))


def figure(data: Dataset, page: Page, figure_id: str) -> str:
    """One figure inside a sentence: every value the report gives, its year, source and note."""
    (item,) = _figures(data, (figure_id,))
    return render("figure.html", data, page, figure=item, cite=cite.text(data, cite.of_figure(data, page, item)))


def figures(data: Dataset, page: Page, group_id: str) -> str:
    """A theme of the impact page (a figure group): its heading, then one line per figure leading to its own page.

    The heading is Markdown, not HTML, so that the page's table of contents lists the themes (a block's HTML is put
    back after Markdown, where no table of contents sees it); the lines are one HTML block.
    """
    group = data.groups[group_id]
    items = [item for item in data.figures.values() if item.group == group_id]
    heading = f"## {_markdown_text(localize.text(group.title, page.lang))} {{ #theme-{group.id} }}"
    return heading + "\n\n" + render("figure_list.html", data, page, figures=items)


def _markdown_text(text: str) -> str:
    """Staff text as Markdown that shows it as written: HTML escaped, Markdown's own characters backslashed."""
    return re.sub(r"([\\`*_{}\[\]#!])", r"\\\1", html.escape(text, quote=False))


def figure_page(data: Dataset, page: Page, figure_id: str) -> str:
    """A figure's own page (``ricdm.pages``): its number, its sources side by side, note, chart, data, citation."""
    item = data.figures[figure_id]
    csv = f"{_data_folder(page)}{opendata.figure_csv(figure_id)}"
    jsonld = figure_dataset(data, page, item, csv, figure_description(data, item, page.lang))
    return render(
        "figure_page.html",
        data,
        page,
        figure=item,
        figures=[item],
        group=data.groups[item.group],
        own_page=True,
        bars=charts.figure_bars(item),
        csv=csv,
        cites={item.id: cite.text(data, cite.of_figure(data, page, item))},
        jsonld=jsonld,
    )


def key_figures(data: Dataset, page: Page, *figure_ids: str) -> str:
    """The home's headline figures: one number per card, leading to the figure's own page."""
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
    """The acronyms (data/glossary.yaml), then the termbase's terms the report defines (data/termbase.yaml).

    A termbase term that has an acronym is shown in the acronym's row, never twice.
    """
    terms = sorted(data.terms, key=lambda term: getattr(term.term, page.lang).lower())
    by_acronym = {term.acronym: term for term in data.termbase.terms if term.acronym}
    definitions = {term.id: found for term in data.termbase.terms if (found := _definition(data, term))}
    defined = [term for term in data.termbase.terms if term.id in definitions and not term.acronym]
    named = sorted(defined, key=lambda term: (term.french if page.lang == "fr" else term.en).lower())
    return render(
        "glossary.html", data, page, terms=terms, by_acronym=by_acronym, defined=named, definitions=definitions
    )


def _definition(data: Dataset, term: TermbaseTerm) -> tuple[Text, str] | None:
    """A termbase term's definition and its source: the charter's own paragraph where the term names its section."""
    if term.section is not None:
        found = data.sections[term.section]
        return found.paragraphs[0], found.source
    if term.definition is not None and term.source is not None:
        return term.definition, term.source
    return None


def open_data(data: Dataset, page: Page, name: str) -> str:
    """Links to the CSV and JSON of one table (``cdms`` or ``indicators``), its size and licence."""
    rows = data.derived(_table_sizes)[name]
    folder = _data_folder(page)
    jsonld = dataset(data, page, name, folder)
    return render("opendata.html", data, page, name=name, folder=folder, rows=rows, jsonld=jsonld, workbook=WORKBOOK)


def _table_sizes(data: Dataset) -> dict[str, int]:
    """Rows of each published table, counted once per build: both languages' pages show them."""
    return {name: len(rows_of(data, name)) for name in DOWNLOADS}


def about_site(data: Dataset, page: Page) -> str:
    """Publisher, report, licence, downloads and how to report an error (the data's date is in every footer)."""
    return render("about.html", data, page, downloads=DOWNLOADS, folder=_data_folder(page), workbook=WORKBOOK)


def footer(data: Dataset, page: Page, changed: DataChange) -> str:
    """The footer of every page (the theme prints it in place of Material's credit line); not a page block."""
    return render("footer.html", data, page, changed=changed)


WORKBOOK = {"name": workbook.NAME, "type": workbook.MEDIA_TYPE}
"""The open data's workbook, as download links name it (``ricdm.workbook``)."""


def _data_folder(page: Page) -> str:
    return f"{page.site_root}{FOLDER}/"  # /data/ sits outside /en/


def sources(data: Dataset, page: Page) -> str:
    return render("sources.html", data, page, sources=list(data.sources.values()))


def timeline(data: Dataset, page: Page) -> str:
    """The §4.4.1 creation timeline, drawn from the CDM records so a date is typed once."""
    years, undated = data.derived(_history)  # the same in every language: found once per build
    return render("timeline.html", data, page, years=years, undated=undated)


def _history(data: Dataset) -> tuple[list[tuple[int, list[history.Event]]], list[Cdm]]:
    return history.by_year(data.cdms), history.undated(data.cdms)


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
    """The network map: Europe and insets, each town a link to its CDM's profile, with the list as text alternative."""
    return render("map.html", data, page, map=maps.network_map(data), layout=map_layout, overview=False)


def network_overview(data: Dataset, page: Page) -> str:
    """The home's map: the same drawing (one dot per town) and a list of towns, not of CDMs.

    So the home stays the same size as the network grows; a town with several CDMs leads to their list on the
    directory's map.
    """
    return render("map.html", data, page, map=maps.network_map(data), layout=map_layout, overview=True)


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
