"""``scripts/setup.sh`` (run by ``./staff serve`` and ``scripts/test.sh``): installers talk to a log, not to staff.

On a fresh machine the first ``./staff serve`` printed 63 lines before the address: 59 of them pip's warnings about
the machine's package settings. The script runs here against a stand-in ``.venv/bin/python`` that talks like that
pip (59 warnings, then success or an error), so what staff read is checked line by line without installing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT

NOISY_PIP = """#!/bin/sh
# Stand-in for .venv/bin/python: answers --version, and "-m pip install" as pip does on this machine.
if [ "$1" = "--version" ]; then echo "Python 3.11.7"; exit 0; fi
i=0
while [ $i -lt 59 ]; do
  echo "WARNING: Location 'file:///opt/pypi/simple/package$i/' is ignored: it is neither a file nor a directory." >&2
  i=$((i + 1))
done
if [ -n "$PIP_FAILS" ]; then
  echo "ERROR: Could not find a version that satisfies the requirement PyYAML==0.0.1" >&2
  echo "ERROR: No matching distribution found for PyYAML==0.0.1" >&2
  exit 1
fi
echo "Successfully installed PyYAML-6.0.3"
"""
LOG = ".cache/install.log"


@pytest.fixture
def project(tmp_path) -> Path:
    """The installer and the pinned lists; an installed .venv whose pip is the stand-in; the map shapes present."""
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy2(PROJECT / "scripts" / "setup.sh", root / "scripts" / "setup.sh")
    for name in ("requirements.txt", "requirements-dev.txt"):
        shutil.copy2(PROJECT / name, root / name)
    python = root / ".venv" / "bin" / "python"
    python.parent.mkdir(parents=True)
    python.write_text(NOISY_PIP, encoding="utf-8")
    python.chmod(0o755)
    shapes = root / "node_modules" / "world-atlas" / "countries-50m.json"
    shapes.parent.mkdir(parents=True)
    shapes.write_text("{}", encoding="utf-8")
    return root


def setup(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {key: value for key, value in os.environ.items() if key not in ("CI", "GITHUB_ACTIONS")}
    return subprocess.run(
        ["bash", "scripts/setup.sh", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=60,
        env={**environment, **env},
    )


def test_an_install_says_one_line_and_keeps_the_noise_in_the_log(project):
    result = setup(project, "requirements.txt")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (f"Updating the site's tools (requirements.txt or Python changed; the details go to {LOG})…")
    assert len(lines) == 2 and lines[1].startswith("Installed in ") and lines[1].endswith(" s.")
    assert result.stderr == ""
    log = (project / LOG).read_text(encoding="utf-8")
    assert log.count("is ignored: it is neither a file nor a directory") == 59
    assert "Successfully installed" in log


def test_once_installed_nothing_is_said(project):
    assert setup(project, "requirements.txt").returncode == 0
    again = setup(project, "requirements.txt")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_a_changed_pin_installs_again(project):
    assert setup(project, "requirements.txt").returncode == 0
    requirements = project / "requirements.txt"
    requirements.write_text(requirements.read_text(encoding="utf-8") + "# a new pin\n", encoding="utf-8")
    assert setup(project, "requirements.txt").stdout.startswith("Updating the site's tools")


def test_the_test_tools_cover_the_site_tools(project):
    """requirements-dev.txt includes requirements.txt: after the tests' install, serve installs nothing."""
    assert setup(project, "requirements-dev.txt").returncode == 0
    assert setup(project, "requirements.txt").stdout == ""


def test_a_failed_install_shows_the_end_of_what_the_installer_said(project):
    result = setup(project, "requirements.txt", PIP_FAILS="1")
    assert result.returncode == 1
    said = result.stderr.splitlines()
    assert said[0] == (
        "Install failed while installing the Python packages of requirements.txt. "
        f"The installer said (the end of {LOG}):"
    )
    assert "  ERROR: No matching distribution found for PyYAML==0.0.1" in said
    assert said[-1].startswith(f"Whole log: {LOG}.")
    assert len(said) <= 17, "the end of the log, not all of it"
    assert not (project / ".venv" / ".installed-requirements").exists(), "a failed install is not marked done"
    assert setup(project, "requirements.txt").stdout.startswith("Updating"), "the next run tries again"


def test_in_ci_a_failure_shows_all_the_step_said(project):
    result = setup(project, "requirements.txt", PIP_FAILS="1", CI="true")
    assert result.returncode == 1
    assert result.stderr.count("is ignored") == 59
