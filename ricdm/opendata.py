"""Open data: the CDM directory and the indicators as CSV and JSON, built from the same Dataset as the pages.

One row per CDM and one row per figure value, each with its source section and both languages' texts,
published once at a stable address (``/data/…``) so that partners and journalists can reuse the figures.
"""

from __future__ import annotations

import csv
import io
import json
from typing import TypeVar

from . import localize, urls
from .dataset import Dataset
from .labels import label
from .models import LANGUAGES, Cdm, Text

Row = dict[str, object]
"""One row of a published table: column name -> value (None for an empty cell)."""

FOLDER = "data"
"""Published at <site>/data/, outside the language folders: one address whatever the reader's language."""

T = TypeVar("T")

LICENCE_LABEL = "licence"
"""The report states no licence: one field of data/labels.yaml says so until the RICDM chooses one (footer too)."""


def cdm_rows(data: Dataset, site_url: str = "") -> list[Row]:
    """One row per CDM, as the directory shows it, with the section each fact comes from."""
    return [row | _profile_columns(cdm, site_url) for cdm, row in zip(data.cdms, data.derived(_cdm_rows), strict=True)]


def _cdm_rows(data: Dataset) -> list[Row]:
    """Every CDM's row but its profile addresses: once per build, for the tables and the pages."""
    return [_cdm_row(data, cdm) for cdm in data.cdms]


def _cdm_row(data: Dataset, cdm: Cdm) -> Row:
    """A CDM's columns but its profile addresses (the last columns): what it reads is its record and shared data."""
    current = cdm.statuses[-1]
    row = {"id": cdm.id, **_both("name", cdm.name), "name_source": cdm.names[0].source if cdm.names else None}
    row |= entry_columns(data, cdm)
    row |= {"country": cdm.country, **_country_names("country_name", cdm.country)}
    row |= {"territory": cdm.territory, **_country_names("territory_name", cdm.territory)}
    place = data.locations.get(cdm.id)
    row |= _both("place", place.place if place else None)
    row |= {
        "place_chosen_by": place.chosen_by if place else None,
        **_both("place_note", place.note if place else None),
    }
    row |= {"status": current.status, **_both("status_name", data.labels[f"status-{current.status}"])}
    row |= {"status_year": current.year, "status_source": current.source}
    other = cdm.current_statuses[0] if len(cdm.current_statuses) > 1 else None  # Annexe 3 vs §4.4.1
    row |= {"status_also": other.status if other else None}
    row |= {**_both("status_also_name", data.labels[f"status-{other.status}"] if other else None)}
    row |= {"status_also_source": other.source if other else None}
    row |= {**_both("status_note", current.note)}
    row |= {"founded": cdm.founded.year if cdm.founded else None}
    row |= {"founded_source": cdm.founded.source if cdm.founded else None}
    row |= {**_both("founded_note", _founded_note(data, cdm))}
    row |= {"latitude": place.lat if place else None, "longitude": place.lon if place else None}
    row |= {"geonameid": place.geonameid if place else None, "place_source": place.source if place else None}
    return row


def _profile_columns(cdm: Cdm, site_url: str) -> Row:
    return {f"profile_{lang}": urls.absolute(urls.profile_path(cdm.id, lang), site_url) for lang in LANGUAGES}


def entry_columns(data: Dataset, cdm: Cdm) -> Row:
    """Where the entry comes from: the report (the first part that names the CDM), or the RICDM team and the date."""
    if cdm.source is None:
        return {"entry_source": cdm.names[0].source, "entry_source_kind": "report", "entry_date": None}
    origin = data.sources[cdm.source]
    return {
        "entry_source": origin.id,
        "entry_source_kind": origin.kind,
        "entry_date": origin.date.isoformat() if origin.date else None,
    }


def _founded_note(data: Dataset, cdm: Cdm) -> Text | None:
    """Why a CDM project has no year of creation although §4.4.1 gives it a date (the site's one reading)."""
    if cdm.founded:
        return cdm.founded.note
    return data.labels["founded-project"] if cdm.project_stage and cdm.project_stage.year else None


