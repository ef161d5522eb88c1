"""The folder MkDocs reads the pages from: the staff's pages (linked, never copied) and the pages the data generates.

Why a folder of its own: static-i18n takes as its own (language switcher, alternates, sitemap) only the files it
finds in the docs folder, so generated pages are written as real source files; never into ``docs/``, where staff
edit. A one-off build writes them into a temporary folder; the preview keeps its folder between builds and writes
again only the pages whose key changed (``sync``).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError, DataErrors
from .inputs import SiteInputs
from .pages import GeneratedPage
from .stash import HtmlStash


@dataclass
class DocsFolder:
    folder: Path
    written: dict[str, str] = field(default_factory=dict)
    """Each generated page's source path -> the key it was last written with."""
    owner: tempfile.TemporaryDirectory[str] | None = field(default=None, repr=False)
    """A one-off build's folder, removed with this object even when the build fails half-way."""

    @classmethod
    def temporary(cls) -> DocsFolder:
        owner = tempfile.TemporaryDirectory(prefix="ricdm-docs-")
        return cls(Path(owner.name), owner=owner)

    def sync(self, staff: Path, pages: list[GeneratedPage], inputs: SiteInputs, stash: HtmlStash) -> set[str]:
        """Link every staff file, write every generated page whose key changed; return those pages' source paths.

        Each page's HTML is left in ``stash`` to be made when MkDocs renders it; a staff file where a page is
        generated is a mistake (the page would be the data's or the file's by chance).
        """
        staff_files = {path.relative_to(staff).as_posix(): path for path in staff.rglob("*") if path.is_file()}
        keys = {page.src_uri: page.key(inputs) for page in pages}
        clashes = sorted(keys.keys() & staff_files.keys())
        if clashes:
            raise DataErrors(
                [
                    DataError(
                        f"{staff.name}/{path}", 1, "", "the site generates this page from the data", "remove the file"
                    )
                    for path in clashes
                ]
            )
        self._remove_others(staff_files.keys() | keys.keys())
        for relative, path in staff_files.items():
            self._link(relative, path.resolve())
        changed = set()
        for page in pages:
            key = keys[page.src_uri]
            placeholder = stash.keep_later(page.src_uri, page.html, key)
            target = self.folder / page.src_uri
            if self.written.get(page.src_uri) != key or not target.is_file():
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page.source(placeholder), encoding="utf-8")
                self.written[page.src_uri] = key
                changed.add(page.src_uri)
        return changed

    def _link(self, relative: str, target: Path) -> None:
        link = self.folder / relative
        if link.is_symlink() and Path(os.readlink(link)) == target:
            return
        link.parent.mkdir(parents=True, exist_ok=True)
        if link.exists() or link.is_symlink():
            link.unlink()
        link.symlink_to(target)

    def _remove_others(self, wanted: set[str]) -> None:
        """Remove what is neither a staff file nor a generated page any more (a page deleted, a CDM removed)."""
        for path in sorted(self.folder.rglob("*"), reverse=True):
            relative = path.relative_to(self.folder).as_posix()
            if path.is_dir() and not path.is_symlink():
                if not any(path.iterdir()):
                    path.rmdir()
            elif relative not in wanted:
                path.unlink()
                self.written.pop(relative, None)

    def remove(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
