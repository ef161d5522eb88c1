"""Atomic publishing, ``python -m ricdm publish``: build beside ``site/``, swap it in only when the build passed.

A failed build (data error, strict warning) or an interrupted one (Ctrl-C, power cut, SIGKILL)
never touches the published ``site/``: visitors keep the last good site, byte for byte.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUILD_PREFIX = ".site-build-"
OLD_PREFIX = ".site-old-"
LOCK_NAME = ".site-publish.lock"


class PublishError(Exception):
    """The build failed: its output says why; ``site/`` is unchanged."""


def publish(root: Path, site_dir: Path | None = None, mkdocs_args: tuple[str, ...] = ()) -> Path:
    """Build ``root`` with ``mkdocs build --strict`` and make the result ``site_dir`` in one step."""
    root = root.resolve()
    site_dir = (site_dir or root / "site").resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(site_dir.parent / LOCK_NAME):
        _remove_leftovers(site_dir.parent)
        build_dir = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=site_dir.parent))
        try:
            _build(root, build_dir, mkdocs_args)
            build_dir.chmod(0o755)  # mkdtemp makes it private; the web server must read it
            _swap_in(build_dir, site_dir)
        finally:
            _remove_leftovers(site_dir.parent)
    return site_dir


def _build(root: Path, build_dir: Path, mkdocs_args: tuple[str, ...]) -> None:
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(build_dir), *mkdocs_args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(root)}
    result = subprocess.run(command, cwd=root, env=env)
    if result.returncode != 0:
        raise PublishError(f"the build failed (exit {result.returncode}): the published site was not changed")


def _swap_in(build_dir: Path, site_dir: Path) -> None:
    """Exchange the two folders atomically (Linux renameat2), else with two renames and no copy."""
    if not site_dir.exists():
        os.rename(build_dir, site_dir)
        return
    if _exchange(build_dir, site_dir):
        return  # build_dir now holds the previous site: removed as a leftover
    old = Path(tempfile.mkdtemp(prefix=OLD_PREFIX, dir=site_dir.parent))
    os.rename(site_dir, old / "site")
    os.rename(build_dir, site_dir)


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
    """Builds that were killed and previous sites already swapped out."""
    for path in folder.iterdir():
        if path.is_dir() and path.name.startswith((BUILD_PREFIX, OLD_PREFIX)):
            shutil.rmtree(path, ignore_errors=True)


@contextmanager
def _exclusive(lock_path: Path) -> Iterator[None]:
    """One publish at a time: a second one waits rather than racing for ``site/``."""
    with open(lock_path, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
