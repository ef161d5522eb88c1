"""Search: Material's built-in, offline, and each language's site finds pages of its own language only."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest
from browsing import LANGUAGES

INDEXES = {"fr": "search/search_index.json", "en": "en/search/search_index.json"}


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


def results_for(page, server, lang: str, query: str) -> list[str]:
    """Type the query in the search box of the language's home page; the result links as site paths."""
    page.goto(f"{server}/{LANGUAGES[lang]}")
    box = page.locator(".md-search__input")
    box.click(timeout=5_000)
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(link => link.href)")
    return [urlsplit(href).path for href in hrefs]


def test_each_index_holds_one_language(site):
    for lang, path in INDEXES.items():
        index = json.loads((site / path).read_text(encoding="utf-8"))
        locations = [doc["location"] for doc in index["docs"]]
        assert index["config"]["lang"] == [lang]
        assert len(locations) > 30
        assert not [location for location in locations if location.startswith("en/")], lang
        html_lang = {"fr": "fr", "en": "en"}[lang]
        assert any(location.startswith("cdm/") for location in locations), html_lang


def test_english_namur_finds_the_english_namur_profile(search_page, server):
    paths = results_for(search_page, server, "en", "Namur")
    assert "/en/cdm/namur/" in paths
    assert all(path.startswith("/en/") for path in paths), paths


def test_english_anonymity_finds_the_english_charter(search_page, server):
    paths = results_for(search_page, server, "en", "anonymity")
    assert any(path.startswith("/en/charter/") for path in paths), paths
    assert all(path.startswith("/en/") for path in paths), paths


def test_french_anonymat_finds_the_french_charter(search_page, server):
    paths = results_for(search_page, server, "fr", "anonymat")
    assert any(path.startswith("/charter/") for path in paths), paths
    assert not [path for path in paths if path.startswith("/en/")], paths


def test_search_results_link_to_pages_that_exist(search_page, server, site):
    for path in results_for(search_page, server, "en", "Namur"):
        assert (site / path.lstrip("/") / "index.html").is_file(), path
