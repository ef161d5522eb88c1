"""Each CDM profile carries one schema.org Organization in JSON-LD, safely escaped."""

from __future__ import annotations

import json

import pytest
import yaml

from conftest import PROJECT, build, copy_project, parse

CDMS = yaml.safe_load((PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8"))["cdms"]
LOCATIONS = {
    place["cdm"]: place
    for place in yaml.safe_load((PROJECT / "data" / "locations.yaml").read_text(encoding="utf-8"))["locations"]
}
PLACES = {cdm_id: place["place"] for cdm_id, place in LOCATIONS.items()}
EDITORS_CHOICE = yaml.safe_load((PROJECT / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"][
    "editors-choice"
]


def organization(page) -> dict:
    scripts = parse(page).css('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text())


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_profile_is_an_organization_of_the_ricdm(site, lang):
    prefix = "" if lang == "fr" else "en/"
    for cdm in CDMS:
        node = organization(site / f"{prefix}cdm/{cdm['id']}/index.html")
        assert node["@context"] == "https://schema.org" and node["@type"] == "Organization"
        assert node["name"] == cdm["name"][lang]
        assert node["url"].endswith(f"/{prefix}cdm/{cdm['id']}/")
        assert node["address"] == {
            "@type": "PostalAddress",
            "addressCountry": cdm["country"],
            **({"addressLocality": PLACES[cdm["id"]][lang]} if cdm["id"] in PLACES else {}),
            **({"addressRegion": node["address"]["addressRegion"]} if cdm.get("territory") else {}),
            **({"description": node["address"]["description"]} if "description" in node["address"] else {}),
        }
        place = LOCATIONS.get(cdm["id"])
        if place and place["chosen_by"] == "editors":  # the town is the editors' choice, and says so
            description = node["address"]["description"]
            assert description.startswith(EDITORS_CHOICE[lang]) and place["note"][lang] in description
        else:
            assert "description" not in node["address"], cdm["id"]
        if cdm.get("founded"):
            assert node["foundingDate"] == str(cdm["founded"]["year"])
        else:
            assert "foundingDate" not in node, "a founding date the report does not give must stay out"
        parent = node["parentOrganization"]
        assert parent["@type"] == "Organization" and "(RICDM)" in parent["name"]


def test_a_name_cannot_break_out_of_the_script(tmp_path):
    project = copy_project(tmp_path / "project")
    cdms = project / "data" / "cdms.yaml"
    hostile = 'Cité </script><script>alert(1)</script> & "quote" <!--'
    text = cdms.read_text(encoding="utf-8")
    first_name = CDMS[0]["name"]["fr"]
    text = text.replace(f'name: {{fr: "{first_name}"', f"name: {{fr: {json.dumps(hostile)}", 1)
    cdms.write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = tmp_path / "site" / "cdm" / CDMS[0]["id"] / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html
    assert organization(page)["name"] == hostile
