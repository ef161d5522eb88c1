"""The directory: every CDM with country, status and year, and filters by country, status and decade.

Filters are pre-rendered groups reached by links (no script needed); the local script only adds a form.
"""

from __future__ import annotations

import pytest
import yaml
from browsing import LANGUAGES

from conftest import PROJECT, as_shown, parse
from ricdm import localize

NOT_REPORTED = {"fr": "non renseigné", "en": "not reported"}


def records() -> list[dict]:
    return yaml.safe_load((PROJECT / "data/cdms.yaml").read_text(encoding="utf-8"))["cdms"]


PROJECT_STATUSES = ("prefiguration", "project", "candidate")


def first_year(record: dict) -> int | None:
    """The site's reading of §4.4.1: a project's dated phase is not a year of creation."""
    if record.get("founded"):
        return record["founded"]["year"]
    years = [e["year"] for e in record["statuses"] if e.get("year") and e["status"] not in PROJECT_STATUSES]
    return min(years) if years else None


def current_statuses(record: dict) -> list[str]:
    """The last status, with Annexe 3's "accredited" before it when §4.4.1 counts the CDM as a project."""
    last = record["statuses"][-1]["status"]
    earlier = [e["status"] for e in record["statuses"][:-1]]
    return ["accredited", last] if last in PROJECT_STATUSES and "accredited" in earlier else [last]


def decade_key(record: dict) -> str:
    year = first_year(record)
    if year:
        return str(year // 10 * 10)
    return "project" if record["statuses"][-1]["status"] in PROJECT_STATUSES else "unknown"


def year_text(record: dict, lang: str) -> str:
    year = first_year(record)
    if year:
        return str(year)
    last = record["statuses"][-1]
    if last["status"] in PROJECT_STATUSES and last.get("year"):
        month = MONTHS[lang][last["month"] - 1] if last.get("month") else ""
        date = f"{month} {last['year']}".strip()  # "avril 2022", "April 2022": never "04/2022"
        stage = labels()[f"status-{last['status']}"][lang]
        return labels()["stage-since"][lang].replace("{stage}", stage).replace("{date}", date)
    return NOT_REPORTED[lang]


MONTHS = {
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
}


def labels() -> dict:
    return yaml.safe_load((PROJECT / "data/labels.yaml").read_text(encoding="utf-8"))["labels"]


def directory(site, lang):
    return parse(site / LANGUAGES[lang] / "directory/index.html")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_full_table_lists_every_cdm_with_country_status_and_year(site, lang):
    table = directory(site, lang).css_first("section.ricdm-directory-all table")
    rows = {
        row.css_first("a").attributes["href"]: [cell.text(strip=True) for cell in row.css("th, td")]
        for row in table.css("tbody tr")
    }
    assert len(rows) == len(records())
    for record in records():
        name, country, status, year = rows[f"../cdm/{record['id']}/"]
        assert name == as_shown(record["name"][lang], lang)
        assert country.startswith(localize.country(record["country"], lang))
        shown = [labels()[f"status-{status}"][lang] for status in current_statuses(record)]
        assert status.startswith(shown[0]) and all(label in status for label in shown), (record["id"], status)
        if len(shown) > 1:  # Annexe 3 and §4.4.1 disagree: both, each with its source, and the note
            assert labels()["status-disagreement"][lang] in status and "§4.4.1" in status, status
        assert " ".join(year.split()) == " ".join(year_text(record, lang).split()), record["id"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_groups_by_country_status_and_decade_hold_the_right_cdms(site, lang):
    html = directory(site, lang)

    def members(anchor: str) -> set[str]:
        heading = html.css_first(f"h3#{anchor}")
        assert heading is not None, anchor
        table = heading.next
        while table is not None and table.tag != "table":
            table = table.next
        return {link.attributes["href"].split("/")[-2] for link in table.css("tbody th a")}

    expected: dict[str, set[str]] = {}
    for record in records():
        keys = [f"country-{record['country'].lower()}", f"decade-{decade_key(record)}"]
        keys += [f"status-{status}" for status in current_statuses(record)]
        for key in keys:
            expected.setdefault(key, set()).add(record["id"])
    for anchor, ids in expected.items():
        assert members(anchor) == ids, anchor
    filter_links = {link.attributes["href"] for link in html.css("nav.ricdm-filters a")}
    assert filter_links == {f"#{anchor}" for anchor in expected}


def test_decades_read_in_the_page_language(site):
    assert "Années 1990" in directory(site, "fr").css_first("nav.ricdm-filters").text()
    assert "1990s" in directory(site, "en").css_first("nav.ricdm-filters").text()


def test_script_form_is_hidden_in_the_html(site):
    for lang in LANGUAGES:
        form = directory(site, lang).css_first("form[data-ricdm-filter]")
        assert "hidden" in form.attributes
        assert len(form.css("select")) == 3


@pytest.mark.browser
def test_the_script_filters_the_full_table(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{server}/en/directory/")
        form = page.locator("form[data-ricdm-filter]")
        assert form.is_visible()
        rows = page.locator("section.ricdm-directory-all tbody tr")
        total = rows.count()
        form.locator("select[name=country]").select_option("BE")
        visible = [row for row in rows.all() if row.is_visible()]
        assert 0 < len(visible) < total
        assert all("Belgium" in row.inner_text() for row in visible)
        assert form.locator(".ricdm-filter-count").inner_text().endswith(str(len(visible)))
        form.locator("select[name=decade]").select_option("2010")
        assert all("201" in row.inner_text() for row in rows.all() if row.is_visible())
        form.locator("select[name=country]").select_option("")
        form.locator("select[name=decade]").select_option("")
        assert sum(1 for row in rows.all() if row.is_visible()) == total
    finally:
        context.close()
