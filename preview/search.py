"""The preview's search index, written after the pages instead of before them.

Pagefind reads every page of the site, which takes longer as the network grows: the browser need not wait for it
to show an edit.
The preview's builds leave it out (``ricdm.pipeline.finish_site``) and this indexer runs it in a thread once the
pages are written, so the search finds an edit a moment after the page shows it. One Pagefind at a time: a
build that ends while one runs asks for one more run, which starts when the current one ends. It runs at the lowest
CPU priority (``LOW_PRIORITY``): on a machine with few cores, the next edit's build gets the CPU first.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from ricdm.search_index import SearchIndexError, index_site

LOW_PRIORITY = 19
"""Pagefind's niceness above the preview's: the most a process can lower itself, so a build always comes first."""


class BackgroundIndex:
    """Indexes ``site_dir`` in a thread each time it is asked to, never two runs at once, never a request lost."""

    def __init__(self, site_dir: Path, on_failure: Callable[[str], None]):
        self.site_dir = site_dir
        self.on_failure = on_failure
        self._wanted = False
        self._lock = threading.Lock()
        self._worker: threading.Thread | None = None
        self.runs = 0
        """Finished runs, for tests: the index is up to date once a run that started after a build finished."""

    def request(self) -> None:
        """Index again once the current run (if any) ends."""
        with self._lock:
            self._wanted = True
            if self._worker is None:
                self._worker = threading.Thread(target=self._run, name="preview-search", daemon=True)
                self._worker.start()

    def close(self) -> None:
        """No run after the current one, which is waited for: the site folder is about to be removed."""
        with self._lock:
            self._wanted = False
        self.wait()

    def wait(self) -> None:
        """Until every requested run is done."""
        while True:
            with self._lock:
                worker = self._worker
            if worker is None:
                return
            worker.join()

    def _run(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._worker = None
                    return
                self._wanted = False
            try:
                index_site(self.site_dir, niceness=LOW_PRIORITY)
            except (SearchIndexError, OSError) as failure:
                self.on_failure(f"search index: {failure}")
            with self._lock:
                self.runs += 1
