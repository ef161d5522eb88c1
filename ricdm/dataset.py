"""The site's data as one typed, immutable ``Dataset``: every file read once, validated whole, then assembled.

The jobs around it live beside it: ``datafiles`` (which files, which models), ``labels`` (what the templates
need), ``crossfile`` (rules spanning records and files). A build keeps its ``Dataset`` on ``build.SiteBuild``.
"""

from __future__ import annotations

import datetime
import hashlib
import typing
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, TypeGuard, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from . import models
from .cache import DiskCache
from .crossfile import cross_check
from .datafiles import DATA_FILES
from .errors import DataError, DataErrors
from .validation import Checked, RecordMemo
from .yamlitems import ItemMemo
from .yamlsource import YamlDocument, read_text

__all__ = ["DATA_FILES", "Dataset", "FileMemo", "InvalidData", "load_dataset", "load_dataset_cached"]

T = TypeVar("T")

CDM_FIELDS = ("cdms", "cdm_index")
"""The Dataset's fields holding the CDMs' records: each page that shows one has it in its own key."""
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Dataset:
    """All site data, validated; shared by every page and both languages."""

    cdms: tuple[models.Cdm, ...]
    figures: dict[str, models.Figure]
    groups: dict[str, models.FigureGroup]
    sources: dict[str, models.Source]
    sections: dict[str, models.Section]
    terms: tuple[models.Term, ...]
    termbase: models.TermbaseFile
    """Each recurring French term with its one English rendering (data/termbase.yaml)."""
    labels: dict[str, models.Text]
    locations: dict[str, models.CdmLocation]
    """Map points by CDM id; a CDM without one is listed, not drawn."""

    cdm_index: dict[str, models.Cdm]
    """The same CDMs by id: a profile looks its CDM up instead of scanning the list."""

    _derived: dict[Callable[..., object], object] = field(default_factory=dict, compare=False, repr=False)
    """Values computed from the whole dataset, by the function that computes them (see ``derived``)."""

    cache: DiskCache = field(default=DiskCache(None), compare=False, repr=False)
    """Where results derived from this data (map outlines, compiled templates) may be kept between builds."""

    shapes: Path | None = field(default=None, compare=False, repr=False)
    """The map's country shapes, found from the project root by ``checks.checked_dataset`` (None: no map)."""

    unsure: dict[str, frozenset[str] | None] = field(default_factory=dict, compare=False, repr=False)
    """Empty for valid data. For data read around its problems (``InvalidData.readable``): each kind of record
    ("cdms", "figures", "groups", "sections"…) some of whose records did not validate, with every id its files give,
    valid or not (None: a file could not be read at all). A check says nothing of an id it cannot judge."""

    changed: datetime.date | None = field(default=None, compare=False, repr=False)
    """When the data last changed (``ricdm.freshness``), set by the build: citations quote it (``ricdm.cite``)."""

    def cdm(self, cdm_id: str) -> models.Cdm:
        return self.cdm_index[cdm_id]

    def shared(self) -> list[object]:
        """Every field of the data but the CDMs' records: what any page may show (``ricdm.inputs.SiteInputs``).

        Found from the fields themselves, so a new data file is in it without anyone listing it; the fields that
        are not data (``compare=False``: caches, the shapes file) belong to the code and the project.
        """
        return [getattr(self, item.name) for item in fields(self) if item.compare and item.name not in CDM_FIELDS]

    def derived(self, compute: Callable[[Dataset], T]) -> T:
        """``compute(self)``, computed once per dataset: e.g. the map layout both languages draw."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return cast(T, self._derived[compute])


@dataclass(repr=False)
class FileMemo:
    """Each data file read and validated, by a digest of its bytes, for the preview to keep between its builds.

    An edit then reads again only the file edited, and in it only the records edited (``items``, ``records``).
    Only files that read without a YAML error are kept; nothing in a kept entry is changed by its readers
    (``cross_check`` and the assembly only read).
    """

    files: dict[str, tuple[bytes, YamlDocument, Checked]] = field(default_factory=dict)
    items: dict[str, ItemMemo] = field(default_factory=dict)
    """Each file's list items as last parsed (``yamlitems``): editing one CDM parses that CDM again, not the file."""
    records: dict[str, RecordMemo] = field(default_factory=dict)
    """Each file's records as last validated (``validation``): editing one CDM validates that CDM again."""

    def read(self, path: Path, display_path: str, model: type[BaseModel]) -> tuple[YamlDocument, Checked]:
        if not path.is_file():
            return self._parse(path, display_path, model, None, b"")
        content = path.read_bytes()
        digest = hashlib.blake2b(content, digest_size=16).digest() + str(datetime.date.today().year).encode()
        known = self.files.get(display_path)
        if known is not None and known[0] == digest:
            return known[1], known[2]
        return self._parse(path, display_path, model, content, digest)

    def _parse(
        self, path: Path, display_path: str, model: type[BaseModel], content: bytes | None, digest: bytes
    ) -> tuple[YamlDocument, Checked]:
        text = read_text(path, display_path, content)  # the bytes digested (an edit meanwhile is the next build's)
        items = self.items.setdefault(display_path, ItemMemo())
        document = items.read(text, display_path)
        checked = self.records.setdefault(display_path, RecordMemo()).check(model, document, items.keys)
        if digest:
            self.files[display_path] = (digest, document, checked)
        return document, checked


