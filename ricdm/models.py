"""Pydantic models of the data files: what staff may write, and nothing else.

Every model forbids unknown fields (a typo such as ``contry`` is an error, not a
silent loss), every text needs both languages, every fact names its source.
"""

from __future__ import annotations

import datetime
import re
from typing import Annotated, Literal

from babel import Locale
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

LANGUAGES = ("fr", "en")
"""French is the original; English must say the same."""

THIS_YEAR = datetime.date.today().year
_TERRITORIES = Locale("en").territories


class Strict(BaseModel):
    """Base of every model: unknown fields are errors, values are never coerced from text."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, use_attribute_docstrings=True, defer_build=True)


def _non_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("empty text")
    return value.strip()


def _slug(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", value):
        raise ValueError("not a valid id")
    return value


def _country(value: str) -> str:
    if not re.fullmatch(r"[A-Z]{2}", value) or value not in _TERRITORIES:
        raise ValueError("unknown country code")
    return value


# json_schema_extra only tells editors (schemas/*.schema.json) what the validators check.
NonBlank = Annotated[str, AfterValidator(_non_blank), Field(json_schema_extra={"pattern": r"\S"})]
Slug = Annotated[str, AfterValidator(_slug), Field(json_schema_extra={"pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"})]
CountryCode = Annotated[str, AfterValidator(_country), Field(json_schema_extra={"pattern": r"^[A-Z]{2}$"})]
Year = Annotated[int, Field(ge=1900, le=THIS_YEAR)]
Month = Annotated[int, Field(ge=1, le=12)]
SourceRef = NonBlank
"""The id of an entry of ``data/sources.yaml``: a report section such as "§4.4.1"."""


class Text(Strict):
    """A text in both languages. Proper names are written in both, even when identical."""

    fr: NonBlank
    en: NonBlank


class Fact(Strict):
    """One sourced statement. ``note`` explains a contradiction or an editors' choice."""

    text: Text
    source: SourceRef
    note: Text | None = None


class Quote(Strict):
    """Words quoted from the report: ``fr`` is the original, ``en`` its translation."""

    text: Text
    source: SourceRef
    attribution: Text | None = None


class SourcedYear(Strict):
    year: Year
    source: SourceRef
    note: Text | None = None


class SourcedCount(Strict):
    """A number the report gives about one CDM (e.g. its associated centres), with where it gives it."""

    value: Annotated[int, Field(ge=0)]
    source: SourceRef
    note: Text | None = None


class NameVariant(Strict):
    """One way the report names a CDM (Annexe 3, the timeline, a quotation…)."""

    text: Text
    source: SourceRef


Status = Literal["accredited", "prefiguration", "project", "candidate", "closed", "reopened", "created"]
PROJECT_STATUSES = ("prefiguration", "project", "candidate")
"""Statuses of a CDM project in progress (§4.4.1): the year given is the start of that phase, not a creation."""


class StatusEntry(Strict):
    """A step in a CDM's label history, with its date as precise as the report gives it."""

    status: Status
    year: Year | None = None
    month: Month | None = None
    source: SourceRef
    note: Text | None = None

    @model_validator(mode="after")
    def _month_needs_year(self) -> StatusEntry:
        if self.month is not None and self.year is None:
            raise ValueError("a month needs its year")
        return self


class CdmLocation(Strict):
    """Where the map draws a CDM: a public place (GeoNames), since the report gives no coordinates."""

    cdm: Slug
    """The id of the CDM in data/cdms.yaml."""
    place: Text
    """The town the point marks, in both languages."""
    geonameid: Annotated[int, Field(ge=1)]
    """GeoNames id of that town, so anyone can check the coordinates."""
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]
    chosen_by: Literal["report", "editors"]
    """"report": the report names this town; "editors": it names a territory or nothing and the editors chose."""
    source: SourceRef
    note: Text | None = None
    """Why this town, when the report names a territory rather than a town."""

    @model_validator(mode="after")
    def _editors_choice_needs_note(self) -> CdmLocation:
        if self.chosen_by == "editors" and self.note is None:
            raise ValueError(
                "a town chosen by the editors needs a note (fr, en) saying what the report names and why this town — "
                "or chosen_by: report, if the report names this town for this CDM"
            )
        return self


