"""The network's history drawn from the CDM records: each dated step of each CDM, year by year.

Years are never typed into pages: they come from ``founded`` and ``statuses`` in ``data/cdms.yaml``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from . import models


@dataclass(frozen=True)
class Event:
    """One dated step of one CDM: its creation, a label status, a closure."""

    cdm: models.Cdm
    year: int
    month: int | None
    status: models.Status
    source: str
    note: models.Text | None = None


def cdm_events(cdm: models.Cdm) -> list[Event]:
    """Every dated step of a CDM; its creation year counts once even when a status repeats it."""
    events: dict[tuple[int, int | None, str], Event] = {}
    if cdm.founded:
        key: tuple[int, int | None, str] = (cdm.founded.year, None, "created")
        events[key] = Event(cdm, cdm.founded.year, None, "created", cdm.founded.source, cdm.founded.note)
    for entry in cdm.statuses:
        if entry.year is None:
            continue
        key = (entry.year, entry.month, entry.status)
        events.setdefault(key, Event(cdm, entry.year, entry.month, entry.status, entry.source, entry.note))
    return list(events.values())


def by_year(cdms: tuple[models.Cdm, ...]) -> list[tuple[int, list[Event]]]:
    """Years in order, each with its events (by month, then CDM name)."""
    years: dict[int, list[Event]] = defaultdict(list)
    for cdm in cdms:
        for event in cdm_events(cdm):
            years[event.year].append(event)
    return [
        (year, sorted(events, key=lambda e: (e.month or 0, e.cdm.name.fr.lower())))
        for year, events in sorted(years.items())
    ]


def undated(cdms: tuple[models.Cdm, ...]) -> list[models.Cdm]:
    """CDMs for which the report gives no date at all: shown apart, never guessed."""
    return sorted((cdm for cdm in cdms if not cdm_events(cdm)), key=lambda cdm: cdm.name.fr.lower())
