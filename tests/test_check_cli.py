"""``python -m ricdm check``: every problem at once, one line each, the build's own words, no build."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT, build, copy_project

LINE = re.compile(r"^(data|docs)/[^:]+:\d+: (\S+: )?.+ — .+$")


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_project_prints_one_ok_line():
    result = check(PROJECT)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.count("\n") == 1 and result.stdout.startswith("OK:")


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    """Seven staff mistakes in six files, made at once."""
    project = copy_project(tmp_path_factory.mktemp("check") / "project")
    data = project / "data"
    replace(data / "cdms.yaml", "    country: FR\n", "    contry: FR\n")  # typo in a field name
    replace(data / "cdms.yaml", 'source: "Annexe 3"', 'source: "Annexe 33"')  # unknown source
    replace(data / "indicators.yaml", "year: 2019", 'year: "2019"')  # a year in quotes
    replace(data / "glossary.yaml", "  - id: cdm\n", "  - id: CDM\n")  # invalid id
    replace(data / "network.yaml", "\n    title: {fr:", "\n\ttitle: {fr:")  # a tab: YAML syntax error
    (project / "docs" / "fr" / "agenda.md").write_text("# Agenda\n", encoding="utf-8")  # page without its twin
    replace(project / "docs" / "en" / "impact.md", 'figures("services")', 'figurs("services")')  # block name typo
    return project


def test_broken_project_lists_every_problem_one_line_each(broken):
    result = check(broken)
    assert result.returncode == 1
    assert result.stdout == ""
    head, *lines = result.stderr.strip().splitlines()
    assert head == f"{len(lines)} problems in the site data:"
    assert "Traceback" not in result.stderr
    for line in lines:
        assert LINE.match(line), line
    text = "\n".join(lines)
    assert re.search(r"data/cdms\.yaml:\d+: cdms\[0\]\.contry: unknown field \(a typo\?\) — .*country", text)
    assert re.search(r"data/cdms\.yaml:\d+: cdms\[0\]\.names\[0\]\.source: unknown source 'Annexe 33' — ", text)
    assert re.search(r"data/indicators\.yaml:\d+: figures\[\d+\]\.values\[\d+\]\.year: '2019' is not a whole", text)
    assert re.search(r"data/glossary\.yaml:\d+: terms\[0\]\.id: not a valid id — lowercase letters", text)
    assert re.search(r"data/network\.yaml:\d+: YAML syntax: a tab character — indent with spaces, never tabs", text)
    assert "docs/en/agenda.md:1: page missing, twin of docs/fr/agenda.md — every page exists" in text
    assert re.search(r"docs/en/impact\.md:\d+: figurs\(\"services\"\): unknown block 'figurs' — did you mean", text)


def test_line_numbers_point_at_the_mistake(broken):
    lines = check(broken).stderr.splitlines()
    typo = next(line for line in lines if ".contry:" in line)
    number = int(typo.split(":")[1])
    assert (broken / "data" / "cdms.yaml").read_text(encoding="utf-8").splitlines()[number - 1].strip() == "contry: FR"


def test_same_messages_as_the_build(broken, tmp_path):
    checked = check(broken).stderr.strip().splitlines()
    built = build(broken, tmp_path / "site")
    assert built.returncode != 0
    output = built.stdout + built.stderr
    for line in checked:
        assert line in output, line
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())


def test_check_does_not_build(broken):
    before = sorted(path.name for path in broken.iterdir())
    check(broken)
    assert sorted(path.name for path in broken.iterdir()) == before


def test_github_format_puts_each_problem_on_its_line(broken):
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(broken), "check", "--format", "github"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    annotations = result.stdout.splitlines()
    assert len(annotations) == len(check(broken).stderr.strip().splitlines()) - 1  # one per problem
    typo = next(line for line in annotations if ".contry" in line)
    match = re.fullmatch(
        r"::error file=data/cdms\.yaml,line=(\d+),title=cdms\[0\]\.contry%3A unknown field \(a typo\?\)::(.+)", typo
    )
    assert match, typo
    assert match[2].startswith("unknown field (a typo?) — ") and "country" in match[2]
    line = (broken / "data" / "cdms.yaml").read_text(encoding="utf-8").splitlines()[int(match[1]) - 1]
    assert line.strip() == "contry: FR"
    assert any(line.startswith("::error file=docs/en/agenda.md,line=1,title=page missing") for line in annotations)


def test_github_annotations_escape_what_would_end_or_split_them():
    from ricdm.cli import github_annotation
    from ricdm.errors import DataError

    error = DataError("data/a,b.yaml", 3, "x", "100% wrong:\r\nsecond line", "fix, then: retry")
    assert github_annotation(error) == (
        "::error file=data/a%2Cb.yaml,line=3,title=x%3A 100%25 wrong%3A%0D%0Asecond line"
        "::100%25 wrong:%0D%0Asecond line — fix, then: retry"
    )


def test_a_whole_file_problem_names_the_file_without_a_line():
    from ricdm.cli import github_annotation
    from ricdm.errors import DataError

    error = DataError("node_modules/world-atlas/countries-50m.json", 0, "", "missing", "run `npm ci`")
    assert str(error) == "node_modules/world-atlas/countries-50m.json: missing — run `npm ci`"
    assert github_annotation(error) == (
        "::error file=node_modules/world-atlas/countries-50m.json,title=missing::missing — run `npm ci`"
    )


def test_github_format_shows_notes_as_notices(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "locations.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["locations"] = [place for place in data["locations"] if place["cdm"] != "namur"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check", "--format", "github"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    notice = next(row for row in result.stdout.splitlines() if row.startswith("::notice "))
    line = next(
        n
        for n, text in enumerate((project / "data/cdms.yaml").read_text().splitlines(), 1)
        if text.strip() == "- id: namur"
    )
    assert notice.startswith(f"::notice file=data/cdms.yaml,line={line},title=cdms[")
    assert "'namur' is not on the map" in notice


def test_missing_map_shapes_stop_check_and_build_with_the_command_that_installs_them(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "node_modules").unlink()
    result = check(project)
    assert result.returncode == 1
    assert "node_modules/world-atlas/countries-50m.json: missing" in result.stderr and "`npm ci`" in result.stderr
    built = build(project, tmp_path / "site")
    assert built.returncode == 1 and "`npm ci`" in built.stderr
    assert not (tmp_path / "site").exists(), "nothing is written before the shapes are found"
