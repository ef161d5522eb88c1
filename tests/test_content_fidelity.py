"""Content fidelity over the built HTML of both languages.

Years as the report gives them, one reading of a project's year, both statuses where the report disagrees,
and the editors' choice of a town said wherever the town shows.
"""

from __future__ import annotations

import csv
import io
import json

import pytest
import yaml
from browsing import LANGUAGES

from conftest import PROJECT, as_shown, parse

PROJECT_STATUSES = ("prefiguration", "project", "candidate")


def load(name: str) -> dict:
    return yaml.safe_load((PROJECT / "data" / name).read_text(encoding="utf-8"))


LABELS = load("labels.yaml")["labels"]
FIGURES = {figure["id"]: figure for figure in load("indicators.yaml")["figures"]}
CDMS = load("cdms.yaml")["cdms"]
LOCATIONS = {place["cdm"]: place for place in load("locations.yaml")["locations"]}


def text_of(node) -> str:
    return " ".join(node.text(separator=" ").split())


def csv_rows(site, name: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO((site / "data" / f"{name}.csv").read_text(encoding="utf-8"), newline="")))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_value_is_shown_once_with_the_year_each_source_gives_or_undated(site, lang):
    """No pseudo-series: one row per distinct value, each source with its own year or "undated", never a guess."""
    rows_seen = 0
    folder = site / LANGUAGES[lang]
    for path in sorted([*folder.glob("*/index.html"), *folder.glob("impact/*/index.html")]):  # figures' own pages
        for table in parse(path).css("table.ricdm-figures"):
            for header in table.css("th[scope=rowgroup]"):
                row = header.parent
                figure = FIGURES[row.attributes["id"].removeprefix("fig-")]
                distinct = {(value["value"], value.get("qualifier", "exact")) for value in figure["values"]}
                assert int(header.attributes.get("rowspan", "1")) == len(distinct), figure["id"]
                year_cells = [cell.css("td")[1] for cell in [row, *_following_rows(row, len(distinct) - 1)]]
                for cell in year_cells:  # the part of the report that dates a value is a marker beside its year
                    for marker in cell.css("a.ricdm-source"):
                        marker.decompose()
                shown = [line.strip(" ()") for cell in year_cells for line in cell.text(separator="\n").split("\n")]
                shown = [line for line in shown if line]
                expected = [_year_text(value, lang) for value in figure["values"]]
                assert sorted(shown) == sorted(expected), (figure["id"], shown)
                assert "2023" not in shown, f"{figure['id']}: the report dates no figure 2023 alone"
                rows_seen += 1
    assert rows_seen >= 40


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_year_given_by_another_part_of_the_report_names_that_part(site, lang):
    """The survey's 2022/2023 and the reference year 2019 come from §1.5: the year cell links there."""
    dated_elsewhere = [
        (figure["id"], value) for figure in FIGURES.values() for value in figure["values"] if value.get("year_source")
    ]
    assert {figure_id for figure_id, _ in dated_elsewhere} >= {"survey-interviews", "audience-employees"}
    for figure_id, value in dated_elsewhere:  # on each figure's own page
        table = parse(site / LANGUAGES[lang] / "impact" / figure_id / "index.html")
        row = table.css_first(f"tr#fig-{figure_id}")
        cells = [row, *_following_rows(row, 3)]
        markers = [a.attributes["data-source"] for cell in cells if cell.css("td") for a in cell.css("td")[1].css("a")]
        assert value["year_source"] in markers, figure_id
    survey = text_of(
        parse(site / LANGUAGES[lang] / "impact/survey-questionnaires/index.html").css_first(
            "tr#fig-survey-questionnaires"
        )
    )
    assert "2022/2023" in survey


def _year_text(value: dict, lang: str) -> str:
    """How the year column writes a value's date: 2019, 2022/2023 (a period), or "undated"."""
    if not value.get("year"):
        return LABELS["undated"][lang]
    return f"{value['year']}/{value['until']}" if value.get("until") else str(value["year"])


def _following_rows(row, count: int) -> list:
    rows, node = [], row.next
    while node is not None and len(rows) < count:
        if node.tag == "tr":
            rows.append(node)
        node = node.next
    return rows