class LocationsFile(Strict):
    locations: list[CdmLocation] = Field(min_length=1)


class Cdm(Strict):
    """One Cité des métiers, as far as the report describes it."""

    id: Slug
    name: Text
    names: list[NameVariant] = []
    """How the report names the CDM; empty for a CDM the report does not mention (then ``source`` says whence)."""
    source: SourceRef | None = None
    """For a CDM the report does not mention: a staff source of data/sources.yaml (``kind: staff``, dated)."""
    country: CountryCode
    territory: CountryCode | None = None
    """Where CLDR names an overseas territory apart (GP, RE, YT) for the map and the profile."""
    statuses: list[StatusEntry] = Field(min_length=1)
    founded: SourcedYear | None = None
    context: list[Fact] = []
    founding_issues: list[Quote] = []
    governance: list[Fact] = []
    associated_centres: list[Fact] = []
    associated_centres_count: SourcedCount | None = None
    """How many associated centres, where the report gives a number (the profile's summary shows it)."""
    bodies: list[Fact] = []
    european_networks: list[Fact] = []
    actions: list[Fact] = []
    ricdm_board: Fact | None = None

    @model_validator(mode="after")
    def _says_where_it_comes_from(self) -> Cdm:
        if not self.names and self.source is None:
            raise ValueError(
                "no names and no source — list how the report names it under names:, or, for a CDM the report "
                "does not mention, write source: the id of a staff source of data/sources.yaml"
            )
        return self

    @property
    def first_year(self) -> int | None:
        """The year of creation a visitor reads: ``founded``, else the earliest dated step of an open CDM.

        The site's reading of §4.4.1: the year it gives a CDM in préfiguration or in project ("Roissy 2022
        (préfiguration…)") is the start of that phase, not a creation, so it never counts as one.
        """
        if self.founded:
            return self.founded.year
        years = [entry.year for entry in self.statuses if entry.year and entry.status not in PROJECT_STATUSES]
        return min(years) if years else None

    @property
    def current_status(self) -> Status:
        return self.statuses[-1].status

    @property
    def project_stage(self) -> StatusEntry | None:
        """The phase a CDM project is in (préfiguration, project, candidacy), with its start if dated."""
        current = self.statuses[-1]
        return current if current.status in PROJECT_STATUSES else None

    @property
    def current_statuses(self) -> tuple[StatusEntry, ...]:
        """The current status, preceded by Annexe 3's "accredited" when §4.4.1 counts the CDM as a project.

        The report disagrees with itself there: both are shown, with the note, wherever a status is.
        """
        current = self.statuses[-1]
        if current.status not in PROJECT_STATUSES:
            return (current,)
        accredited = [entry for entry in self.statuses[:-1] if entry.status == "accredited"]
        return (*accredited[-1:], current)


class CdmsFile(Strict):
    cdms: list[Cdm] = Field(min_length=1)


Qualifier = Literal["exact", "about", "more_than", "nearly"]


class FigureValue(Strict):
    """One value of a figure as one part of the report gives it."""

    value: Annotated[int | float, Field(ge=0)]
    qualifier: Qualifier = "exact"
    year: Year | None = None
    """The year the report gives this value; left out when it gives none (the pages say "year not given", no guess)."""
    until: Year | None = None
    """With ``year``, the last year of a period the report gives as one date: the survey's 2022/2023 (§1.5)."""
    year_source: SourceRef | None = None
    """The part of the report that gives the year, when it is not ``source``: §1.5 dates the survey 2022/2023 and
    makes 2019 the reference year of the activity figures that other parts give without a year."""
    source: SourceRef
    context: Text | None = None

    @model_validator(mode="after")
    def _period_has_a_start(self) -> FigureValue:
        if (self.until is not None or self.year_source is not None) and self.year is None:
            raise ValueError("until and year_source date a year — add year (the first year of the period)")
        if self.until is not None and self.year is not None and self.until <= self.year:
            raise ValueError("until is the last year of the period — write a year after year")
        return self


