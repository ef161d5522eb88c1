"""Turn pydantic's validation errors into messages staff can act on; keep the preview's validated records."""

from __future__ import annotations

import difflib
import types
import typing
from dataclasses import dataclass, field

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .crossfile import cited_sources
from .errors import DataError
from .yamlitems import ItemKey
from .yamlsource import Path_, YamlDocument, dotted


def validate_document(model: type[BaseModel], document: YamlDocument) -> tuple[BaseModel | None, list[DataError]]:
    """Validate one parsed file against its model; never raise."""
    try:
        return model.model_validate(document.data), []
    except ValidationError as error:
        return None, explain(error, model, document)


class Checked(typing.NamedTuple):
    """One file validated: its model (None if invalid), its problems, and the sources it cites."""

    instance: BaseModel | None
    problems: list[DataError]
    cited: frozenset[str]
    """Every source id the file cites (``crossfile.cited_sources``): ``cross_check`` walks it only if one is unknown."""


@dataclass(frozen=True)
class Record:
    """One list item of a file, validated, with the sources it cites."""

    model: BaseModel
    cited: frozenset[str]


@dataclass(repr=False)
class RecordMemo:
    """The records of a file that is one list (data/cdms.yaml), each validated once, by its item key.

    Why: validating data/cdms.yaml whole grows with the network (figures in the README), although an edit
    changes one CDM. An item's key (``yamlitems.ItemMemo.keys``: its text and the texts it takes anchors from)
    makes its value, so a record whose key is unchanged is the record validated before; the file is then validated
    with its records already made, which keeps the file's own rules (e.g. at least one CDM). Any problem sends the
    file to ``validate_document`` whole: every error is found and worded as a whole read finds it.
    """

    records: dict[ItemKey, Record] = field(default_factory=dict)

    def check(self, model: type[BaseModel], document: YamlDocument, keys: list[ItemKey | None] | None) -> Checked:
        """``validate_document`` and the cited sources, validating only the records whose key is new."""
        shape = _one_list(model, document.data, keys)
        if shape is None or keys is None:
            self.records = {}
            return _whole(model, document)
        name, record_model, values = shape
        if not self.records:  # the first read: one call validates the file fastest
            instance, problems = validate_document(model, document)
            if instance is None:
                return Checked(instance, problems, cited_sources(document.data))
            made = zip(getattr(instance, name), values, strict=True)
            records = [Record(record, cited_sources(value)) for record, value in made]
            self.records = {key: record for key, record in zip(keys, records, strict=True) if key is not None}
            return Checked(instance, problems, _cited(records))
        kept: dict[ItemKey, Record] = {}
        records = []
        for key, value in zip(keys, values, strict=True):
            record = (kept.get(key) or self.records.get(key)) if key is not None else None
            if record is None:
                try:
                    record = Record(record_model.model_validate(value), cited_sources(value))
                except ValidationError:
                    self.records = kept
                    return _whole(model, document)
            if key is not None:
                kept[key] = record
            records.append(record)
        self.records = kept  # a record no longer in the file is forgotten
        try:
            instance = model.model_validate({name: [record.model for record in records]})
        except ValidationError:
            return _whole(model, document)
        return Checked(instance, [], _cited(records))


def _cited(records: list[Record]) -> frozenset[str]:
    return frozenset[str]().union(*(record.cited for record in records))


def _whole(model: type[BaseModel], document: YamlDocument) -> Checked:
    instance, problems = validate_document(model, document)
    return Checked(instance, problems, cited_sources(document.data))


def _one_list(
    model: type[BaseModel], data: object, keys: list[ItemKey | None] | None
) -> tuple[str, type[BaseModel], list[object]] | None:
    """(field name, record model, raw records) of a file whose model is one list of models, as ``data`` is."""
    if keys is None or len(model.model_fields) != 1 or not isinstance(data, dict) or len(data) != 1:
        return None
    name, info = next(iter(model.model_fields.items()))
    values = data.get(name)
    args = typing.get_args(info.annotation)
    if typing.get_origin(info.annotation) is not list or not isinstance(values, list) or len(values) != len(keys):
        return None
    if len(args) != 1 or not (isinstance(args[0], type) and issubclass(args[0], BaseModel)):
        return None
    return name, args[0], values