def test_the_women_in_advice_and_workshops_are_a_measure_of_their_own():
    women = FIGURES["audience-women"]
    assert [value["value"] for value in women["values"]] == [56]
    advice = FIGURES["audience-women-advice-workshops"]
    assert [(value["value"], value["source"]) for value in advice["values"]] == [(60, "§3")]
    # §3 gives no year: the year is §1.5's reference year for the report's activity figures, marked as such
    dated = [(value.get("year"), value.get("year_source")) for value in advice["values"]]
    assert dated in ([(None, None)], [(2019, "§1.5")])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_cdm_project_has_no_year_of_creation_and_says_why_everywhere(site, lang):
    projects = [cdm for cdm in CDMS if cdm["statuses"][-1]["status"] in PROJECT_STATUSES and not cdm.get("founded")]
    assert {"grand-roissy", "liege", "charleroi", "sambre-avesnois", "pays-d-artois", "rdc"} <= {
        c["id"] for c in projects
    }
    directory = parse(site / LANGUAGES[lang] / "directory/index.html")
    in_project_group = {
        a.attributes["href"].split("/")[-2] for a in directory.css("h3#decade-project + table tbody th a")
    }
    in_decades: set[str] = set()
    assert {cdm["id"] for cdm in projects if cdm["statuses"][-1].get("year")} <= in_project_group
    for heading in directory.css("h3[id^=decade-]"):
        if heading.attributes["id"] in ("decade-project", "decade-unknown"):
            continue
        table = heading.next
        while table is not None and table.tag != "table":
            table = table.next
        in_decades |= {a.attributes["href"].split("/")[-2] for a in table.css("tbody th a")}
    assert not in_decades & {cdm["id"] for cdm in projects}, "a project's phase year is not a decade of creation"
    rows = {row["id"]: row for row in csv_rows(site, "cdms")}
    note = " ".join(as_shown(LABELS["founded-project"][lang], lang).split())
    for cdm in projects:
        stage = cdm["statuses"][-1]
        profile = text_of(parse(site / LANGUAGES[lang] / f"cdm/{cdm['id']}/index.html").css_first("dl.ricdm-summary"))
        node = json.loads(
            parse(site / LANGUAGES[lang] / f"cdm/{cdm['id']}/index.html")
            .css_first('script[type="application/ld+json"]')
            .text()
        )
        assert "foundingDate" not in node
        assert rows[cdm["id"]]["founded"] == ""
        if stage.get("year"):
            assert str(stage["year"]) in profile and note in profile, cdm["id"]
            assert rows[cdm["id"]][f"founded_note_{lang}"] == LABELS["founded-project"][lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_where_annexe_3_and_the_history_disagree_the_directory_and_open_data_show_both(site, lang):
    disputed = [
        cdm
        for cdm in CDMS
        if cdm["statuses"][-1]["status"] in PROJECT_STATUSES
        and any(e["status"] == "accredited" for e in cdm["statuses"])
    ]
    assert len(disputed) >= 5
    table = parse(site / LANGUAGES[lang] / "directory/index.html").css_first("section.ricdm-directory-all table")
    cells = {row.css_first("th a").attributes["href"].split("/")[-2]: row.css("td")[1] for row in table.css("tbody tr")}
    accredited = {
        row.css_first("th a").attributes["href"].split("/")[-2]
        for row in parse(site / LANGUAGES[lang] / "directory/index.html").css("h3#status-accredited + table tbody tr")
    }
    rows = {row["id"]: row for row in csv_rows(site, "cdms")}
    for cdm in disputed:
        cell = text_of(cells[cdm["id"]])
        last = cdm["statuses"][-1]
        assert as_shown(LABELS["status-accredited"][lang], lang) in cell
        assert " ".join(as_shown(last["note"][lang], lang).split()) in cell, cdm["id"]
        assert cdm["id"] in accredited
        row = rows[cdm["id"]]
        assert (row["status"], row["status_also"], row["status_also_source"]) == (
            last["status"],
            "accredited",
            "Annexe 3",
        )
        assert row[f"status_note_{lang}"] == last["note"][lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_town_chosen_by_the_editors_says_so_on_the_profile_and_in_the_data(site, lang):
    rows = {row["id"]: row for row in csv_rows(site, "cdms")}
    chosen = [cdm_id for cdm_id, place in LOCATIONS.items() if place["chosen_by"] == "editors"]
    assert {"val-de-marne", "mayotte", "rdc"} <= set(chosen)
    for cdm_id, place in LOCATIONS.items():
        profile = text_of(parse(site / LANGUAGES[lang] / f"cdm/{cdm_id}/index.html").css_first("dl.ricdm-summary"))
        assert as_shown(place["place"][lang], lang) in profile
        marked = as_shown(LABELS["editors-choice"][lang], lang) in profile
        assert marked == (place["chosen_by"] == "editors"), cdm_id
        assert rows[cdm_id]["place_chosen_by"] == place["chosen_by"]
        if marked:
            assert " ".join(as_shown(place["note"][lang], lang).split()) in profile
