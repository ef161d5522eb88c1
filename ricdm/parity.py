"""Every page exists in French and in English: find the ones that miss their twin."""

from __future__ import annotations

from pathlib import Path

from .errors import DataError
from .models import LANGUAGES


def check_page_twins(docs_dir: Path, display_root: str = "docs") -> list[DataError]:
    """One error per Markdown page that has no twin in the other language's folder."""
    pages = {lang: markdown_pages(docs_dir / lang) for lang in LANGUAGES}
    errors = []
    for lang in LANGUAGES:
        for other in LANGUAGES:
            for missing in sorted(pages[lang] - pages[other]):
                errors.append(
                    DataError(
                        f"{display_root}/{other}/{missing}",
                        1,
                        "",
                        f"page missing, twin of {display_root}/{lang}/{missing}",
                        "every page exists in French and English: add it, or remove both",
                    )
                )
    return errors


def markdown_pages(folder: Path) -> set[str]:
    """The Markdown pages of one language's folder, as paths relative to it (nav: names them so)."""
    return {path.relative_to(folder).as_posix() for path in folder.rglob("*.md")} if folder.is_dir() else set()
