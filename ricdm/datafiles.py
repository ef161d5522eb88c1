"""The data files the site reads, each with the model it must follow: the one list to extend for a new file."""

from __future__ import annotations

from pydantic import BaseModel

from . import models

DATA_FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": models.SourcesFile,
    "labels.yaml": models.LabelsFile,
    "cdms.yaml": models.CdmsFile,
    "indicators.yaml": models.IndicatorsFile,
    "glossary.yaml": models.GlossaryFile,
    "termbase.yaml": models.TermbaseFile,
    "charter.yaml": models.SectionsFile,
    "network.yaml": models.SectionsFile,
    "governance.yaml": models.SectionsFile,
    "report.yaml": models.SectionsFile,
    "bibliography.yaml": models.SectionsFile,
    "contact.yaml": models.SectionsFile,
    "locations.yaml": models.LocationsFile,
}
"""Every data file the site reads, with the model it must follow."""
