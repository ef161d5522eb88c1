"""The columns of the published tables (``ricdm.opendata``) and the label that says what each one holds.

A column ending in ``_fr`` or ``_en`` is the same text in French or in English: one label says what both hold. The
workbook's "about" sheet lists them (``ricdm.workbook``); each label is required in data/labels.yaml
(``ricdm.labels``), so a missing one is a data error before any page. ``tests/test_workbook.py`` checks these
names against the tables as built.
"""

from __future__ import annotations

TABLES: dict[str, tuple[str, ...]] = {
    "cdms": (
        "id", "name", "name_source", "entry_source", "entry_source_kind", "entry_date", "country", "country_name",
        "territory", "territory_name", "place", "place_chosen_by", "place_note", "status", "status_name",
        "status_year", "status_source", "status_also", "status_also_name", "status_also_source", "status_note",
        "founded", "founded_source", "founded_note", "latitude", "longitude", "geonameid", "place_source", "profile",
    ),
    "indicators": (
        "figure", "group", "group_title", "label", "unit", "value", "qualifier", "qualifier_text", "year", "year_until",
        "year_source", "source", "source_title", "context", "note",
    ),
}  # fmt: skip
"""Each table's columns, by name without the language suffix, in their order."""

LANGUAGE_SUFFIXES = {"_fr": "column-in-fr", "_en": "column-in-en"}
"""A column's language suffix -> the label that says which language it holds."""


def base_name(column: str) -> str:
    """The column without its language suffix: name_fr -> name; status_year stays status_year."""
    for suffix in LANGUAGE_SUFFIXES:
        if column.endswith(suffix):
            return column.removesuffix(suffix)
    return column


def label_key(column: str) -> str:
    """The label that says what ``column`` holds: "name_fr" -> "column-name", "status_year" -> "column-status-year"."""
    return "column-" + base_name(column).replace("_", "-")


COLUMN_LABELS = (
    *sorted({label_key(name) for names in TABLES.values() for name in names}),
    *LANGUAGE_SUFFIXES.values(),
)
"""Every label the column descriptions need."""
