"""The live preview as staff meet it: it keeps serving through a mistake, shows it, and comes back once fixed.

Real processes: ``python -m preview`` (what ``bash scripts/serve.sh`` runs) on a copy of the project and a
free port, files edited as staff would, pages fetched over HTTP. No duration is asserted: each step polls
until its condition holds, within a generous deadline.
"""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import copy_project

DEADLINE = 300  # seconds; the machine is shared, so waits are generous and never asserted on


@dataclass
class Running:
    project: Path
    base: str
    process: subprocess.Popen
    terminal: Path

    def output(self) -> str:
        return self.terminal.read_text(encoding="utf-8")

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=60) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            return 0, ""

    def edit(self, relative: str, old: str, new: str) -> None:
        path = self.project / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")


def wait_for(condition, what: str):
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    pytest.fail(f"gave up waiting for {what}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview")
    project = copy_project(root / "project")  # preview/ included
    terminal = root / "terminal.txt"
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(project), "PYTHONUNBUFFERED": "1"}
    env.pop("NO_MKDOCS_2_WARNING", None)  # the preview must quiet Material's banner itself
    with terminal.open("w", encoding="utf-8") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "preview", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
    running = Running(project, f"http://127.0.0.1:{port}", process, terminal)
    try:
        wait_for(lambda: process.poll() is not None or running.get("/")[0] == 200, "the first build")
        assert process.poll() is None, running.output()
        yield running
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def banner(html: str) -> str:
    found = re.search(r'<div id="ricdm-preview-problems".*?</div>', html, re.DOTALL)
    return re.sub(r"<[^>]+>", "", found.group(0)) if found else ""


def test_start_prints_the_address_and_nothing_else(preview):
    output = preview.output()
    assert f"Preview: {preview.base}/ (English: {preview.base}/en/)" in output, output
    assert "not included in the" not in output, output
    assert "INFO" not in output and "[macros]" not in output and "MkDocs 2.0" not in output, output
    assert len(output.strip().splitlines()) <= 4, output


def test_a_taken_port_is_refused_without_announcing_the_address(tmp_path):
    """Another program on the port: the terminal says so and what to do, and never shows an address that is not ours."""
    project = copy_project(tmp_path / "project")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "preview", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            env={**os.environ, "PYTHONPATH": str(project)},
            capture_output=True,
            text=True,
            timeout=DEADLINE,
        )
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"cannot serve on 127.0.0.1:{port}: Address already in use" in result.stdout, result.stdout
    assert "Preview: http" not in result.stdout, result.stdout


def test_data_typo_keeps_the_last_good_page_with_the_message(preview):
    status, page = preview.get("/en/cdm/paris/")
    assert status == 200 and "Paris Cité des métiers" in page and not banner(page)
    cdms = (preview.project / "data/cdms.yaml").read_text(encoding="utf-8")
    line = cdms[: cdms.index('name: {fr: "Cité des métiers de Paris"')].count("\n") + 1
    located = f"data/cdms.yaml:{line}: cdms[0].name.en: missing"

    preview.edit("data/cdms.yaml", ', en: "Paris Cité des métiers"}', "}")
    status, page = wait_for(lambda: _with_banner(preview, "/en/cdm/paris/"), "the banner")
    assert status == 200
    assert located in banner(page), banner(page)
    assert "<h1" in page and "Paris Cité des métiers" in page  # the last good page, under the banner
    assert located in wait_for(lambda: located in preview.output() and preview.output(), "the terminal line")
    assert "Traceback" not in preview.output()
    assert preview.process.poll() is None

    preview.edit("data/cdms.yaml", '"Cité des métiers de Paris"}', '"Cité des métiers de Paris", en: "Paris edited"}')
    status, page = wait_for(lambda: _showing(preview, "/en/cdm/paris/", "Paris edited"), "the fixed page")
    assert status == 200 and not banner(page)
    assert "fixed" in wait_for(lambda: "fixed" in preview.output() and preview.output(), "fixed")


