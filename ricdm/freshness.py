"""When the data last changed: shown in the footer of every page and on the "about this site" page.

The newest of two dates: the last commit that changed ``data/``, and the modification time of each data file with
changes not committed yet (a staff edit being previewed, or built before it is committed). Without git history (a
copy, an archive), the newest modification time of a data file. In a shallow clone (GitHub Actions checks out one
commit by default) the last commit found may be the clone's boundary, which git shows as adding every file whatever
it changed: the date cannot be known there, and the build stops saying how to fetch the history.
"""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .errors import DataError, DataErrors

SHALLOW_FIX = (
    "fetch the whole history: git fetch --unshallow (in a GitHub workflow: actions/checkout with fetch-depth: 0)"
)


@dataclass(frozen=True)
class DataChange:
    """The date of the last change to ``data/`` and how it was found."""

    date: datetime.date
    how: str
    """"git": the last commit touching data/; "edited": a data file changed since, not committed yet; "mtime": no git
    history, the newest modification time of a data file."""


def data_last_changed(data_dir: Path) -> DataChange:
    """When ``data_dir`` last changed; ``DataErrors`` when git cannot say (a shallow clone's boundary)."""
    files = sorted(data_dir.glob("*.yaml"))
    commit = _git(data_dir, "log", "-1", "--format=%H %cs", "--", ".")
    if commit is None:  # not in a repository
        return DataChange(_newest(files) or datetime.date(1970, 1, 1), "mtime")
    changed = [data_dir / name for name in _uncommitted(data_dir)]
    edited = _newest([path for path in changed if path.is_file()])
    commit = commit.strip()
    if not commit:  # no commit touches data/ yet: every data file is new
        return DataChange(edited or _newest(files) or datetime.date.today(), "edited")
    sha, stamp = commit.split()
    committed = datetime.date.fromisoformat(stamp)
    if edited and edited >= committed:  # newer than any commit, however deep the clone
        return DataChange(edited, "edited")
    if sha in _shallow_boundary(data_dir):
        problem = "the date the data last changed cannot be known in a shallow clone (its oldest commit shows as "
        problem += "changing every file)"
        raise DataErrors([DataError(f"{data_dir.name}/", 1, "", problem, SHALLOW_FIX)])
    return DataChange(committed, "git")


def _newest(paths: list[Path]) -> datetime.date | None:
    stamps = [path.stat().st_mtime for path in paths]
    return datetime.datetime.fromtimestamp(max(stamps), datetime.UTC).date() if stamps else None


def _uncommitted(data_dir: Path) -> list[str]:
    """Data files (names in ``data_dir``) changed, added or not yet tracked since the last commit."""
    listed = _git(data_dir, "status", "--porcelain", "--untracked-files=all", "--no-renames", "-z", "--", ".") or ""
    prefix = (_git(data_dir, "rev-parse", "--show-prefix") or "").strip()
    names = []
    for entry in filter(None, listed.split("\0")):
        path = entry[3:]
        if path.startswith(prefix) and path.endswith(".yaml") and "/" not in path[len(prefix) :]:
            names.append(path[len(prefix) :])
    return names


def _shallow_boundary(data_dir: Path) -> set[str]:
    """The commits a shallow clone stops at (git's ``shallow`` file); empty in a full clone."""
    path = (_git(data_dir, "rev-parse", "--git-path", "shallow") or "").strip()
    shallow = data_dir / path if path else None  # relative to data_dir, or absolute
    return set(shallow.read_text(encoding="ascii").split()) if shallow and shallow.is_file() else set()


def _git(cwd: Path, *args: str) -> str | None:
    """Git's output; None when git is missing or ``cwd`` is not in a repository."""
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return result.stdout if result.returncode == 0 else None
