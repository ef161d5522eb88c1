"""Results that depend only on their inputs, kept between builds in a folder any clean build may delete.

Each entry is named by a hash of everything it depends on (input bytes, the code of the ``ricdm`` package,
the Python version), so an edit gives a new name and a stale entry is never read. An entry that cannot be
read back (truncated, corrupt, written by another version) counts as missing: it is rebuilt and replaced.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FOLDER = Path(".cache") / "ricdm"
"""Relative to the project root; listed in .gitignore."""

_PACKAGE = Path(__file__).resolve().parent


def fingerprint(*parts: bytes | str) -> str:
    """One hex digest of the parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


@cache
def code_version() -> str:
    """The package's own source and the interpreter: a change to how results are made invalidates them."""
    sources = sorted(_PACKAGE.rglob("*.py")) + sorted((_PACKAGE / "templates").rglob("*"))
    return fingerprint(sys.version, *(path.read_bytes() for path in sources if path.is_file()))


@dataclass(frozen=True)
class DiskCache:
    """A cache folder, or ``None`` for no cache (every load misses, nothing is written)."""

    folder: Path | None

    @classmethod
    def for_project(cls, root: Path) -> DiskCache:
        if os.environ.get("RICDM_CACHE", "") == "off":
            return cls(None)
        return cls(root / FOLDER)

    def load(self, kind: str, key: str) -> object | None:
        """The value stored under ``key``, or None when there is none or it cannot be read back."""
        path = self._path(kind, key)
        if path is None or not path.is_file():
            return None
        try:
            with path.open("rb") as stream:
                value: object = pickle.load(stream)
                return value
        except Exception:  # noqa: BLE001 - any unreadable entry (truncated, garbage, old classes) is a miss
            path.unlink(missing_ok=True)
            return None

    def store(self, kind: str, key: str, value: object) -> None:
        """Write atomically (temporary file, then rename) and keep only the newest entry of each kind."""
        path = self._path(kind, key)
        if path is None:
            return
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

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{kind}-{key}.pickle"
