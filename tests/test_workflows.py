"""The GitHub workflows: valid for actionlint, bounded in time, read-only but for the one deploy job, no secret."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT

WORKFLOWS = PROJECT / ".github" / "workflows"
ACTIONLINT = Path(sys.executable).parent / "actionlint"
PAGES_ACTIONS = {"actions/configure-pages@v5", "actions/upload-pages-artifact@v4", "actions/deploy-pages@v4"}


def workflow(name: str) -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def actionlint(folder: Path) -> subprocess.CompletedProcess:
    if not ACTIONLINT.exists():
        pytest.fail(f"{ACTIONLINT} is missing: install requirements-dev.txt")
    return subprocess.run([str(ACTIONLINT), "-no-color"], cwd=folder, capture_output=True, text=True, timeout=120)


def test_actionlint_passes():
    result = actionlint(PROJECT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_would_catch_a_mistake(tmp_path):
    """Control: the same files with a misspelt step id fail, so the check above can fail."""
    shutil.copytree(WORKFLOWS, tmp_path / ".github" / "workflows")
    (tmp_path / ".git").mkdir()
    deploy = tmp_path / ".github" / "workflows" / "deploy.yml"
    deploy.write_text(deploy.read_text(encoding="utf-8").replace("steps.pages.", "steps.page."), encoding="utf-8")
    result = actionlint(tmp_path)
    assert result.returncode == 1 and 'property "page" is not defined' in result.stdout


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_read_only_with_a_timeout_on_every_job(name):
    flow = workflow(name)
    assert flow["permissions"] == {"contents": "read"}
    for job_name, job in flow["jobs"].items():
        assert 0 < job["timeout-minutes"] <= 60, job_name
        if job_name != "deploy":
            assert "permissions" not in job, job_name


def test_only_the_deploy_job_may_write_pages():
    deploy = workflow("deploy.yml")
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert deploy[True] == {"push": {"branches": ["main"]}, "workflow_dispatch": None}  # YAML 1.1 reads "on" as True


def test_deploy_checks_and_builds_strictly_before_the_official_pages_actions():
    steps = workflow("deploy.yml")["jobs"]["build"]["steps"] + workflow("deploy.yml")["jobs"]["deploy"]["steps"]
    commands = [step.get("run") or step["uses"] for step in steps]
    check = commands.index(".venv/bin/python -m ricdm check --format github")
    strict = next(i for i, command in enumerate(commands) if command.startswith(".venv/bin/mkdocs build --strict"))
    upload = commands.index("actions/upload-pages-artifact@v4")
    assert check < strict < upload < commands.index("actions/deploy-pages@v4")
    assert set(commands) >= PAGES_ACTIONS


def test_pull_requests_get_annotations_then_build_and_tests():
    flow = workflow("check.yml")
    assert "pull_request" in flow[True]
    runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
    assert "python -m ricdm check --format github" in runs
    assert any(run.startswith(".venv/bin/mkdocs build --strict") for run in runs)
    assert "bash scripts/test.sh" in runs
    assert flow["jobs"]["build"]["needs"] == flow["jobs"]["tests"]["needs"] == "data"


@pytest.mark.parametrize("name", ["check.yml", "deploy.yml"])
def test_actions_pinned_to_a_major_version_and_no_secret(name):
    text = (WORKFLOWS / name).read_text(encoding="utf-8")
    for action in re.findall(r"uses: (\S+)", text):
        assert re.fullmatch(r"actions/[\w-]+@v\d+", action), action
    assert "secrets." not in text
    assert "persist-credentials: false" in text
