"""Results that depend only on their inputs, kept between builds in a folder any clean build may delete.

Each entry is named by ``ricdm.inputs.key``: what the result read (bytes or text) and the code that made it,
so an edit gives a new name and a stale entry is never read. An entry that cannot be read back (truncated,
corrupt, written by another version) counts as missing: it is made again and replaced. Only the newest entry
of each kind is kept. ``RICDM_CACHE=off`` builds without the folder.
"""

from __future__ import annotations

import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TypeGuard, TypeVar

from . import inputs

FOLDER = Path(".cache") / "ricdm"
"""Relative to the project root; listed in .gitignore."""

T = TypeVar("T")


@dataclass(frozen=True)
class DiskCache:
    """A cache folder, or ``None`` for no cache (every result is made, nothing is written)."""

    folder: Path | None
    root: Path | None = None
    """The project whose code names the entries (``inputs.code``)."""

    @classmethod
    def for_project(cls, root: Path) -> DiskCache:
        if os.environ.get("RICDM_CACHE", "") == "off":
            return cls(None, root)
        return cls(root / FOLDER, root)

    def kept(
        self, kind: str, reads: Sequence[bytes | str], make: Callable[[], T], is_made: Callable[[object], TypeGuard[T]]
    ) -> T:
        """``make()``, or the result kept from a build that read the same ``reads`` with the same code.

        ``is_made`` tells a result of ``make`` from anything else a file may hold.
        """
        path = self._path(kind, reads)
        found = self._load(path) if path is not None else None
        if is_made(found):
            return found
        made = make()
        if path is not None:
            self._store(kind, path, made)
        return made

    def subfolder(self, kind: str) -> Path | None:
        """A folder for a kind of entry another library writes (Jinja's compiled templates), named by the code.

        The folders of that kind named by other code are removed. None without a cache or when it is not writable.
        """
        return None if self.folder is None else _subfolder(self.folder, self.root, kind)

    def _path(self, kind: str, reads: Sequence[bytes | str]) -> Path | None:
        if self.folder is None:
            return None
        return self.folder / f"{kind}-{inputs.key(kind, *reads, root=self.root)}.pickle"

    @staticmethod
    def _load(path: Path) -> object | None:
        if not path.is_file():
            return None
        try:
            with path.open("rb") as stream:
                value: object = pickle.load(stream)
                return value
        except Exception:  # noqa: BLE001 - any unreadable entry (truncated, garbage, old classes) is a miss
            path.unlink(missing_ok=True)
            return None

    @staticmethod
    def _store(kind: str, path: Path, value: object) -> None:
        """Write atomically (temporary file, then rename) and keep only the newest entry of each kind."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=".tmp-", delete=False) as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(stream.name, path)
            for old in path.parent.glob(f"{kind}-*.pickle"):
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:  # a read-only checkout still builds, only without the cache
            return


@cache
def _subfolder(folder: Path, root: Path | None, kind: str) -> Path | None:
    """Made once per process: the code that names it does not change while a process runs."""
    name = f"{kind}-{inputs.key(kind, root=root)[:16]}"
    try:
        (folder / name).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    for old in folder.glob(f"{kind}-*"):
        if old.name != name and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return folder / name
