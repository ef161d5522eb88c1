"""Results kept between the preview's builds by a digest of all each is made of, so none is ever stale."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, TypeVar

from pydantic_core import to_json

from .cache import code_version, fingerprint

if TYPE_CHECKING:
    from .dataset import Dataset

T = TypeVar("T")


@dataclass(repr=False)
class Memo(Generic[T]):
    """Made results by key, for the preview to keep between its builds.

    Only the entries the last build used are kept: ``start_build`` ages them, ``made`` brings back those used again.
    """

    contents: dict[str, T] = field(default_factory=dict)
    previous: dict[str, T] = field(default_factory=dict)

    def start_build(self) -> None:
        self.previous, self.contents = self.contents, {}

    def made(self, key: str) -> T | None:
        found = self.contents.get(key)
        if found is None:
            found = self.previous.pop(key, None)
        if found is not None:
            self.contents[key] = found
        return found

    def keep(self, key: str, content: T) -> None:
        self.contents[key] = content


def shared_digest(data: Dataset) -> str:
    """Every part of the data but the CDMs (labels, sources, places…) and the code: what any CDM's HTML may read."""
    shared = (data.figures, data.groups, data.sources, data.sections, data.terms, data.labels, data.locations)
    return fingerprint(code_version(), to_json(shared))  # pydantic's JSON, as each CDM's: 4 times faster than repr


def cdm_digests(data: Dataset) -> dict[str, str]:
    """Each CDM's record, whole, by id: the part of a key that spares the other CDMs' HTML when one is edited."""
    return {cdm.id: cdm.model_dump_json() for cdm in data.cdms}
