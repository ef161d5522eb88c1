"""Lighthouse (mobile) on every page type, both languages: prints the four scores per page.

    .venv/bin/python bench/lighthouse.py                 # build into a temporary folder, then measure
    .venv/bin/python bench/lighthouse.py --site site/    # measure an existing build
    .venv/bin/python bench/lighthouse.py --only /en/ /cdm/paris/
    .venv/bin/python bench/lighthouse.py --runs 3         # median of 3 runs a page (performance is noisy)

Needs Node 20 and npx (``lighthouse@12.8.2``; 13.x needs Node 22) and Debian's /usr/bin/chromium.
The built site is served from 127.0.0.1 with gzip, as any production host serves it: an uncompressed
local server would make Lighthouse's simulated slow 4G charge the stylesheets at several times their size.
Slow (about 20 s a page on 2 shared cores), so a script the team runs, not a test. The performance score
depends on the machine's load (total blocking time is measured, then scaled): on a busy machine take the
median of several runs, as Lighthouse's own documentation advises.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = "lighthouse@12.8.2"
CHROMIUM = "/usr/bin/chromium"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

PAGE_TYPES = {
    "home": "",
    "profile": "cdm/paris/",
    "directory": "directory/",
    "map (network)": "network/",
    "impact": "impact/",
    "figure": "impact/cdms/",
    "charter": "charter/",
    "governance": "governance/",
    "text page (methodology)": "methodology/",
    "404": "404.html",
}
"""Page type -> path below a language root (French at the site root, English under /en/)."""

LANGUAGES = (("", "FR"), ("en/", "EN"))
"""Language root (ricdm.urls) and the name the table gives it."""
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".csv")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzipped when the client accepts it (text types only)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and path.suffix in COMPRESSIBLE) or self.path.endswith("/.."):
            return super().send_head()
        if Path(self.translate_path(self.path)).is_dir() and not self.path.split("?")[0].endswith("/"):
            return super().send_head()  # the directory redirect
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes):
        self.data = data

    def read(self, *_):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = functools.partial(GzipHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def build(site: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    subprocess.run(command, cwd=PROJECT, env=env, check=True)


def lighthouse(url: str, report: Path) -> dict[str, int]:
    """The four category scores (0-100) of one mobile run; the JSON report is kept for the details."""
    command = [
        "npx",
        "--yes",
        LIGHTHOUSE,
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=--headless=new --no-sandbox",
    ]
    subprocess.run(command, env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=300)
    result = json.loads(report.read_text(encoding="utf-8"))
    return {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}


def failing_audits(report: Path) -> list[str]:
    """Audits scored below 1 in the categories other than performance, and the performance opportunities."""
    result = json.loads(report.read_text(encoding="utf-8"))
    names = []
    for name, category in result["categories"].items():
        for ref in category["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                value = audit.get("displayValue", "")
                names.append(f"{name}: {ref['id']} {value}".strip())
    return names


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build (default: build the project now)")
    parser.add_argument("--only", nargs="*", help="paths to measure instead of every page type, e.g. /en/")
    parser.add_argument("--reports", type=Path, help="keep the JSON reports in this folder")
    parser.add_argument("--details", action="store_true", help="list what fails under each page")
    parser.add_argument("--runs", type=int, default=1, help="runs per page; the table shows each score's median")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        site = args.site
        if site is None:
            site = Path(scratch) / "site"
            build(site)
        reports = args.reports or Path(scratch) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        every = {f"/{root}{path}": f"{kind} ({lang})" for root, lang in LANGUAGES for kind, path in PAGE_TYPES.items()}
        paths = args.only or list(every)
        httpd, base = serve(site)
        missed = 0
        try:
            print(f"| page | path | {' | '.join(CATEGORIES)} |")
            print(f"|---|---|{'---|' * len(CATEGORIES)}")
            for path in paths:
                name = path.strip("/").replace("/", "_") or "index"
                runs = [lighthouse(base + path, reports / f"{name}-{run}.json") for run in range(args.runs)]
                scores = {category: int(statistics.median(run[category] for run in runs)) for category in CATEGORIES}
                report = reports / f"{name}-0.json"
                missed += sum(scores[name] < TARGETS[name] for name in CATEGORIES)
                row = " | ".join(str(scores[name]) for name in CATEGORIES)
                print(f"| {every.get(path, path)} | {path} | {row} |", flush=True)
                if args.details:
                    for line in failing_audits(report):
                        print(f"    {line}", flush=True)
        finally:
            httpd.shutdown()
    print(f"\ntargets: performance >= 95, the other three 100; {missed} score(s) below target")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
