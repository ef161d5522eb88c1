"""Fields with a closed set of values (a ``Literal`` in ricdm.models): every message, and the guide, lists the values.

Staff meet them in real files: a status typed wrong, left out, left empty, a CDM without its statuses, a qualifier
written as words. One ``check`` of a project copy holding all of them answers each at its line with the values.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import PROJECT, copy_project
from ricdm.datafiles import DATA_FILES
from ricdm.validation import closed_fields

STATUSES = "accredited, prefiguration, project, candidate, closed, reopened, created"
MISTAKES = [
    # (file, text, replacement, occurrence, after, expected message after "file:line: ")
    (
        "cdms.yaml",
        "{status: accredited,",
        "{status: acredited,",
        1,
        None,
        f"statuses[0].status: 'acredited' is not allowed — did you mean 'accredited'? Write one of: {STATUSES}",
    ),
    ("cdms.yaml", "{status: accredited, ", "{", 2, None, f"statuses[0].status: missing — write one of: {STATUSES}"),
    (
        "cdms.yaml",
        "{status: accredited,",
        "{status: ,",
        3,
        None,
        f"statuses[0].status: no value after the colon — write one of: {STATUSES}",
    ),
    (
        "cdms.yaml",
        '    statuses:\n      - {status: accredited, source: "Annexe 3"}\n',
        "",
        1,
        "- id: mayotte",
        f"statuses: missing — this field is required; each entry's status is one of: {STATUSES}",
    ),
    (
        "indicators.yaml",
        "qualifier: more_than",
        'qualifier: "more than"',
        1,
        None,
        "qualifier: 'more than' is not allowed — did you mean 'more_than'? "
        "Write one of: exact, about, more_than, nearly",
    ),
    (
        "indicators.yaml",
        "unit: percent",
        'unit: "%"',
        1,
        None,
        "unit: '%' is not allowed — write one of: count, percent, year",
    ),
    (
        "locations.yaml",
        "chosen_by: report",
        "chosen_by: Report",
        1,
        None,
        "chosen_by: 'Report' is not allowed — did you mean 'report'? Write one of: report, editors",
    ),
    (
        "sources.yaml",
        "kind: editors",
        "kind: équipe",
        1,
        None,
        "kind: 'équipe' is not allowed — write one of: report, external, editors, staff",
    ),
]


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[list[int], list[str]]:
    """The line of each mistake (the record's first line for a missing list), and check's lines, from one run."""
    project = copy_project(tmp_path_factory.mktemp("closed") / "project")
    places: list[tuple[str, int]] = []  # (file, offset of the line the message is at), kept true as edits follow
    for name, old, new, occurrence, after, _ in MISTAKES:
        path = project / "data" / name
        text = path.read_text(encoding="utf-8")
        position = text.index(after) if after else -1
        for _ in range(occurrence):
            position = text.index(old, position + 1)
        path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")
        shift = len(new) - len(old)
        places = [(file, offset + shift if file == name and offset > position else offset) for file, offset in places]
        places.append((name, text.rfind("\n  - ", 0, position) + 1 if new == "" else position))
    texts = {name: (project / "data" / name).read_text(encoding="utf-8") for name, _ in places}
    lines = [texts[name][:offset].count("\n") + 1 for name, offset in places]
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    return lines, result.stderr.splitlines()


@pytest.mark.parametrize(
    "mistake", range(len(MISTAKES)), ids=[row[5].split(":")[0] + f"-{n}" for n, row in enumerate(MISTAKES)]
)
def test_every_message_names_the_allowed_values(checked, mistake):
    lines, output = checked
    name, *_, expected = MISTAKES[mistake]
    pattern = rf"data/{re.escape(name)}:{lines[mistake]}: (\w+\[\d+\]\.)+{re.escape(expected)}"
    assert [line for line in output if re.fullmatch(pattern, line)], (pattern, output)


def test_the_models_closed_fields_are_the_ones_staff_meet():
    """If a closed field is added to ricdm.models, the guide's table (below) and this file must say it too."""
    found = {f"{name}:{field}" for name, model in DATA_FILES.items() for field in closed_fields(model)}
    assert found == {
        "cdms.yaml:cdms[].statuses[].status",
        "indicators.yaml:figures[].unit",
        "indicators.yaml:figures[].values[].qualifier",
        "sources.yaml:sources[].kind",
        "locations.yaml:locations[].chosen_by",
    }


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_guide_lists_every_allowed_value(lang):
    guide = (PROJECT / "docs-staff" / f"guide.{lang}.md").read_text(encoding="utf-8")
    rows = [line.split(" | ") for line in guide.splitlines() if line.startswith("| `data/")]
    for name, model in DATA_FILES.items():
        for field, values in closed_fields(model).items():
            last = field.rsplit(".", 1)[-1]
            cells = [row for row in rows if row[0] == f"| `data/{name}`" and row[1].startswith(f"`{last}`")]
            assert len(cells) == 1, f"guide.{lang}.md: no row for {name} {field}"
            listed = re.findall(r"(?:^|, )`([a-z_]+)`", cells[0][2])
            assert listed == list(values), f"guide.{lang}.md, {name} {field}: {listed} instead of {values}"
