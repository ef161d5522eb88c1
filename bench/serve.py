"""``mkdocs serve`` after a staff edit: how long until the preview shows one changed CDM, in both languages."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape
from synthetic import _dump

EDIT = {"fr": " (modifiée)", "en": " (edited)"}


@dataclass(frozen=True)
class ServeResult:
    first_build: float
    rebuild: float
    """Seconds from saving data/cdms.yaml to both language pages of that CDM showing the new name."""
    shows_edit: bool


def measure_serve(project: Path, timeout: float = 1800) -> ServeResult:
    """Start ``mkdocs serve`` on loopback in a project copy, edit its first CDM's name, time the preview."""
    data_file = project / "data" / "cdms.yaml"
    records = yaml.safe_load(data_file.read_text(encoding="utf-8"))["cdms"]
    cdm_id = records[0]["id"]
    port = _free_port()
    urls = {"fr": f"http://127.0.0.1:{port}/cdm/{cdm_id}/", "en": f"http://127.0.0.1:{port}/en/cdm/{cdm_id}/"}
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    start = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(lambda: all(_get(url) for url in urls.values()), timeout)
        first_build = time.perf_counter() - start
        time.sleep(2)  # let the watcher settle after the first build
        expected = {lang: records[0]["name"][lang] + EDIT[lang] for lang in urls}
        for lang, name in expected.items():
            records[0]["name"][lang] = name
        edited = time.perf_counter()
        _dump(data_file, {"cdms": records})
        shown = _wait(
            lambda: all(str(escape(expected[lang])) in (_get(url) or "") for lang, url in urls.items()), timeout
        )
        return ServeResult(first_build, time.perf_counter() - edited, shown)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait(condition, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
