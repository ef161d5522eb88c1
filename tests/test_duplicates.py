"""A duplicate names both of its lines: the one reported and the first, so staff see which two to compare.

Every rule that refuses a second use runs here at once, on a copy of the real data broken as a person would
(a record pasted twice and left with the same id, a section id taken again in another file, a field typed twice).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import copy_project
from ricdm.checks import find_problems


def duplicate(path: Path, first: str, again: str) -> tuple[int, int]:
    """Rewrite the line ``again`` as ``first`` (both whole lines); return (first line, second line), 1-based."""
    lines = path.read_text(encoding="utf-8").split("\n")
    second = lines.index(again)
    lines[second] = first
    path.write_text("\n".join(lines), encoding="utf-8")
    return lines.index(first) + 1, second + 1


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> tuple[Path, dict[str, tuple[int, int]]]:
    root = copy_project(tmp_path_factory.mktemp("duplicates") / "project")
    data = root / "data"
    placed = {
        "cdm": duplicate(data / "cdms.yaml", "  - id: paris", "  - id: marseille"),
        "group": duplicate(data / "indicators.yaml", "  - id: services", "  - id: audiences"),
        "source": duplicate(data / "sources.yaml", '  - id: "§4.4.1"', '  - id: "§4.4.2"'),
        "term": duplicate(data / "glossary.yaml", "  - id: cdm", "  - id: ricdm"),
        "point": duplicate(data / "locations.yaml", "  - cdm: mayotte", "  - cdm: guadeloupe"),
    }
    charter = (data / "charter.yaml").read_text(encoding="utf-8").split("\n")
    governance = data / "governance.yaml"
    text = governance.read_text(encoding="utf-8").split("\n")
    first_id = next(number for number, line in enumerate(text) if line.startswith("  - id: "))
    text[first_id] = "  - id: pillars"
    governance.write_text("\n".join(text), encoding="utf-8")
    placed["section"] = (charter.index("  - id: pillars") + 1, first_id + 1)
    labels = data / "labels.yaml"
    lines = labels.read_text(encoding="utf-8").split("\n")
    at = lines.index("labels:") + 1
    lines.insert(at + 1, lines[at])  # the first label, typed twice
    labels.write_text("\n".join(lines), encoding="utf-8")
    placed["field"] = (at + 1, at + 2)
    return root, placed


@pytest.mark.parametrize(
    ("kind", "pattern"),
    [
        ("cdm", r"data/cdms\.yaml:{2}: cdms\[\d+\]\.id: duplicate id 'paris', already at line {1} \(cdms\[0\]\.id\)"),
        ("group", r"data/indicators\.yaml:{2}: groups\[2\]\.id: duplicate id 'services', already at line {1} "),
        ("source", r"data/sources\.yaml:{2}: sources\[\d+\]\.id: duplicate id '§4\.4\.1', already at line {1} "),
        ("term", r"data/glossary\.yaml:{2}: terms\[\d+\]\.id: duplicate id 'cdm', already at line {1} "),
        ("point", r"data/locations\.yaml:{2}: locations\[\d+\]\.cdm: duplicate CDM 'mayotte', already at line {1} "),
        ("field", r"data/labels\.yaml:{2}: labels\.[a-z-]+: field written twice, first at line {1} — keep one"),
    ],
)
def test_a_duplicate_in_one_file_names_both_lines(project, kind, pattern):
    root, placed = project
    first, second = placed[kind]
    problems = [str(problem) for problem in find_problems(root)]
    expected = re.compile(pattern.replace("{1}", str(first)).replace("{2}", str(second)))
    assert [line for line in problems if expected.match(line)], (expected.pattern, problems)


def test_a_section_id_taken_in_another_file_names_that_file_and_line(project):
    root, placed = project
    first, second = placed["section"]
    problems = [str(problem) for problem in find_problems(root)]
    expected = (
        f"data/governance.yaml:{second}: sections[0].id: duplicate id 'pillars', already at data/charter.yaml:{first} "
        "(sections[1].id) — ids are unique: change one of the two"
    )
    assert expected in problems, problems
