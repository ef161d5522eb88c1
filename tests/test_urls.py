"""The one URL rule (ricdm/urls.py): French at the root, English under /en/, links relative, addresses absolute."""

from __future__ import annotations

import doctest

import pytest

from ricdm import urls
from ricdm.render import Page


def test_french_at_the_root_english_in_its_folder():
    assert [urls.page_path("impact/", lang) for lang in ("fr", "en")] == ["impact/", "en/impact/"]
    assert [urls.profile_path("paris", lang) for lang in ("fr", "en")] == ["cdm/paris/", "en/cdm/paris/"]
    assert urls.language_of("en/cdm/paris/") == "en" and urls.language_of("cdm/en/") == "fr"
    assert urls.other_languages("fr") == ("en",) and urls.other_languages("en") == ("fr",)


def test_an_unknown_language_is_an_error():
    with pytest.raises(ValueError, match="unknown language 'de'"):
        urls.page_path("impact/", "de")


@pytest.mark.parametrize(
    ("source", "target", "link"),
    [
        ("en/cdm/paris/", "en/", "../../"),
        ("en/", "en/", ""),
        ("impact/", "", "../"),
        ("en/impact/", "data/cdms.csv", "../../data/cdms.csv"),
        ("404.html", "cdm/paris/", "cdm/paris/"),
        ("en/404.html", "en/", ""),
        ("", "en/cdm/paris/", "en/cdm/paris/"),
    ],
)
def test_relative_links(source, target, link):
    assert urls.relative(source, target) == link


def test_absolute_addresses_from_site_url():
    assert urls.absolute("en/cdm/paris/", "https://example.org/ricdm") == "https://example.org/ricdm/en/cdm/paris/"
    assert urls.absolute("", "https://example.org/") == "https://example.org/"
    assert urls.absolute("en/", "") == "en/"


def test_a_page_knows_its_way_home_and_to_the_site_root():
    page = Page.at("en/cdm/paris/", "en", "https://example.org/")
    assert (page.root, page.site_root, page.url) == ("../../", "../../../", "https://example.org/en/cdm/paris/")
    assert Page.at("impact/", "fr").url == "" and Page.at("impact/", "fr").site_root == "../"


def test_module_examples():
    assert doctest.testmod(urls).failed == 0


@pytest.mark.parametrize("file", ["agenda.md", "index.md", "network/index.md", "network/members.md"])
def test_a_markdown_page_has_the_address_mkdocs_gives_it(file):
    """``markdown_page`` (what ``changes`` shows of a page added or removed) follows MkDocs' directory URLs."""
    from mkdocs.structure.files import File

    mkdocs_url = File(file, "docs", "site", use_directory_urls=True).url
    assert urls.markdown_page(file) == ("" if mkdocs_url == "./" else mkdocs_url)  # a language's home: "" here
