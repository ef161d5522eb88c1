"""schema.org JSON-LD: a CDM profile as an Organization, an open-data table as a Dataset, the home's WebSite.

Only what the report gives, plus the town the map marks (data/locations.yaml, GeoNames): no address line.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from . import localize, urls
from .dataset import Dataset
from .labels import label
from .models import LANGUAGES, Cdm, Figure
from .opendata import LICENCE_LABEL
from .render import Page


def organization(data: Dataset, page: Page, cdm: Cdm) -> dict[str, object]:
    """The profile's Organization, in the page's language; the template escapes it with ``tojson``."""
    lang = page.lang
    address: dict[str, str] = {"@type": "PostalAddress", "addressCountry": cdm.country}
    place = data.locations.get(cdm.id)
    if place:
        address["addressLocality"] = localize.text(place.place, lang)
        if place.chosen_by == "editors":  # the report names a territory or nothing: say whose choice the town is
            address["description"] = f"{label(data.labels, 'editors-choice', lang)}: {localize.text(place.note, lang)}"
    if cdm.territory:
        address["addressRegion"] = localize.country(cdm.territory, lang)
    node: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "Organization",
        "name": localize.text(cdm.name, lang),
    }
    if page.url:
        node["url"] = page.url
    node["address"] = address
    if cdm.founded:
        node["foundingDate"] = str(cdm.founded.year)
    node["parentOrganization"] = {"@type": "Organization", "name": label(data.labels, "ricdm-name", lang)}
    return node


def dataset(data: Dataset, page: Page, name: str, download_folder: str) -> dict[str, Any]:
    """One open-data table as a schema.org Dataset: its CSV and JSON, licence status and the years it covers.

    ``download_folder`` is the relative link from the page to /data/, made absolute from the page's address.
    """
    lang = page.lang

    def page_label(key: str) -> str:
        return label(data.labels, key, lang)

    publisher = {"@type": "Organization", "name": page_label("ricdm-name")}
    distribution = [
        {
            "@type": "DataDownload",
            "encodingFormat": media_type,
            "contentUrl": urljoin(page.url, f"{download_folder}{name}.{extension}"),
        }
        for extension, media_type in (("csv", "text/csv"), ("json", "application/json"))
    ]
    node: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": page_label(f"dataset-{name}"),
        "description": page_label(f"opendata-{name}"),
        "inLanguage": list(LANGUAGES),
        "isAccessibleForFree": True,
        "license": {"@type": "CreativeWork", "name": f"{page_label('licence-heading')} {page_label(LICENCE_LABEL)}"},
        "creditText": page_label("opendata-cite"),
        "creator": publisher,
        "publisher": publisher,
        "citation": page_label("cite-report"),
        "distribution": distribution,
    }
    if page.url:
        node["url"] = page.url
    years = _years(data, name)
    if years:
        node["temporalCoverage"] = f"{min(years)}/{max(years)}" if min(years) != max(years) else str(min(years))
    return node


def figure_dataset(data: Dataset, page: Page, figure: Figure, csv_link: str, description: str) -> dict[str, Any]:
    """A figure's page as a schema.org Dataset of its own: its CSV, the years it covers, part of the figures' table."""
    node = dataset(data, page, "indicators", "")
    node |= {
        "name": localize.text(figure.label, page.lang),
        "description": description,
        "distribution": [
            {"@type": "DataDownload", "encodingFormat": "text/csv", "contentUrl": urljoin(page.url, csv_link)}
        ],
        "isPartOf": {"@type": "Dataset", "name": label(data.labels, "dataset-indicators", page.lang)},
    }
    node.pop("temporalCoverage", None)
    ends = [item.until or item.year for item in figure.values if item.year is not None]
    if ends:
        # A period ends with its last year: the survey's 2022/2023 covers 2023 too, never "2022" alone.
        first, last = figure.years[0], max(end for end in ends if end is not None)
        node["temporalCoverage"] = f"{first}/{last}" if first != last else str(first)
    return node


def _years(data: Dataset, name: str) -> list[int]:
    """The years the table's rows speak of: creations and statuses of the CDMs, or the figures' years."""
    if name == "cdms":
        years = [cdm.founded.year for cdm in data.cdms if cdm.founded]
        return years + [entry.year for cdm in data.cdms for entry in cdm.statuses if entry.year]
    values = [item for figure in data.figures.values() for item in figure.values]
    return [year for item in values for year in (item.year, item.until) if year]


def home(site_name: str, description: str, lang: str, site_url: str) -> dict[str, Any]:
    """The home page's Organization (the network) and WebSite, one @id each whatever the language."""
    root = urls.absolute("", site_url)
    organization_id = f"{root}#organization"
    return {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "Organization", "@id": organization_id, "name": site_name, "url": root},
            {
                "@type": "WebSite",
                "@id": f"{root}#website",
                "name": site_name,
                "description": description,
                "url": urls.absolute(urls.language_root(lang), site_url),
                "inLanguage": lang,
                "publisher": {"@id": organization_id},
            },
        ],
    }
