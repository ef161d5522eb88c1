"""Every figure has its own page in both languages; the impact page lists them by theme, the home one number a card.

A figure the next survey gives a value for another year shows a series, with no code change.
"""

from __future__ import annotations

import csv
import io
import re

import pytest
import yaml
from browsing import LANGUAGES

from conftest import PROJECT, as_shown, build, copy_project, parse

SITE_URL = "https://www.reseaucitesdesmetiers.org/"
INDICATORS = yaml.safe_load((PROJECT / "data" / "indicators.yaml").read_text(encoding="utf-8"))
FIGURES = {figure["id"]: figure for figure in INDICATORS["figures"]}
GROUPS = {group["id"]: group for group in INDICATORS["groups"]}
LABELS = yaml.safe_load((PROJECT / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"]


def text_of(node) -> str:
    """The node's text, its spaces and line breaks as one space (no-break spaces kept: French typography)."""
    return re.sub(r"[ \t\r\n]+", " ", node.text(separator=" ")).strip()


def figure_page(site, lang: str, figure_id: str):
    return parse(site / LANGUAGES[lang] / "impact" / figure_id / "index.html")


def numbers(node) -> list[str]:
    """The values a node shows, as the data writes them (``<data value>``)."""
    return [item.attributes["value"] for item in node.css("data")]


def headline(figure: dict) -> dict:
    """The value a card shows: the newest year's first value when the figure has several years, else the first."""
    years = sorted({value["year"] for value in figure["values"] if value.get("year")})
    if len(years) > 1:
        return next(value for value in figure["values"] if value.get("year") == years[-1])
    return figure["values"][0]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_figure_has_its_page_with_its_number_what_it_counts_and_every_source(site, lang):
    for figure_id, figure in FIGURES.items():
        page = figure_page(site, lang, figure_id)
        assert text_of(page.css_first("article h1")) == as_shown(figure["label"][lang], lang)
        hero = page.css_first(".ricdm-figure-hero .ricdm-figure-number")
        assert numbers(hero) == [str(headline(figure)["value"])], figure_id
        table = page.css_first("table.ricdm-figures")
        shown_sources = [link.attributes["data-source"] for link in table.css("td:last-child a.ricdm-source")]
        assert sorted(shown_sources) == sorted(value["source"] for value in figure["values"]), figure_id
        theme = page.css_first(".ricdm-figure-theme a")
        assert theme.attributes["href"] == f"../../impact/#theme-{figure['group']}"
        assert text_of(theme) == as_shown(GROUPS[figure["group"]]["title"][lang], lang)
        note = page.css_first("section.ricdm-figure-note p")
        assert (note is not None) == ("note" in figure), figure_id
        if note is not None:
            assert text_of(note) == as_shown(figure["note"][lang], lang)
        assert page.css_first("details.ricdm-cite") is not None, f"{figure_id}: no 'cite this'"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_chart_where_the_report_gives_more_than_one_value(site, lang):
    charted = 0
    for figure_id, figure in FIGURES.items():
        chart = figure_page(site, lang, figure_id).css_first("figure.ricdm-chart-figure")
        bars = {(value.get("year"), value["value"], value.get("qualifier", "exact")) for value in figure["values"]}
        if figure.get("unit") == "year" or len({bar[:2] for bar in bars}) < 2:
            assert chart is None, figure_id
            continue
        charted += 1
        rows = chart.css("tbody tr")
        assert len(rows) == len(bars), figure_id
        assert [numbers(row)[0] for row in rows] == [str(key[1]) for key in _chronological(figure)]
    assert charted >= 3  # the report disagrees with itself on a few figures (partners, cdms…)


def _chronological(figure: dict) -> list:
    """The bars as the chart orders them: oldest year first, undated last, the data's order within a year."""
    order = []
    for value in figure["values"]:
        key = (value.get("year"), value["value"], value.get("qualifier", "exact"))
        if key not in order:
            order.append(key)
    return sorted(order, key=lambda key: (key[0] is None, key[0] or 0))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_figure_page_describes_itself_as_a_dataset_with_its_csv(site, lang):
    import json

    for figure_id in ("cdms", "partners", "survey-interviews"):
        node = json.loads(figure_page(site, lang, figure_id).css_first('script[type="application/ld+json"]').text())
        assert node["@type"] == "Dataset" and node["name"] == FIGURES[figure_id]["label"][lang]
        page_url = f"{SITE_URL}{LANGUAGES[lang]}impact/{figure_id}/"
        assert node["url"] == page_url
        assert [item["contentUrl"] for item in node["distribution"]] == [f"{SITE_URL}data/indicators/{figure_id}.csv"]
        # The years the values cover, a period's last year included (the survey's 2022/2023 ends in 2023).
        values = [value for value in FIGURES[figure_id]["values"] if value.get("year")]
        years = sorted({year for value in values for year in (value["year"], value.get("until")) if year})
        assert node["temporalCoverage"] == (f"{years[0]}/{years[-1]}" if len(years) > 1 else str(years[0]))
    assert node["temporalCoverage"] == "2022/2023"  # the last figure, the survey's: never "2022" alone


def test_each_figure_page_offers_its_own_data_as_csv(site):
    header = (site / "data" / "indicators.csv").read_text(encoding="utf-8").splitlines()[0]
    for figure_id, figure in FIGURES.items():
        for lang in LANGUAGES:
            link = figure_page(site, lang, figure_id).css_first("a.ricdm-download")
            target = (site / LANGUAGES[lang] / "impact" / figure_id / link.attributes["href"]).resolve()
            assert target == (site / "data" / "indicators" / f"{figure_id}.csv").resolve()
        text = (site / "data" / "indicators" / f"{figure_id}.csv").read_text(encoding="utf-8")
        assert text.splitlines()[0] == header
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
        assert {row["figure"] for row in rows} == {figure_id}
        assert [row["source"] for row in rows] == [value["source"] for value in figure["values"]]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_shared_figure_link_shows_the_number(site, lang):
    """The social card of a figure page is its own image, drawn with the number (its name says what it shows)."""
    from PIL import Image

    cards = set()
    for figure_id in ("beneficiaries", "cdms", "partners"):
        page = figure_page(site, lang, figure_id)
        image = page.css_first('meta[property="og:image"]').attributes["content"]
        assert image.startswith(SITE_URL)
        path = site / image.removeprefix(SITE_URL)
        with Image.open(path) as card:
            assert card.size == (1200, 630)
        cards.add(path.name)
        description = page.css_first('meta[name="description"]').attributes["content"]
        value = re.sub(r"\D", "", str(headline(FIGURES[figure_id])["value"]))
        assert value in re.sub(r"\D", "", description.split("—")[0]), description
    assert len(cards) == 3


def test_the_card_draws_the_number_it_is_given():
    """Two cards that differ only by their number are two different images: the number is drawn."""
    from ricdm.social_card import Card, render

    plain = Card("Site", "People who benefited", "2019, §3", "example.org")
    numbered = Card("Site", "People who benefited", "2019, §3", "example.org", number="nearly 500,000")
    other = Card("Site", "People who benefited", "2019, §3", "example.org", number="nearly 600,000")
    assert len({plain.key, numbered.key, other.key}) == 3
    assert len({render(plain), render(numbered), render(other)}) == 3


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_impact_page_lists_every_figure_by_theme_with_a_table_of_contents(site, lang):
    page = parse(site / LANGUAGES[lang] / "impact" / "index.html")
    toc = [text_of(link) for link in page.css("nav.md-nav--secondary a.md-nav__link")]
    for group in GROUPS.values():
        assert as_shown(group["title"][lang], lang) in toc
    listed = []
    for group_id in GROUPS:
        heading = page.css_first(f"h2#theme-{group_id}")
        assert heading is not None, group_id
        lines = heading.next
        while lines is not None and lines.tag != "ul":
            lines = lines.next
        for line in lines.css("li"):
            figure_id = line.attributes["id"].removeprefix("fig-")
            assert FIGURES[figure_id]["group"] == group_id
            link = line.css_first("a")
            assert link.attributes["href"] == f"../impact/{figure_id}/"
            assert numbers(link) == [str(headline(FIGURES[figure_id])["value"])]
            listed.append(figure_id)
    assert listed == list(FIGURES)
    assert page.css_first("table.ricdm-figures") is None, "the tables of every value moved to the figures' pages"
    intro = " ".join(text_of(paragraph) for paragraph in page.css("article > p"))
    assert not re.search(r"\b(?:table|tableau)\b", intro, re.IGNORECASE), "the overview has no table to speak of"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_value_the_report_dates_is_never_shown_as_year_not_given(site, lang):
    """The overview's year of each line is the year any part of the report gives the value shown.

    §2's six countries "today" are §3's six of 2019: the line says 2019. "Year not given" only where no part of the
    report dates the value.
    """
    page = parse(site / LANGUAGES[lang] / "impact" / "index.html")
    undated = as_shown(LABELS["undated"][lang], lang)
    dated_elsewhere = 0
    for figure_id, figure in FIGURES.items():
        first = headline(figure)
        same = [
            value
            for value in figure["values"]
            if (value["value"], value.get("qualifier")) == (first["value"], first.get("qualifier"))
        ]
        years = {str(value["year"]) for value in same if value.get("year")}
        shown = text_of(page.css_first(f"li#fig-{figure_id} .ricdm-overview-year"))
        if years:
            assert shown != undated and any(year in shown for year in years), (figure_id, shown)
            dated_elsewhere += any(not value.get("year") for value in same)
        else:
            assert shown == undated, (figure_id, shown)
    assert dated_elsewhere >= 5, "the figures one source gives without a year and another dates, the same value"


def test_the_headline_is_the_dated_source_whatever_the_order():
    """A staff edit that lists the undated source first still shows the value with the year another part gives."""
    from ricdm.models import Figure

    values = [{"value": 6, "source": "§2"}, {"value": 6, "year": 2019, "source": "§3"}]
    figure = Figure.model_validate({"id": "x", "group": "g", "label": {"fr": "x", "en": "x"}, "values": values})
    assert (figure.headline.year, figure.headline.source) == (2019, "§3")
    alone = Figure.model_validate({"id": "x", "group": "g", "label": {"fr": "x", "en": "x"}, "values": values[:1]})
    assert alone.headline.year is None


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_shows_one_number_per_card_leading_to_its_page(site, lang):
    home = parse(site / LANGUAGES[lang] / "index.html")
    cards = home.css("ul.ricdm-keyfigures > li")
    assert len(cards) >= 3
    for card in cards:
        figure_id = card.attributes["id"].removeprefix("key-")
        assert numbers(card) == [str(headline(FIGURES[figure_id])["value"])], figure_id
        assert card.css_first("a.ricdm-keyfigure-main").attributes["href"] == f"impact/{figure_id}/"
    assert as_shown("Le rapport donne aussi" if lang == "fr" else "The report also gives", lang) not in text_of(
        home.body
    )


def test_the_sitemap_lists_every_figure_page_with_its_twin(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    for figure_id in FIGURES:
        for path in (f"impact/{figure_id}/", f"en/impact/{figure_id}/"):
            assert f"<loc>{SITE_URL}{path}</loc>" in sitemap, path
        assert f'hreflang="en" href="{SITE_URL}en/impact/{figure_id}/"' in sitemap


def test_a_series_needs_no_note_but_two_values_for_one_year_do():
    from pydantic import ValidationError

    from ricdm.models import Figure

    def figure(*values: dict) -> dict:
        return {"id": "x", "group": "g", "label": {"fr": "X", "en": "X"}, "values": list(values)}

    series = Figure.model_validate(
        figure({"value": 1, "year": 2019, "source": "§3"}, {"value": 2, "year": 2024, "source": "§3"})
    )
    assert series.is_series and series.headline.value == 2
    with pytest.raises(ValidationError, match="values disagree"):
        Figure.model_validate(
            figure({"value": 1, "year": 2019, "source": "§3"}, {"value": 2, "year": 2019, "source": "§2"})
        )
    with pytest.raises(ValidationError, match="values disagree"):
        Figure.model_validate(figure({"value": 1, "year": 2019, "source": "§3"}, {"value": 2, "source": "§2"}))


def test_a_value_for_another_year_makes_a_series_with_no_code_change(tmp_path):
    """Made-up next-survey values in a copy of the project (never data/): the page shows them year by year."""
    project = copy_project(tmp_path / "project")
    path = project / "data" / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    figure_id = "resource-users"
    start = text.index(f"  - id: {figure_id}\n")
    values = text.index("    values:\n", start) + len("    values:\n")
    text = text[:values] + '      - {value: 131313, year: 2025, source: "§3"}\n' + text[values:]
    path.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    for lang in LANGUAGES:
        page = figure_page(site, lang, figure_id)
        assert numbers(page.css_first(".ricdm-figure-number")) == ["131313"]
        heading = page.css_first("h2#chart")
        assert text_of(heading) == as_shown(LABELS["figure-series-heading"][lang], lang)
        rows = page.css("figure.ricdm-chart-figure tbody tr")
        years = [text_of(row.css_first("th")) for row in rows]
        assert years[-1] == "2025" and all(year < "2025" for year in years[:-1]), years
        assert numbers(rows[-1]) == ["131313"]
        values = text_of(page.css_first("table.ricdm-figures"))
        assert "2025" in values
        overview = parse(site / LANGUAGES[lang] / "impact" / "index.html").css_first(f"li#fig-{figure_id}")
        assert numbers(overview) == ["131313"] and "2025" in text_of(overview)
    rows = list(csv.DictReader(io.StringIO((site / "data/indicators" / f"{figure_id}.csv").read_text("utf-8"))))
    assert "2025" in [row["year"] for row in rows]
