"""What a built site weighs: page HTML, search index per language, first view of a page (gzip)."""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

SEARCH_INDEX = Path("search") / "search_index.json"
_CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")
_FONT = (".woff2", ".woff", ".ttf", ".otf", ".eot")


def gzip_size(data: bytes) -> int:
    """Bytes on the wire with the usual server setting (gzip level 6)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def search_index_sizes(site: Path, languages: list[str], default: str) -> dict[str, int]:
    """Bytes of the index each language's readers download (one file per language root, else the merged one)."""
    sizes = {}
    for lang in languages:
        path = site / SEARCH_INDEX if lang == default else site / lang / SEARCH_INDEX
        sizes[lang] = path.stat().st_size if path.is_file() else 0
    if not all(sizes.values()):  # a single merged index: weigh each language's share
        merged = json.loads((site / SEARCH_INDEX).read_text(encoding="utf-8"))
        for lang in languages:
            prefix = "" if lang == default else f"{lang}/"
            others = tuple(f"{other}/" for other in languages if other != default)
            docs = [
                doc
                for doc in merged["docs"]
                if (doc["location"].startswith(prefix) if prefix else not doc["location"].startswith(others))
            ]
            sizes[lang] = len(json.dumps(docs, ensure_ascii=False, separators=(",", ":")).encode())
    return sizes


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
