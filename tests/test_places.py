"""Placing a CDM: ``locate`` reads the pinned gazetteer offline; ``check`` holds every point to the same gazetteer.

Each rule about places lives in ``ricdm.places``; these tests meet it the way staff do, through the command.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, copy_project


def staff(*args: str, root: Path = PROJECT) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(root), *args],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


def test_locate_prints_the_lines_to_paste():
    result = staff("locate", "Lyon", "--country", "FR", "--cdm", "lyon")
    assert result.returncode == 0, result.stderr
    comment, *entry = result.stdout.splitlines()
    assert comment.startswith("# Lyon (FR), GeoNames 2996944")
    (place,) = yaml.safe_load("\n".join(entry))
    assert place == {
        "cdm": "lyon",
        "place": {"fr": "Lyon", "en": "Lyon"},
        "geonameid": 2996944,
        "lat": 45.74906,
        "lon": 4.84789,
        "chosen_by": "editors",
        "source": "GeoNames",
    }
    assert "Only if the report names this town for this CDM: chosen_by: report" in result.stderr


def test_a_located_town_pasted_as_printed_asks_for_the_editors_note(project):
    """The gazetteer cannot know the report names the town: the pasted entry is the editors' choice until staff say."""
    located = staff("locate", "Lyon", "--country", "FR", "--cdm", "paris").stdout  # Paris's point, moved to Lyon
    path = project / "data/locations.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - cdm: paris\n")
    end = text.index("  - cdm: ", start + 1)
    path.write_text(text[:start] + located + text[end:], encoding="utf-8")
    line = text[:start].count("\n") + 2  # the comment line comes first
    result = staff("check", root=project)
    assert result.returncode == 1
    assert (
        f"data/locations.yaml:{line}: locations[0]: a town chosen by the editors needs a note (fr, en) saying what the "
        "report names and why this town — or chosen_by: report, if the report names this town for this CDM"
    ) in result.stderr.splitlines()


@pytest.mark.parametrize(
    ("typed", "country", "found"),
    [("liege", "BE", "Liège (BE)"), ("SAINT ETIENNE", "FR", "Saint-Étienne (FR)"), ("Mamoudzou", "FR", "(YT)")],
)
def test_locate_ignores_accents_case_and_hyphens(typed, country, found):
    result = staff("locate", typed, "--country", country)
    assert result.returncode == 0, result.stderr
    assert found in result.stdout.splitlines()[0]


def test_an_ambiguous_name_gives_a_numbered_choice():
    result = staff("locate", "Saint-Denis", "--country", "FR")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "2 towns named 'Saint-Denis' in FR, largest first:"
    assert lines[1].startswith("  1. Saint-Denis (RE)") and lines[2].startswith("  2. Saint-Denis (FR)")
    assert lines[3].endswith('locate "Saint-Denis" --country FR --pick 1')
    chosen = staff("locate", "Saint-Denis", "--country", "FR", "--pick", "2")
    assert chosen.returncode == 0 and "geonameid: 2980916" in chosen.stdout


def test_an_unknown_town_is_one_line():
    result = staff("locate", "Lyyon")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and "No town named 'Lyyon'" in result.stderr


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path / "project")


def edit_paris_point(project: Path, old: str, new: str) -> int:
    path = project / "data/locations.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("- cdm: paris")
    position = text.index(old, start)
    path.write_text(text[:position] + new + text[position + len(old) :], encoding="utf-8")
    return text[:position].count("\n") + 1


def test_a_point_a_few_metres_off_passes(project):
    edit_paris_point(project, "lat: 48.85341", "lat: 48.8529")  # 57 m south: the same town on every frame
    assert staff("check", root=project).returncode == 0


def test_a_point_far_from_its_town_is_named(project):
    line = edit_paris_point(project, "lat: 48.85341", "lat: 48.95341")
    result = staff("check", root=project)
    assert result.returncode == 1
    assert (
        f"data/locations.yaml:{line}: locations[0].lat: 48.95341, 2.3488 is 11.1 km from GeoNames 2988507 Paris "
        '(48.85341, 2.3488) — within 1 km of the town: copy the lines "./staff locate Paris --country FR" prints'
    ) in result.stderr


def test_a_town_in_another_country_is_named(project):
    line = edit_paris_point(project, "geonameid: 2988507", "geonameid: 2792413")  # Liège
    result = staff("check", root=project)
    assert result.returncode == 1
    assert f"data/locations.yaml:{line}: locations[0].geonameid: 2792413 is Liège (BE), but CDM 'paris' is in FR" in (
        result.stderr
    )


def test_an_unknown_geonameid_is_named(project):
    line = edit_paris_point(project, "geonameid: 2988507", "geonameid: 1")
    result = staff("check", root=project)
    assert f"data/locations.yaml:{line}: locations[0].geonameid: no town 1 in the pinned GeoNames gazetteer" in (
        result.stderr
    )


def test_a_cdm_without_a_point_is_noted_not_refused(project):
    path = project / "data/locations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["locations"] = [place for place in data["locations"] if place["cdm"] != "namur"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = staff("check", root=project)
    assert result.returncode == 0, result.stderr
    cdms = (project / "data/cdms.yaml").read_text(encoding="utf-8").splitlines()
    line = next(number for number, text in enumerate(cdms, 1) if text.strip() == "- id: namur")
    note = next(row for row in result.stdout.splitlines() if row.startswith("Note: "))
    assert note.startswith(f"Note: data/cdms.yaml:{line}: cdms[")
    assert "'namur' is not on the map (no entry in data/locations.yaml)" in note
    assert '"Not on the map"' in note and "./staff locate <town> --country BE --cdm namur" in note


def test_a_cdm_moved_to_another_country_is_checked_again_after_a_cached_check(project):
    """The places check is cached by what it reads: the CDMs' countries are part of it, not only locations.yaml."""
    assert staff("check", root=project).returncode == 0  # fills the cache
    cdms = project / "data/cdms.yaml"
    text = cdms.read_text(encoding="utf-8")
    cdms.write_text(text.replace("    country: FR\n", "    country: BE\n", 1), encoding="utf-8")
    result = staff("check", root=project)
    assert result.returncode == 1
    assert "locations[0].geonameid: 2988507 is Paris (FR), but CDM 'paris' is in BE" in result.stderr
