"""Property-based: YAML broken at random ends in a clean load or in messages naming file and line, never a traceback.

Staff edit YAML by hand: lines get deleted, duplicated, mis-indented, values change type, keys vanish.
Hypothesis does the same to a copy of data/ and checks the data layer directly (fast), then a few real builds.
"""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import PROJECT, build, copy_project
from ricdm import blocks, opendata
from ricdm.datafiles import DATA_FILES
from ricdm.dataset import load_dataset
from ricdm.errors import DataErrors
from ricdm.render import Page

NOISE = [":", "- ", "  ", "\t", '"', "'", "{", "}", "[", "]", "#", ",", "é", "0", "true", "null", "~", "|", ">", "?"]
"""What a slip of the keyboard adds. "!" tags and "&"/"*" alias loops have their own test below."""
VALUES = ["", "12", "-3", "1.5", "yes", "null", "[]", "{}", "[a, b]", "{fr: x}", '"2019"', "2019-05-01", "'§9'"]


def mutate(text: str, rng: random.Random) -> str:
    """One to three edits of the kinds staff make by hand."""
    lines = text.splitlines()
    for _ in range(rng.randint(1, 3)):
        if not lines:
            break
        i = rng.randrange(len(lines))
        kind = rng.choice(["delete", "duplicate", "indent", "dedent", "swap", "value", "drop-key", "noise", "cut"])
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, lines[i])
        elif kind == "indent":
            lines[i] = " " * rng.choice([1, 2, 4]) + lines[i]
        elif kind == "dedent":
            lines[i] = lines[i][rng.choice([1, 2, 4]) :]
        elif kind == "swap" and i + 1 < len(lines):
            lines[i], lines[i + 1] = lines[i + 1], lines[i]
        elif kind == "value" and ": " in lines[i]:
            lines[i] = lines[i].split(": ", 1)[0] + ": " + rng.choice(VALUES)  # swap a value's type
        elif kind == "drop-key":
            lines[i] = re.sub(r"\b\w+: [^,}]+,? ?", "", lines[i], count=1)  # drop one key: value
        elif kind == "noise":
            at = rng.randint(0, len(lines[i]))
            lines[i] = lines[i][:at] + rng.choice(NOISE) + lines[i][at:]
        elif kind == "cut":
            lines = lines[: i + 1]
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def data_copy(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(PROJECT / "data", folder)
    return folder


def render_everything(data) -> None:
    """A clean load must also render: every block, both languages, and the downloads."""
    for lang in ("fr", "en"):
        page = Page(lang=lang, root="", url="https://example.org/")
        blocks.cdm_directory(data, page)
        blocks.glossary(data, page)
        blocks.sources(data, page)
        for cdm in data.cdms:
            blocks.cdm_profile(data, page, cdm.id)
        for group in data.groups:
            blocks.figures(data, page, group)
        for figure in data.figures:
            blocks.figure(data, page, figure)
        for name in opendata.DOWNLOADS:
            blocks.open_data(data, page, name)
    opendata.files(data, "https://example.org/")


def assert_clean_outcome(data_dir: Path, file_name: str, text: str) -> None:
    line_count = text.count("\n") + 1
    try:
        data = load_dataset(data_dir)
    except DataErrors as failure:
        assert failure.errors, "DataErrors without a message"
        for error in failure.errors:
            assert error.file.startswith("data/") and error.file.endswith(".yaml"), str(error)
            assert error.line >= 1, str(error)
            if error.file == f"data/{file_name}":
                assert error.line <= line_count, f"{error} (the file has {line_count} lines)"
            assert re.match(r"^data/[\w.-]+\.yaml:\d+: ", str(error)), str(error)
        return
    render_everything(data)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(file_name=st.sampled_from(sorted(DATA_FILES)), seed=st.integers(0, 2**32 - 1))
def test_random_breakage_never_ends_in_a_traceback(data_copy, file_name, seed):
    path = data_copy / file_name
    original = (PROJECT / "data" / file_name).read_text(encoding="utf-8")
    broken = mutate(original, random.Random(seed))
    path.write_text(broken, encoding="utf-8")
    try:
        assert_clean_outcome(data_copy, file_name, broken)
    finally:
        path.write_text(original, encoding="utf-8")


@pytest.mark.parametrize("seed", [7, 1234, 99991])
def test_real_build_of_randomly_broken_data(tmp_path, seed):
    """The same property through ``mkdocs build --strict``: exit 0, or exit 1 with file:line lines and no traceback."""
    rng = random.Random(seed)
    project = copy_project(tmp_path / "project")
    file_name = rng.choice(sorted(DATA_FILES))
    path = project / "data" / file_name
    path.write_text(mutate(path.read_text(encoding="utf-8"), rng), encoding="utf-8")
    result = build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    if result.returncode != 0:
        problems = [line for line in output.splitlines() if re.match(r"^data/[\w.-]+\.yaml:\d+: ", line)]
        assert problems, output


TAGS_AND_LOOPS = {
    "unknown tag": "    title: !Attention CDM\n",
    "bad base64": "    title: !!binary xyz\n",
    "alias loop": "    title: &loop [*loop]\n",
}
"""Found by this fuzzing (they used to end in ConstructorError / RecursionError); now each is a file:line message."""


@pytest.mark.parametrize("line", TAGS_AND_LOOPS.values(), ids=TAGS_AND_LOOPS.keys())
def test_tags_and_alias_loops_end_in_a_message(data_copy, line):
    path = data_copy / "glossary.yaml"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith("    term:"))
    path.write_text("".join([*lines[:index], line.replace("title", "term"), *lines[index + 1 :]]), encoding="utf-8")
    try:
        assert_clean_outcome(data_copy, "glossary.yaml", path.read_text(encoding="utf-8"))
    finally:
        path.write_text(original, encoding="utf-8")
