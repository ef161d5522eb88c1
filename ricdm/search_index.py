"""Site search: Pagefind indexes the built site, one index per language, in chunks a reader fetches as needed.

Material's search loads a language's whole index on first search (megabytes for a large network); Pagefind splits the
index by word and the excerpts by page, so a first result costs a few hundred kilobytes whatever the size of the
network. The language of each page is its ``<html lang>``: French and English get separate indexes. The bundle
is written to ``<site>/pagefind/`` and served with the site: no third party, works offline.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

BUNDLE = "pagefind"
"""The bundle's folder at the site root (overrides/partials/search.html points the browser at it)."""

INDEXED = "**/index.html"
"""Every page (each lives at <address>/index.html); the 404 pages are not results."""

ROOT_SELECTOR = "article.md-content__inner"
"""What a page says (Material's article): not the navigation, header and footer every page repeats."""

UNUSED = ("pagefind-ui.*", "pagefind-component-ui.*", "pagefind-modular-ui.*", "pagefind-highlight.js")
"""Pagefind's own interfaces: the site draws results in Material's look (docs/assets/search.js), so not published."""

IGNORED = "svg, .headerlink, .md-source-file, .ricdm-cite"
"""Left out of the index: the map's drawing (its list of CDMs is text below it), permalinks, page dates, and the
"cite this" texts (they repeat the figure beside them and filled result snippets with citations). A translation's
folded original (``_macros.html`` quote) says ``data-pagefind-ignore`` itself: French text in an English snippet."""


class SearchIndexError(RuntimeError):
    """Pagefind could not index the site: the build stops rather than publish a site whose search is broken."""


def missing_indexer() -> str | None:
    """Why the site could not be indexed, with the command that fixes it; None when Pagefind is installed."""
    if all(importlib.util.find_spec(module) for module in ("pagefind", "pagefind_bin")):
        return None
    return "Pagefind (site search) is not installed — run `bash scripts/setup.sh` (pip install -r requirements.txt)"


def index_site(site_dir: Path, niceness: int = 0) -> str:
    """Write the search bundle into the built site; returns Pagefind's summary.

    ``niceness`` > 0 runs Pagefind that many steps below this process's CPU priority (``os.nice``): the preview
    indexes in the background while the next edit's build runs, which must get the CPU first.
    """
    command = [
        *_pagefind(niceness),
        "--site",
        str(site_dir),
        "--output-subdir",
        BUNDLE,
        "--glob",
        INDEXED,
        "--root-selector",
        ROOT_SELECTOR,
        "--exclude-selectors",
        IGNORED,
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=1800, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {result.stderr or result.stdout}")
    for pattern in UNUSED:
        for path in (site_dir / BUNDLE).glob(pattern):
            path.unlink()
    _sort_entry(site_dir / BUNDLE / "pagefind-entry.json")
    return result.stdout


def _pagefind(niceness: int) -> list[str]:
    """The command that starts Pagefind: its launcher module, lowered in priority first when asked.

    Why in the child itself: the launcher execs Pagefind in the same process, which keeps the priority, and a
    ``preexec_fn`` is unsafe in a process that runs threads (the preview's server).
    """
    if niceness <= 0 or not hasattr(os, "nice"):
        return [sys.executable, "-m", "pagefind"]
    lowered = f"import os, runpy; os.nice({niceness:d}); "
    return [sys.executable, "-c", lowered + "runpy.run_module('pagefind', run_name='__main__', alter_sys=True)"]


def _sort_entry(path: Path) -> None:
    """Pagefind lists the languages in any order: sort them, so the same pages give the same bytes."""
    entry = json.loads(path.read_text(encoding="utf-8"))
    entry["languages"] = dict(sorted(entry["languages"].items()))
    path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
