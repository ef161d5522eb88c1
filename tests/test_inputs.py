"""The one place that says what the build's outputs depend on (ricdm/inputs.py): every cache is named from it."""

from __future__ import annotations

from dataclasses import fields, replace

import pytest

from conftest import PROJECT, copy_project
from ricdm import inputs
from ricdm.dataset import CDM_FIELDS, Dataset, load_dataset

CODE = (
    "ricdm/render.py",
    "ricdm/templates/footer.html",
    "overrides/main.html",
    "mkdocs.yml",
    "mkdocs_hooks.py",
    "macros.py",
)
"""Files whose edit changes pages although no data changed."""


@pytest.mark.parametrize("edited", CODE)
def test_an_edit_to_the_code_or_configuration_changes_the_code_digest(tmp_path, edited):
    project = copy_project(tmp_path / "project")
    before = inputs.code(project)
    with (project / edited).open("a", encoding="utf-8") as stream:
        stream.write("\n")
    inputs.code.cache_clear()
    try:
        assert inputs.code(project) != before
    finally:
        inputs.code.cache_clear()


def test_data_and_pages_are_not_code(tmp_path):
    """Staff edits change the data or the pages' own sources, which their keys name; the code stays the same."""
    project = copy_project(tmp_path / "project")
    before = inputs.code(project)
    for edited in ("data/labels.yaml", "docs/fr/index.md"):
        with (project / edited).open("a", encoding="utf-8") as stream:
            stream.write("\n")
    inputs.code.cache_clear()
    try:
        assert inputs.code(project) == before
    finally:
        inputs.code.cache_clear()


def test_an_installed_library_is_part_of_the_code():
    names = inputs.libraries()
    for library in ("jinja2", "mkdocs_material", "pydantic", "babel", "pillow"):
        assert any(name.lower().startswith(library + "-") for name in names), library


def test_a_card_is_named_by_what_it_shows():
    first = inputs.card("Site", "Title", "Description", "example.org")
    assert first == inputs.card("Site", "Title", "Description", "example.org")
    for changed in (("Site", "Other", "Description", "example.org"), ("Site", "Title", "Description", "other.org")):
        assert inputs.card(*changed) != first


def test_what_every_page_shows_covers_every_data_field_but_the_cdms():
    """A field added to the Dataset (a new data file) is in the shared inputs without anyone listing it here."""
    data = load_dataset(PROJECT / "data")

    def shared(dataset: Dataset) -> str:
        return inputs.SiteInputs.of(dataset.shared(), dataset.cdms, "date", "https://example.org/").shared

    data_fields = [field.name for field in fields(Dataset) if field.compare]
    assert set(CDM_FIELDS) < set(data_fields)
    for name in data_fields:
        if name in CDM_FIELDS:  # each profile's own key covers its record
            assert shared(replace(data, **{name: type(getattr(data, name))()})) == shared(data), name
        else:
            assert shared(replace(data, **{name: None})) != shared(data), name
