"""What every output of the build depends on, said in one place: every cache and the preview ask here.

Why: a kept result is correct only if its name says everything it was made from; written by hand in each
cache, the names disagreed (library versions in one, a hand-bumped number in another, the year in a third) and a
footer kept by language and depth went stale in the preview. Here, three kinds of input:

- the code (``code``): the ``ricdm`` package with its templates and fonts, the hooks and macros at the project
  root, the theme overrides, ``mkdocs.yml``, the installed libraries (every ``*.dist-info`` on the path, which
  holds each one's name and version) and the interpreter;
- what every page shows besides its own content (``SiteInputs.shared``): the code, the site's address, the date
  the data last changed, and every data field but the CDMs' records (``Dataset.shared``: labels, sources, places…);
- what one page reads besides (``SiteInputs.record``): its CDM's record, for a profile.

A key made here changes whenever anything it covers does, so a result kept under it is never stale. Nothing
else in the project writes a key: ``ricdm.cache`` names its entries with ``key``, the preview keys each generated
page with ``SiteInputs.page``, the social cards are named by ``card``.
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic_core import to_json

from .models import Cdm

SEPARATOR = "\x1f"
"""Between the fields of a composite key: no digest, language or path holds it."""

CODE_FOLDERS = ("ricdm", "overrides")
"""Folders of the project whose every file shapes the output (package code, templates, fonts, theme overrides)."""
CODE_FILES = ("mkdocs.yml", "*.py")
"""Files at the project root that shape the output: the configuration, the hooks and the macros module."""
_PACKAGE = Path(__file__).resolve().parent


def digest(*parts: bytes | str) -> str:
    """One hex digest of the parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    hashed = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.hexdigest()


@cache
def code(root: Path | None = None) -> str:
    """The code, configuration and libraries the site is built with, for the project at ``root``.

    Without a project (a dataset loaded on its own), the package alone and the libraries. Once per process: a
    change to the code restarts the preview, and a build is one process.
    """
    files = _files(_PACKAGE.parent if root is None else root, () if root is None else CODE_FILES)
    if root is None:
        files = [path for path in files if _PACKAGE in path.parents]
    parts: list[bytes | str] = [sys.version, *libraries()]
    for path in files:
        parts += [path.name, path.read_bytes()]
    return digest(*parts)


def _files(root: Path, patterns: Iterable[str]) -> list[Path]:
    found = [path for folder in CODE_FOLDERS for path in sorted((root / folder).rglob("*"))]
    found += [path for pattern in patterns for path in sorted(root.glob(pattern))]
    return [path for path in found if path.is_file() and "__pycache__" not in path.parts]


def libraries() -> list[str]:
    """Every installed distribution as ``name-version.dist-info`` (one listing per folder of ``sys.path``).

    All of them, not only those pinned in requirements.txt: an upgrade of anything imported changes the key.
    """
    names = []
    for entry in sys.path:
        folder = Path(entry or ".")
        try:
            names += [name for name in (child.name for child in folder.iterdir()) if name.endswith(".dist-info")]
        except OSError:  # a zip, a missing folder: nothing installed there
            continue
    return sorted(names)


def key(kind: str, *reads: bytes | str, root: Path | None = None) -> str:
    """The name of a result of ``kind`` made by this code from ``reads`` (the bytes or text it read)."""
    return digest(kind, code(root), *reads)


def card(site_name: str, title: str, description: str, footer: str, number: str = "") -> str:
    """A social card's name: what it shows, the code that draws it and its fonts, and Pillow's version.

    Narrower than ``key`` on purpose: the name is the image's public address, which should change only when
    the image does, not at every change to the rest of the code.
    """
    return digest(_drawing(), site_name, title, description, footer, number)


@cache
def _drawing() -> str:
    fonts = sorted((_PACKAGE / "fonts").glob("*.ttf"))
    pillow = [name for name in libraries() if name.lower().startswith("pillow-")]
    return digest((_PACKAGE / "social_card.py").read_bytes(), *pillow, *(font.read_bytes() for font in fonts))


@dataclass(frozen=True)
class SiteInputs:
    """One build's inputs, found once after the data is checked: what every page shows, and each CDM's record."""

    shared: str
    """The code, the site's address, the data's date and every data file but the CDMs' records."""
    records: Mapping[str, str]
    """Each CDM's record (its validated model) as a digest, by id."""

    @classmethod
    def of(
        cls, shared: object, cdms: Iterable[Cdm], data_date: str, site_url: str, root: Path | None = None
    ) -> SiteInputs:
        """``shared``: the data every page may show (``Dataset.shared``: every field but the CDMs' records)."""
        return cls(
            shared=digest(code(root), site_url, data_date, to_json(shared)),
            records={cdm.id: record(cdm) for cdm in cdms},
        )

    def record(self, cdm_id: str) -> str:
        return self.records[cdm_id]

    def page(self, *reads: str) -> str:
        """A generated page's key: what every page shows, then what this page reads besides (its own inputs)."""
        return SEPARATOR.join((self.shared, *reads))


def record(cdm: Cdm) -> str:
    """A CDM's record as a digest: the part of a key that spares the other CDMs' pages when one is edited."""
    return digest(cdm.model_dump_json())
