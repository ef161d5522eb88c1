"""Staff mistakes end in a clear message and leave the last good site byte-identical.

Each scenario breaks a copy of the real data the way a person editing YAML would, runs the
real ``mkdocs build --strict`` and checks the exit code, the ``file:line: field`` message,
the absence of a traceback, and that the previous output was not touched.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

import pytest
import yaml

from conftest import build, copy_project


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def good_build(tmp_path_factory):
    """A clean copy of the project and a site built from it: the 'last good site'."""
    root = tmp_path_factory.mktemp("good")
    project = copy_project(root / "project")
    site_dir = root / "site"
    result = build(project, site_dir)
    assert result.returncode == 0, result.stderr
    return project, site_dir, tree_digest(site_dir)


@pytest.fixture
def broken(good_build, tmp_path):
    """A fresh copy of the good project to break; the shared site dir is the one to protect."""
    project, site_dir, digest = good_build
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    return copy, site_dir, digest


def rewrite(path: Path, change) -> str:
    """Load a data file, let ``change`` alter it as a person would, write it back; return the new text."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return text


def line_of(text: str, needle: str, after: str | None = None) -> int:
    """1-based line of the first ``needle`` (after ``after``, if given) in ``text``."""
    start = text.index(after) if after else 0
    return text[: text.index(needle, start)].count("\n") + 1


def cdm(data: dict, cdm_id: str) -> dict:
    return next(record for record in data["cdms"] if record["id"] == cdm_id)


def index_of(data: dict, cdm_id: str) -> int:
    return [record["id"] for record in data["cdms"]].index(cdm_id)


def fails_cleanly(project: Path, site_dir: Path, digest: dict[str, str]) -> str:
    """Build, expect a clean failure, return the output; the previous site must be untouched."""
    result = build(project, site_dir)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert tree_digest(site_dir) == digest, "the previous build output changed"
    return output


def test_yaml_syntax_error_names_file_and_line(broken):
    project, site_dir, digest = broken
    path = project / "data/cdms.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    after = lines.index("  - id: paris") + 1  # just after the first record's first line, whatever the header's length
    lines.insert(after, "  oops: [unclosed")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = fails_cleanly(project, site_dir, digest)
    expected = f"data/cdms\\.yaml:({after + 1}|{after + 2}): YAML syntax: a line not lined up with the list"
    assert re.search(expected, output), output


def test_wrong_type_is_named(broken):
    project, site_dir, digest = broken
    text = rewrite(project / "data/cdms.yaml", lambda data: cdm(data, "paris")["founded"].update(year="mil neuf cent"))
    line = line_of(text, "year: mil neuf cent")
    output = fails_cleanly(project, site_dir, digest)
    position = index_of(yaml.safe_load(text), "paris")
    assert f"data/cdms.yaml:{line}: cdms[{position}].founded.year: 'mil neuf cent' is not a whole number" in output


def test_missing_translation_is_named(broken):
    project, site_dir, digest = broken
    text = rewrite(project / "data/cdms.yaml", lambda data: cdm(data, "namur")["name"].pop("en"))
    line = line_of(text, "  name:", after="- id: namur")
    position = index_of(yaml.safe_load(text), "namur")
    output = fails_cleanly(project, site_dir, digest)
    expected = f"data/cdms.yaml:{line}: cdms[{position}].name.en: missing — every text needs French and English"
    assert expected in output, output


def test_unknown_field_typo_is_named(broken):
    project, site_dir, digest = broken

    def typo(data):
        record = cdm(data, "grand-geneve")
        record["contry"] = record.pop("country")

    text = rewrite(project / "data/cdms.yaml", typo)
    line = line_of(text, "contry:")
    position = index_of(yaml.safe_load(text), "grand-geneve")
    output = fails_cleanly(project, site_dir, digest)
    expected = f"data/cdms.yaml:{line}: cdms[{position}].contry: unknown field (a typo?) — did you mean 'country'?"
    assert expected in output, output


def test_duplicate_id_is_named(broken):
    project, site_dir, digest = broken
    text = rewrite(project / "data/cdms.yaml", lambda data: cdm(data, "namur").update(id="liege"))
    data = yaml.safe_load(text)
    first, second = [i for i, record in enumerate(data["cdms"]) if record["id"] == "liege"]
    line_1, line_2 = [number for number, row in enumerate(text.splitlines(), 1) if row.endswith("- id: liege")]
    output = fails_cleanly(project, site_dir, digest)
    expected = (
        f"data/cdms.yaml:{line_2}: cdms[{second}].id: duplicate id 'liege', already at line {line_1} "
        f"(cdms[{first}].id) — ids are unique: change one of the two"
    )
    assert expected in output, output


