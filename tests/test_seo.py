"""What search engines and social networks read, over the built HTML of every page in both languages.

The site is built with SITE_URL set to an address below a folder, so every absolute URL must come from it.
"""

from __future__ import annotations

import json
import os
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from browsing import html_file, language_of, site_pages

from conftest import PROJECT, build, parse
from ricdm import seo, social_card, urls

SITE_URL = "https://example.test/ricdm/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    site_dir = tmp_path_factory.mktemp("seo-site")
    with mock.patch.dict(os.environ, {"SITE_URL": SITE_URL}):
        result = build(PROJECT, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    return site_dir


def pages(site: Path) -> list[str]:
    """Every page with an address (the 404 pages have none)."""
    return [path for path in site_pages(site) if not path.endswith("404.html")]


def meta(html, selector: str) -> str:
    nodes = html.css(selector)
    assert len(nodes) == 1, selector
    return nodes[0].attributes.get("content") or nodes[0].attributes.get("href") or ""


def hreflang_links(html) -> dict[str, str]:
    return {node.attributes["hreflang"]: node.attributes["href"] for node in html.css('link[rel="alternate"]')}


def test_every_page_has_absolute_canonical_and_hreflang_alternates_for_both_languages(built):
    listed = pages(built)
    assert len(listed) > 60
    for path in listed:
        html = parse(html_file(built, path))
        lang = language_of(path)
        language_path = path.removeprefix(urls.language_root(lang))
        assert meta(html, 'link[rel="canonical"]') == SITE_URL + path
        alternates = hreflang_links(html)
        assert alternates == {
            "fr": SITE_URL + language_path,
            "en": SITE_URL + "en/" + language_path,
            "x-default": SITE_URL + language_path,
        }, path
        for address in alternates.values():  # each alternate is a page of this build
            assert html_file(built, address.removeprefix(SITE_URL)).is_file(), (path, address)


def test_every_page_has_its_own_description_within_what_search_engines_show(built):
    for lang in ("fr", "en"):
        descriptions: dict[str, str] = {}
        for path in (path for path in pages(built) if language_of(path) == lang):
            description = meta(parse(html_file(built, path)), 'meta[name="description"]')
            assert seo.MIN_PARAGRAPH <= len(description) <= seo.DESCRIPTION_LIMIT, (path, description)
            assert "'" not in description, f"{path}: typeset as the page is, apostrophes curly: {description!r}"
            assert description not in descriptions, (path, descriptions.get(description))
            descriptions[description] = path


def test_a_profile_is_described_from_its_cdms_data(built):
    fr = meta(parse(built / "cdm/paris/index.html"), 'meta[name="description"]')
    en = meta(parse(built / "en/cdm/paris/index.html"), 'meta[name="description"]')
    assert fr.startswith("Cité des métiers de Paris (France) — Labellisée, créée en 1993.")
    assert en.startswith("Paris Cité des métiers (France) — Accredited, founded in 1993.")


def test_head_texts_have_the_pages_typography(built):
    """Meta and Open Graph texts get the page's typography, though the pass on text nodes skips attributes.

    A name written with a straight apostrophe in data/cdms.yaml (Côtes-d'Armor) must come out curly there too.
    """
    for path in ("cdm/cotes-d-armor/", "en/cdm/cotes-d-armor/", "cdm/pays-d-artois/", "en/cdm/pays-d-artois/"):
        html = parse(html_file(built, path))
        for selector in ('meta[name="description"]', 'meta[property="og:title"]', 'meta[property="og:image:alt"]'):
            text = meta(html, selector)
            assert "\u2019" in text and "'" not in text, (path, selector, text)


def test_a_page_without_front_matter_description_is_described_by_its_first_paragraph(built):
    html = parse(built / "en/index.html")
    first = " ".join(html.css_first("article p").text().split())
    assert meta(html, 'meta[name="description"]') == seo.shorten(first)


def test_open_graph_and_twitter_cards_on_every_page(built):
    for path in pages(built):
        html = parse(html_file(built, path))
        lang = language_of(path)
        title = meta(html, 'meta[property="og:title"]')
        assert title and meta(html, 'meta[name="twitter:title"]') == title
        description = meta(html, 'meta[name="description"]')
        assert meta(html, 'meta[property="og:description"]') == description
        assert meta(html, 'meta[name="twitter:description"]') == description
        assert meta(html, 'meta[property="og:url"]') == SITE_URL + path
        assert meta(html, 'meta[property="og:locale"]') == seo.OG_LOCALES[lang]
        other = "en" if lang == "fr" else "fr"
        assert meta(html, 'meta[property="og:locale:alternate"]') == seo.OG_LOCALES[other]
        assert meta(html, 'meta[name="twitter:card"]') == "summary_large_image"
        image = meta(html, 'meta[property="og:image"]')
        assert meta(html, 'meta[name="twitter:image"]') == image
        assert image.startswith(SITE_URL + "assets/cards/") and image.endswith(".png")
        assert png_size(built / image.removeprefix(SITE_URL)) == social_card.SIZE, path


def test_each_page_and_language_has_its_own_card(built):
    images = {meta(parse(html_file(built, path)), 'meta[property="og:image"]') for path in pages(built)}
    assert len(images) == len(pages(built))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_sitemap_lists_every_page_of_both_languages_with_alternates(built):
    root = ET.parse(built / "sitemap.xml").getroot()
    entries = {
        url.find("s:loc", NS).text: {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
        for url in root.findall("s:url", NS)
    }
    assert sorted(entries) == sorted(SITE_URL + path for path in pages(built))
    for loc, alternates in entries.items():
        path = loc.removeprefix(SITE_URL)
        html = parse(html_file(built, path))
        assert alternates == hreflang_links(html), loc


def test_robots_txt_points_to_the_sitemap(built):
    robots = (built / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots.splitlines()
    assert "Disallow: /" not in robots


def test_the_404_pages_have_a_description_but_no_address(built):
    for path in ("404.html", "en/404.html"):
        html = parse(built / path)
        assert meta(html, 'meta[name="description"]')
        assert not html.css('link[rel="canonical"]') and not html.css('link[rel="alternate"]')


def test_material_no_longer_fetches_a_sitemap_beside_each_alternate(built):
    (bundle,) = (built / "assets/javascripts").glob("bundle.*.min.js")
    script = bundle.read_text(encoding="utf-8")
    assert '"link[rel=alternate]"' not in script
    assert '"link[rel=alternate][data-md-sitemap]"' in script


def test_shorten_cuts_at_a_word_and_says_so():
    text = "word " * 60
    short = seo.shorten(text)
    assert len(short) <= seo.DESCRIPTION_LIMIT and short.endswith("word…")
    assert seo.shorten("  two\nlines  ") == "two lines"


def test_first_paragraph_skips_short_ones_and_tables():
    html = "<p>Go</p><table><tr><td><p>" + "x" * 50 + "</p></td></tr></table><p>" + "A real first paragraph. " * 3
    assert seo.first_paragraph(html + "</p>") == ("A real first paragraph. " * 3).strip()


def test_card_cache_is_keyed_by_what_is_drawn(tmp_path):
    card = social_card.Card("Site", "Title", "Description", "example.test")
    first = social_card.render(card, tmp_path)
    assert (tmp_path / f"{card.key}.png").read_bytes() == first
    marked = first[:-12] + b"\x00\x00\x00\x00IEND\xaeB`\x82"  # still a whole PNG, but not what is drawn
    (tmp_path / f"{card.key}.png").write_bytes(marked)
    assert social_card.render(card, tmp_path) == marked  # taken from the cache, not drawn again
    (tmp_path / f"{card.key}.png").write_bytes(first[:100])  # cut off: drawn again and replaced
    assert social_card.render(card, tmp_path) == first == (tmp_path / f"{card.key}.png").read_bytes()
    other = social_card.Card("Site", "Another title", "Description", "example.test")
    assert other.key != card.key and social_card.render(other, tmp_path)[:4] == b"\x89PNG"


def jsonld_nodes(html) -> list[dict]:
    return [json.loads(node.text()) for node in html.css('script[type="application/ld+json"]')]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_home_describes_the_network_and_the_website(built, lang):
    root = urls.language_root(lang)
    (node,) = jsonld_nodes(parse(built / root / "index.html"))
    kinds = {item["@type"]: item for item in node["@graph"]}
    assert kinds["Organization"]["@id"] == f"{SITE_URL}#organization"
    assert kinds["Organization"]["url"] == SITE_URL
    assert kinds["WebSite"]["url"] == SITE_URL + root
    assert kinds["WebSite"]["inLanguage"] == lang
    assert kinds["WebSite"]["publisher"] == {"@id": f"{SITE_URL}#organization"}
    assert kinds["WebSite"]["name"] == kinds["Organization"]["name"]
    assert ("Réseau" in kinds["WebSite"]["name"]) == (lang == "fr")


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize(("page", "table"), [("directory/", "cdms"), ("impact/", "indicators")])
def test_open_data_is_a_dataset_with_csv_and_json(built, lang, page, table):
    path = urls.page_path(page, lang)
    (node,) = [node for node in jsonld_nodes(parse(built / path / "index.html")) if node["@type"] == "Dataset"]
    assert node["url"] == SITE_URL + path
    downloads = {item["encodingFormat"]: item["contentUrl"] for item in node["distribution"]}
    assert downloads == {"text/csv": f"{SITE_URL}data/{table}.csv", "application/json": f"{SITE_URL}data/{table}.json"}
    for address in downloads.values():
        assert (built / address.removeprefix(SITE_URL)).is_file()
    assert node["inLanguage"] == ["fr", "en"] and node["isAccessibleForFree"] is True
    assert node["license"]["name"].lower().startswith("licence")  # the status: none stated by the report yet
    start, _, end = node["temporalCoverage"].partition("/")
    assert 1980 < int(start) <= int(end or start) <= 2030
    assert node["name"] and node["description"] and node["publisher"]["@type"] == "Organization"


def test_no_script_holds_the_first_paint(built):
    """Lighthouse's render-blocking audit: every external script is deferred (they only enhance the page)."""
    for path in site_pages(built):
        scripts = parse(html_file(built, path)).css("script[src]")
        assert scripts, path
        assert all("defer" in script.attributes or "async" in script.attributes for script in scripts), path
