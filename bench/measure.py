"""What a built site weighs: page HTML, search index per language, first view of a page (gzip)."""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import posixpath
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

SEARCH_BUNDLE = Path("pagefind")
CHROMIUM = "/usr/bin/chromium"
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_FONT = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with the usual server setting (gzip level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def search_index_sizes(site: Path) -> dict[str, int]:
    """Bytes of each language's whole search index on disk (what a whole-index search would load)."""
    entry = json.loads((site / SEARCH_BUNDLE / "pagefind-entry.json").read_text(encoding="utf-8"))
    sizes = {}
    for lang, index in entry["languages"].items():
        bundle = site / SEARCH_BUNDLE
        parts = [bundle / f"pagefind.{index['hash']}.pf_meta"]
        parts += [path for folder in ("index", "fragment") for path in (bundle / folder).glob(f"{lang}_*")]
        sizes[lang] = sum(path.stat().st_size for path in parts)
    return sizes


def search_first_result(site: Path, queries: dict[str, tuple[str, str]]) -> dict[str, int]:
    """Bytes a browser fetches from typing a query on a page of each language until the first result shows.

    ``queries``: language -> (page path, query). Each response is counted as a server sends it: gzip level 6,
    unless the file is smaller as it is (Pagefind's chunks are compressed already).
    """
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    sizes = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
            for lang, (page_path, query) in queries.items():
                page = browser.new_page()
                page.goto(base + page_path)
                page.wait_for_load_state("load")
                fetched: list[str] = []
                page.on("request", lambda request, fetched=fetched: fetched.append(request.url))
                page.locator(".md-search__input").click()
                page.keyboard.type(query, delay=30)
                page.wait_for_selector(".md-search-result__item a", timeout=60_000)
                sizes[lang] = sum(_wire_size(site, url.removeprefix(base)) for url in set(fetched))
                page.close()
            browser.close()
    finally:
        server.shutdown()
    return sizes


def _wire_size(site: Path, path: str) -> int:
    file = site / path.split("?")[0].split("#")[0]
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return min(len(data), gzip_size(data))


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class FirstView:
    """What a browser fetches to show a page: HTML, style sheets, scripts, fonts (local files, gzip)."""

    files: dict[str, int] = field(default_factory=dict)
    third_party: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.files.values())


def first_view(site: Path, page: str = "index.html") -> FirstView:
    view = FirstView()
    html_path = site / page
    view.files[page] = gzip_size(html_path.read_bytes())
    tree = LexborHTMLParser(html_path.read_text(encoding="utf-8"))
    refs = [node.attributes.get("href") for node in tree.css('link[rel="stylesheet"]')]
    refs += [node.attributes.get("src") for node in tree.css("script[src]")]
    refs += [node.attributes.get("href") for node in tree.css('link[rel="preload"]')]
    base = posixpath.dirname(page)
    for ref in filter(None, refs):
        _add(view, site, base, ref)
    return view


def _add(view: FirstView, site: Path, base: str, ref: str) -> None:
    if re.match(r"^(https?:)?//", ref):
        view.third_party.append(ref)
        return
    relative = posixpath.normpath(posixpath.join(base, ref.split("#")[0].split("?")[0]))
    if relative in view.files:
        return
    path = site / relative
    if not path.is_file():
        return
    data = path.read_bytes()
    view.files[relative] = gzip_size(data)
    if relative.endswith(".css"):
        for url in _CSS_URL.findall(data.decode("utf-8", "replace")):
            if url.lower().split("?")[0].endswith(_FONT):
                _add(view, site, posixpath.dirname(relative), url)