def explain(error: ValidationError, model: type[BaseModel], document: YamlDocument) -> list[DataError]:
    """One DataError per distinct field problem, with the line it stands on; a typo is one message, not two."""
    details = error.errors(include_url=False)
    paths = [_data_path(detail["loc"], document.data, detail["type"]) for detail in details]
    typos = _typos(details, paths)
    found: dict[tuple[int, str], DataError] = {}
    for detail, path in zip(details, paths, strict=True):
        if detail["type"] == "missing" and path in typos.values():
            continue  # reported as the typo that caused it
        line = document.line_of(path)
        if path in typos:
            problem, expected = "unknown field (a typo?)", f"did you mean {typos[path][-1]!r}?"
        else:
            problem, expected = _wording(detail, model, path)
        found.setdefault((line, dotted(path)), DataError(document.display_path, line, dotted(path), problem, expected))
    return list(found.values())


def _typos(details: list[ErrorDetails], paths: list[Path_]) -> dict[Path_, Path_]:
    """Map each unknown field that resembles a missing one under the same parent to that missing field."""
    missing = [path for detail, path in zip(details, paths, strict=True) if detail["type"] == "missing"]
    typos: dict[Path_, Path_] = {}
    for detail, path in zip(details, paths, strict=True):
        if detail["type"] != "extra_forbidden" or not path:
            continue
        siblings = [other for other in missing if other[:-1] == path[:-1] and other not in typos.values()]
        match = difflib.get_close_matches(str(path[-1]), [str(other[-1]) for other in siblings], n=1, cutoff=0.75)
        if match:
            typos[path] = next(other for other in siblings if str(other[-1]) == match[0])
    return typos


def _data_path(loc: tuple[str | int, ...], data: object, error_type: str) -> Path_:
    """Keep the parts of pydantic's location that exist in the data (drop union tags)."""
    path: list[str | int] = []
    current = data
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        found, child = _child(current, part)
        if found:
            current = child
            path.append(part)
        elif last and error_type in ("missing", "extra_forbidden") and isinstance(part, str):
            path.append(part)
    return tuple(path)


def _child(container: object, part: str | int) -> tuple[bool, object]:
    """(found, value) of one step of pydantic's location in the raw data."""
    if isinstance(container, dict) and part in container:
        return True, container[part]
    if isinstance(container, list) and isinstance(part, int) and 0 <= part < len(container):
        return True, container[part]
    return False, None


def _wording(detail: ErrorDetails, model: type[BaseModel], path: Path_) -> tuple[str, str]:
    """(what is wrong, what is expected) for one pydantic error."""
    kind = detail["type"]
    value = detail.get("input")
    ctx = detail.get("ctx") or {}
    closed = closed_values(model, path)
    if closed:  # missing, empty or wrong: every message about a closed field names what it allows
        return _closed_wording(kind, value, closed)
    if kind == "missing":
        if path and path[-1] in ("fr", "en"):
            return "missing", "every text needs French and English"
        if path and path[-1] == "source":
            return "missing", 'every fact needs its source, a report section such as "§4.4.1"'
        return "missing", f"this field is required{_closed_inside(model, path)}"
    if kind == "extra_forbidden":
        allowed = allowed_fields(model, path[:-1])
        hint = f"allowed here: {', '.join(allowed)}" if allowed else "remove it"
        return "unknown field (a typo?)", hint
    if value is None and kind in ("string_type", "int_type", "float_type", "date_type", "bool_type"):
        return "no value after the colon", "write the value there"  # a group or list says how to indent, below
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return f"{_shown(value)} is not a whole number", "write digits only, without quotes"
    if kind in ("float_type", "float_parsing"):
        return f"{_shown(value)} is not a number", "write digits only, without quotes"
    if kind in ("date_type", "date_parsing", "date_from_datetime_parsing"):
        return f"{_shown(value)} is not a date", "write the date as 2026-11-30, without quotes"
    if kind in ("string_type",):
        return (
            f"{_shown(value)} is not text",
            "write text (put quotes around it if it looks like a number, a date, yes or no)",
        )
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a group of fields", "indent the fields below this line"
    if kind == "list_type":
        return "expected a list", f"start each entry with '- '{_closed_inside(model, path)}"
    if kind == "too_short":
        return "empty list", f"give at least one entry{_closed_inside(model, path)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        if path and path[-1] == "year":
            return f"impossible year {value}", f"a year between 1900 and {_upper_year()}"
        bound = ctx.get("ge", ctx.get("le"))
        side = "at least" if kind == "greater_than_equal" else "at most"
        return f"{value} is out of range", f"a value {side} {bound}"
    if kind == "value_error":
        message = str(ctx.get("error", detail["msg"]))
        if " — " in message:
            problem, expected = message.split(" — ", 1)
            return problem, expected
        return message, _expectation(message)
    return detail["msg"], ""


