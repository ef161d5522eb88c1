"""The staff preview after a data edit: how long until the browser shows one changed CDM, in both languages.

Times ``python -m preview`` (what ``bash scripts/serve.sh`` runs) or, for comparison, ``mkdocs serve``:

    .venv/bin/python bench/serve.py 26 2600            # the preview at each size
    .venv/bin/python bench/serve.py 26 --mkdocs-serve  # plain mkdocs serve on the same project
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape
from synthetic import yaml_text

EDIT = {"fr": " (modifiée)", "en": " (edited)"}


@dataclass(frozen=True)
class ServeResult:
    first_build: float
    rebuild: float
    """Seconds from saving data/cdms.yaml (its new text written at once, as an editor does) to both language pages
    of that CDM showing the new name."""
    shows_edit: bool


def measure_serve(project: Path, timeout: float = 1800, mkdocs_serve: bool = False, edits: int = 1) -> ServeResult:
    """Start the preview on loopback in a project copy, edit its first CDM's name, time until both pages show it.

    With ``edits`` > 1 the edit is repeated (a new name each time) and the rebuild is the median.
    """
    data_file = project / "data" / "cdms.yaml"
    records = yaml.safe_load(data_file.read_text(encoding="utf-8"))["cdms"]
    cdm_id = records[0]["id"]
    port = _free_port()
    urls = {"fr": f"http://127.0.0.1:{port}/cdm/{cdm_id}/", "en": f"http://127.0.0.1:{port}/en/cdm/{cdm_id}/"}
    server_module = ["mkdocs", "serve"] if mkdocs_serve else ["preview"]
    command = [sys.executable, "-m", *server_module, "-a", f"127.0.0.1:{port}"]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    start = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=project, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait(lambda: all(_get(url) for url in urls.values()), timeout)
        first_build = time.perf_counter() - start
        rebuilds, shown = [], True
        original = {lang: records[0]["name"][lang] for lang in urls}
        for number in range(1, edits + 1):
            time.sleep(2)  # let the watcher settle after the previous build
            expected = {lang: f"{original[lang]}{EDIT[lang]} {number}" for lang in urls}
            records[0]["name"].update(expected)
            text = yaml_text({"cdms": records})  # before the clock: an editor saves at once, PyYAML takes seconds
            edited = time.perf_counter()
            data_file.write_text(text, encoding="utf-8")
            shown = shown and _wait(
                lambda expected=expected: all(
                    str(escape(expected[lang])) in (_get(url) or "") for lang, url in urls.items()
                ),
                timeout,
            )
            rebuilds.append(time.perf_counter() - edited)
        return ServeResult(first_build, statistics.median(rebuilds), shown)
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def main(argv: list[str] | None = None) -> int:
    import argparse
    import tempfile

    from project import real_project
    from synthetic import read_real_cdms

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", type=int, nargs="+")
    parser.add_argument("--mkdocs-serve", action="store_true", help="time plain mkdocs serve instead")
    parser.add_argument("--edits", type=int, default=3, help="edits per size (the median is printed)")
    args = parser.parse_args(argv)
    real = read_real_cdms(Path(__file__).resolve().parents[1] / "data")
    server = "mkdocs serve" if args.mkdocs_serve else "preview"
    for size in args.sizes:
        with tempfile.TemporaryDirectory(prefix="bench-serve-") as workdir:
            project = real_project(Path(workdir) / "project", size, real)
            result = measure_serve(project, mkdocs_serve=args.mkdocs_serve, edits=args.edits)
        print(
            f"{server}, {size:,} CDMs: first build {result.first_build:.1f} s, "
            f"data edit shown in both languages after {result.rebuild:.2f} s (median of {args.edits}), "
            f"shown: {result.shows_edit}",
            flush=True,
        )
    return 0


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


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
