"""Search: Pagefind, offline, one index per language, accent-insensitive, with Material's look and shortcuts."""

from __future__ import annotations

import gzip
import json
import re
from urllib.parse import urlsplit

import pytest
from browsing import LANGUAGES, html_file

from conftest import parse

browser_test = pytest.mark.browser


@pytest.fixture(scope="module")
def search_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    yield context.new_page()
    context.close()


def results_for(page, server, lang: str, query: str, start: str = "") -> list[str]:
    """Type the query in the search box of a page of that language; the result links as site paths."""
    page.goto(f"{server}/{LANGUAGES[lang]}{start}")
    box = page.locator(".md-search__input")
    box.click(timeout=5_000)
    box.press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item a", "links => links.map(link => link.href)")
    return [urlsplit(href).path for href in hrefs]


def test_one_index_per_language_and_no_whole_index(site):
    entry = json.loads((site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"fr", "en"}
    for lang, index in entry["languages"].items():
        assert index["page_count"] > 30, lang
    assert not (site / "search/search_index.json").exists()  # Material's whole-index search is gone
    assert not list((site / "pagefind").glob("pagefind-ui.*"))  # Pagefind's own UI is not published


def indexed_text(site, lang: str) -> dict[str, str]:
    """What Pagefind indexed for each page of a language (its result snippets come from it): URL path -> text."""
    pages = {}
    for fragment in (site / "pagefind/fragment").glob(f"{lang}_*.pf_fragment"):
        data = gzip.decompress(fragment.read_bytes())  # "pagefind_dcd" then the page's JSON
        page = json.loads(data[data.index(b"{") :])
        pages[page["url"]] = " ".join(page["content"].split())
    return pages


def test_english_snippets_hold_no_hidden_french_text_nor_citations(site):
    """A quotation's French original folds under its English on English pages: read on the page, never a snippet."""
    indexed, originals, citations = indexed_text(site, "en"), 0, 0
    for url, text in indexed.items():
        page = parse(html_file(site, url.lstrip("/")))
        for original in page.css('details blockquote[lang="fr"]'):
            words = " ".join(original.text().split())[:60]
            assert words not in text, (url, words)
            originals += 1
        for cite in page.css(".ricdm-cite-text"):  # a citation quotes its address, shown nowhere else
            address = re.search(r"https://\S+", cite.text())
            assert address and address[0] not in text, (url, address)
            citations += 1
    assert originals > 5 and citations > 20  # the pages do hold them, and they are still there for readers
    assert "Barcelona" in indexed["/en/cdm/barcelone/"]  # the rest of the page is indexed


def test_without_javascript_the_search_form_leads_to_the_directory(site):
    for root in LANGUAGES.values():
        form = parse(site / root / "charter/index.html").css_first(".md-search__form")
        assert form.attributes["method"] == "get"
        action = form.attributes["action"]
        assert (site / root / "charter" / action / "index.html").resolve() == (site / root / "directory/index.html")


@browser_test
@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [
        ("en", "Namur", "/en/cdm/namur/"),
        ("fr", "Namur", "/cdm/namur/"),
        ("en", "geneve", "/en/cdm/grand-geneve/"),
        ("fr", "geneve", "/cdm/grand-geneve/"),
        ("en", "reunion", "/en/cdm/la-reunion/"),
        ("fr", "reunion", "/cdm/la-reunion/"),
        ("en", "anonymity", "/en/charter/"),
        ("fr", "anonymat", "/charter/"),
        ("fr", "Liège", "/cdm/liege/"),
        ("fr", "participants aux ateliers", "/impact/workshop-participants/"),  # a figure's own page
        ("en", "workshop participants", "/en/impact/workshop-participants/"),
    ],
)
def test_a_typed_query_finds_the_page_in_the_readers_language(search_page, server, lang, query, expected):
    paths = results_for(search_page, server, lang, query)
    assert expected in paths[:3], paths
    if lang == "en":
        assert all(path.startswith("/en/") for path in paths), paths
    else:
        assert not [path for path in paths if path.startswith("/en/")], paths


@browser_test
def test_search_results_link_to_pages_that_exist(search_page, server, site):
    for path in results_for(search_page, server, "en", "Namur", start="cdm/namur/"):
        assert (site / path.lstrip("/") / "index.html").is_file(), path


@browser_test
@pytest.mark.parametrize("key", ["/", "s", "f"])
def test_the_usual_shortcut_opens_the_search(search_page, server, key):
    search_page.goto(f"{server}/en/charter/")
    search_page.keyboard.press(key)
    assert search_page.evaluate("document.activeElement.classList.contains('md-search__input')")
    search_page.keyboard.type("Namur")
    search_page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    search_page.keyboard.press("Enter")
    search_page.wait_for_url("**/en/cdm/namur/")


@browser_test
def test_nothing_is_fetched_for_search_before_the_reader_searches(search_page, server):
    requested = []
    search_page.on("request", lambda request: requested.append(request.url))
    search_page.goto(f"{server}/en/")
    search_page.wait_for_load_state("load")
    assert not [url for url in requested if "/pagefind/" in url], requested


def test_a_missing_indexer_is_named_before_the_build_with_its_fix(monkeypatch):
    import importlib.util

    from ricdm.search_index import missing_indexer

    assert missing_indexer() is None
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None if name == "pagefind_bin" else object())
    assert "`bash scripts/setup.sh`" in (missing_indexer() or "")