def _closed_wording(kind: str, value: object, closed: tuple[str, ...]) -> tuple[str, str]:
    """(what is wrong, what is expected) for a field with a closed set of values: always the values it allows."""
    allowed = f"one of: {', '.join(closed)}"
    if kind == "missing":
        return "missing", f"write {allowed}"
    if value is None:
        return "no value after the colon", f"write {allowed}"
    near = difflib.get_close_matches(str(value).lower(), closed, n=1, cutoff=0.6)
    return (
        f"{_shown(value)} is not allowed",
        f"did you mean {near[0]!r}? Write {allowed}" if near else f"write {allowed}",
    )


def _shown(value: object) -> str:
    """A value as staff wrote it in YAML, not as Python prints it (None, True, {'fr': …})."""
    if isinstance(value, bool):  # YAML reads yes, no, on, off, true, false so
        return "a yes/no value"
    if isinstance(value, dict):
        return "a group of fields"
    if isinstance(value, list):
        return "a list"
    return repr(value) if isinstance(value, str) else str(value)


def _expectation(message: str) -> str:
    return {
        "empty text": "write the text, or remove the field",
        "not a valid id": "lowercase letters, digits and hyphens, e.g. grand-geneve",
        "unknown country code": "a two-letter ISO 3166 code such as FR, BE, CH",
        "a month needs its year": "add the year",
    }.get(message, "")


def _upper_year() -> int:
    from .models import THIS_YEAR

    return THIS_YEAR


def closed_values(model: type[BaseModel], path: Path_) -> tuple[str, ...]:
    """The values a field with a closed set allows (a ``Literal`` of ricdm.models), in the model's order; else ()."""
    target: object = model
    for part in path:
        target = _step(target, part)
        if target is None:
            return ()
    return _literal(target)


def closed_fields(model: type[BaseModel]) -> dict[str, tuple[str, ...]]:
    """Every closed field of a file's model, with its values: what the staff guide must list.

    Keys are dotted paths with ``[]`` for list entries: ``cdms[].statuses[].status``.
    """
    found: dict[str, tuple[str, ...]] = {}

    def walk(annotation: object, prefix: str, seen: frozenset[type]) -> None:
        annotation = _unwrap(annotation)
        if typing.get_origin(annotation) in (list, tuple):
            walk(typing.get_args(annotation)[0], f"{prefix}[]", seen)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel) and annotation not in seen:
            for name, info in annotation.model_fields.items():
                walk(info.annotation, f"{prefix}.{name}" if prefix else name, seen | {annotation})
        elif _literal(annotation):
            found[prefix] = _literal(annotation)

    walk(model, "", frozenset())
    return found


def _literal(annotation: object) -> tuple[str, ...]:
    return tuple(map(str, typing.get_args(annotation))) if typing.get_origin(annotation) is typing.Literal else ()


def _closed_inside(model: type[BaseModel], path: Path_) -> str:
    """For a missing or empty list whose entries need a closed field (statuses: status), what that field allows."""
    target: object = model
    for part in path:
        target = _step(target, part)
    entry = _unwrap(typing.get_args(target)[0]) if typing.get_origin(target) is list else None
    if not (isinstance(entry, type) and issubclass(entry, BaseModel)):
        return ""
    needed = [
        (name, _literal(_unwrap(info.annotation))) for name, info in entry.model_fields.items() if info.is_required()
    ]
    return "".join(f"; each entry's {name} is one of: {', '.join(values)}" for name, values in needed if values)


def allowed_fields(model: type[BaseModel], path: Path_) -> list[str]:
    """Field names allowed at ``path``, found by walking the model's annotations."""
    target: object = model
    for part in path:
        target = _step(target, part)
        if target is None:
            return []
    if isinstance(target, type) and issubclass(target, BaseModel):
        return list(target.model_fields)
    return []


def _step(annotation: object, part: object) -> object:
    annotation = _unwrap(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and isinstance(part, str):
        field = annotation.model_fields.get(part)
        return _unwrap(field.annotation) if field else None
    origin = typing.get_origin(annotation)
    if origin in (list, tuple) and isinstance(part, int):
        return _unwrap(typing.get_args(annotation)[0])
    if origin is dict:
        return _unwrap(typing.get_args(annotation)[1])
    return None


def _unwrap(annotation: object) -> object:
    """Strip Annotated[...] and Optional[...] down to the model or container inside."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation
