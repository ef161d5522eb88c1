"""``python -m ricdm publish`` replaces ``site/`` only after a passing strict build; ``rollback`` swaps back.

A data error, a strict warning or a build killed midway (SIGKILL) leave the previous site byte-identical. Staff
read the problems or "Published", never MkDocs' INFO lines. The site a publish replaces is kept: ``rollback``
puts it back in one swap, and a second ``rollback`` puts back the site it replaced.
"""

from __future__ import annotations

import hashlib
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project
from ricdm import publish as publishing
from ricdm.publish import BUILD_PREFIX, OLD_PREFIX, PublishError, previous_dir, rollback

PUBLISH = [sys.executable, "-m", "ricdm", "publish"]
ROLLBACK = [sys.executable, "-m", "ricdm", "rollback"]
"""Run from the checkout (cwd=PROJECT), publishing the project copy given by --root."""


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def publish(project: Path, **popen) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*PUBLISH, "--root", str(project)],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=600,
        **popen,
    )


def roll_back(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run([*ROLLBACK, "--root", str(project)], cwd=PROJECT, capture_output=True, text=True, timeout=60)


def leftovers(project: Path) -> list[str]:
    return [path.name for path in project.iterdir() if path.name.startswith((BUILD_PREFIX, OLD_PREFIX))]


def set_label(project: Path, key: str, french: str) -> None:
    """A valid edit whose result is visible in every page: proves which build is published."""
    labels = project / "data" / "labels.yaml"
    lines = labels.read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(f"  {key}:"))
    english = lines[index].split('en: "', 1)[1].split('"', 1)[0]
    lines[index] = f'  {key}: {{fr: "{french}", en: "{english}"}}'
    labels.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """A project copy with a first site published the documented way."""
    project = copy_project(tmp_path_factory.mktemp("publish") / "project")
    result = publish(project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Building the site (strict: any warning stops it)…"
    assert re.fullmatch(rf"Published: {re.escape(str(project / 'site'))} \(\d+ pages, built [-0-9: ]+\)\.", lines[1])
    assert len(lines) == 2 and result.stderr == "", "the first publish keeps no previous site, and says no more"
    assert "INFO" in (project / ".cache" / "publish.log").read_text(encoding="utf-8"), "MkDocs' messages: the log"
    return project


def test_first_publish_creates_a_complete_site(published):
    site = published / "site"
    assert (site / "index.html").is_file() and (site / "en" / "index.html").is_file()
    assert oct(site.stat().st_mode & 0o777) == "0o755"
    assert leftovers(published) == []


def test_data_error_keeps_previous_site(published, tmp_path):
    before = tree_digest(published / "site")
    cdms = published / "data" / "cdms.yaml"
    good = cdms.read_text(encoding="utf-8")
    try:
        cdms.write_text(good.replace("country: FR", "country: France", 1), encoding="utf-8")
        result = publish(published)
    finally:
        cdms.write_text(good, encoding="utf-8")
    assert result.returncode == 1
    said = result.stderr.splitlines()
    assert said[0] == "1 problem in the site data:"
    assert re.fullmatch(r"data/cdms\.yaml:\d+: cdms\[0\]\.country: unknown country code — .+", said[1])
    assert said[2:] == [
        "Not published: the build failed (all MkDocs said is in .cache/publish.log); "
        "the published site was not changed."
    ]
    assert tree_digest(published / "site") == before
    assert leftovers(published) == []


def test_strict_warning_keeps_previous_site(published):
    """A broken link is only a warning for MkDocs; --strict makes it a failed build, so nothing is published."""
    before = tree_digest(published / "site")
    page = published / "docs" / "fr" / "glossary.md"
    good = page.read_text(encoding="utf-8")
    try:
        page.write_text(good + "\n[lien cassé](page-qui-n-existe-pas.md)\n", encoding="utf-8")
        result = publish(published)
    finally:
        page.write_text(good, encoding="utf-8")
    assert result.returncode == 1, result.stderr
    assert "page-qui-n-existe-pas.md" in result.stderr
    assert not any(line.startswith(("INFO", "WARNING", "Aborted")) for line in result.stderr.splitlines())
    assert result.stderr.splitlines()[-1].startswith("Not published: the build failed")
    assert tree_digest(published / "site") == before
    assert leftovers(published) == []


def first_profile(project: Path) -> Path:
    return sorted((project / "site" / "cdm").glob("*/index.html"))[0]


SLOW_HOOK = """

def on_post_page(output, page, config):  # added by test_publish: a slow build, to be killed midway
    import time

    time.sleep(0.05)
    return output
"""


def test_build_killed_midway_keeps_previous_site_then_next_publish_succeeds(published):
    before = tree_digest(published / "site")
    hooks = published / "mkdocs_hooks.py"
    good_hooks = hooks.read_text(encoding="utf-8")
    hooks.write_text(good_hooks + SLOW_HOOK, encoding="utf-8")
    set_label(published, "back-to-directory", "Retour à l'annuaire (nouvelle version)")
    process = subprocess.Popen(
        [*PUBLISH, "--root", str(published)],
        cwd=PROJECT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill reaches mkdocs too
    )
    try:
        deadline = time.monotonic() + 120
        while not any((published / name).rglob("*.html") for name in leftovers(published)):
            assert process.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build never started writing"
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == -signal.SIGKILL
    assert tree_digest(published / "site") == before, "a killed build changed the published site"
    assert "nouvelle version" not in first_profile(published).read_text("utf-8")

    hooks.write_text(good_hooks, encoding="utf-8")
    result = publish(published)
    assert result.returncode == 0, result.stderr
    assert leftovers(published) == [], "the killed build's folder was not cleaned up"
    assert tree_digest(published / "site") != before
    assert "nouvelle version" in first_profile(published).read_text("utf-8")


def test_publish_keeps_the_site_it_replaces_and_rollback_swaps_it_back(tmp_path):
    project = copy_project(tmp_path / "project")
    nothing = roll_back(project)
    assert nothing.returncode == 1 and nothing.stdout == ""
    assert nothing.stderr.startswith("Not rolled back: nothing to roll back to")

    set_label(project, "back-to-directory", "Retour à l'annuaire (version A)")
    assert publish(project).returncode == 0
    assert roll_back(project).returncode == 1, "one publish: nothing kept yet"
    first = tree_digest(project / "site")

    set_label(project, "back-to-directory", "Retour à l'annuaire (version B)")
    second_publish = publish(project)
    assert second_publish.returncode == 0, second_publish.stderr
    assert second_publish.stdout.splitlines()[-1].startswith("The site it replaced (built ")
    assert second_publish.stdout.splitlines()[-1].endswith(') is kept: "python -m ricdm rollback" puts it back.')
    second = tree_digest(project / "site")
    assert tree_digest(previous_dir(project / "site")) == first
    assert "version B" in first_profile(project).read_text("utf-8")

    back = roll_back(project)
    assert back.returncode == 0, back.stderr
    assert back.stdout.splitlines()[0].startswith(f"Rolled back: {project / 'site'} is the site built ")
    assert tree_digest(project / "site") == first and tree_digest(previous_dir(project / "site")) == second
    assert "version A" in first_profile(project).read_text("utf-8")

    assert roll_back(project).returncode == 0
    assert tree_digest(project / "site") == second and tree_digest(previous_dir(project / "site")) == first

    cdms = project / "data" / "cdms.yaml"
    cdms.write_text(cdms.read_text(encoding="utf-8").replace("country: FR", "country: France", 1), "utf-8")
    assert publish(project).returncode == 1
    assert tree_digest(project / "site") == second, "a failed publish leaves the site"
    assert tree_digest(previous_dir(project / "site")) == first, "and the kept one"
    assert leftovers(project) == []


def make_site(folder: Path, text: str) -> Path:
    folder.mkdir()
    (folder / "index.html").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("atomic", [True, False], ids=["renameat2", "three-renames"])
def test_rollback_swaps_whole_folders(tmp_path, monkeypatch, atomic):
    """Without Linux's atomic exchange, three renames: the same result, never a copy."""
    if not atomic:
        monkeypatch.setattr(publishing, "_exchange", lambda first, second: False)
    site = make_site(tmp_path / "site", "new")
    make_site(previous_dir(site), "old")
    inode = (site / "index.html").stat().st_ino
    done = rollback(tmp_path, site)
    assert (site / "index.html").read_text() == "old" and (done.kept / "index.html").read_text() == "new"
    assert (done.kept / "index.html").stat().st_ino == inode, "moved, not copied"
    rollback(tmp_path, site)
    assert (site / "index.html").read_text() == "new"
    assert sorted(path.name for path in tmp_path.iterdir()) == [".site-previous", ".site-publish.lock", "site"]


def test_rollback_without_a_kept_site_changes_nothing(tmp_path):
    site = make_site(tmp_path / "site", "live")
    with pytest.raises(PublishError, match="nothing to roll back to"):
        rollback(tmp_path, site)
    assert (site / "index.html").read_text() == "live"
