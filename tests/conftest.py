"""Shared fixtures: the real site built once, project copies to break, a local server, Chromium."""

from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT / "bench"))

from project import copy_project  # noqa: E402 - one project copy for tests and benchmark: bench/project.py

__all__ = ["copy_project"]
CHROMIUM = "/usr/bin/chromium"


def french_report() -> Path:
    """The French original of the report: ../shared/seeds beside the clone (as CI has it), or RICDM_REPORT_FR."""
    if "RICDM_REPORT_FR" in os.environ:
        return Path(os.environ["RICDM_REPORT_FR"])
    return PROJECT.parent / "shared" / "seeds" / "001_b03e6918ea3ec270.txt"


def build(project: Path, site_dir: Path, *extra: str) -> subprocess.CompletedProcess:
    """Run the real ``mkdocs build --strict`` on a project folder, as staff would."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def parse(path: Path) -> LexborHTMLParser:
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real project built once for the whole session."""
    site_dir = tmp_path_factory.mktemp("site")
    result = build(PROJECT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


@pytest.fixture(scope="session")
def server(site):
    """Serve the built site on 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright, with no background traffic of its own."""
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (see README)")
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def as_shown(text: str, lang: str) -> str:
    """A data text as its page shows it: each page gets its language's typography once, when rendered."""
    from ricdm.typography import english_text, french_text

    return french_text(text) if lang == "fr" else english_text(text)
