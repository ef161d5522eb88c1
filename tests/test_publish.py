"""``python -m ricdm publish`` replaces ``site/`` only after a passing strict build.

A data error, a strict warning or a build killed midway (SIGKILL) leave the previous site byte-identical.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project
from ricdm.publish import BUILD_PREFIX, OLD_PREFIX

PUBLISH = [sys.executable, "-m", "ricdm", "publish"]
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
    assert "Published:" in result.stdout
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
    assert "Not published" in result.stderr and "unknown country code" in result.stderr
    assert "Traceback" not in result.stderr
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
