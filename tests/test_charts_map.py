"""Charts and the network map, drawn at build time from the YAML: text alternatives, sources, language."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from browsing import LANGUAGES

from conftest import PROJECT, as_shown, parse
from ricdm import geo, urls
from ricdm.blocks import cdm_profile, network_map, network_overview
from ricdm.charts import timeline
from ricdm.dataset import load_dataset
from ricdm.errors import DataErrors
from ricdm.places import check_locations, map_notes
from ricdm.render import Page

SERVICES = {"resource-users": 125000, "advice-interviews": 127000, "workshop-participants": 94000}
NUMBER = {"fr": "125\u202f000", "en": "125,000"}


def impact(site, lang):
    return parse(site / LANGUAGES[lang] / "impact/index.html")


def locations() -> list[dict]:
    return yaml.safe_load((PROJECT / "data/locations.yaml").read_text(encoding="utf-8"))["locations"]


def cdm_ids() -> set[str]:
    return {record["id"] for record in yaml.safe_load((PROJECT / "data/cdms.yaml").read_text())["cdms"]}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_service_volumes_chart_has_text_values_sources_and_bars(site, lang):
    chart = impact(site, lang).css_first("#chart-resource-users")
    assert chart is not None
    rows = chart.css("tbody tr")
    assert len(rows) >= 4
    text = chart.text()
    assert NUMBER[lang] in text
    for row in rows:
        assert row.css_first("a.ricdm-source"), row.html
        track = row.css_first(".ricdm-bar-track")
        assert track.attributes.get("aria-hidden") == "true"
    widths = {
        row.css_first("data").attributes["value"]: row.css_first(".ricdm-bar").attributes["style"] for row in rows
    }
    assert widths["127000"] == "width: 100.0%"
    assert widths["94000"] == f"width: {round(94000 / 127000 * 100, 1)}%"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_audience_chart_draws_shares_on_a_percent_scale(site, lang):
    chart = impact(site, lang).css_first("#chart-audience-jobseekers")
    assert chart is not None
    assert {"fr": "50\u00a0%", "en": "50%"}[lang] in chart.text()
    row = next(row for row in chart.css("tbody tr") if row.css_first("data").attributes["value"] == "56")
    assert row.css_first(".ricdm-bar").attributes["style"] == "width: 56.0%"
    assert chart.css_first(".ricdm-chart-notes")  # the disagreements are explained beside the chart


@pytest.mark.parametrize("lang", LANGUAGES)
def test_timeline_chart_is_an_image_with_text_alternative_and_data_table(site, lang):
    html = parse(site / LANGUAGES[lang] / "network/index.html")
    chart = html.css_first("#chart-timeline")
    svg = chart.css_first("svg")
    assert svg.attributes["role"] == "img"
    for label_id in svg.attributes["aria-labelledby"].split():
        assert html.css_first(f"#{label_id}").text(strip=True), label_id
    caption = chart.css_first("figcaption").text()
    assert "1993" in caption and "2022" in caption and "§4.4.1" in caption
    table_rows = chart.css("table tbody tr")
    assert len(table_rows) == len(cdm_ids())
    drawn_labels = [node.text() for node in svg.css("text.ricdm-chart-label")]
    assert drawn_labels[0] == "Paris" and len(drawn_labels) == len(set(drawn_labels))
    # each label names the place as the editors write it (hyphens, French forms on French pages), not as §4.4.1's
    # shorthand does ("Franche Comté", "St Quentin", "Val de Marne", "Sambre avesnois", "Bellinzona" in French)
    expected = {
        "fr": {"Nord Franche-Comté", "Saint-Quentin-en-Yvelines", "Val-de-Marne", "Suisse italienne"},
        "en": {"Nord Franche-Comté", "Saint-Quentin-en-Yvelines", "Val-de-Marne", "Italian-speaking Switzerland"},
    }
    assert expected[lang] <= set(drawn_labels), drawn_labels
    assert not {"Franche Comté", "St Quentin", "Val de Marne", "Sambre avesnois"} & set(drawn_labels)
    label_end = float(svg.css_first("text.ricdm-chart-label").attributes["x"] or 0)
    assert label_end >= 5.5 * max(map(len, drawn_labels)), "the labels' column fits the longest label"
    chart = timeline(load_dataset(PROJECT / "data"))
    assert len(svg.css("rect.ricdm-bar-project")) == sum(len(row.segments) for row in chart.rows if row.project)
    assert len(svg.css("rect.ricdm-bar-cdm")) == sum(len(row.segments) for row in chart.rows if not row.project)


PANELS = {
    "fr": ["Europe", "Paris et environs", "Belgique et environs", "Suisse et environs"]
    + ["Guadeloupe", "La Réunion", "Mayotte", "RD Congo"],
    "en": ["Europe", "Around Paris", "Around Belgium", "Around Switzerland"]
    + ["Guadeloupe", "Réunion", "Mayotte", "DR Congo"],
}


def map_svgs(html):
    return html.css("figure.ricdm-map svg.ricdm-map-svg")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("page_path", ["directory/index.html", "index.html"])
def test_each_town_is_a_named_link_to_its_cdm(site, lang, page_path):
    """Today every town has one CDM: its dot leads to that CDM's profile and its name is drawn beside it."""
    page = site / LANGUAGES[lang] / page_path
    html = parse(page)
    dots = [link for svg in map_svgs(html) for link in svg.css("a") if not link.attributes["href"].startswith("#")]
    prefix = "../" if page_path.startswith("directory") else ""
    assert sorted(link.attributes["href"] for link in dots) == sorted(f"{prefix}cdm/{p['cdm']}/" for p in locations())
    for link in dots:
        assert (page.parent / link.attributes["href"] / "index.html").resolve().is_file()
    names = {place["cdm"]: as_shown(place["place"][lang], lang) for place in locations()}
    for link in dots:
        cdm = link.attributes["href"].split("/")[-2]
        assert link.css_first("text.ricdm-map-name").text() == names[cdm], "every town's name is drawn"
        assert link.attributes["aria-label"].startswith(names[cdm] + " — "), "the name read out starts as drawn"
        assert link.css("rect.ricdm-map-hit"), "a tap target around the dot and its name"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_panels_are_named_and_outlines_lead_to_the_enlarged_ones(site, lang):
    html = parse(site / LANGUAGES[lang] / "directory/index.html")
    panels = html.css("figure.ricdm-map .ricdm-map-panel")
    assert [panel.css_first(".ricdm-map-panel-name").text() for panel in panels] == PANELS[lang]
    for panel in panels:
        svg = panel.css_first("svg.ricdm-map-svg")
        assert html.css_first(f"#{svg.attributes['aria-labelledby']}").text() in PANELS[lang]
    europe = html.css_first("#map-europe svg")
    outlines = {link.attributes["href"]: link.css_first("text").text() for link in europe.css("a[href^='#']")}
    assert outlines == dict(zip(["#map-paris", "#map-belgium", "#map-switzerland"], PANELS[lang][1:4], strict=True))
    for target in outlines:
        assert html.css_first(target).css("svg a"), "an outline leads to the panel that enlarges it"
    full_name = {"fr": "République démocratique du Congo", "en": "Democratic Republic of the Congo"}[lang]
    assert full_name in html.css_first("figure.ricdm-map ul.ricdm-map-list").text(), "the list keeps the full name"
    hrefs = [link.attributes["href"] for svg in map_svgs(html) for link in svg.css("a[href^='../']")]
    text_alternative = html.css("figure.ricdm-map ul.ricdm-map-list a:not(.ricdm-source)")
    assert sorted(link.attributes["href"] for link in text_alternative) == sorted(hrefs)
    assert sum(len(svg.html) for svg in map_svgs(html)) < 70_000, "simplified shapes keep the page light"


