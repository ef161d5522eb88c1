"""``./staff``: the one command form of the README and the staff guides, from any folder of the project.

When the project's tools are not installed, staff read a one-line hint, never a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project


def run(command: list[str], cwd: Path, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120, env={**os.environ, **env})


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A project copy with the staff script and the installed tools, as a clone after set-up has them."""
    root = copy_project(tmp_path_factory.mktemp("staff") / "project")
    shutil.copy2(PROJECT / "staff", root / "staff")
    (root / ".venv").symlink_to((PROJECT / ".venv").resolve(), target_is_directory=True)
    return root


@pytest.mark.parametrize("folder", [".", "data", "docs/fr"])
def test_check_works_from_any_folder(project, folder):
    script = os.path.relpath(project / "staff", project / folder)
    result = run([script if "/" in script else f"./{script}", "check"], cwd=project / folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_a_mistake_is_reported_with_the_project_paths(project, tmp_path):
    broken = shutil.copytree(project, tmp_path / "broken", symlinks=True)
    page = broken / "docs/fr/impact.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace('figures("audiences")', 'figures("audience")'), "utf-8")
    line = text[: text.index('figures("audiences")')].count("\n") + 1
    result = run(["../staff", "check"], cwd=broken / "data")
    assert result.returncode == 1
    expected = f"docs/fr/impact.md:{line}: figures(\"audience\"): unknown figure group — did you mean 'audiences'?"
    assert expected in result.stderr


def test_without_the_tools_a_one_line_hint(tmp_path):
    fresh = copy_project(tmp_path / "fresh")  # a clone before set-up: no .venv
    shutil.copy2(PROJECT / "staff", fresh / "staff")
    result = run(["../staff", "check"], cwd=fresh / "data")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and 'run "./staff serve" once' in result.stderr
    assert "Traceback" not in result.stderr


def test_python_without_the_packages_gets_the_same_hint():
    """``python -m ricdm check`` typed with a Python that lacks the site's packages (here Babel is hidden)."""
    code = (
        "import runpy, sys; sys.modules['babel'] = None; sys.argv[1:] = ['check']; "
        "runpy.run_module('ricdm', run_name='__main__')"
    )
    result = run([sys.executable, "-c", code], cwd=PROJECT)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "(babel is missing)" in result.stderr and '"./staff serve" once' in result.stderr
    assert "Traceback" not in result.stderr