class Figure(Strict):
    """A figure of the report. Several values mean the report gives several: ``note`` is then required."""

    id: Slug
    group: Slug
    label: Text
    unit: Literal["count", "percent", "year"] = "count"
    """A "year" figure (the label's creation, 2001) is shown as written, never grouped like "2 001"."""
    values: list[FigureValue] = Field(min_length=1)
    note: Text | None = None

    @property
    def shown_values(self) -> tuple[tuple[FigureValue, ...], ...]:
        """Values grouped as a reader sees them: one value given by several sources is shown once, with each source."""
        groups: dict[tuple[float, str], list[FigureValue]] = {}
        for item in self.values:
            groups.setdefault((item.value, item.qualifier), []).append(item)
        return tuple(tuple(sorted(group, key=lambda item: item.year is None)) for group in groups.values())

    @property
    def years(self) -> tuple[int, ...]:
        """The years the report dates this figure's values with, oldest first."""
        return tuple(sorted({item.year for item in self.values if item.year is not None}))

    @property
    def is_series(self) -> bool:
        """Values for more than one year: the figure's page shows them as a series (the next survey adds one)."""
        return len(self.years) > 1

    @property
    def headline(self) -> FigureValue:
        """The one value a card or a list shows: the newest year's first value in a series, else the first value.

        The others stay one tap away, on the figure's page; the data's order says which comes first. Where another
        part of the report dates that same value, the headline is the dated one: a value the report dates is never
        shown as "year not given" (the countries: §2 gives six "today", §3 six in 2019).
        """
        if self.is_series:
            return next(item for item in self.values if item.year == self.years[-1])
        return self.shown_values[0][0]

    @property
    def headline_items(self) -> tuple[FigureValue, ...]:
        """The headline value as each source gives it for the same year: what a card names beside the number."""
        return next(items for items in self.periods if self.headline in items)

    @property
    def periods(self) -> tuple[tuple[FigureValue, ...], ...]:
        """Values grouped by year and value, oldest year first, undated last: the bars of the figure's chart."""
        groups: dict[tuple[int | None, int | None, float, str], list[FigureValue]] = {}
        for item in self.values:  # a period (the survey's 2022/2023) is not its first year alone
            groups.setdefault((item.year, item.until, item.value, item.qualifier), []).append(item)
        return tuple(tuple(group) for _, group in sorted(groups.items(), key=lambda pair: _year_order(pair[0][0])))

    @model_validator(mode="after")
    def _contradiction_needs_note(self) -> Figure:
        """Two values for one year, or a value the report does not date beside another: the reader needs a note.

        Values for different years are a series (the next survey's value beside 2019's), not a disagreement.
        """
        by_year: dict[int | None, set[float]] = {}
        for item in self.values:
            by_year.setdefault(item.year, set()).add(item.value)
        undated = by_year.pop(None, set())
        one_year = any(len(values) > 1 for values in [*by_year.values(), undated])
        undated_differs = any(undated - values for values in by_year.values())
        if (one_year or undated_differs) and self.note is None:
            raise ValueError("values disagree — add a note saying where each comes from")
        return self


def _year_order(year: int | None) -> tuple[bool, int]:
    """Oldest first, undated last (``sorted`` keeps the data's order within one year)."""
    return (year is None, year or 0)


class FigureGroup(Strict):
    id: Slug
    title: Text


class IndicatorsFile(Strict):
    groups: list[FigureGroup] = Field(min_length=1)
    figures: list[Figure] = Field(min_length=1)


class Source(Strict):
    """A section of the report, an outside reference the editors added, or information the RICDM team gave."""

    id: NonBlank
    kind: Literal["report", "external", "editors", "staff"] = "report"
    title: Text
    date: datetime.date | None = None
    """For ``kind: staff`` only: the day the RICDM team gave the information, e.g. 2026-11-30."""
    short: Text | None = None
    """How a source link names it ("Annexe 3" / "Appendix 3"); the id, when absent, must read the same in both."""
    note: Text | None = None

    @model_validator(mode="after")
    def _staff_sources_are_dated(self) -> Source:
        if self.kind == "staff" and self.date is None:
            raise ValueError("a staff source needs its date — add date: 2026-11-30 (the day the team gave it)")
        if self.kind != "staff" and self.date is not None:
            raise ValueError("only a staff source has a date — remove date, or write kind: staff")
        return self


