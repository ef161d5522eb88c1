"""The directory's listings: every CDM grouped by country, by current label status and by decade of creation.

Grouped listings are plain HTML sections, so filtering works without JavaScript (follow a link to a group);
``docs/assets/directory.js`` only adds a form that filters the full table in place.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import localize, models
from .dataset import Dataset

STATUS_ORDER = ("accredited", "reopened", "created", "prefiguration", "project", "candidate", "closed")
"""Order of the status groups: open CDMs first, then projects, then closed ones."""


PROJECTS = "project"
"""Decade key of the CDM projects in progress: §4.4.1 dates the start of their phase, not a creation."""
UNKNOWN = "unknown"
"""Decade key of the CDMs whose year the report does not give."""


@dataclass(frozen=True)
class Directory:
    cdms: tuple[models.Cdm, ...]
    """Every CDM, by name in the page's language."""
    by_country: tuple[tuple[str, tuple[models.Cdm, ...]], ...]
    by_status: tuple[tuple[str, tuple[models.Cdm, ...]], ...]
    """A CDM whose status the report gives two ways (Annexe 3 and §4.4.1) is in both groups."""
    by_decade: tuple[tuple[str, tuple[models.Cdm, ...]], ...]
    """Decades in order ("1990"…), then projects in progress, then CDMs whose year the report does not give."""

    @staticmethod
    def decade(cdm: models.Cdm) -> str:
        return decade(cdm)


def decade(cdm: models.Cdm) -> str:
    year = cdm.first_year
    if year is not None:
        return str(year // 10 * 10)
    return PROJECTS if cdm.project_stage else UNKNOWN


def _decade_order(key: str) -> tuple[int, int]:
    return (0, int(key)) if key.isdigit() else (1 if key == PROJECTS else 2, 0)


def directory(data: Dataset, lang: str) -> Directory:
    cdms = tuple(sorted(data.cdms, key=lambda cdm: localize.text(cdm.name, lang).lower()))
    countries: defaultdict[str, list[models.Cdm]] = defaultdict(list)
    statuses: defaultdict[str, list[models.Cdm]] = defaultdict(list)
    decades: defaultdict[str, list[models.Cdm]] = defaultdict(list)
    for cdm in cdms:
        countries[cdm.country].append(cdm)
        for status in dict.fromkeys(entry.status for entry in cdm.current_statuses):
            statuses[status].append(cdm)
        decades[decade(cdm)].append(cdm)
    return Directory(
        cdms=cdms,
        by_country=tuple(
            (code, tuple(countries[code])) for code in sorted(countries, key=lambda c: localize.country(c, lang))
        ),
        by_status=tuple((status, tuple(statuses[status])) for status in STATUS_ORDER if status in statuses),
        by_decade=tuple((key, tuple(decades[key])) for key in sorted(decades, key=_decade_order)),
    )