def test_page_typo_keeps_the_last_good_page_with_the_message(preview):
    preview.edit("docs/fr/impact.md", 'figures("audiences")', 'figures("audience")')
    status, page = wait_for(lambda: _with_banner(preview, "/impact/"), "the banner")
    assert status == 200 and "<h1" in page
    assert "docs/fr/impact.md:" in banner(page) and "audience" in banner(page), banner(page)
    assert "docs/fr/impact.md:" in wait_for(lambda: "impact.md:" in preview.output() and preview.output(), "line")
    assert "Traceback" not in preview.output()
    status, other = preview.get("/en/charter/")
    assert status == 200 and banner(other), "every page says the preview is not up to date"

    preview.edit("docs/fr/impact.md", 'figures("audience")', 'figures("audiences")')
    wait_for(lambda: preview.get("/impact/")[0] == 200 and not banner(preview.get("/impact/")[1]), "the fix")
    assert preview.process.poll() is None


def test_preview_writes_the_pages_a_build_writes(preview, tmp_path):
    """After edits, the incremental preview holds the very pages ``mkdocs build`` makes of the same files.

    Like ``mkdocs serve``, the preview sets site_url to its own address and leaves out the hosting policy
    (its live-reload script is inline): the build compared is given the same address, and its policy is dropped.
    """
    wait_for(lambda: not banner(preview.get("/")[1]), "a clean preview")
    preview.edit("data/cdms.yaml", '"Cité des métiers de Paris", en: "Paris edited"}', '"Paris FR", en: "Paris EN"}')
    wait_for(lambda: _showing(preview, "/cdm/paris/", "Paris FR"), "the edit")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(preview.project), "SITE_URL": preview.base + "/"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    result = subprocess.run(command, cwd=preview.project, env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    pages = ("cdm/paris/index.html", "en/cdm/paris/index.html", "directory/index.html", "en/cdm/milan/index.html")
    for path in (*pages, "impact/index.html", "en/charter/index.html"):  # the last two were not written again
        status, served = preview.get("/" + path)
        built = _without_policy((tmp_path / "site" / path).read_text(encoding="utf-8"))
        assert status == 200 and _without_livereload(served) == built, path


def _with_banner(preview: Running, path: str):
    status, page = preview.get(path)
    return (status, page) if banner(page) else None


def _showing(preview: Running, path: str, text: str):
    status, page = preview.get(path)
    return (status, page) if text in page else None


def _without_livereload(html: str) -> str:
    return re.sub(r"<script>\s*var livereload = .*?</script>", "", html, flags=re.DOTALL)


def _without_policy(html: str) -> str:
    return re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)


def test_the_watcher_seeing_a_save_twice_builds_once_and_no_save_goes_unseen(tmp_path):
    from preview.__main__ import FileContents

    data = tmp_path / "data"
    data.mkdir()
    cdms = data / "cdms.yaml"
    cdms.write_text("name: Paris\n", encoding="utf-8")
    before = cdms.stat()
    contents = FileContents([data])
    assert not contents.take(), "nothing saved yet"

    cdms.write_text("name: Parix\n", encoding="utf-8")  # same size, and the clock did not move
    os.utime(cdms, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert contents.changed() and contents.take(), "a save is a rebuild"
    assert not contents.take(), "the same save seen again by the watcher is not"

    (data / "labels.yaml").write_text("x: 1\n", encoding="utf-8")
    assert contents.take(), "an added file is a rebuild"
    (data / "labels.yaml").unlink()
    assert contents.take(), "a removed file is a rebuild"


def test_a_new_page_missing_from_the_menu_is_said_in_words_then_served_once_added(preview):
    """Both twins saved, no menu line: the banner says which page and the line to add, not two bare file names."""
    wait_for(lambda: not banner(preview.get("/")[1]), "a clean preview")
    (preview.project / "docs/fr/agenda.md").write_text("# Agenda\n\nLes rendez-vous du réseau.\n", encoding="utf-8")
    (preview.project / "docs/en/agenda.md").write_text("# Events\n\nThe network's events.\n", encoding="utf-8")
    status, page = wait_for(lambda: _with_banner(preview, "/en/charter/"), "the banner")
    shown = html.unescape(banner(page))
    assert status == 200 and "docs/fr/agenda.md:1: page not in the site's menu (nav: in mkdocs.yml)" in shown, shown
    assert 'add the line "  - agenda.md" to nav: in mkdocs.yml' in shown, shown
    assert "not included in the" not in shown and "not included in the" not in preview.output()

    preview.edit("mkdocs.yml", "\n  - about.md\n", "\n  - agenda.md\n  - about.md\n")  # restarts the preview
    status, page = wait_for(lambda: _showing(preview, "/en/agenda/", "Events"), "the new page")
    assert status == 200 and not banner(page)
