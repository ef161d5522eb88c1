"""JSON Schema of every data file, generated from the pydantic models.

Editors that read the ``# yaml-language-server: $schema=…`` first line of each YAML file
(VS Code with the YAML extension, JetBrains, Neovim…) then complete and check fields as staff type.
The files are committed; a test fails when they drift from the models.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .datafiles import DATA_FILES
from .models import THIS_YEAR

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_name(model: type[BaseModel]) -> str:
    """CdmsFile -> "cdms", SectionsFile -> "sections": one schema per model, shared by the section files."""
    return model.__name__.removesuffix("File").lower()


def schema_file(model: type[BaseModel]) -> str:
    return f"{schema_name(model)}.schema.json"


def schema_header(model: type[BaseModel]) -> str:
    """The first line every data file following ``model`` must start with."""
    return f"# yaml-language-server: $schema=../schemas/{schema_file(model)}"


def build_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(mode="validation")
    _drop_current_year(schema)
    return {"$schema": SCHEMA_DIALECT, "$id": schema_file(model), **schema}


def _drop_current_year(node: object) -> None:
    """Years are capped at the current year by the models; a schema saying "2026" would go stale on 1 January."""
    if isinstance(node, dict):
        if node.get("type") == "integer" and node.get("minimum") == 1900 and node.get("maximum") == THIS_YEAR:
            del node["maximum"]
            node["description"] = "A year from 1900 to the current year."
        for child in node.values():
            _drop_current_year(child)
    elif isinstance(node, list):
        for child in node:
            _drop_current_year(child)


def render_schema(model: type[BaseModel]) -> str:
    return json.dumps(build_schema(model), ensure_ascii=False, indent=2) + "\n"


def expected_schemas() -> dict[str, str]:
    """File name -> text, for every model used by a data file."""
    return {schema_file(model): render_schema(model) for model in dict.fromkeys(DATA_FILES.values())}


def write_all(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in expected_schemas().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