def indicator_rows(data: Dataset) -> list[Row]:
    """One row per value of a figure: a figure the report gives twice has two rows and its note."""
    rows = []
    for figure in data.figures.values():
        group = data.groups[figure.group]
        for item in figure.values:
            qualifier = None if item.qualifier == "exact" else data.labels["qual-" + item.qualifier.replace("_", "-")]
            source = data.sources[item.source]
            row = {"figure": figure.id, "group": figure.group, **_both("group_title", group.title)}
            row |= {**_both("label", figure.label), "unit": figure.unit, "value": item.value}
            row |= {"qualifier": item.qualifier, **_both("qualifier_text", qualifier), "year": item.year}
            row |= {"year_until": item.until, "year_source": item.year_source}
            row |= {"source": item.source, **_both("source_title", source.title)}
            row |= {**_both("context", item.context), **_both("note", figure.note)}
            rows.append(row)
    return rows


def _both(name: str, value: Text | None) -> Row:
    """``name_fr`` and ``name_en`` columns, empty (null) when the report does not give the text."""
    return {f"{name}_{lang}": localize.text(value, lang) or None for lang in LANGUAGES}


def _country_names(name: str, code: str | None) -> Row:
    """The CLDR name of a country or territory in both languages, as the pages show it."""
    return {f"{name}_{lang}": localize.country(code, lang) if code else None for lang in LANGUAGES}


DOWNLOADS = ("cdms", "indicators")
"""The published tables: <site>/data/<name>.csv and .json."""


FIGURE_FOLDER = "indicators"
"""Each figure's own rows, at <site>/data/indicators/<id>.csv: the columns of indicators.csv, that figure's rows."""


def figure_csv(figure_id: str) -> str:
    """A figure's CSV below the open-data folder: ``"cdms"`` -> ``"indicators/cdms.csv"``."""
    return f"{FIGURE_FOLDER}/{figure_id}.csv"


def rows_of(data: Dataset, name: str, site_url: str = "") -> list[Row]:
    return cdm_rows(data, site_url) if name == "cdms" else indicator_rows(data)


def to_csv(rows: list[Row]) -> str:
    """RFC 4180 CSV, UTF-8, a header row; empty cells where the report gives nothing."""
    return _csv_line(list(rows[0])) + "".join(_csv_row(row) for row in rows)


def _csv_row(row: Row) -> str:
    return _csv_line(list(row.values()))


def _csv_line(cells: list[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow("" if value is None else value for value in cells)
    return buffer.getvalue()


def to_json(rows: list[Row], data: Dataset, name: str) -> str:
    """The same rows as the CSV, with the licence and what the table is, in both languages."""
    document = {
        "title": _texts(data, f"opendata-{name}"),
        "publisher": _texts(data, "ricdm-name"),
        "source": _texts(data, "cite-report"),
        "licence": _texts(data, LICENCE_LABEL),
        "rows": rows,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _texts(data: Dataset, key: str) -> dict[str, str]:
    """A label in each language, by language."""
    return {lang: label(data.labels, key, lang) for lang in LANGUAGES}


def files(data: Dataset, site_url: str = "") -> dict[str, str]:
    """Path below the site root -> UTF-8 text, for every download."""
    rows = cdm_rows(data, site_url)
    indicators = indicator_rows(data)
    each_figure = {  # each figure's own rows, which its page offers
        f"{FOLDER}/{figure_csv(figure_id)}": to_csv([row for row in indicators if row["figure"] == figure_id])
        for figure_id in data.figures
    }
    return {
        f"{FOLDER}/cdms.csv": to_csv(rows),
        f"{FOLDER}/cdms.json": to_json(rows, data, "cdms"),
        f"{FOLDER}/indicators.csv": to_csv(indicators),
        f"{FOLDER}/indicators.json": to_json(indicators, data, "indicators"),
        **each_figure,
    }
