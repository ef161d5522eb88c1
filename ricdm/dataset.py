"""Load every data file once, validate it whole, and hand out one immutable Dataset."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel

from . import models
from .cache import DiskCache, code_version, fingerprint
from .errors import DataError, DataErrors
from .validation import validate_document
from .yamlsource import YamlDocument, dotted, load_yaml

T = TypeVar("T")

DATA_FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": models.SourcesFile,
    "labels.yaml": models.LabelsFile,
    "cdms.yaml": models.CdmsFile,
    "indicators.yaml": models.IndicatorsFile,
    "glossary.yaml": models.GlossaryFile,
    "charter.yaml": models.SectionsFile,
    "network.yaml": models.SectionsFile,
    "governance.yaml": models.SectionsFile,
    "report.yaml": models.SectionsFile,
    "bibliography.yaml": models.SectionsFile,
    "locations.yaml": models.LocationsFile,
}
"""Every data file the site reads, with the model it must follow."""

REQUIRED_LABELS = (
    "not-reported",
    "source",
    "sources",
    "added-by-editors",
    "timeline-undated",
    "network-countries",
    "note",
    "country",
    "status",
    "year",
    "founded",
    "name",
    "names",
    "entry-source",
    "entry-staff",
    "entry-staff-short",
    "context",
    "founding-issues",
    "governance",
    "associated-centres",
    "bodies",
    "european-networks",
    "actions",
    "ricdm-board",
    "directory-count",
    "status-accredited",
    "status-prefiguration",
    "status-project",
    "status-candidate",
    "status-closed",
    "status-reopened",
    "status-created",
    "seo-founded",
    "seo-profile-about",
    "dataset-cdms",
    "dataset-indicators",
    "qual-about",
    "qual-more-than",
    "qual-nearly",
    "back-to-directory",
    "figure",
    "value",
    "original-french",
    "directory-filters",
    "directory-all",
    "by-country",
    "by-status",
    "by-decade",
    "decade",
    "decade-unknown",
    "decade-of-creation",
    "filter-all",
    "filter-shown",
    "filter-help",
    "chart-data",
    "timeline-chart-title",
    "timeline-chart-summary",
    "timeline-legend-cdm",
    "timeline-legend-project",
    "map-title",
    "map-help",
    "map-europe",
    "map-paris-region",
    "map-unplaced",
    "map-credit",
    "ricdm-name",
    "cite-report",
    "cite-this-figure",
    "opendata-heading",
    "opendata-cdms",
    "opendata-indicators",
    "opendata-rows",
    "opendata-cite",
    "key-figures",
    "also-reported",
    "note-summary",
    "note-fold",
    "page-sources",
    "page-sources-intro",
    "all-sources",
    "read-more",
    "licence",
    "error-contact",
    "licence-heading",
    "publisher",
    "report-heading",
    "data-changed",
    "data-changed-git",
    "data-changed-mtime",
    "downloads",
    "report-error",
    "about-site",
    "summary-heading",
    "associated-count",
    "location",
    "sections-not-reported",
    "map-of",
    "map-list",
    "data-changed-heading",
    "data-changed-where",
    "status-history",
    "associated-described",
    "copy",
    "copied",
)
"""Labels the templates use: a missing one is a data error, not a broken page."""


@dataclass(frozen=True)
class Dataset:
    """All site data, validated; shared by every page and both languages."""

    cdms: tuple[models.Cdm, ...]
    figures: dict[str, models.Figure]
    groups: dict[str, models.FigureGroup]
    sources: dict[str, models.Source]
    sections: dict[str, models.Section]
    terms: tuple[models.Term, ...]
    labels: dict[str, models.Text]
    locations: dict[str, models.CdmLocation]
    """Map points by CDM id; a CDM without one is listed, not drawn."""

    cdm_index: dict[str, models.Cdm]
    """The same CDMs by id: a profile looks its CDM up instead of scanning the list."""

    _derived: dict[Callable[..., object], object] = field(default_factory=dict, compare=False, repr=False)
    """Values computed from the whole dataset, by the function that computes them (see ``derived``)."""

    cache: DiskCache = field(default=DiskCache(None), compare=False, repr=False)
    """Where results derived from this data (map outlines, compiled templates) may be kept between builds."""

    def cdm(self, cdm_id: str) -> models.Cdm:
        return self.cdm_index[cdm_id]

    def derived(self, compute: Callable[[Dataset], T]) -> T:
        """``compute(self)``, computed once per dataset: e.g. the map layout both languages draw."""
        if compute not in self._derived:
            self._derived[compute] = compute(self)
        return cast(T, self._derived[compute])


def load_dataset(data_dir: Path, display_root: str = "data") -> Dataset:
    """Read and validate every data file; raise DataErrors listing all problems at once."""
    documents: dict[str, YamlDocument] = {}
    parsed: dict[str, BaseModel] = {}
    errors: list[DataError] = []
    for name, model in DATA_FILES.items():
        try:
            document = load_yaml(data_dir / name, f"{display_root}/{name}")
        except DataErrors as failure:
            errors.extend(failure.errors)
            continue
        documents[name] = document
        instance, problems = validate_document(model, document)
        errors.extend(problems)
        if instance is not None:
            parsed[name] = instance
    errors.extend(cross_check(documents))
    if errors:
        raise DataErrors(errors)
    return _assemble(parsed)


def _assemble(parsed: dict[str, BaseModel]) -> Dataset:
    sections: dict[str, models.Section] = {}
    for name, model in DATA_FILES.items():
        if model is models.SectionsFile:
            for section in _walk_sections(parsed[name].sections):
                sections[section.id] = section
    indicators = parsed["indicators.yaml"]
    cdms = tuple(parsed["cdms.yaml"].cdms)
    return Dataset(
        cdms=cdms,
        figures={figure.id: figure for figure in indicators.figures},
        groups={group.id: group for group in indicators.groups},
        sources={source.id: source for source in parsed["sources.yaml"].sources},
        sections=sections,
        terms=tuple(parsed["glossary.yaml"].terms),
        labels=dict(parsed["labels.yaml"].labels),
        locations={place.cdm: place for place in parsed["locations.yaml"].locations},
        cdm_index={cdm.id: cdm for cdm in cdms},
    )


def _walk_sections(sections: list[models.Section]) -> Iterator[models.Section]:
    for section in sections:
        yield section
        yield from _walk_sections(section.sections)


def cross_check(documents: dict[str, YamlDocument]) -> list[DataError]:
    """Rules that span records or files, checked on the raw data so they report alongside field errors."""
    errors: list[DataError] = []
    source_ids = set(_ids(documents.get("sources.yaml"), "sources"))
    seen_sections: dict[str, str] = {}
    for document in documents.values():
        for list_name in ("cdms", "figures", "groups", "sources", "terms"):
            errors += _duplicates(document, (list_name,))
        for path, item_id in _section_ids(document.data, ("sections",)) if _is_dict(document.data) else []:
            where = f"{document.display_path}:{document.line_of(path)}"
            if item_id in seen_sections:
                errors.append(
                    _error(
                        document,
                        path,
                        f"duplicate id {item_id!r}",
                        f"ids are unique; {seen_sections[item_id]} has it already",
                    )
                )
            seen_sections.setdefault(item_id, where)
        if source_ids and document.display_path.rsplit("/", 1)[-1] != "sources.yaml":
            for path, ref in _source_refs(document.data, ()):
                if ref not in source_ids:
                    errors.append(
                        _error(
                            document,
                            path,
                            f"unknown source {ref!r}",
                            'an id listed in data/sources.yaml, e.g. "§4.4.1"',
                        )
                    )
    errors += _unknown_groups(documents.get("indicators.yaml"))
    cdm_ids = _ids(documents.get("cdms.yaml"), "cdms")
    if len(cdm_ids) == len(set(cdm_ids)):  # a duplicate id is reported above; the map points would only echo it
        errors += _located_cdms(documents.get("locations.yaml"), set(cdm_ids))
    errors += _missing_labels(documents.get("labels.yaml"))
    return errors


def _error(document: YamlDocument, path: tuple, problem: str, expected: str) -> DataError:
    return DataError(document.display_path, document.line_of(path), dotted(path), problem, expected)


def _is_dict(value: object) -> bool:
    return isinstance(value, dict)


def _items(document: YamlDocument | None, list_name: str) -> list:
    if document is None or not _is_dict(document.data):
        return []
    items = document.data.get(list_name)
    return items if isinstance(items, list) else []


def _ids(document: YamlDocument | None, list_name: str) -> list[str]:
    return [item["id"] for item in _items(document, list_name) if _is_dict(item) and isinstance(item.get("id"), str)]


def _duplicates(document: YamlDocument, path: tuple) -> list[DataError]:
    errors, seen = [], {}
    for index, item in enumerate(_items(document, path[0])):
        item_id = item.get("id") if _is_dict(item) else None
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            errors.append(
                _error(
                    document,
                    (*path, index, "id"),
                    f"duplicate id {item_id!r}",
                    f"ids are unique; {dotted((*path, seen[item_id]))} has it already",
                )
            )
        seen.setdefault(item_id, index)
    return errors


def _section_ids(sections: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    if _is_dict(sections):
        sections = sections.get("sections")
    if not isinstance(sections, list):
        return
    for index, section in enumerate(sections):
        if _is_dict(section):
            if isinstance(section.get("id"), str):
                yield (*path, index, "id"), section["id"]
            yield from _section_ids(section.get("sections"), (*path, index, "sections"))


def _source_refs(value: object, path: tuple) -> Iterator[tuple[tuple, str]]:
    """Every ``source: "..."`` in raw data, with its path in the file."""
    if _is_dict(value):
        for key, child in value.items():
            if key == "source" and isinstance(child, str):
                yield (*path, key), child
            else:
                yield from _source_refs(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _source_refs(child, (*path, index))


def _located_cdms(document: YamlDocument | None, cdm_ids: set[str]) -> list[DataError]:
    """Each map point names an existing CDM, once."""
    errors, seen = [], set()
    for index, place in enumerate(_items(document, "locations")):
        cdm = place.get("cdm") if _is_dict(place) else None
        if not isinstance(cdm, str):
            continue
        path = ("locations", index, "cdm")
        if cdm_ids and cdm not in cdm_ids:
            errors.append(_error(document, path, f"unknown CDM {cdm!r}", "an id of data/cdms.yaml"))
        elif cdm in seen:
            errors.append(_error(document, path, f"duplicate CDM {cdm!r}", "one point per CDM"))
        seen.add(cdm)
    return errors


def _unknown_groups(document: YamlDocument | None) -> list[DataError]:
    group_ids = set(_ids(document, "groups"))
    errors = []
    for index, figure in enumerate(_items(document, "figures")):
        group = figure.get("group") if _is_dict(figure) else None
        if isinstance(group, str) and group not in group_ids:
            errors.append(
                _error(
                    document,
                    ("figures", index, "group"),
                    f"unknown group {group!r}",
                    f"one of {', '.join(sorted(group_ids))}",
                )
            )
    return errors


def _missing_labels(document: YamlDocument | None) -> list[DataError]:
    labels = document.data.get("labels") if document and _is_dict(document.data) else None
    if not _is_dict(labels):
        return []
    line = document.line_of(("labels",))
    return [
        DataError(
            document.display_path,
            line,
            f"labels.{key}",
            "missing",
            "the templates need this label in French and English",
        )
        for key in REQUIRED_LABELS
        if key not in labels
    ]


def load_dataset_cached(data_dir: Path, cache: DiskCache) -> Dataset:
    """``load_dataset``, read back from ``cache`` when every data file and the validating code are unchanged.

    The key hashes the bytes of each data file: any edit misses and is validated (only a valid dataset is ever
    stored, as ``load_dataset`` raises on bad data); an entry that cannot be read back is a miss too.
    """
    key = data_key(data_dir)
    dataset = cache.load("dataset", key)
    if not isinstance(dataset, Dataset):
        dataset = load_dataset(data_dir)
        cache.store("dataset", key, replace(dataset, cache=DiskCache(None), _derived={}))
    return replace(dataset, cache=cache, _derived={})


def data_key(data_dir: Path) -> str:
    """Every data file's bytes, the validating code and the year (validators bound years by today's)."""
    parts: list[bytes | str] = [code_version(), str(datetime.date.today().year)]
    for name in DATA_FILES:
        path = data_dir / name
        parts += [name, path.read_bytes() if path.is_file() else "missing"]
    return fingerprint(*parts)
