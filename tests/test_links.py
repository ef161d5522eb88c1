"""No broken link: every internal href/src of the built site, both languages, reaches a file and its anchor."""

from __future__ import annotations

import posixpath
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from browsing import site_pages

from conftest import parse

ATTRIBUTES = (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"), ("source", "src"))


def _target(site: Path, page: str, reference: str) -> tuple[Path, str] | None:
    """The file and fragment an internal reference points to; None for other sites, mail, data: URLs."""
    parts = urlsplit(reference)
    if parts.scheme or parts.netloc or reference.startswith(("mailto:", "javascript:")):
        return None
    base = posixpath.dirname("/" + page) if page.endswith(".html") else "/" + page.rstrip("/")
    path = posixpath.normpath(posixpath.join(base + "/", unquote(parts.path))) if parts.path else "/" + page
    file = site / path.lstrip("/")
    return (file / "index.html" if file.is_dir() else file), unquote(parts.fragment)


@cache
def _ids(file: Path) -> frozenset[str]:
    return frozenset(node.attributes["id"] for node in parse(file).css("[id]"))


def test_every_internal_link_and_anchor_resolves(site):
    broken, checked = [], 0
    for page in site_pages(site):
        file = site / (page if page.endswith(".html") else page + "index.html")
        for tag, attribute in ATTRIBUTES:
            for node in parse(file).css(f"{tag}[{attribute}]"):
                reference = node.attributes[attribute] or ""
                target = _target(site, page, reference)
                if target is None:
                    continue
                checked += 1
                target_file, fragment = target
                if not target_file.is_file():
                    broken.append(f"/{page}: {reference} -> missing {target_file.relative_to(site)}")
                elif fragment and target_file.suffix == ".html" and fragment not in _ids(target_file):
                    broken.append(f"/{page}: {reference} -> no id {fragment!r}")
    assert checked > 1000
    assert not broken, "\n".join(broken[:40])


def test_both_languages_are_checked(site):
    pages = site_pages(site)
    assert any(page.startswith("en/cdm/") for page in pages)
    assert any(page.startswith("cdm/") for page in pages)


def test_the_checker_tells_a_missing_page_from_a_missing_anchor(tmp_path):
    (tmp_path / "en" / "charter").mkdir(parents=True)
    (tmp_path / "en" / "charter" / "index.html").write_text('<h2 id="here">x</h2>', encoding="utf-8")
    file, fragment = _target(tmp_path, "en/glossary/", "../charter/#here")
    assert file == tmp_path / "en" / "charter" / "index.html" and fragment in _ids(file)
    file, fragment = _target(tmp_path, "en/glossary/", "../charter/#nowhere")
    assert fragment not in _ids(file)
    file, _ = _target(tmp_path, "en/glossary/", "../nowhere/")
    assert not file.is_file()
    assert _target(tmp_path, "", "https://example.org/") is None
