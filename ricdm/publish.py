"""Atomic publishing and rollback: ``./staff publish`` and ``./staff rollback``.

Publishing builds beside ``site/`` and swaps the build in only when it passed, keeping the site it replaces
beside it (``.site-previous/``); rolling back swaps that one back. A failed build (data error, strict warning)
or an interrupted one (Ctrl-C, power cut, SIGKILL) never touches the published ``site/``: visitors keep the
last good site, byte for byte. Each swap is one ``renameat2`` exchange of two folders (Linux), so a reader sees
the whole old site or the whole new one; rolling back twice is back where one started. MkDocs' messages go to
``.cache/publish.log``; staff read only the problems, or "Published".
"""

from __future__ import annotations

import ctypes
import ctypes.util
import datetime
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

BUILD_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"
LOCK_NAME = ".site-publish.lock"
LOG_NAME = Path(".cache") / "publish.log"
"""MkDocs' whole output of the last publish, under the project folder."""
QUIET_LEVELS = ("INFO", "DEBUG")
"""MkDocs log lines staff do not need: what it is doing, not what went wrong."""


class PublishError(Exception):
    """Nothing was published or rolled back: ``site/`` is unchanged. ``problems``: what the build said was wrong."""

    def __init__(self, reason: str, problems: tuple[str, ...] = ()):
        super().__init__(reason)
        self.reason = reason
        self.problems = problems


@dataclass(frozen=True)
class Swap:
    """What a publish or a rollback left: the site now online and the one kept beside it (None: none kept)."""

    site: Path
    kept: Path | None

    @property
    def pages(self) -> int:
        return sum(1 for _ in self.site.rglob("*.html"))


def previous_dir(site_dir: Path) -> Path:
    """Where the site a publish replaced is kept, beside it: ``site/`` -> ``.site-previous/``."""
    return site_dir.with_name(f".{site_dir.name}-previous")


def built_at(site_dir: Path) -> str:
    """When a site was built, from its home page (every build writes it anew): "built 2026-12-07 10:32"."""
    home = site_dir / "index.html"
    if not home.is_file():
        return "built at an unknown time"
    return datetime.datetime.fromtimestamp(home.stat().st_mtime).strftime("built %Y-%m-%d %H:%M")


def publish(root: Path, site_dir: Path | None = None, mkdocs_args: tuple[str, ...] = (), verbose: bool = False) -> Swap:
    """Build ``root`` with ``mkdocs build --strict``, make the result ``site_dir`` in one step, keep the old one."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(site_dir.parent / LOCK_NAME):
        _remove_leftovers(site_dir.parent)
        build_dir = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=site_dir.parent))
        try:
            _build(root, build_dir, mkdocs_args, verbose)
            build_dir.chmod(0o755)  # mkdtemp makes it private; the web server must read it
            if not site_dir.exists():
                os.rename(build_dir, site_dir)
            else:
                _exchange_or_rename(build_dir, site_dir)  # build_dir now holds the site that was online
                _keep(build_dir, previous_dir(site_dir))
        finally:
            _remove_leftovers(site_dir.parent)
    kept = previous_dir(site_dir)
    return Swap(site_dir, kept if kept.is_dir() else None)


def rollback(root: Path, site_dir: Path | None = None) -> Swap:
    """Put the site kept by the last publish back online and keep the one it replaces: twice is a no-op."""
    site_dir = (site_dir or root.resolve() / "site").resolve()
    kept = previous_dir(site_dir)
    with _exclusive(site_dir.parent / LOCK_NAME):
        if not kept.is_dir():
            raise PublishError(
                f"nothing to roll back to — no earlier site is kept beside {site_dir.name}/ (each publish keeps "
                "the site it replaces, so there is one from the second publish on)"
            )
        if not site_dir.exists():
            os.rename(kept, site_dir)
            return Swap(site_dir, None)
        _exchange_or_rename(kept, site_dir)
    return Swap(site_dir, kept)


def _build(root: Path, build_dir: Path, mkdocs_args: tuple[str, ...], verbose: bool) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(build_dir), *mkdocs_args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    if verbose:
        if subprocess.run(command, cwd=root, env=env).returncode != 0:
            raise PublishError("the build failed")
        return
    log = root / LOG_NAME
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w", encoding="utf-8") as output:
        result = subprocess.run(command, cwd=root, env=env, stdout=output, stderr=subprocess.STDOUT)
    if result.returncode != 0:
        said = problems_in(log.read_text(encoding="utf-8", errors="replace"))
        raise PublishError(f"the build failed (all MkDocs said is in {LOG_NAME})", tuple(said))


def problems_in(output: str) -> list[str]:
    """The lines of MkDocs' output staff need: every warning and error (and anything unexpected, a traceback).

    Its INFO lines go, and the level prefix ("WARNING -  "); MkDocs' closing "Aborted with…" line too, as the
    caller says what happens next. Lines that follow a message without a level prefix belong to it and stay.
    """
    kept: list[str] = []
    quiet = False
    for line in output.splitlines():
        level, separator, message = line.partition(" -  ")
        if separator and level.strip() in (*QUIET_LEVELS, "WARNING", "ERROR", "CRITICAL"):
            quiet = level.strip() in QUIET_LEVELS
            line = message
        if quiet or not line.strip() or line.startswith("Aborted with"):
            continue
        kept.append(line)
    return kept


def _exchange_or_rename(first: Path, second: Path) -> None:
    """Exchange two folders atomically (Linux renameat2); elsewhere three renames, never a copy."""
    if _exchange(first, second):
        return
    parked = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=second.parent)) / second.name
    os.rename(second, parked)
    os.rename(first, second)
    os.rename(parked, first)
    parked.parent.rmdir()


def _keep(old_site: Path, kept: Path) -> None:
    """Make ``old_site`` the one kept site: the one kept before it goes (as a leftover, removed afterwards)."""
    if kept.exists():
        os.rename(kept, Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=kept.parent)) / kept.name)
    os.rename(old_site, kept)


def _exchange(first: Path, second: Path) -> bool:
    rename_exchange, at_fdcwd = 2, -100
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    done: int = renameat2(at_fdcwd, os.fsencode(first), at_fdcwd, os.fsencode(second), rename_exchange)
    return done == 0


def _remove_leftovers(folder: Path) -> None:
    """Builds that were killed and sites no longer kept."""
    for path in folder.iterdir():
        if path.is_dir() and path.name.startswith((BUILD_PREFIX, OLD_PREFIX)):
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One publish or rollback at a time: a second one waits rather than racing for ``site/``."""
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
