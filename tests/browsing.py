"""Helpers shared by the browser and built-HTML tests of the visitors' features (not fixtures: plain functions)."""

from __future__ import annotations

from pathlib import Path

LANGUAGES = {"fr": "", "en": "en/"}
"""Language -> its root below the site root."""


def site_pages(site: Path) -> list[str]:
    """Every HTML page of the built site as a URL path ("", "en/charter/", "404.html"), both languages."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        relative = path.relative_to(site).as_posix()
        pages.append(relative.removesuffix("index.html"))
    return pages


def html_file(site: Path, url_path: str) -> Path:
    """The built file behind a URL path from ``site_pages`` ("en/charter/" or "en/404.html")."""
    return site / url_path if url_path.endswith(".html") else site / url_path / "index.html"


def language_of(url_path: str) -> str:
    return "en" if url_path.startswith("en/") else "fr"
