"""Everything the build stops on, found without building: shared by the MkDocs hook and ``python -m ricdm check``."""

from __future__ import annotations

from pathlib import Path

from .dataset import load_dataset_cached
from .errors import DataError, DataErrors
from .parity import check_page_twins


def find_problems(root: Path, docs_dir: Path | None = None) -> list[DataError]:
    """Data and page-twin problems together, sorted, each once; empty when the project can be built."""
    docs_dir = docs_dir or root / "docs"
    problems = check_page_twins(docs_dir, display_root=_relative(docs_dir, root))
    try:
        load_dataset_cached(root / "data")
    except DataErrors as failure:
        problems = failure.errors + problems
    return DataErrors(problems).errors if problems else []


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
