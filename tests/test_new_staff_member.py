"""A new staff member adds a CDM with the staff guide's steps alone, and finds it everywhere the site lists CDMs.

The YAML and the command are read from the guide itself (French, the original; the English guide shows the same
blocks), pasted into a project copy as a person would, then checked and built for real.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess

import pytest

from conftest import PROJECT, build, copy_project, parse

SECTION = {"fr": "### Une CDM que le rapport ne mentionne pas", "en": "### A CDM the report does not mention"}
FENCE = re.compile(r"```(yaml|sh)\n(.*?)```", re.DOTALL)


def guide_steps(lang: str) -> list[tuple[str, str]]:
    """(kind, text) of each code block of the guide's section, in order."""
    guide = (PROJECT / "docs-staff" / f"guide.{lang}.md").read_text(encoding="utf-8")
    start = guide.index(SECTION[lang])
    section = guide[start : guide.index("\n## ", start)]
    return FENCE.findall(section)


def test_both_guides_give_the_same_steps():
    def code(lang):
        return [re.sub(r"^# data/(\S+),.*$", r"\1", text, flags=re.MULTILINE) for _, text in guide_steps(lang)]

    assert code("fr") == code("en") and len(code("fr")) == 4


@pytest.fixture(scope="module")
def added(tmp_path_factory):
    """A project copy where the guide's steps were followed; the site built from it."""
    root = tmp_path_factory.mktemp("newcdm")
    project = copy_project(root / "project")
    shutil.copy2(PROJECT / "staff", project / "staff")
    (project / ".venv").symlink_to((PROJECT / ".venv").resolve(), target_is_directory=True)
    for kind, text in guide_steps("fr"):
        if kind == "yaml":
            target, body = text.split("\n", 1)
            path = project / re.match(r"# (data/\S+),", target).group(1)
            path.write_text(path.read_text(encoding="utf-8") + body, encoding="utf-8")
        else:
            located = subprocess.run(
                ["bash", "-c", text], cwd=project, capture_output=True, text=True, timeout=120, check=True
            )
            locations = project / "data" / "locations.yaml"
            locations.write_text(locations.read_text(encoding="utf-8") + located.stdout, encoding="utf-8")
    checked = subprocess.run(["./staff", "check"], cwd=project, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.splitlines() == [checked.stdout.strip()] and checked.stdout.startswith("OK:"), "no Note"
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.mark.parametrize(("lang", "root"), [("fr", ""), ("en", "en/")])
def test_it_is_on_the_map_and_in_the_directory(added, lang, root):
    page = parse(added / root / "directory" / "index.html")
    assert "../cdm/lyon/" in [link.attributes.get("href") for link in page.css("svg.ricdm-map-svg a")]
    (row,) = [row for row in page.css("table.ricdm-directory-table tr") if "/cdm/lyon/" in row.html][:1]
    expected = {"fr": "(fiche de l’équipe du RICDM, 30 novembre 2026)", "en": "(RICDM team entry, 30 November 2026)"}
    assert expected[lang] in row.text()


@pytest.mark.parametrize(
    ("root", "title", "origin"),
    [
        ("", "Cité des métiers de Lyon", "Information transmise par l’équipe du RICDM le 30 novembre 2026"),
        ("en/", "Lyon Cité des métiers", "Information given by the RICDM team on 30 November 2026"),
    ],
)
def test_its_profile_says_where_the_entry_comes_from(added, root, title, origin):
    profile = parse(added / root / "cdm" / "lyon" / "index.html")
    assert profile.css_first("article h1").text().strip() == title
    assert profile.css_first("h2#names") is None, "no 'Names in the report' for a CDM the report does not mention"
    summary = profile.css_first("dl.ricdm-summary").text()
    assert origin in summary and "RICDM 2026-11-30" in summary
    paris = parse(added / root / "cdm" / "paris" / "index.html")
    assert paris.css_first("h2#names") is not None, "report CDMs keep their names"


def test_it_is_in_the_open_data(added):
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO((added / "data/cdms.csv").read_text("utf-8")))}
    lyon = rows["lyon"]
    assert (lyon["entry_source"], lyon["entry_source_kind"], lyon["entry_date"]) == (
        "RICDM 2026-11-30",
        "staff",
        "2026-11-30",
    )
    assert (lyon["latitude"], lyon["longitude"], lyon["geonameid"]) == ("45.74906", "4.84789", "2996944")
    assert lyon["name_source"] == "" and lyon["status"] == "project"
    assert lyon["place_chosen_by"] == "editors", "the report never names Lyon: the open data must not say it chose it"
    assert rows["paris"]["entry_source_kind"] == "report" and rows["paris"]["entry_date"] == ""
    document = json.loads((added / "data/cdms.json").read_text("utf-8"))
    (record,) = [row for row in document["rows"] if row["id"] == "lyon"]
    assert record["entry_source_kind"] == "staff" and record["entry_date"] == "2026-11-30"


STAFF_SOURCE = """  - id: "RICDM 2026-11-30"
    kind: staff
    date: 2026-11-30
    title: {fr: "Information transmise par l’équipe du RICDM", en: "Information given by the RICDM team"}
"""
NEW_CDM = """  - id: lyon
    name: {fr: "Cité des métiers de Lyon", en: "Lyon Cité des métiers"}
    source: "RICDM 2026-11-30"
    country: FR
    statuses:
      - {status: project, year: 2026, source: "RICDM 2026-11-30"}
"""


@pytest.mark.parametrize(
    ("source", "cdm", "expected"),
    [
        (
            STAFF_SOURCE.replace("    date: 2026-11-30\n", ""),
            NEW_CDM,
            "a staff source needs its date — add date: 2026-11-30",
        ),
        (STAFF_SOURCE.replace("2026-11-30\n", "30/11/2026\n"), NEW_CDM, "'30/11/2026' is not a date — write the date"),
        (STAFF_SOURCE, NEW_CDM.replace('    source: "RICDM 2026-11-30"\n', ""), "no names and no source — "),
        (
            STAFF_SOURCE,
            NEW_CDM.replace('source: "RICDM 2026-11-30"\n    country', 'source: "§4.4.1"\n    country'),
            ("source: '§4.4.1' is a report source, not the RICDM team's — a CDM's own source is a kind: staff entry"),
        ),
    ],
    ids=["undated", "date-as-text", "no-names-no-source", "report-as-own-source"],
)
def test_mistakes_on_the_way_are_one_located_line(tmp_path, source, cdm, expected):
    for part in ("data", "docs"):
        shutil.copytree(PROJECT / part, tmp_path / part)
    for name, text in (("sources.yaml", source), ("cdms.yaml", cdm)):
        path = tmp_path / "data" / name
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    result = subprocess.run(
        [str(PROJECT / "staff"), "--root", str(tmp_path), "check"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 1
    (line,) = [row for row in result.stderr.splitlines() if expected in row]
    assert re.match(r"data/(sources|cdms)\.yaml:\d+: ", line), line
    assert "Traceback" not in result.stderr