class SourcesFile(Strict):
    sources: list[Source] = Field(min_length=1)


class Section(Strict):
    """A piece of the report's prose: a title, paragraphs, a list, sub-sections."""

    id: Slug
    title: Text | None = None
    source: SourceRef
    paragraphs: list[Text] = []
    items: list[Text] = []
    quote: Quote | None = None
    note: Text | None = None
    sections: list[Section] = []


class SectionsFile(Strict):
    sections: list[Section] = Field(min_length=1)


class Term(Strict):
    """An acronym or term; ``source`` "editors" marks a definition the report does not give."""

    id: Slug
    term: Text
    definition: Text
    source: SourceRef


class GlossaryFile(Strict):
    terms: list[Term] = Field(min_length=1)


class LabelsFile(Strict):
    """Interface words (headings, "not reported"…), in both languages like everything else."""

    labels: dict[Slug, Text]


Form = NonBlank
"""A word or phrase the termbase check looks for: whole words; ``*`` stands for any letters; a word in lower case
matches in any case, a word with a capital only as written."""


class TermException(Strict):
    """A text whose English may keep another wording (e.g. the report's own words in a quotation), and why."""

    text: NonBlank
    """The text's id as tests/test_termbase.py names it, e.g. "charter.yaml:sections.pillars.paragraphs.0"."""
    reason: NonBlank


class TermbaseTerm(Strict):
    """One recurring French term and its one English rendering (data/termbase.yaml)."""

    id: Slug
    fr: list[Form] = Field(min_length=1)
    """The French forms that mean this term (plural, feminine, the acronym); the first is the term as shown."""
    en: NonBlank
    """The one English rendering, as editors write it."""
    en_forms: list[Form] = []
    """Other English forms the check accepts for it (plural, verb, a listed variant); ``en`` itself always counts."""
    avoid: list[Form] = []
    """Renderings no English text may contain (calques, false friends, the report's wrong translations)."""
    note: NonBlank
    """Why this rendering, and what to avoid: for editors."""
    definition: Text | None = None
    """The report's own definition, where it gives one: the glossary page shows it."""
    source: SourceRef | None = None
    """Where the report gives the definition."""
    section: Slug | None = None
    """Instead of ``definition``: the id of the section (data/charter.yaml) whose first paragraph defines the term,
    e.g. a pillar or a principle. The glossary shows that paragraph and its source: the charter's words, once."""
    acronym: Slug | None = None
    """The id of the acronym in data/glossary.yaml the glossary shows this term with (one row, not two)."""
    exceptions: list[TermException] = []

    @property
    def french(self) -> str:
        """The term as the glossary shows it: its first French form."""
        return self.fr[0]

    @model_validator(mode="after")
    def _definition_needs_source(self) -> TermbaseTerm:
        if "*" in self.fr[0]:
            raise ValueError("the first French form is the term as the glossary shows it: write it out, without *")
        if (self.definition is None) != (self.source is None):
            raise ValueError("a definition needs its source (where the report gives it), and a source a definition")
        if self.section is not None and self.definition is not None:
            raise ValueError("section gives the definition (the charter's own words): remove definition and source")
        return self


class KeptName(Strict):
    """A proper name kept as written in both languages (a body's own name, a title): no term is looked for in it."""

    name: NonBlank
    note: NonBlank


class AvoidRule(Strict):
    """English forms the house style rules out on every English page (US spellings, calques), with what to write."""

    forms: list[Form] = Field(min_length=1)
    use: NonBlank


class ReportError(Strict):
    """A slip in the report's words: kept with "[sic]" where the report is quoted, corrected with a note elsewhere."""

    wrong: NonBlank
    """The words as the report writes them."""
    right: NonBlank
    """What the report means: what editors write in their own text (with a note giving the report's form)."""
    source: SourceRef
    exceptions: list[TermException] = []


class TermbaseFile(Strict):
    terms: list[TermbaseTerm] = Field(min_length=1)
    names: list[KeptName] = []
    avoid: list[AvoidRule] = []
    report_errors: list[ReportError] = []