def test_map_panels_in_a_row_share_one_aspect_so_one_height(site):
    html = parse(site / "directory/index.html")
    rows = html.css("figure.ricdm-map .ricdm-map-row")
    assert len(rows) == 2
    for row in rows:
        svgs = row.css("svg.ricdm-map-svg")
        ratios = []
        for svg in svgs:
            width, height = svg.attributes["style"].removeprefix("aspect-ratio: ").split(" / ")
            ratios.append(float(width) / float(height))
        assert max(ratios) / min(ratios) < 1.001, ratios
        assert len({(svg.attributes["width"], svg.attributes["height"]) for svg in svgs}) == 1
        narrowest = float(svgs[0].attributes["width"])
        assert row.attributes["style"] == f"--ricdm-map-narrowest: {narrowest}px", "the row never squeezes them"


def test_map_points_sit_inside_their_frames(site):
    html = parse(site / "directory/index.html")
    points = [point for svg in map_svgs(html) for point in svg.css("circle.ricdm-map-point")]
    assert len(points) == len({(place["lat"], place["lon"]) for place in locations()})
    for point in points:
        x, y = (float(point.attributes[axis].removesuffix("%")) for axis in ("cx", "cy"))
        assert 0 <= x <= 100 and 0 <= y <= 100


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_profile_map_shows_the_country_and_the_town(site, lang):
    html = parse(site / LANGUAGES[lang] / "cdm/namur/index.html")
    minimap = html.css_first("figure.ricdm-minimap")
    svg = minimap.css_first("svg")
    assert svg.attributes["role"] == "img" and html.css_first(f"#{svg.attributes['aria-labelledby']}")
    (country,) = svg.css("path.ricdm-map-here")
    assert len(svg.css("circle")) == 1, "its own dot only"
    assert svg.css_first("text.ricdm-map-name").text() == "Namur"
    caption = minimap.css_first("figcaption").text()
    assert caption.startswith({"fr": "Namur, Belgique", "en": "Namur, Belgium"}[lang])
    europe = parse(site / LANGUAGES[lang] / "directory/index.html").css_first("#map-europe svg")
    belgium = [path for path in europe.css("path") if path.attributes["d"] == country.attributes["d"]]
    assert belgium, "the country set apart is one of the network map's countries"
    overseas = parse(site / LANGUAGES[lang] / "cdm/la-reunion/index.html").css_first("figure.ricdm-minimap")
    assert overseas.css_first("text.ricdm-map-name").text() == "Saint-Denis"
    assert overseas.css_first("figcaption").text().startswith("Saint-Denis, ")


