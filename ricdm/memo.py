"""Results kept between the preview's builds by a digest of all each is made of, so none is ever stale."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Generic, TypeVar

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

    def made_or(self, key: str, make: Callable[[], T]) -> T:
        """The result kept under ``key``, or ``make()`` kept there now."""
        found = self.made(key)
        if found is None:
            found = make()
            self.keep(key, found)
        return found
