"""Every figure has a stable anchor and a "cite this figure" text in the page's language, without JavaScript."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml

from conftest import PROJECT, as_shown, parse
from ricdm.blocks import figure as figure_block
from ricdm.dataset import load_dataset
from ricdm.render import Page

SITE_URL = "https://www.reseaucitesdesmetiers.org/"
FIGURES = {
    item["id"]: item for item in yaml.safe_load((PROJECT / "data" / "indicators.yaml").read_text("utf-8"))["figures"]
}
CITE = {"fr": "Citer ce chiffre", "en": "Cite this figure"}
UNDATED = {"fr": "non daté", "en": "undated"}
SOURCE_NAMES = {
    item["id"]: item["short"]
    for item in yaml.safe_load((PROJECT / "data" / "sources.yaml").read_text("utf-8"))["sources"]
    if "short" in item
}


def pages(site):
    for path in sorted(site.rglob("index.html")):
        lang = "en" if path.relative_to(site).parts[0] == "en" else "fr"
        folder = path.relative_to(site).parent.as_posix()
        yield path, lang, SITE_URL if folder == "." else f"{SITE_URL}{folder}/"


def test_figure_anchors_are_unique_on_every_page(site):
    for path, _lang, _url in pages(site):
        ids = [node.attributes["id"] for node in parse(path).css("[id]")]
        duplicated = [key for key, count in Counter(ids).items() if count > 1 and key.startswith(("fig-", "cite-"))]
        assert duplicated == [], f"{path}: {duplicated}"


def test_every_figure_row_has_a_cite_text_in_the_page_language(site):
    seen = 0
    for path, lang, url in pages(site):
        for row in parse(path).css("tr[id^=fig-]"):
            figure_id = row.attributes["id"].removeprefix("fig-")
            figure = FIGURES[figure_id]
            details = row.css_first("details.ricdm-cite")
            assert details is not None, f"{path}: {figure_id} has no cite text"
            assert details.css_first("summary").text(strip=True) == CITE[lang]
            text = details.css_first("p").text()
            assert text.startswith(as_shown(figure["label"][lang], lang))
            assert text.endswith(f"{url}#fig-{figure_id}"), text
            for value in figure["values"]:  # each source, named in the page's language, with its year or "undated"
                year = str(value.get("year") or UNDATED[lang])
                assert f"{year}, {SOURCE_NAMES.get(value['source'], {}).get(lang, value['source'])}" in text, text
            assert (
                as_shown("Source : « Impact social" if lang == "fr" else 'Source: "Social and societal impact', lang)
                in text
            )
            seen += 1
    assert seen >= len(FIGURES), "every figure should be citable somewhere"


def test_every_figure_of_the_data_has_an_anchor_on_the_site(site):
    anchored = {node.attributes["id"] for path, _, _ in pages(site) for node in parse(path).css("[id^=fig-]")}
    assert {f"fig-{figure_id}" for figure_id in FIGURES} <= anchored


def test_links_to_figures_land_on_an_anchor(site):
    for path, _, _ in pages(site):
        for link in parse(path).css('a[href*="#fig-"]'):
            address, anchor = link.attributes["href"].split("#", 1)
            target = (path.parent / address).resolve() / "index.html" if address else path
            assert parse(target).css_first(f"#{anchor}") is not None, f"{path}: {address}#{anchor}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_inline_figure_has_anchor_and_hidden_cite_text(lang):
    data = load_dataset(PROJECT / "data")
    html = figure_block(data, Page(lang=lang, root="", url=f"{SITE_URL}impact/"), "beneficiaries")
    tree = parse_html(html)
    assert tree.css_first("#fig-beneficiaries") is not None
    link = tree.css_first("a.ricdm-cite-link")
    assert link.attributes["href"] == "#cite-beneficiaries" and link.text(strip=True) == CITE[lang]
    text = tree.css_first("#cite-beneficiaries").text()
    assert text.startswith(FIGURES["beneficiaries"]["label"][lang])
    assert text.endswith(f"{SITE_URL}impact/#fig-beneficiaries")


def parse_html(html: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html)


@pytest.mark.browser
def test_cite_text_opens_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/impact/")
    details = page.locator("details.ricdm-cite").first
    text = details.locator("p")
    assert not text.is_visible()
    details.locator("summary").click()
    assert text.is_visible()
    assert "Cite this figure" in details.locator("summary").inner_text()
    context.close()
