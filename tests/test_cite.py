"""Every figure has a stable anchor and a "cite this figure" text in the page's language, without JavaScript."""

from __future__ import annotations

import datetime
import html
import json
import re
from collections import Counter

import pytest
import yaml

from conftest import PROJECT, as_shown, parse
from ricdm import cite
from ricdm.blocks import figure as figure_block
from ricdm.dataset import load_dataset
from ricdm.render import Page

SITE_URL = "https://www.reseaucitesdesmetiers.org/"
FIGURES = {
    item["id"]: item for item in yaml.safe_load((PROJECT / "data" / "indicators.yaml").read_text("utf-8"))["figures"]
}
CITE = {"fr": "Citer ce chiffre", "en": "Cite this figure"}
PUBLISHER = {
    "fr": "Réseau international des Cités des métiers (RICDM).",
    "en": "International Network of Cités des métiers (RICDM).",
}
SITE_NAME = {"fr": "Réseau international des Cités des métiers", "en": "International Network of Cités des métiers"}
REPORT = {
    "fr": "D’après le rapport « Impact social et sociétal du RICDM et des CDM »",
    "en": "Based on the report “Social and societal impact of RICDM and CDMs”",
}
QUOTED = {"fr": "« {} »", "en": "“{}”"}
CONSULTED = {"fr": "(consulté le [date]).", "en": "(accessed [date])."}
SUMMARY = {
    "fr": {False: "Citer cette page", True: "Citer ce site"},
    "en": {False: "Cite this page", True: "Cite this site"},
}
LANGUAGE = {"fr": "fr-FR", "en": "en-GB"}
SLOGANS = (
    "Impact social et sociétal du RICDM et des Cités des métiers",
    "Social and societal impact of the RICDM and the Cités des métiers",
)
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


def data_date(page) -> str:
    """The date the data last changed, as the page's footer gives it (ISO)."""
    return page.css_first(".ricdm-footer time").attributes["datetime"]


def test_every_figure_row_has_a_cite_text_in_the_page_language(site):
    seen = 0
    for path, lang, url in pages(site):
        page = parse(path)
        for row in page.css("tr[id^=fig-]"):
            figure_id = row.attributes["id"].removeprefix("fig-")
            figure = FIGURES[figure_id]
            details = row.css_first("details.ricdm-cite")
            assert details is not None, f"{path}: {figure_id} has no cite text"
            assert details.css_first("summary").text(strip=True) == CITE[lang]
            text = details.css_first("p").text()
            assert text.startswith(PUBLISHER[lang]), text
            assert as_shown(QUOTED[lang].format(figure["label"][lang]), lang) in text, text
            assert f"{url}#fig-{figure_id} " in text and text.endswith(CONSULTED[lang]), text
            parts = [SOURCE_NAMES.get(value["source"], {}).get(lang, value["source"]) for value in figure["values"]]
            assert as_shown(", ".join(dict.fromkeys(parts)), lang) in text, text  # the report's parts that give it
            assert as_shown(REPORT[lang], lang) in text, text
            assert str(datetime.date.fromisoformat(data_date(page)).year) in text, text
            seen += 1
    assert seen >= len(FIGURES), "every figure should be citable somewhere"


def test_every_page_says_how_to_cite_it_as_text_bibtex_and_csl_json(site):
    """The page (or, on the home and about pages, the site): title, site, publisher, report and parts, data date."""
    checked = 0
    for path, lang, url in pages(site):
        page = parse(path)
        block = page.css_first("details#cite.ricdm-cite")
        assert block is not None, path
        site_wide = url.removeprefix(SITE_URL) in ("", "en/", "about/", "en/about/")
        title = None if site_wide else html.unescape(page.css_first("h1").text(strip=True))
        changed = data_date(page)
        text = block.css_first("p.ricdm-cite-text").text()
        bibtex, csl = (code.text() for code in block.css("pre.ricdm-cite-code code"))
        home = f"{SITE_URL}{'en/' if lang == 'en' else ''}"
        address = home if site_wide else url
        assert block.css_first("summary").text(strip=True) == SUMMARY[lang][site_wide]
        assert text.startswith(PUBLISHER[lang]) and text.endswith(CONSULTED[lang]), text
        assert f" {address} (" in text and as_shown(REPORT[lang], lang) in text, text
        assert not [slogan for slogan in SLOGANS if as_shown(slogan, lang) in text], text  # mkdocs.yml's descriptions
        item = json.loads(csl)[0]
        assert item["type"] == "webpage" and item["URL"] == address and item["accessed"] == {"raw": "YYYY-MM-DD"}
        assert item["issued"]["date-parts"] == [[int(part) for part in changed.split("-")]]
        assert item["publisher"] == PUBLISHER[lang].removesuffix(".") and item["language"] == LANGUAGE[lang]
        assert as_shown(item["title"], lang) == as_shown(title or SITE_NAME[lang], lang), (path, item["title"])
        assert bibtex.startswith(f"@online{{{item['id']},\n") and bibtex.endswith("}\n"), bibtex
        assert bibtex.count("{") == bibtex.count("}") and f"  date = {{{changed}}},\n" in bibtex
        assert f"  url = {{{address}}},\n" in bibtex and "  urldate = {YYYY-MM-DD},\n" in bibtex
        if title is not None:
            assert as_shown(QUOTED[lang].format(title), lang) in text, text
            assert item["container-title"] == SITE_NAME[lang], item
        checked += 1
    assert checked > 60


def test_a_citation_names_only_report_parts_and_escapes_bibtex():
    data = load_dataset(PROJECT / "data")
    page = Page(lang="en", root="", url=f"{SITE_URL}en/cdm/paris/")
    parts = [ref for ref, source in data.sources.items() if source.kind == "report"][:2]
    outside = next(ref for ref, source in data.sources.items() if source.kind != "report")
    citation = cite.of(data, page, "R&D_50% {x}", [parts[1], outside, parts[0], parts[1]], "cdm-paris")
    assert citation.parts == (parts[1], parts[0]) and citation.key == "ricdm-cdm-paris-en"
    assert r"  title = {{R\&D\_50\% \{x\}}}," in cite.bibtex(data, citation)
    assert json.loads(cite.csl_json(data, citation))[0]["title"] == "R&D_50% {x}"
    assert "R&amp;D_50% {x}" in str(cite.text(data, citation))  # escaped once in the HTML text


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
    assert text.startswith(PUBLISHER[lang]) and QUOTED[lang].format(FIGURES["beneficiaries"]["label"][lang]) in text
    assert text.endswith(f"{SITE_URL}impact/#fig-beneficiaries {CONSULTED[lang]}")


def parse_html(html: str):
    from selectolax.lexbor import LexborHTMLParser

    return LexborHTMLParser(html)


@pytest.mark.browser
def test_cite_text_opens_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/en/impact/beneficiaries/")  # a figure's own page
    details = page.locator("details.ricdm-cite").first
    text = details.locator("p")
    assert not text.is_visible()
    details.locator("summary").click()
    assert text.is_visible()
    assert "Cite this figure" in details.locator("summary").inner_text()
    context.close()


def test_the_citations_site_name_is_mkdocs_site_name_in_each_language():
    names = re.findall(r"^\s*site_name: (.+)$", (PROJECT / "mkdocs.yml").read_text("utf-8"), re.MULTILINE)
    labels = yaml.safe_load((PROJECT / "data/labels.yaml").read_text("utf-8"))["labels"]["site-name"]
    assert names == [labels["fr"], labels["en"]]
