"""Everything the build stops on, found without building: shared by the MkDocs hook and ``python -m ricdm check``."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TypeGuard

from . import geo
from .cache import DiskCache
from .dataset import Dataset, FileMemo, InvalidData, load_dataset_cached
from .entries import check_entry_sources
from .errors import DataError, DataErrors
from .navcheck import check_nav
from .pagecheck import check_pages
from .parity import check_page_twins
from .places import check_locations, map_notes
from .yamlsource import bounded_yaml_problems


def checked_dataset(root: Path, docs_dir: Path | None = None, memo: FileMemo | None = None) -> Dataset:
    """The project's data once data, page twins and block calls are valid; else ``DataErrors`` listing them all."""
    docs_dir = docs_dir or root / "docs"
    display_root = _relative(docs_dir, root)
    problems = bounded_yaml_problems(root, docs_dir) + check_page_twins(docs_dir, display_root=display_root)
    problems += check_nav(root, docs_dir, display_root=display_root)
    data: Dataset | None = None
    readable: Dataset | None = None  # valid data, or what could be read around its problems: every check runs
    cache = DiskCache.for_project(root)
    try:
        data = readable = load_dataset_cached(root / "data", cache, memo)
    except InvalidData as failure:
        problems = failure.errors + problems
        readable = failure.readable
    except DataErrors as failure:
        problems = failure.errors + problems
    problems += check_pages(docs_dir, readable, display_root=display_root)
    if readable is not None:
        places = (
            _checked_locations(root / "data", readable, cache) if data else check_locations(root / "data", readable)
        )
        problems += places + check_entry_sources(root / "data", readable)
    problems += geo.missing_shapes(root)
    if problems or data is None:
        raise DataErrors(problems)
    return replace(data, shapes=geo.shapes_path(root), _derived={})


def _checked_locations(data_dir: Path, data: Dataset, cache: DiskCache) -> list[DataError]:
    """``check_locations``, kept in the build cache: reading the gazetteer is most of a small build's checks.

    It reads locations.yaml and each CDM's id and countries (and the pinned gazetteer, a library: ``inputs.code``),
    which name the entry: an edit elsewhere in a CDM (its name, its story) does not check the places again.
    """
    places = data_dir / "locations.yaml"
    countries = repr([(cdm.id, cdm.country, cdm.territory) for cdm in data.cdms])
    reads = (places.read_bytes() if places.is_file() else "missing", countries)
    return cache.kept("places", reads, lambda: check_locations(data_dir, data), _is_problems)


def _is_problems(value: object) -> TypeGuard[list[DataError]]:
    return isinstance(value, list) and all(isinstance(problem, DataError) for problem in value)


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
