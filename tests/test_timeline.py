"""The network page's timeline and country list come from data/cdms.yaml: no date or country is typed twice."""

from __future__ import annotations

import yaml

from conftest import PROJECT, parse
from ricdm import localize


def cdm_records() -> list[dict]:
    return yaml.safe_load((PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8"))["cdms"]


def dated_years(cdm: dict) -> set[int]:
    years = {entry["year"] for entry in cdm["statuses"] if entry.get("year")}
    if cdm.get("founded"):
        years.add(cdm["founded"]["year"])
    return years


def test_every_dated_step_of_every_cdm_is_on_the_timeline(site):
    for root in ("", "en/"):
        tree = parse(site / root / "network" / "index.html")
        for cdm in cdm_records():
            for year in dated_years(cdm):
                item = tree.css_first(f".ricdm-timeline #year-{year}")
                assert item is not None, f"{root}network: no year {year} for {cdm['id']}"
                links = [a.attributes.get("href", "") for a in item.css("a")]
                assert any(f"cdm/{cdm['id']}/" in href for href in links), f"{cdm['id']} missing under {year}"


def test_years_are_in_order_and_undated_cdms_are_listed_apart(site):
    tree = parse(site / "network" / "index.html")
    years = [int(node.attributes["datetime"]) for node in tree.css(".ricdm-timeline-years > li > strong time")]
    assert years == sorted(years) and len(years) == len(set(years))
    undated = [cdm["id"] for cdm in cdm_records() if not dated_years(cdm)]
    heading = tree.css_first("#year-undated")
    assert (heading is not None) == bool(undated)
    if undated:
        hrefs = " ".join(a.attributes.get("href", "") for a in tree.css("#year-undated + ul a"))
        assert all(f"cdm/{cdm_id}/" in hrefs for cdm_id in undated)


def test_countries_are_named_by_babel_and_counted_from_the_records(site):
    counts: dict[str, int] = {}
    for cdm in cdm_records():
        counts[cdm["country"]] = counts.get(cdm["country"], 0) + 1
    for root, lang in (("", "fr"), ("en/", "en")):
        names = {code: localize.country(code, lang) for code in counts}
        items = parse(site / root / "network" / "index.html").css(".ricdm-countries li")
        shown = {item.css_first("a").text(strip=True): item.text(strip=True) for item in items}
        assert len(shown) == len(counts)
        for code, count in counts.items():
            assert shown[names[code]].endswith(f"({count})"), (lang, code)


def test_each_step_of_a_cdm_says_its_own_status(site):
    """A CDM with several dated steps shows each one, not one step repeated (the items are kept per step)."""
    labels = yaml.safe_load((PROJECT / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"]
    tree = parse(site / "en" / "network" / "index.html")
    for cdm in cdm_records():
        steps = {(entry["year"], entry["status"]) for entry in cdm["statuses"] if entry.get("year")}
        if cdm.get("founded"):
            steps.add((cdm["founded"]["year"], "created"))
        for year, status in steps:
            items = [
                li.text()
                for li in tree.css(f".ricdm-timeline #year-{year} li")
                if li.css_first(f'a[href$="cdm/{cdm["id"]}/"]') is not None
            ]
            said = labels[f"status-{status}"]["en"]
            assert any(f"— {said}" in text for text in items), f"{cdm['id']}: {year} {status} not on the timeline"