class InvalidData(DataErrors):
    """Every data problem, with the data that could be read around them (``readable``).

    The pages and the map points are checked against it in the same run: problems do not come in rounds (a typo in
    a page found only once a CDM's missing translation is written).
    """

    def __init__(self, errors: list[DataError], readable: Dataset):
        super().__init__(errors)
        self.readable = readable


def load_dataset(data_dir: Path, display_root: str = "data", memo: FileMemo | None = None) -> Dataset:
    """Read and validate every data file; raise ``InvalidData`` listing all problems at once."""
    documents: dict[str, YamlDocument] = {}
    cited: dict[str, frozenset[str]] = {}
    parsed: dict[str, BaseModel] = {}
    errors: list[DataError] = []
    memo = memo or FileMemo()
    for name, model in DATA_FILES.items():
        try:
            document, checked = memo.read(data_dir / name, f"{display_root}/{name}", model)
        except DataErrors as failure:
            errors.extend(failure.errors)
            continue
        documents[name] = document
        cited[name] = checked.cited
        errors.extend(checked.problems)
        if checked.instance is not None:
            parsed[name] = checked.instance
    errors.extend(cross_check(documents, cited))
    if errors:
        raise InvalidData(errors, _readable(parsed, documents))
    return _assemble(parsed)


def _readable(parsed: dict[str, BaseModel], documents: dict[str, YamlDocument]) -> Dataset:
    """The files that validated, and of the others every record that validates on its own (``Dataset.unsure``).

    A record whose id is given twice is left out too (a CDM's country, a section's paragraphs: which one?); its
    duplicate is named, and pages calling it are not judged.
    """
    whole = dict(parsed)
    unsure: dict[str, frozenset[str] | None] = {}
    given: dict[str, list[str]] = {}
    for name, model in DATA_FILES.items():
        document = documents.get(name)
        raw = document.data if document is not None else None
        for kind in model.model_fields:
            ids = _raw_ids(raw, kind)
            given.setdefault(kind, []).extend(ids or [])
            if name not in parsed:
                before = unsure.get(kind, frozenset())
                unsure[kind] = None if ids is None or before is None else before | frozenset(ids)
        if name not in parsed:
            whole[name] = _salvaged(model, raw)
    twice = {kind: {item for item, count in Counter(ids).items() if count > 1} for kind, ids in given.items()}
    for kind, ids in given.items():
        if twice[kind] and unsure.get(kind, frozenset()) is not None:
            unsure[kind] = frozenset(ids) | (unsure.get(kind) or frozenset())
    data = _assemble(whole)
    cdms = tuple(cdm for cdm in data.cdms if cdm.id not in twice["cdms"])
    return replace(
        data,
        cdms=cdms,
        cdm_index={cdm.id: cdm for cdm in cdms},
        figures={key: value for key, value in data.figures.items() if key not in twice["figures"]},
        groups={key: value for key, value in data.groups.items() if key not in twice["groups"]},
        sections={key: value for key, value in data.sections.items() if key not in twice["sections"]},
        unsure=unsure,
    )


