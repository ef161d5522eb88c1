"""The date the data last changed, as every footer shows it, in a real git repository and its clones.

A repository of two commits: the data changed in January, a README in June. A full clone says January; a shallow
clone (what GitHub Actions checks out by default) cannot know, and says how to fetch the history instead of
printing June; an edit not committed yet is today's.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from pathlib import Path

import pytest
import yaml

from ricdm.errors import DataErrors
from ricdm.freshness import SHALLOW_FIX, data_last_changed


def git(cwd: Path, *args: str, date: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}
    if date:
        env |= {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout


@pytest.fixture
def origin(tmp_path: Path) -> Path:
    """Data committed on 15 January 2026, a README on 20 June 2026."""
    repo = tmp_path / "origin"
    (repo / "data").mkdir(parents=True)
    git(repo, "init", "-q", "-b", "main")
    (repo / "data/labels.yaml").write_text("labels: {}\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "data", date="2026-01-15T10:00:00+00:00")
    (repo / "README.md").write_text("# Site\n", encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "readme", date="2026-06-20T10:00:00+00:00")
    return repo


def test_a_full_clone_gives_the_last_commit_that_changed_the_data(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(clone))
    assert data_last_changed(clone / "data").date == datetime.date(2026, 1, 15)


def test_a_shallow_clone_stops_with_the_fix_rather_than_the_last_push_date(origin, tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{origin}", str(clone))
    assert git(clone, "log", "-1", "--format=%cs", "--", "data") == "2026-06-20\n"  # what the footer said before
    with pytest.raises(DataErrors) as failure:
        data_last_changed(clone / "data")
    report = failure.value.report()
    assert "shallow clone" in report and SHALLOW_FIX in report
    git(clone, "fetch", "-q", "--unshallow")
    assert data_last_changed(clone / "data").date == datetime.date(2026, 1, 15)  # the fix it names works


def test_an_edit_not_committed_yet_is_dated_when_it_was_made(origin, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", f"file://{origin}", str(clone))
    labels = clone / "data/labels.yaml"
    labels.write_text("labels: {licence: {fr: Libre, en: Free}}\n", encoding="utf-8")
    assert data_last_changed(clone / "data").date == datetime.datetime.now(datetime.UTC).date()
    (clone / "data/sources.yaml").write_text("sources: []\n", encoding="utf-8")  # a new file, not tracked yet
    git(clone, "checkout", "-q", "--", "data/labels.yaml")
    assert data_last_changed(clone / "data").date == datetime.datetime.now(datetime.UTC).date()


def test_the_pages_workflow_fetches_the_history(tmp_path):
    """GitHub's checkout is shallow by default: the deploy (and the pull-request build) must ask for the history.

    Every checkout of the project itself; another checked out beside it (``path:``, e.g. a pull request's base,
    only compared) builds no page.
    """
    root = Path(__file__).resolve().parents[1]
    for workflow in ("deploy.yml", "check.yml"):
        jobs = yaml.safe_load((root / ".github/workflows" / workflow).read_text(encoding="utf-8"))["jobs"]
        steps = [step for job in jobs.values() for step in job["steps"]]
        checkouts = [
            step.get("with") or {} for step in steps if str(step.get("uses", "")).startswith("actions/checkout@")
        ]
        own = [options for options in checkouts if "path" not in options]
        assert own and all(options.get("fetch-depth") == 0 for options in own), workflow


def test_a_copy_without_history_is_dated_by_its_files(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "labels.yaml").write_text("labels: {}\n", encoding="utf-8")
    january = datetime.datetime(2026, 1, 15, 12, tzinfo=datetime.UTC).timestamp()
    os.utime(data / "labels.yaml", (january, january))
    changed = data_last_changed(data)
    assert (changed.date, changed.how) == (datetime.date(2026, 1, 15), "mtime")
