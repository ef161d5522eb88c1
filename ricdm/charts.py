"""Chart geometry computed at build time from the data: bar lengths and the creation timeline's segments.

The templates (``chart_bars.html``, ``chart_timeline.html``) only draw what this module measures, so no
figure is typed twice and no script is needed to read a chart.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from . import models
from .dataset import Dataset

PROJECT_STATUSES = models.PROJECT_STATUSES
"""Current statuses that make a CDM a project in progress (§4.4.1) rather than an open CDM."""
TIMELINE_SOURCE = "§4.4.1"
"""The report's "brief history with creation dates", the source of the timeline's years."""
_NAME_FRAME = {
    "fr": re.compile(r"^Cité des métiers (?:de la |de l['’]|des |du |de |d['’])"),
    "en": re.compile(r" Cité des métiers$"),
}
"""What a CDM's name adds to its place ("Cité des métiers du …", "… Cité des métiers"): the timeline drops it."""
LABEL_EM = 6.0
"""Width of an average character of a timeline label (11px text), to fit the longest label."""


@dataclass(frozen=True)
class Bar:
    figure: models.Figure
    value: models.FigureValue
    items: tuple[models.FigureValue, ...]
    """Every source giving this value (one bar for one value, however many sources give it)."""
    first: bool
    """First value of its figure: the row that carries the figure's label."""
    length: float
    """Share of the track, 0–100."""


def bars(figures: list[models.Figure]) -> list[Bar]:
    """One bar per value; percentages on a 0–100 scale, counts against the largest count shown."""
    largest = max((value.value for figure in figures for value in figure.values), default=0) or 1
    rows = []
    for figure in figures:
        scale = 100 if figure.unit == "percent" else largest
        for index, items in enumerate(figure.shown_values):
            value = items[0]
            rows.append(Bar(figure, value, items, index == 0, round(min(value.value / scale, 1) * 100, 1)))
    return rows


def figure_bars(figure: models.Figure) -> list[Bar]:
    """A figure's own chart: one bar per year and value, oldest first, undated last (``Figure.periods``).

    None for a year figure (a date is no quantity) or a figure with one value a year (one source may say "nearly"
    where another gives it exactly): there is nothing to compare.
    """
    periods = figure.periods
    if figure.unit == "year" or len({(items[0].year, items[0].value) for items in periods}) < 2:
        return []
    scale = 100 if figure.unit == "percent" else max(item.value for item in figure.values) or 1
    return [
        Bar(figure, items[0], items, index == 0, round(min(items[0].value / scale, 1) * 100, 1))
        for index, items in enumerate(periods)
    ]


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    """Exclusive: a CDM closed in 2015 has a segment ending at 2015."""


@dataclass(frozen=True)
class TimelineRow:
    cdm: models.Cdm
    label: models.Text
    project: bool
    segments: tuple[Segment, ...]
    start: models.StatusEntry | models.SourcedYear | None
    """The dated record the row starts from (for the data table), None when the report gives no year."""


@dataclass(frozen=True)
class Timeline:
    first: int
    last: int
    rows: tuple[TimelineRow, ...]
    """Dated rows by start year, projects last, then undated CDMs."""

    @property
    def years(self) -> int:
        return self.last - self.first + 1

    @property
    def created(self) -> int:
        return sum(1 for row in self.rows if row.segments and not row.project)

    @property
    def projects(self) -> int:
        return sum(1 for row in self.rows if row.project and row.segments)


@dataclass(frozen=True)
class TimelineTick:
    year: int
    x: float


@dataclass(frozen=True)
class TimelineBar:
    row: TimelineRow
    y: float
    """Top of the row; the label sits on its baseline, the bars below it."""
    spans: tuple[tuple[float, float], ...]
    """(x, width) of each open period."""


