"""Rules that span records or files (unique ids, known sources, groups and CDMs, required labels).

Checked on the raw YAML, so that they report at their file:line alongside the field errors of the models.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, TypeGuard

from .errors import DataError
from .labels import missing_labels
from .yamlsource import Path_, YamlDocument, dotted


def cross_check(
    documents: dict[str, YamlDocument], cited: Mapping[str, frozenset[str]] | None = None
) -> list[DataError]:
    """Rules that span records or files, checked on the raw data so they report alongside field errors.

    ``cited``: the sources each document cites (``cited_sources``), by the same names, where the caller kept them
    (``validation.RecordMemo`` keeps them per record): a document citing only known sources is not walked again.
    """
    cited = cited or {}
    errors: list[DataError] = []
    source_ids = set(_ids(documents.get("sources.yaml"), "sources"))
    seen_sections: dict[str, tuple[YamlDocument, Path_]] = {}
    for name, document in documents.items():
        for list_name in ("cdms", "figures", "groups", "sources", "terms"):
            errors += _duplicates(document, (list_name,))
        for path, item_id in _section_ids(document.data, ("sections",)) if _is_dict(document.data) else []:
            if item_id in seen_sections:
                errors.append(_duplicate(document, path, item_id, _at(*seen_sections[item_id], document)))
            seen_sections.setdefault(item_id, (document, path))
        all_known = name in cited and cited[name] <= source_ids  # then a walk would find nothing
        if source_ids and not all_known and document.display_path.rsplit("/", 1)[-1] != "sources.yaml":
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
    errors += _defining_sections(documents.get("termbase.yaml"), seen_sections)
    errors += _unknown_groups(documents.get("indicators.yaml"))
    cdm_ids = _ids(documents.get("cdms.yaml"), "cdms")
    unique = len(cdm_ids) == len(set(cdm_ids))  # else a duplicate id, reported above: unknown points would echo it
    errors += _located_cdms(documents.get("locations.yaml"), set(cdm_ids) if unique else set())
    errors += missing_labels(documents.get("labels.yaml"))
    return errors


def _error(document: YamlDocument, path: Path_, problem: str, expected: str) -> DataError:
    return DataError(document.display_path, document.line_of(path), dotted(path), problem, expected)


def _is_dict(value: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(value, dict)


def _items(document: YamlDocument | None, list_name: str) -> list[Any]:
    if document is None or not _is_dict(document.data):
        return []
    items = document.data.get(list_name)
    return items if isinstance(items, list) else []


def record_positions(document: YamlDocument, list_name: str, key: str = "id") -> dict[str, int]:
    """Where each record of ``list_name`` stands in the file, by its ``key``.

    Data read around its problems may hold only some of the file's records: their positions are the file's.
    """
    return {
        item[key]: position
        for position, item in enumerate(_items(document, list_name))
        if _is_dict(item) and isinstance(item.get(key), str)
    }


def _ids(document: YamlDocument | None, list_name: str) -> list[str]:
    return [item["id"] for item in _items(document, list_name) if _is_dict(item) and isinstance(item.get("id"), str)]


def _duplicates(document: YamlDocument, path: tuple[str]) -> list[DataError]:
    errors: list[DataError] = []
    seen: dict[str, int] = {}
    for index, item in enumerate(_items(document, path[0])):
        item_id = item.get("id") if _is_dict(item) else None
        if not isinstance(item_id, str):
            continue
        if item_id in seen:
            first = _at(document, (*path, seen[item_id], "id"), document)
            errors.append(_duplicate(document, (*path, index, "id"), item_id, first))
        seen.setdefault(item_id, index)
    return errors


def _duplicate(document: YamlDocument, path: Path_, item_id: str, first: str) -> DataError:
    """The second use of an id, naming the first (``line 8 (cdms[0].id)``, or its file:line in another file)."""
    return _error(
        document, path, f"duplicate id {item_id!r}, already at {first}", "ids are unique: change one of the two"
    )


def _at(document: YamlDocument, path: Path_, seen_from: YamlDocument) -> str:
    """Where ``path`` stands: ``line 8 (cdms[0].id)`` seen from the same file, else ``data/charter.yaml:8 (…)``."""
    line = document.line_of(path)
    where = f"line {line}" if document is seen_from else f"{document.display_path}:{line}"
    return f"{where} ({dotted(path)})"


def _section_ids(sections: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    if _is_dict(sections):
        sections = sections.get("sections")
    if not isinstance(sections, list):
        return
    for index, section in enumerate(sections):
        if _is_dict(section):
            if isinstance(section.get("id"), str):
                yield (*path, index, "id"), section["id"]
            yield from _section_ids(section.get("sections"), (*path, index, "sections"))


def _defining_sections(
    document: YamlDocument | None, sections: Mapping[str, tuple[YamlDocument, Path_]]
) -> list[DataError]:
    """Each termbase ``section:`` names a section that has a paragraph: the glossary shows its first."""
    errors: list[DataError] = []
    for index, term in enumerate(_items(document, "terms") if document else []):
        ref = term.get("section") if _is_dict(term) else None
        if document is None or not isinstance(ref, str):
            continue
        where = sections.get(ref)
        if where is None or not _paragraphs(*where):
            problem = f"unknown section {ref!r}" if where is None else f"section {ref!r} has no paragraph"
            expected = 'the id of a section with paragraphs in data/charter.yaml, e.g. "pillar-science"'
            errors.append(_error(document, ("terms", index, "section"), problem, expected))
    return errors


def _paragraphs(document: YamlDocument, path: Path_) -> bool:
    """Whether the section whose ``id`` stands at ``path`` has at least one paragraph."""
    node: Any = document.data
    for key in path[:-1]:
        node = node[key]
    return _is_dict(node) and isinstance(node.get("paragraphs"), list) and bool(node["paragraphs"])


def cited_sources(value: object) -> frozenset[str]:
    """Every source id ``value`` (raw data: a file, a record) cites in a ``source:`` field, at any depth."""
    return frozenset(ref for _, ref in _source_refs(value, ()))


def _source_refs(value: object, path: Path_) -> Iterator[tuple[Path_, str]]:
    """Every ``source: "..."`` (or a figure's ``year_source``) in raw data, with its path in the file."""
    if _is_dict(value):
        for key, child in value.items():
            if key in ("source", "year_source") and isinstance(child, str):
                yield (*path, key), child
            else:
                yield from _source_refs(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _source_refs(child, (*path, index))


def _located_cdms(document: YamlDocument | None, cdm_ids: set[str]) -> list[DataError]:
    """Each map point names an existing CDM (unless ``cdm_ids`` is empty: unknown), once."""
    if document is None:
        return []
    errors: list[DataError] = []
    seen: dict[str, int] = {}
    for index, place in enumerate(_items(document, "locations")):
        cdm = place.get("cdm") if _is_dict(place) else None
        if not isinstance(cdm, str):
            continue
        path = ("locations", index, "cdm")
        if cdm_ids and cdm not in cdm_ids:
            errors.append(_error(document, path, f"unknown CDM {cdm!r}", "an id of data/cdms.yaml"))
        elif cdm in seen:
            first = _at(document, ("locations", seen[cdm], "cdm"), document)
            errors.append(_error(document, path, f"duplicate CDM {cdm!r}, already at {first}", "one point per CDM"))
        seen.setdefault(cdm, index)
    return errors


def _unknown_groups(document: YamlDocument | None) -> list[DataError]:
    if document is None:
        return []
    group_ids = set(_ids(document, "groups"))
    errors: list[DataError] = []
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
