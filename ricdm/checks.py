"""Everything the build stops on, found without building: shared by the MkDocs hook and ``python -m ricdm check``."""

from __future__ import annotations

from pathlib import Path

from .cache import DiskCache
from .dataset import Dataset, load_dataset_cached
from .entries import check_entry_sources
from .errors import DataError, DataErrors
from .pagecheck import check_pages
from .parity import check_page_twins
from .places import check_locations, map_notes
from .yamlsource import bounded_yaml_problems


def checked_dataset(root: Path, docs_dir: Path | None = None) -> Dataset:
    """The project's data once data, page twins and block calls are valid; else ``DataErrors`` listing them all."""
    docs_dir = docs_dir or root / "docs"
    display_root = _relative(docs_dir, root)
    problems = bounded_yaml_problems(root, docs_dir) + check_page_twins(docs_dir, display_root=display_root)
    data: Dataset | None = None
    try:
        data = load_dataset_cached(root / "data", DiskCache.for_project(root))
    except DataErrors as failure:
        problems = failure.errors + problems
    problems += check_pages(docs_dir, data, display_root=display_root)
    if data is not None:
        problems += check_locations(root / "data", data) + check_entry_sources(root / "data", data)
    if problems or data is None:
        raise DataErrors(problems)
    return data


def find_problems(root: Path, docs_dir: Path | None = None) -> list[DataError]:
    """Data, page-twin and block-call problems together, sorted, each once; empty when the project can be built."""
    try:
        checked_dataset(root, docs_dir)
    except DataErrors as failure:
        return failure.errors
    return []


def find_notes(root: Path) -> list[DataError]:
    """What ``check`` tells staff about a valid project: CDMs listed under "Not on the map" rather than drawn."""
    try:
        data = checked_dataset(root)
    except DataErrors:
        return []
    return map_notes(root / "data", data)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