def _salvaged(model: type[M], raw: object) -> M:
    """``model`` made of the entries of ``raw`` (a file's data) that validate on their own, without its own rules."""
    values: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        given = raw.get(name) if isinstance(raw, dict) else None
        adapter: TypeAdapter[object] = TypeAdapter(cast(Any, info.annotation))
        if typing.get_origin(info.annotation) is dict:
            pairs = given.items() if isinstance(given, dict) else []
            values[name] = {key: kept for key, value in pairs for kept in _valid(adapter, {key: value}).values()}
        else:
            items = given if isinstance(given, list) else []
            values[name] = [kept for item in items for kept in _valid(adapter, [item])]
    return model.model_construct(**values)


def _valid(adapter: TypeAdapter[object], value: T) -> T:
    """``value`` validated (a one-entry list or mapping), or emptied when its entry does not validate."""
    try:
        return cast(T, adapter.validate_python(value))
    except ValidationError:
        return type(value)()


def _raw_ids(raw: object, list_name: str) -> list[str] | None:
    """Every ``id`` the entries of ``raw[list_name]`` give, nested sections included; None when there is no list."""
    items = raw.get(list_name) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        return None
    ids: list[str] = []
    for item in items:
        if isinstance(item, dict):
            if isinstance(item.get("id"), str):
                ids.append(item["id"])
            ids += _raw_ids(item, "sections") or []
    return ids


def _assemble(parsed: dict[str, BaseModel]) -> Dataset:
    sections: dict[str, models.Section] = {}
    for name, model in DATA_FILES.items():
        if model is models.SectionsFile:
            for section in _walk_sections(_file(parsed, name, models.SectionsFile).sections):
                sections[section.id] = section
    indicators = _file(parsed, "indicators.yaml", models.IndicatorsFile)
    cdms = tuple(_file(parsed, "cdms.yaml", models.CdmsFile).cdms)
    return Dataset(
        cdms=cdms,
        figures={figure.id: figure for figure in indicators.figures},
        groups={group.id: group for group in indicators.groups},
        sources={source.id: source for source in _file(parsed, "sources.yaml", models.SourcesFile).sources},
        sections=sections,
        terms=tuple(_file(parsed, "glossary.yaml", models.GlossaryFile).terms),
        termbase=_file(parsed, "termbase.yaml", models.TermbaseFile),
        labels=dict(_file(parsed, "labels.yaml", models.LabelsFile).labels),
        locations={place.cdm: place for place in _file(parsed, "locations.yaml", models.LocationsFile).locations},
        cdm_index={cdm.id: cdm for cdm in cdms},
    )


def _file(parsed: dict[str, BaseModel], name: str, model: type[M]) -> M:
    """One validated file as the model ``DATA_FILES`` gives it: typed for the callers, checked here."""
    instance = parsed[name]
    if not isinstance(instance, model):
        raise TypeError(f"{name} was read as {type(instance).__name__}, not {model.__name__}: see DATA_FILES")
    return instance


def _walk_sections(sections: list[models.Section]) -> Iterator[models.Section]:
    for section in sections:
        yield section
        yield from _walk_sections(section.sections)


def load_dataset_cached(data_dir: Path, cache: DiskCache, memo: FileMemo | None = None) -> Dataset:
    """``load_dataset``, read back from ``cache`` when every data file, the year and the validating code are unchanged.

    The entry is named by the bytes of each data file: any edit misses and is validated (only a valid dataset is
    ever stored, as ``load_dataset`` raises on bad data); an entry that cannot be read back is a miss too. A ``memo``
    (the preview) is always filled, never skipped by a cache hit: its first edit then re-reads only what changed.
    A memo that already holds files is read through alone, without the cache (it reads and hashes every file)
    and without storing: writing the whole dataset again at each save would cost more than the memo saves.
    """
    if memo is not None and memo.files:
        return replace(load_dataset(data_dir, memo=memo), cache=cache, _derived={})
    if memo is not None:
        return replace(load_dataset(data_dir, memo=memo), cache=cache)

    def make() -> Dataset:
        return replace(load_dataset(data_dir), cache=DiskCache(None), _derived={})

    dataset = cache.kept("dataset", data_reads(data_dir), make, _is_dataset)
    return replace(dataset, cache=cache, _derived={})


def _is_dataset(value: object) -> TypeGuard[Dataset]:
    return isinstance(value, Dataset)


def data_reads(data_dir: Path) -> list[bytes | str]:
    """Every data file's bytes and the year (validators bound years by today's)."""
    reads: list[bytes | str] = [str(datetime.date.today().year)]
    for name in DATA_FILES:
        path = data_dir / name
        reads += [name, path.read_bytes() if path.is_file() else "missing"]
    return reads
