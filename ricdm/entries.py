"""Where a CDM's entry comes from: the report, which names it, or the RICDM team, for a CDM the report does not mention.

A staff entry carries ``source:``, the id of a ``kind: staff`` source of data/sources.yaml with its date; the
profile, the directory and the open data say so in both languages instead of "Names in the report".
"""

from __future__ import annotations

from pathlib import Path

from .crossfile import record_positions
from .dataset import Dataset
from .errors import DataError
from .yamlsource import dotted, load_yaml


def check_entry_sources(data_dir: Path, data: Dataset, display_root: str = "data") -> list[DataError]:
    """A CDM's own ``source`` names a staff source: the report's parts belong under ``names``."""
    wrong = [
        cdm
        for cdm in data.cdms
        if cdm.source in data.sources and data.sources[cdm.source].kind != "staff"  # an unknown one is named apart
    ]
    if not wrong:
        return []
    document = load_yaml(data_dir / "cdms.yaml", f"{display_root}/cdms.yaml")
    index = record_positions(document, "cdms")
    errors = []
    for cdm in wrong:
        path = ("cdms", index.get(cdm.id, 0), "source")
        kind = data.sources[cdm.source or ""].kind
        errors.append(
            DataError(
                document.display_path,
                document.line_of(path),
                dotted(path),
                f"{cdm.source!r} is a {kind} source, not the RICDM team's",
                "a CDM's own source is a kind: staff entry of data/sources.yaml, with its date; "
                "the report's parts go under names:",
            )
        )
    return errors
