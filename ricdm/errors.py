"""Data errors that speak to staff: file, line, field, what is wrong, what is expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class DataError:
    """One problem in one data file, located well enough to fix it without Python."""

    file: str
    line: int
    """1-based; 0 when the problem is the whole file (e.g. a file that is not installed): no line is shown."""
    field: str
    problem: str
    expected: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        what = f"{self.field}: {self.problem}" if self.field else self.problem
        return f"{where}: {what} — {self.expected}" if self.expected else f"{where}: {what}"


class DataErrors(Exception):
    """Every problem found in one pass, so staff fix them all at once."""

    def __init__(self, errors: list[DataError]):
        self.errors = sorted(set(errors))
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.errors)
        head = f"{count} problem{'s' if count > 1 else ''} in the site data:"
        return "\n".join([head, *(str(error) for error in self.errors)])