def test_impossible_year_is_named(broken):
    project, site_dir, digest = broken
    text = rewrite(project / "data/cdms.yaml", lambda data: cdm(data, "paris")["founded"].update(year=2993))
    line = line_of(text, "year: 2993")
    position = index_of(yaml.safe_load(text), "paris")
    output = fails_cleanly(project, site_dir, digest)
    assert (
        f"data/cdms.yaml:{line}: cdms[{position}].founded.year: impossible year 2993 — a year between 1900 and"
        in output
    )


def test_figure_without_source_is_named(broken):
    project, site_dir, digest = broken
    rewrite(project / "data/indicators.yaml", lambda data: data["figures"][0]["values"][0].pop("source"))
    output = fails_cleanly(project, site_dir, digest)
    assert re.search(
        r"data/indicators\.yaml:\d+: figures\[0\]\.values\[0\]\.source: missing — every fact needs its source", output
    ), output


def test_unknown_source_is_named(broken):
    project, site_dir, digest = broken
    text = rewrite(project / "data/cdms.yaml", lambda data: cdm(data, "paris")["founded"].update(source="§9.9"))
    line = line_of(text, "source: §9.9")
    position = index_of(yaml.safe_load(text), "paris")
    output = fails_cleanly(project, site_dir, digest)
    assert f"data/cdms.yaml:{line}: cdms[{position}].founded.source: unknown source '§9.9'" in output, output


@pytest.mark.parametrize("content", ["", "# only a comment\n"])
def test_empty_data_file_is_named(broken, content):
    project, site_dir, digest = broken
    (project / "data/indicators.yaml").write_text(content, encoding="utf-8")
    output = fails_cleanly(project, site_dir, digest)
    assert "data/indicators.yaml:1: file is empty" in output, output


def test_missing_data_file_is_named(broken):
    project, site_dir, digest = broken
    (project / "data/glossary.yaml").unlink()
    output = fails_cleanly(project, site_dir, digest)
    assert "data/glossary.yaml:1: file is missing" in output, output


def test_missing_page_twin_is_named(broken):
    project, site_dir, digest = broken
    (project / "docs/en/charter.md").unlink()
    output = fails_cleanly(project, site_dir, digest)
    assert "docs/en/charter.md:1: page missing, twin of docs/fr/charter.md" in output, output


def test_all_problems_are_reported_at_once(broken):
    project, site_dir, digest = broken

    def several(data):
        geneva = cdm(data, "grand-geneve")
        geneva["contry"] = geneva.pop("country")
        cdm(data, "paris")["founded"]["year"] = 2993
        cdm(data, "namur")["id"] = "liege"

    rewrite(project / "data/cdms.yaml", several)
    (project / "docs/fr/glossary.md").unlink()
    output = fails_cleanly(project, site_dir, digest)
    for expected in ("contry: unknown field", "impossible year 2993", "duplicate id 'liege'", "docs/fr/glossary.md"):
        assert expected in output, output
    assert "4 problems in the site data" in output, output


def test_undefined_macro_variable_fails_the_build(broken):
    project, site_dir, _ = broken
    page = project / "docs/fr/international.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n{{ no_such_variable }}\n", encoding="utf-8")
    result = build(project, site_dir.parent / "other-site")
    assert result.returncode != 0, result.stdout + result.stderr


def test_page_typo_is_named_before_anything_is_written(broken):
    """A block call typed wrong in a page is answered like a data mistake, not by a macro traceback."""
    project, site_dir, digest = broken
    page = project / "docs/fr/impact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('figures("audiences")', 'figures("audience")', 1), encoding="utf-8")
    line = line_of(text, 'figures("audiences")')
    output = fails_cleanly(project, site_dir, digest)
    expected = f"docs/fr/impact.md:{line}: figures(\"audience\"): unknown figure group — did you mean 'audiences'?"
    assert expected in output, output
    assert "1 problem in the site data" in output, output


def test_an_empty_value_and_a_yes_no_value_are_named_as_staff_wrote_them(broken):
    """YAML reads "en:" with nothing as null and "en: yes" as true: the message says so without Python's None/True."""
    project, site_dir, digest = broken
    path = project / "data/cdms.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace('en: "Paris Cité des métiers"}', "en: }", 1)
    namur_name = 'name: {fr: "Cité des métiers de Namur", en: "Namur Cité des métiers"}'
    text = text.replace(namur_name, "name: {fr: yes, en: on}")
    path.write_text(text, encoding="utf-8")
    paris, namur = (index_of(yaml.safe_load(text), cdm_id) for cdm_id in ("paris", "namur"))
    output = fails_cleanly(project, site_dir, digest)
    empty = f"{line_of(text, 'en: }')}: cdms[{paris}].name.en: no value after the colon — write the value there"
    assert f"data/cdms.yaml:{empty}" in output, output
    yes_no = f"{line_of(text, 'fr: yes')}: cdms[{namur}].name.fr: a yes/no value is not text — write text"
    assert f"data/cdms.yaml:{yes_no}" in output, output
    assert "None" not in output and "True" not in output, output
