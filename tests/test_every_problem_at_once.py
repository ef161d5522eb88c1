"""Every problem at once: mistakes of different kinds in different files, all named in one run, each at its line.

Staff made five mistakes and ``check`` named three: the page typo and the point 500 km off came only once the data
loaded. Each file is now read on its own, and pages and places are checked against whatever data could be read.
One project copy holds six mistakes; one run each of ``check``, ``check --format github`` and the strict build
must name all six, at their file:line.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build, copy_project

MISTAKES = [
    # (file, text, replaced by, text after which it stands, what the message says after "file:line: ")
    (  # YAML syntax: a { … } group left open
        "data/glossary.yaml",
        '    term: {fr: "CDM", en: "CDM"}',
        '    term: {fr: "CDM", en: "CDM"',
        None,
        "YAML syntax: a { … } group opened on this line is never closed",
    ),
    (  # schema: a CDM's name without its English
        "data/cdms.yaml",
        ', en: "Namur Cité des métiers"}',
        "}",
        "- id: namur",
        ".name.en: missing — every text needs French and English",
    ),
    (  # a page's block call typed wrong
        "docs/fr/impact.md",
        'figures("audiences")',
        'figures("audience")',
        None,
        "figures(\"audience\"): unknown figure group — did you mean 'audiences'?",
    ),
    (  # a map point 500 km from its town
        "data/locations.yaml",
        "lat: 48.85341",
        "lat: 44.35341",
        "- cdm: paris",
        "locations[0].lat: 44.35341, 2.3488 is 500.4 km from GeoNames 2988507 Paris",
    ),
    (  # a figure's value without its source
        "data/indicators.yaml",
        '{value: 460000, year: 2019, source: "§3"}',
        "{value: 460000, year: 2019}",
        None,
        ".source: missing — every fact needs its source",
    ),
    (  # a section citing a source that does not exist
        "data/network.yaml",
        'source: "§2"',
        'source: "§2.9"',
        None,
        ".source: unknown source '§2.9' — an id listed in data/sources.yaml",
    ),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> tuple[Path, list[str]]:
    """A project copy with the six mistakes, and where each stands (``file:line``)."""
    project = copy_project(tmp_path_factory.mktemp("every") / "project")
    places = []
    for name, old, new, after, _ in MISTAKES:
        path = project / name
        text = path.read_text(encoding="utf-8")
        position = text.index(old, text.index(after) if after else 0)
        path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")
        places.append(f"{name}:{text[:position].count(chr(10)) + 1}")
    return project, places


def check(project: Path, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "ricdm", "--root", str(project), "check", *options]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def named(output: str, place: str, words: str) -> bool:
    return any(line.startswith(f"{place}: ") and words in line for line in output.splitlines())


def test_check_names_all_six_in_one_run(broken):
    project, places = broken
    result = check(project)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("6 problems in the site data:\n"), result.stderr
    for place, (*_, words) in zip(places, MISTAKES, strict=True):
        assert named(result.stderr, place, words), (place, words, result.stderr)


def test_the_pull_request_check_annotates_all_six(broken):
    project, places = broken
    result = check(project, "--format", "github")
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::error file=")]
    assert len(annotations) == 6, result.stdout
    for place in places:
        name, line = place.rsplit(":", 1)
        assert any(f"file={name},line={line}," in annotation for annotation in annotations), (place, annotations)


def test_the_build_names_all_six_before_writing_anything(broken, tmp_path):
    project, places = broken
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert not (tmp_path / "site" / "index.html").exists()
    for place, (*_, words) in zip(places, MISTAKES, strict=True):
        assert named(output, place, words), (place, words, output)


def test_an_id_that_cannot_be_judged_is_not_called_unknown(tmp_path):
    """Only the two problems are named, never the pages' calls of the ids they hide as unknown ids.

    Pages call figures of a file that cannot be read, and a section whose record has a problem.
    """
    project = copy_project(tmp_path / "project")
    indicators = project / "data/indicators.yaml"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace("groups:\n", "groups:\n\t", 1), "utf-8")
    report = project / "data/report.yaml"
    text = report.read_text(encoding="utf-8")
    report.write_text(text.replace('    source: "Introduction"\n', "", 1), encoding="utf-8")
    result = check(project)
    problems = result.stderr.splitlines()[1:]
    assert result.returncode == 1 and len(problems) == 2, result.stderr
    tab_line = indicators.read_text(encoding="utf-8").splitlines().index("groups:") + 2  # the line after groups:
    assert problems[0].startswith(f"data/indicators.yaml:{tab_line}: YAML syntax: a tab"), problems
    first_section = text.splitlines().index("  - id: report-introduction") + 1  # its line, numbered from 1
    assert problems[1].startswith(f"data/report.yaml:{first_section}: sections[0].source: missing"), problems


def test_a_duplicate_id_is_named_once_without_echoes(tmp_path):
    """Two CDMs with one id: which country is 'paris'? Its point is judged against neither; the duplicate is named."""
    project = copy_project(tmp_path / "project")
    cdms = project / "data/cdms.yaml"
    cdms.write_text(cdms.read_text(encoding="utf-8").replace("  - id: namur\n", "  - id: paris\n", 1), "utf-8")
    result = check(project)
    problems = result.stderr.splitlines()[1:]
    assert result.returncode == 1 and len(problems) == 1, result.stderr
    assert "duplicate id 'paris', already at line" in problems[0], problems


def test_a_point_is_checked_even_when_its_cdm_has_a_problem(tmp_path):
    """Paris's status typed wrong and its point 500 km off: both named, the point against its own town."""
    project = copy_project(tmp_path / "project")
    cdms = project / "data/cdms.yaml"
    cdms.write_text(cdms.read_text(encoding="utf-8").replace("{status: accredited,", "{status: acredited,", 1), "utf-8")
    locations = project / "data/locations.yaml"
    locations.write_text(locations.read_text(encoding="utf-8").replace("lat: 48.85341", "lat: 44.35341", 1), "utf-8")
    result = check(project)
    problems = result.stderr.splitlines()[1:]
    assert result.returncode == 1 and len(problems) == 2, result.stderr
    assert "cdms[0].statuses[0].status: 'acredited' is not allowed" in problems[0], problems
    assert "locations[0].lat: 44.35341, 2.3488 is 500.4 km from GeoNames 2988507 Paris" in problems[1], problems