def test_every_real_cdm_is_on_the_map_at_its_geonames_town():
    """The rules live in ricdm.places (run by check and the build); the real data must pass them with no note."""
    data = load_dataset(PROJECT / "data")
    assert check_locations(PROJECT / "data", data) == []
    assert map_notes(PROJECT / "data", data) == []


def test_a_location_for_an_unknown_cdm_is_a_data_error(tmp_path):
    data = shutil.copytree(PROJECT / "data", tmp_path / "data")
    text = (data / "locations.yaml").read_text(encoding="utf-8").replace("cdm: namur", "cdm: namurr")
    (data / "locations.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DataErrors) as failure:
        load_dataset(data)
    report = failure.value.report()
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "namurr" in content)
    assert f"data/locations.yaml:{line}: locations[" in report and "unknown CDM 'namurr'" in report


def test_shapes_come_from_the_pinned_package_read_at_build_time():
    package = json.loads((PROJECT / "package.json").read_text(encoding="utf-8"))
    version = package["dependencies"]["world-atlas"]
    assert version.count(".") == 2 and version[0].isdigit()  # exact pin, no range
    lock = json.loads((PROJECT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/world-atlas"]["version"] == version
    path = geo.shapes_path(PROJECT)
    assert path.parts[-3:] == ("node_modules", "world-atlas", "countries-50m.json")
    names = {country.name for country in geo.countries(path)}
    assert {"France", "Belgium", "Dem. Rep. Congo"} <= names


def real_and_tenfold(tmp_path: Path):
    """The real data, and the benchmark's copy of it with ten CDMs in each town (bench/synthetic.py)."""
    sys.path.insert(0, str(PROJECT / "bench"))
    from synthetic import read_real_cdms, write_synthetic

    data_copy = Path(shutil.copytree(PROJECT / "data", tmp_path / "data"))
    write_synthetic(data_copy, 10 * len(read_real_cdms(PROJECT / "data")))
    return load_dataset(PROJECT / "data"), load_dataset(data_copy)


def test_a_profile_map_does_not_grow_with_the_network(tmp_path):
    """A profile's small map draws its own CDM only: ten CDMs in each town give the same page."""
    real, grown = real_and_tenfold(tmp_path)
    assert len(grown.cdms) == 10 * len(real.cdms)
    page = Page.at(urls.profile_path("paris", "fr"), "fr", "")
    before, after = cdm_profile(real, page, "paris"), cdm_profile(grown, page, "paris")
    assert before.count("<circle") == after.count("<circle") == 1
    assert len(after) == len(before)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_map_lists_its_towns_and_leads_to_the_directory_map(site, lang):
    html = parse(site / LANGUAGES[lang] / "index.html")
    dots = [link.attributes["href"] for svg in map_svgs(html) for link in svg.css("a[href^='cdm/']")]
    listed = [link.attributes["href"] for link in html.css("figure.ricdm-map ul.ricdm-map-list a")]
    assert sorted(listed) == sorted(dots) and len(dots) == len({place["geonameid"] for place in locations()})
    see_all = html.css_first("figure.ricdm-map a[href='directory/#network-map']")
    assert see_all is not None, "the home's map leads to the directory's, which has every CDM and its source"


def test_the_home_map_does_not_grow_with_the_network(tmp_path):
    """Ten CDMs in each town: still one dot per town, which now leads to that town's list on the directory map."""
    real, grown = real_and_tenfold(tmp_path)
    home = Page.at(urls.page_path("", "en"), "en", "")
    before, after = network_overview(real, home), network_overview(grown, home)
    assert after.count("<circle") == before.count("<circle") > 0
    assert "Paris: 10 Cités des métiers" in after and ">Paris (10)</text>" in after
    assert 'href="directory/#map-2988507"' in after
    assert abs(len(after) - len(before)) < len(before) // 10
    directory = network_map(grown, Page.at(urls.page_path("directory/", "en"), "en", ""))
    town = directory[directory.index('<li id="map-2988507">') :]
    assert town[: town.index("</ul>")].count("<li>") == 10, "the town's entry lists its ten CDMs"


WIDTHS = {390: 844, 1280: 800}
MAP_PAGES = {"home": "", "directory": "directory/", "profile": "cdm/namur/"}
SCREENSHOTS = PROJECT / "test-results"
UNSTICK = ".md-header, .md-tabs { visibility: hidden !important; }"
"""For a screenshot of a map only: the sticky header would lie over it."""

# Every text of a map as drawn: its rendered size (an SVG text's font size times the drawing's scale), and every
# link's tap target: its box, and the rectangles a finger can hit (what two links must never share).
MEASURE_MAP = """figure => {
  const texts = [];
  const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const parent = node.parentElement;
    if (!node.textContent.trim() || !parent.checkVisibility()) continue;
    const ctm = parent instanceof SVGGraphicsElement ? parent.getScreenCTM() : null;
    const size = parseFloat(getComputedStyle(parent).fontSize) * (ctm ? Math.hypot(ctm.a, ctm.b) : 1);
    texts.push({text: node.textContent.trim(), size});
  }
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const links = [...figure.querySelectorAll('svg a')].map(a => ({
    name: a.getAttribute('aria-label') || a.textContent,
    box: box(a.getBoundingClientRect()),
    hits: [...a.querySelectorAll('.ricdm-map-hit, .ricdm-map-mark')].map(e => box(e.getBoundingClientRect())),
  }));
  const svgs = [...figure.querySelectorAll('svg.ricdm-map-svg')].map(svg => box(svg.getBoundingClientRect()));
  const names = [...figure.querySelectorAll('text.ricdm-map-name')].map(t => box(t.getBoundingClientRect()));
  return {texts, links, svgs, names, width: document.documentElement.clientWidth};
}"""


def _meet(a: dict, b: dict, margin: float = 0.5) -> bool:
    return (
        a["left"] < b["right"] - margin
        and b["left"] < a["right"] - margin
        and a["top"] < b["bottom"] - margin
        and b["top"] < a["bottom"] - margin
    )


def _inside(inner: dict, outer: dict) -> bool:
    return (
        all(
            (inner["left"] >= outer["left"] - 0.5, inner["top"] >= outer["top"] - 0.5),
        )
        and inner["right"] <= outer["right"] + 0.5
        and inner["bottom"] <= outer["bottom"] + 0.5
    )


@pytest.mark.browser
@pytest.mark.parametrize("width", WIDTHS)
def test_every_map_reads_at_12_px_and_every_link_is_a_target_of_24_px_on_its_own(browser, server, width):
    """At 390 and 1280 px, in both languages: the home's map, the directory's and a profile's, as drawn."""
    SCREENSHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]})
    page = context.new_page()
    problems, smallest, targets = {}, [], []
    try:
        for kind, path in MAP_PAGES.items():
            for lang, root in LANGUAGES.items():
                page.goto(f"{server}/{root}{path}")
                figure = page.locator("figure.ricdm-map, figure.ricdm-minimap").first
                figure.scroll_into_view_if_needed()
                figure.screenshot(path=str(SCREENSHOTS / f"map-{kind}-{lang}-{width}.png"), style=UNSTICK)
                drawn = figure.evaluate(MEASURE_MAP)
                small = [text for text in drawn["texts"] if text["size"] < 12]
                found = [f"text {text['text']!r} at {text['size']:.1f} px" for text in small]
                for link in drawn["links"]:
                    box = link["box"]
                    if min(box["right"] - box["left"], box["bottom"] - box["top"]) < 24 - 0.01:  # float rounding
                        found.append(f"{link['name']!r}: target {box}")
                    if box["left"] < 0 or box["right"] > drawn["width"]:
                        found.append(f"{link['name']!r} leaves the screen")
                    targets.append(min(box["right"] - box["left"], box["bottom"] - box["top"]))
                links = drawn["links"]
                for one, link in enumerate(links):
                    for other in links[one + 1 :]:
                        if any(_meet(a, b) for a in link["hits"] for b in other["hits"]):
                            found.append(f"{link['name']!r} and {other['name']!r} share a tap target")
                for name in drawn["names"]:
                    if not any(_inside(name, svg) for svg in drawn["svgs"]):
                        found.append(f"a name leaves its panel: {name}")
                smallest.append(min(text["size"] for text in drawn["texts"]))
                if kind != "profile":
                    assert len(links) == len({place["geonameid"] for place in locations()}) + 3, kind
                if found:
                    problems[f"{kind}-{lang}"] = found[:5]
        print(f"{width} px: smallest map text {min(smallest):.1f} px, smallest tap target {min(targets):.1f} px")
        assert not problems, problems
    finally:
        context.close()


@pytest.mark.browser
def test_a_visitor_on_a_phone_reaches_a_centre_from_the_home_by_the_map(browser, server):
    """390 px: on the home's map, the outline of Belgium leads to its enlarged map, where Namur leads to its profile."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    try:
        for lang, root in LANGUAGES.items():
            page.goto(f"{server}/{root}")
            europe = page.locator("#map-europe svg.ricdm-map-svg")
            europe.scroll_into_view_if_needed()
            outline = europe.locator("a[href='#map-belgium']")
            assert outline.text_content().strip() == PANELS[lang][2]
            outline.tap()
            page.wait_for_function("location.hash === '#map-belgium'")
            belgium = page.locator("#map-belgium")
            namur = belgium.locator("a", has_text="Namur")
            assert namur.is_visible() and namur.bounding_box()["y"] < 844, "the enlarged map is on screen"
            namur.tap()
            page.wait_for_url(f"{server}/{root}cdm/namur/")
            assert page.locator("figure.ricdm-minimap text").text_content() == "Namur"
    finally:
        context.close()
