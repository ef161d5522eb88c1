"""schema.org JSON-LD for a CDM profile, so that search engines and partners read it as an Organization.

Only what the report gives, plus the town the map marks (data/locations.yaml, GeoNames): no address line.
"""

from __future__ import annotations

from . import localize
from .dataset import Dataset
from .models import Cdm
from .render import Page


def organization(data: Dataset, page: Page, cdm: Cdm) -> dict:
    """The profile's Organization, in the page's language; the template escapes it with ``tojson``."""
    lang = page.lang
    address: dict = {"@type": "PostalAddress", "addressCountry": cdm.country}
    place = data.locations.get(cdm.id)
    if place:
        address["addressLocality"] = localize.text(place.place, lang)
    if cdm.territory:
        address["addressRegion"] = localize.country(cdm.territory, lang)
    node: dict = {"@context": "https://schema.org", "@type": "Organization", "name": localize.text(cdm.name, lang)}
    if page.url:
        node["url"] = page.url
    node["address"] = address
    if cdm.founded:
        node["foundingDate"] = str(cdm.founded.year)
    node["parentOrganization"] = {"@type": "Organization", "name": localize.text(data.labels["ricdm-name"], lang)}
    return node