@dataclass(frozen=True)
class TimelineDrawing:
    """Where everything of the timeline SVG goes, in SVG units: the template only writes these numbers out."""

    width: int
    height: int
    label_width: int
    row_height: int
    top: int
    ticks: tuple[TimelineTick, ...]
    """A grid line and its year at the first year and every fifth one."""
    bars: tuple[TimelineBar, ...]
    """The dated rows, top to bottom; undated CDMs are only in the table."""


def draw_timeline(
    chart: Timeline, label_width: int = 150, plot_width: int = 480, row_height: int = 18
) -> TimelineDrawing:
    """Place the rows of ``chart``: one year is ``plot_width / chart.years`` wide, one row ``row_height`` high.

    The labels' column is at least ``label_width`` wide, and wide enough for the longest label in either language.
    """
    top = 26
    longest = max((len(text) for row in chart.rows if row.segments for text in (row.label.fr, row.label.en)), default=0)
    label_width = max(label_width, math.ceil(longest * LABEL_EM) + 12)
    step = plot_width / chart.years

    def x(year: int) -> float:
        return label_width + (year - chart.first) * step

    ticks = tuple(
        TimelineTick(year, x(year))
        for year in range(chart.first, chart.last + 1)
        if year == chart.first or year % 5 == 0
    )
    drawn = [row for row in chart.rows if row.segments]
    bars = tuple(
        TimelineBar(row, top + index * row_height, tuple((x(s.start), (s.end - s.start) * step) for s in row.segments))
        for index, row in enumerate(drawn)
    )
    height = top + len(drawn) * row_height + 8
    return TimelineDrawing(label_width + plot_width + 10, height, label_width, row_height, top, ticks, bars)


def timeline(data: Dataset) -> Timeline:
    """Each CDM's open periods (creation, closure, reopening) and each project's start, from data/cdms.yaml."""
    rows = [_row(cdm) for cdm in data.cdms]
    years = [year for row in rows for s in row.segments for year in (s.start, s.end - 1) if year >= s.start]
    first, last = (min(years), max(years)) if years else (0, 0)
    rows = [_close(row, last + 1) for row in rows]

    def order(row: TimelineRow) -> tuple[bool, bool, int, str]:
        start = row.segments[0].start if row.segments else 10_000
        return (row.project, not row.segments, start, row.label.fr.lower())

    return Timeline(first, last, tuple(sorted(rows, key=order)))


_OPEN = -1
"""Placeholder end of a period still open: replaced by the year after the last one drawn."""


def _row(cdm: models.Cdm) -> TimelineRow:
    project = cdm.current_status in PROJECT_STATUSES
    segments: list[Segment] = []
    start: models.SourcedYear | models.StatusEntry | None = None
    if cdm.founded and not project:
        segments.append(Segment(cdm.founded.year, _OPEN))
        start = cdm.founded
    for entry in cdm.statuses:
        if entry.year is None:
            continue
        if entry.status == "closed" and segments and segments[-1].end == _OPEN:
            segments[-1] = Segment(segments[-1].start, entry.year)
        elif entry.status == "reopened" or (not segments and entry.status != "closed"):
            if project and entry.status not in PROJECT_STATUSES:
                continue
            segments.append(Segment(entry.year, _OPEN))
            start = start or entry
    return TimelineRow(cdm, _short_name(cdm), project, tuple(segments), start)


def _close(row: TimelineRow, end: int) -> TimelineRow:
    segments = tuple(Segment(s.start, end if s.end == _OPEN else s.end) for s in row.segments)
    return TimelineRow(row.cdm, row.label, row.project, segments, row.start)


def _short_name(cdm: models.Cdm) -> models.Text:
    """The CDM's name without "Cité des métiers": "Nord Franche-Comté", "Val-de-Marne", "Greater Geneva".

    The editors' form of the place, hyphens included, not §4.4.1's shorthand ("Franche Comté", "Val de Marne").
    """
    fr, en = (_NAME_FRAME[lang].sub("", text) for lang, text in (("fr", cdm.name.fr), ("en", cdm.name.en)))
    return models.Text(fr=fr, en=en)
