"""Charts and the network map, drawn at build time from the YAML: text alternatives, sources, language."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from browsing import LANGUAGES

from conftest import PROJECT, parse
from ricdm import geo, urls
from ricdm.blocks import cdm_profile, network_overview
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
    chart = timeline(load_dataset(PROJECT / "data"))
    assert len(svg.css("rect.ricdm-bar-project")) == sum(len(row.segments) for row in chart.rows if row.project)
    assert len(svg.css("rect.ricdm-bar-cdm")) == sum(len(row.segments) for row in chart.rows if not row.project)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_map_links_each_located_cdm_to_its_profile_with_an_accessible_name(site, lang):
    page = site / LANGUAGES[lang] / "directory/index.html"
    html = parse(page)
    svg = html.css_first("figure.ricdm-map svg.ricdm-map-svg")
    links = svg.css("a")
    hrefs = [link.attributes["href"] for link in links]
    assert sorted(hrefs) == sorted(f"../cdm/{place['cdm']}/" for place in locations())
    for link in links:
        assert link.attributes.get("aria-label"), link.html
        assert (page.parent / link.attributes["href"] / "index.html").resolve().is_file()
    frames = [node.text() for node in svg.css("text.ricdm-map-frame-label")]
    expected = {
        "fr": ["Europe", "Île-de-France", "Guadeloupe", "La Réunion", "Mayotte", "RD Congo"],
        "en": ["Europe", "Paris region", "Guadeloupe", "Réunion", "Mayotte", "DR Congo"],
    }[lang]
    assert frames == expected, "a name too long for its inset is drawn short"
    full_name = {"fr": "République démocratique du Congo", "en": "Democratic Republic of the Congo"}[lang]
    assert full_name in html.css_first("figure.ricdm-map ul.ricdm-map-list").text(), "the list keeps the full name"
    text_alternative = html.css("figure.ricdm-map ul.ricdm-map-list a:not(.ricdm-source)")
    assert sorted(link.attributes["href"] for link in text_alternative) == sorted(hrefs)
    assert len(svg.html) < 60_000, "simplified shapes keep the page light"


def test_map_points_sit_inside_their_frames(site):
    svg = parse(site / "directory/index.html").css_first("svg.ricdm-map-svg")
    for panel in svg.css("svg.ricdm-map-panel"):
        width, height = float(panel.attributes["width"]), float(panel.attributes["height"])
        for point in panel.css("circle"):
            assert 0 <= float(point.attributes["cx"]) <= width and 0 <= float(point.attributes["cy"]) <= height


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
    """A profile's small map draws one dot per place: ten CDMs in each town give the same page as one."""
    real, grown = real_and_tenfold(tmp_path)
    assert len(grown.cdms) == 10 * len(real.cdms)
    page = Page.at(urls.profile_path("paris", "fr"), "fr", "")
    before, after = cdm_profile(real, page, "paris"), cdm_profile(grown, page, "paris")
    assert before.count("ricdm-map-other") > 0, "the small map shows the other CDMs of its frame"
    assert after.count("ricdm-map-other") == before.count("ricdm-map-other")
    assert len(after) == len(before)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_map_has_one_dot_per_town_each_leading_to_its_cdm(site, lang):
    """Today every town has one CDM on the map: its dot and list entry lead to that CDM's profile."""
    page = site / LANGUAGES[lang] / "index.html"
    html = parse(page)
    dots = [link.attributes["href"] for link in html.css("figure.ricdm-map svg.ricdm-map-svg a")]
    towns = {(place["lat"], place["lon"]) for place in locations()}
    assert len(dots) == len(towns)
    assert sorted(dots) == sorted(f"cdm/{place['cdm']}/" for place in locations())
    listed = [link.attributes["href"] for link in html.css("figure.ricdm-map ul.ricdm-map-list a")]
    assert sorted(listed) == sorted(dots)
    see_all = html.css_first("figure.ricdm-map a[href='directory/#network-map']")
    assert see_all is not None, "the home's map leads to the directory's, which has every CDM"


def test_the_home_map_does_not_grow_with_the_network(tmp_path):
    """Ten CDMs in each town: still one dot per town, which now leads to its country in the directory."""
    real, grown = real_and_tenfold(tmp_path)
    home = Page.at(urls.page_path("", "en"), "en", "")
    before, after = network_overview(real, home), network_overview(grown, home)
    assert after.count("<circle") == before.count("<circle") > 0
    assert "Paris: 10 Cités des métiers" in after
    assert 'href="directory/#country-fr"' in after
    assert abs(len(after) - len(before)) < len(before) // 10
