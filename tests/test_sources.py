"""Every fact names where it comes from, in both languages: walked generically over the loaded dataset.

A new model or data file is covered without touching this test: any record with a ``source`` field is a sourced
fact; any record holding text but no ``source`` must be a container whose facts inside are sourced.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pydantic import BaseModel

from conftest import PROJECT
from ricdm import models
from ricdm.dataset import load_dataset

CONTAINERS_WITHOUT_SOURCE = {
    models.Cdm: "its names, statuses and facts carry the sources",
    models.Figure: "each of its values carries a source",
    models.FigureGroup: "a heading of the impact page, not a fact",
    models.Source: "it is a source",
    models.Text: "the text of a sourced record",
}
"""Records that hold text without a ``source`` field of their own, and why that is right."""


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def walk(value: object, path: str) -> Iterator[tuple[str, BaseModel]]:
    """Every pydantic record below ``value``, with a readable path such as ``figures[cdms].values[3]``."""
    if isinstance(value, BaseModel):
        yield path, value
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from walk(child, f"{path}[{key}]")
    elif isinstance(value, list | tuple):
        for index, child in enumerate(value):
            yield from walk(child, f"{path}[{index}]")


def records(dataset) -> Iterator[tuple[str, BaseModel]]:
    for name in ("cdms", "figures", "groups", "sources", "sections", "terms", "labels"):
        yield from walk(getattr(dataset, name), name)


def _holds_text(record: BaseModel) -> bool:
    return any(isinstance(getattr(record, name), models.Text) for name in type(record).model_fields)


def _sources_below(record: BaseModel) -> list[str]:
    return [found.source for _, found in walk(record, "") if "source" in type(found).model_fields]


def _report_cdm(record: BaseModel) -> bool:
    """A CDM the report names has no ``source`` of its own (only a staff entry has one, models.Cdm)."""
    return isinstance(record, models.Cdm) and record.source is None and bool(record.names)


def test_every_record_has_its_source(dataset):
    unsourced = []
    for path, record in records(dataset):
        fields = type(record).model_fields
        if _report_cdm(record):
            continue  # its entry is sourced by its names (test_every_container_has_sourced_facts_inside)
        if "source" in fields:
            if not (isinstance(record.source, str) and record.source.strip()):
                unsourced.append(path)
        elif _holds_text(record) and type(record) not in CONTAINERS_WITHOUT_SOURCE:
            unsourced.append(f"{path} ({type(record).__name__} holds text but has no source)")
    assert not unsourced, "records without a source:\n" + "\n".join(unsourced)


@pytest.mark.parametrize("kind", ["cdms", "figures"])
def test_every_container_has_sourced_facts_inside(dataset, kind):
    items = dataset.cdms if kind == "cdms" else dataset.figures.values()
    assert all(_sources_below(item) for item in items)


def test_every_source_used_exists(dataset):
    known = set(dataset.sources)
    unknown = [
        f"{path}: {record.source!r}"
        for path, record in records(dataset)
        if "source" in type(record).model_fields and record.source not in known and not _report_cdm(record)
    ]
    assert not unknown, "unknown source ids:\n" + "\n".join(unknown)


def test_every_text_is_in_both_languages(dataset):
    texts = [(path, record) for path, record in records(dataset) if isinstance(record, models.Text)]
    assert texts
    missing = [path for path, text in texts for lang in models.LANGUAGES if not getattr(text, lang).strip()]
    assert not missing, "texts missing a language:\n" + "\n".join(missing)


def test_every_disagreement_has_a_note(dataset):
    silent = [
        figure.id
        for figure in dataset.figures.values()
        if len({value.value for value in figure.values}) > 1 and not figure.note
    ]
    assert not silent, f"figures whose values disagree without a note: {silent}"


def test_inferred_years_are_said(dataset):
    """2023 is the survey year the editors fall back on: a figure using it says so in its note."""
    unsaid = [
        figure.id
        for figure in dataset.figures.values()
        if any(value.year == 2023 for value in figure.values)
        and not (figure.note and "2023" in figure.note.fr and "2023" in figure.note.en)
    ]
    assert not unsaid, f"figures dated 2023 without a note saying the year is inferred: {unsaid}"


def test_report_sections_cover_the_method_and_trends(dataset):
    """§1.1–§1.5, §3 and §6 are all in the data, so the methodology and impact pages can show them."""
    used = {section.source for section in dataset.sections.values()}
    assert {"Introduction", "§1.1", "§1.2", "§1.3", "§1.4", "§1.5", "§3", "§6"} <= used
