"""When the data last changed: shown in the footer and on the "about this site" page."""

from __future__ import annotations

import datetime
import subprocess
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class DataChange:
    """The date of the last change to ``data/`` and how it was found."""

    date: datetime.date
    how: str
    """"git": date of the last commit touching data/; "mtime": newest modification time of a data file."""


def data_last_changed(data_dir: Path) -> DataChange:
    """The last commit that changed ``data_dir``; without git history (a copy, an archive), the newest file date."""
    committed = _last_commit_date(data_dir)
    if committed is not None:
        return DataChange(committed, "git")
    newest = max((path.stat().st_mtime for path in data_dir.glob("*.yaml")), default=0.0)
    return DataChange(datetime.datetime.fromtimestamp(newest, datetime.UTC).date(), "mtime")


def _last_commit_date(data_dir: Path) -> datetime.date | None:
    try:
        result = subprocess.run(
            ["git", "log", "-1", "--format=%cs", "--", "."],
            cwd=data_dir,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp:
        return None
    return datetime.date.fromisoformat(stamp)
