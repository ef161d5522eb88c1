"""Hostile YAML (a pull request may come from anyone) ends in a file:line message, fast, not a crash.

Before the limits, nine levels of nine aliases ran ``ricdm check`` past 60 s and 5 GB, and 50,000 nested
brackets crashed libyaml's composer (segmentation fault). The time is compared with loading the valid data in the same
run (a ratio, not a wall-clock limit, so a busy machine does not fail it).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project
from ricdm.dataset import load_dataset
from ricdm.errors import DataErrors
from ricdm.yamlsource import MAX_DEPTH, MAX_FILE_BYTES, load_yaml


def alias_bomb() -> str:
    """The classic "billion laughs": each level lists the previous one nine times (9⁹ values, 30 lines)."""
    levels = "abcdefghi"
    lines = ['lol: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for previous, name in zip(levels, levels[1:], strict=False):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    return "\n".join(lines) + "\n"


HOSTILE = {
    "alias bomb": (alias_bomb(), 6, "aliases expand to more than"),
    "deep brackets": ("title: " + "[" * 50_000 + "]" * 50_000 + "\n", 1, f"nested more than {MAX_DEPTH} levels"),
    "deep indentation": ("".join("  " * i + f"k{i}:\n" for i in range(100)) + " " * 200 + "v: 1\n", 65, "nested"),
}


@pytest.fixture
def data_copy(tmp_path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(PROJECT / "data", folder)
    return folder


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_yaml_is_refused_at_its_line_as_fast_as_valid_data(data_copy, name):
    text, line, problem = HOSTILE[name]
    started = time.perf_counter()
    load_dataset(data_copy)
    valid = time.perf_counter() - started
    (data_copy / "glossary.yaml").write_text(text, encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(DataErrors) as failure:
        load_dataset(data_copy)
    hostile = time.perf_counter() - started
    assert hostile < 10 * valid, f"hostile {hostile:.2f} s, valid data {valid:.2f} s"
    [error] = [error for error in failure.value.errors if error.file == "data/glossary.yaml"]
    assert error.line == line and problem in error.problem, str(error)


def test_huge_file_is_refused_without_being_read(tmp_path):
    path = tmp_path / "cdms.yaml"
    with path.open("wb") as file:
        file.truncate(MAX_FILE_BYTES + 1)  # sparse: costs no disk
    with pytest.raises(DataErrors) as failure:
        load_yaml(path, "data/cdms.yaml")
    assert str(failure.value.errors[0]).startswith(
        "data/cdms.yaml:1: file too large (16,777,217 bytes) — at most 16 MiB"
    )


def test_anchors_and_aliases_of_real_size_still_work(tmp_path):
    path = tmp_path / "any.yaml"
    path.write_text("base: &base {fr: Source, en: Source}\nnames: [*base, *base, *base]\n", encoding="utf-8")
    assert load_yaml(path, "data/any.yaml").data["names"] == [{"fr": "Source", "en": "Source"}] * 3


def test_check_command_answers_an_alias_bomb_with_its_line(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "cdms.yaml").write_text(alias_bomb(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "data/cdms.yaml:6: *e: aliases expand to more than 100,000 values — " in result.stderr


def test_check_refuses_a_bomb_in_mkdocs_yml_or_a_page_header_before_mkdocs_reads_it(tmp_path):
    project = copy_project(tmp_path / "project")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("extra:\n  " + alias_bomb().replace("\n", "\n  "))
    page = project / "docs" / "en" / "index.md"
    page.write_text("---\n" + alias_bomb() + "---\n" + page.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check", "--format", "github"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    config_line = (
        (project / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("  f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]")
    )
    assert f"::error file=mkdocs.yml,line={config_line + 1}," in result.stdout
    assert "::error file=docs/en/index.md,line=7," in result.stdout  # the "f:" line, where the aliases pass the limit
