"""Interface words: the one way to read a label, and the labels the templates and code need, found in them.

A label is read with ``label(labels, key, lang, name=value)``: each ``{name}`` in its text is replaced by the value
(templates: ``v.label(key, name=value)``; theme templates: ``ricdm_label(key, lang)``). The labels required are the
keys written in ``ricdm/templates``, ``overrides`` and the code's ``label(…)`` calls, plus the families a key is
built from (``'status-' ~ status``) and the keys passed by name: a missing one is a data error before any page.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import get_args

from .columns import COLUMN_LABELS
from .errors import DataError
from .models import Qualifier, Status, Text
from .yamlsource import YamlDocument

_ROOT = Path(__file__).resolve().parent.parent
SCANNED = (
    _ROOT / "ricdm" / "templates",
    _ROOT / "overrides",
    _ROOT / "ricdm",
    _ROOT / "mkdocs_hooks.py",
    _ROOT / "macros.py",
)
"""Where label keys are written: templates (``v.label('key')``, ``ricdm_label('key', lang)``) and Python calls."""

FAMILIES: dict[str, tuple[str, ...]] = {
    "status-": get_args(Status),
    "qual-": tuple(name.replace("_", "-") for name in get_args(Qualifier) if name != "exact"),
    "data-changed-": ("git", "edited", "mtime"),  # ricdm.freshness: DataChange.how
    "opendata-": ("cdms", "indicators"),
    "dataset-": ("cdms", "indicators"),
}
"""Keys built from a prefix and a value (``'status-' ~ entry.status``), with every value the code may give.
"map-" is not one: network_map.py reads a "map-<frame>" label for the frames listed in BY_NAME, and a shorter one
("map-cd") only where there is one, else Babel's name of the place."""

BY_NAME = (
    # profile.html: one heading per list of a CDM (blocks.PROFILE_LISTS, "_" written "-")
    "context",
    "founding-issues",
    "governance",
    "associated-centres",
    "bodies",
    "european-networks",
    "actions",
    # build.py: the citation block of a page or of the whole site (cite.block)
    "cite-this-page",
    "cite-this-site",
    # workbook.py: the headings of the workbook's guide sheet
    "workbook-sheet",
    "workbook-column",
    "workbook-meaning",
    # network_map.py: the frames that are not a territory Babel names (network_map.FRAMES)
    "map-europe",
    "map-paris",
    "map-belgium",
    "map-switzerland",
)
"""Keys the templates receive in a variable (``v.label(key)``): tests/test_labels.py checks them against the code.
The open data's column headings are the other keys passed by name: ``columns.COLUMN_LABELS``."""

_CALLS = re.compile(
    r"(?:\b(?:label|page_label|ricdm_label|_texts)\(\s*(?:[\w.]+,\s*){0,2}|labels\[\s*)"  # a call; labels[...]
    r"f?['\"]([a-z0-9-]+?)(['\"]\s*[~+]|\{|['\"])"  # 'key', or a prefix: 'status-' ~ x, "qual-" + x, f"status-{x}"
)


def label(labels: Mapping[str, Text], key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang``, each ``{name}`` in it replaced by ``values[name]``: the one way to read one."""
    text: str = getattr(labels[key], lang)
    for name, value in values.items():
        text = text.replace(f"{{{name}}}", str(value))
    return text


def keys_written(source: str) -> tuple[set[str], set[str]]:
    """The label keys a template or module writes out, and the prefixes it builds keys from (``'status-' ~ x``)."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for match in _CALLS.finditer(source):
        (keys if match[2] in "'\"" else prefixes).add(match[1])
    return keys, prefixes


@cache
def written_in_code() -> tuple[frozenset[str], frozenset[str]]:
    """The keys and the key prefixes written in the templates and the code (``SCANNED``)."""
    keys: set[str] = set()
    prefixes: set[str] = set()
    for place in SCANNED:
        files = sorted(place.rglob("*")) if place.is_dir() else [place]
        for path in files:
            if path.suffix in (".html", ".py") and path.is_file() and path.name != "labels.py":
                written, built = keys_written(path.read_text(encoding="utf-8"))
                keys |= written
                prefixes |= built
    return frozenset(keys), frozenset(prefixes)


def required_labels() -> tuple[str, ...]:
    """Every label the templates and code ask for, read from them (see the module docstring)."""
    keys, prefixes = written_in_code()
    families = {prefix + value for prefix in prefixes for value in FAMILIES.get(prefix, ())}
    return tuple(sorted(keys | families | set(BY_NAME) | set(COLUMN_LABELS)))


def missing_labels(document: YamlDocument | None) -> list[DataError]:
    """One error per required label data/labels.yaml lacks, at its ``labels:`` line."""
    labels = document.data.get("labels") if document and isinstance(document.data, dict) else None
    if document is None or not isinstance(labels, dict):
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
        for key in required_labels()
        if key not in labels
    ]
