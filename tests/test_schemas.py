"""The committed JSON Schemas match the models, and each data file's first line points at its own."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import PROJECT
from ricdm.datafiles import DATA_FILES
from ricdm.schema import expected_schemas, schema_file, schema_header

SCHEMAS = PROJECT / "schemas"


@pytest.mark.parametrize("name", sorted(expected_schemas()))
def test_committed_schema_is_up_to_date(name):
    committed = SCHEMAS / name
    assert committed.is_file(), f"{name} is missing: run `python -m ricdm schemas` and commit schemas/"
    assert committed.read_text(encoding="utf-8") == expected_schemas()[name], (
        f"schemas/{name} is out of date with ricdm/models.py: run `python -m ricdm schemas` and commit schemas/"
    )


def test_no_stale_schema_files():
    assert {path.name for path in SCHEMAS.glob("*.schema.json")} == set(expected_schemas())


@pytest.mark.parametrize("file_name", sorted(DATA_FILES))
def test_data_file_first_line_points_at_its_schema(file_name):
    model = DATA_FILES[file_name]
    first_line = (PROJECT / "data" / file_name).read_text(encoding="utf-8").splitlines()[0]
    assert first_line == schema_header(model)
    target = (PROJECT / "data" / first_line.split("$schema=", 1)[1]).resolve()
    assert target == (SCHEMAS / schema_file(model)).resolve() and target.is_file()


def validator(model) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / schema_file(model)).read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


@pytest.mark.parametrize("file_name", sorted(DATA_FILES))
def test_real_data_passes_its_schema(file_name):
    """An editor must not underline correct data."""
    data = yaml.safe_load((PROJECT / "data" / file_name).read_text(encoding="utf-8"))
    errors = [error.message for error in validator(DATA_FILES[file_name]).iter_errors(data)]
    assert errors == []


def first_cdm() -> dict:
    return yaml.safe_load((PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8"))


def all_messages(errors) -> list[str]:
    """Messages of the errors and of the alternatives inside "anyOf" (optional fields)."""
    messages = []
    for error in errors:
        messages.append(error.message)
        messages += all_messages(error.context or [])
    return messages


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda cdm: cdm.update(contry="FR"), "Additional properties"),
        (lambda cdm: cdm["name"].pop("en"), "'en' is a required property"),
        (lambda cdm: cdm.update(id="Grand Genève"), "does not match"),
        (lambda cdm: cdm.update(country="France"), "does not match"),
        (lambda cdm: cdm["statuses"][0].update(status="labelled"), "is not one of"),
        (lambda cdm: cdm["statuses"][0].pop("source"), "'source' is a required property"),
        (lambda cdm: cdm.update(founded={"year": "1993", "source": "§4.4.1"}), "is not of type 'integer'"),
        (lambda cdm: cdm.update(founded={"year": 1850, "source": "§4.4.1"}), "less than the minimum"),
    ],
)
def test_schema_catches_staff_mistakes_as_they_type(change, needle):
    data = first_cdm()
    change(data["cdms"][0])
    messages = all_messages(validator(DATA_FILES["cdms.yaml"]).iter_errors(data))
    assert any(needle in message for message in messages), messages


def test_schema_accepts_any_past_year_without_going_stale():
    """The models cap years at the current one; the committed schema must not encode a calendar year."""
    text = "".join(path.read_text(encoding="utf-8") for path in SCHEMAS.glob("*.schema.json"))
    assert '"maximum": 20' not in text


def test_every_model_used_by_data_has_exactly_one_schema():
    names = {schema_file(model) for model in DATA_FILES.values()}
    assert "sections.schema.json" in names and len(names) == len(set(DATA_FILES.values()))
    assert all(Path(name).suffixes == [".schema", ".json"] for name in names)
