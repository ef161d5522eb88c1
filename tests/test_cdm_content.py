"""The CDM profiles say what the report says: chosen facts on the built pages, sources and both languages in the data.

The facts in ``tests/facts/cdms.yaml`` are read from the report; each must be on the French
profile and its translation on the English one. The data checks go through the project's own
loader, so they see exactly what the site sees.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import yaml
from pydantic import BaseModel

from conftest import PROJECT, french_report
from ricdm.dataset import load_dataset
from ricdm.models import Cdm, Quote, Text

FACTS = yaml.safe_load((PROJECT / "tests/facts/cdms.yaml").read_text(encoding="utf-8"))
FRENCH_REPORT = french_report()
"""The French original of the report, when the machine has it (quotations are checked against it)."""
TRANSLATION_ERRORS = (r"\bMeeting\b(?! [a-z])", "A third party", "RIDCM", "Decomartmentalisation", "Decentralisation")
"""Mistakes of the report's English translation ("Meeting" for La Réunion…) that must not reach the site."""


def normalise(text: str) -> str:
    """Collapse every kind of space (Babel's narrow no-break space included) to one plain space."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def dataset():
    return load_dataset(PROJECT / "data")


def walk(value: object) -> Iterator[BaseModel]:
    """Every model inside a record, the record included."""
    if isinstance(value, BaseModel):
        yield value
        for name in type(value).model_fields:
            yield from walk(getattr(value, name))
    elif isinstance(value, list | tuple):
        for item in value:
            yield from walk(item)


def sourced_items(cdm: Cdm) -> Iterator[BaseModel]:
    """The statements of a record: anything holding a text, a year or a status."""
    for item in walk(cdm):
        fields = type(item).model_fields
        if "text" in fields or "year" in fields or "status" in fields:
            yield item


def test_the_facts_file_is_a_real_sample():
    """Each fact of tests/facts/cdms.yaml is looked for on its page by test_report_facts; here: it is a profile's."""
    assert len(FACTS) >= 25
    ids = {record["id"] for record in yaml.safe_load((PROJECT / "data/cdms.yaml").read_text("utf-8"))["cdms"]}
    for fact in FACTS:
        assert set(fact) == {"page", "fr", "en"}, fact
        assert fact["page"].startswith("cdm/") and fact["page"].endswith("/"), fact
        assert fact["page"].removeprefix("cdm/").strip("/") in ids, fact
    assert len({(fact["page"], fact["fr"]) for fact in FACTS}) == len(FACTS), "a fact is listed twice"


def test_every_statement_names_a_known_source(dataset):
    for cdm in dataset.cdms:
        for item in sourced_items(cdm):
            assert isinstance(getattr(item, "source", None), str), (cdm.id, item)
            assert item.source in dataset.sources, (cdm.id, item.source)


def test_every_text_is_in_both_languages(dataset):
    for cdm in dataset.cdms:
        for item in walk(cdm):
            if isinstance(item, Text):
                assert item.fr.strip() and item.en.strip(), (cdm.id, item)
                if len(item.fr) > 60:  # a sentence, not a proper name: the English must be a translation
                    assert item.fr != item.en, (cdm.id, item.fr)


def test_english_texts_avoid_the_translation_errors(dataset):
    for cdm in dataset.cdms:
        for item in walk(cdm):
            if isinstance(item, Text):
                for mistake in TRANSLATION_ERRORS:
                    assert not re.search(mistake, item.en), (cdm.id, mistake, item.en)


def test_an_initiative_the_report_gives_no_cdm_is_on_no_profile(dataset):
    """No profile lists what the report attributes to no CDM.

    §3 names the Social Builder workshops between Egalab « (CDM Marseille) » and a forum « (CDM Paris) », with no CDM
    of their own: listed on a profile, they would be attributed where the report does not attribute them.
    """
    if FRENCH_REPORT.exists():
        assert "ateliers Social Builder" in FRENCH_REPORT.read_text(encoding="utf-8")
    for cdm in dataset.cdms:
        for item in walk(cdm):
            if isinstance(item, Text):
                assert "Social Builder" not in item.fr + item.en, cdm.id


def test_passages_only_in_the_english_translation_say_so(dataset):
    english_only = [
        (cdm.id, item) for cdm in dataset.cdms for item in sourced_items(cdm) if item.source == "Version anglaise"
    ]
    assert english_only, "the Paris governance paragraph of the English translation is missing"
    for cdm_id, item in english_only:
        assert item.note is not None and "anglaise" in item.note.fr and "English" in item.note.en, cdm_id


def spelling_aside(name: str) -> str:
    """A name without what the editors may correct in it: hyphens of place names and capitals."""
    return re.sub(r"[\s-]+", " ", name).casefold()


def test_every_accredited_cdm_keeps_its_appendix_3_name(dataset):
    """The profile's name is Annexe 3's, place names spelt right (Val-de-Marne); `names` keeps the report's spelling."""
    listed = [cdm for cdm in dataset.cdms if any(variant.source == "Annexe 3" for variant in cdm.names)]
    assert len(listed) == 24
    for cdm in listed:
        (appendix,) = [variant.text for variant in cdm.names if variant.source == "Annexe 3"]
        assert spelling_aside(cdm.name.fr) == spelling_aside(appendix.fr), cdm.id
        assert cdm.name.en == appendix.en, cdm.id


def test_english_names_put_the_place_first():
    """One pattern for every CDM's English name (data/cdms.yaml header): "Brussels Cité des métiers"."""
    records = yaml.safe_load((PROJECT / "data/cdms.yaml").read_text("utf-8"))["cdms"]
    accredited = [record for record in records if any(v["source"] == "Annexe 3" for v in record.get("names", []))]
    for record in accredited:
        english = record["name"]["en"]
        assert english.endswith(" Cité des métiers") and " de " not in english and " du " not in english, english


def test_quotations_are_the_french_original_verbatim(dataset):
    if not FRENCH_REPORT.is_file():
        pytest.skip(f"the French report is not on this machine ({FRENCH_REPORT})")
    report = normalise(FRENCH_REPORT.read_text(encoding="utf-8"))
    quotes = [(cdm.id, item) for cdm in dataset.cdms for item in walk(cdm) if isinstance(item, Quote)]
    assert len(quotes) >= 9
    for cdm_id, quote in quotes:
        assert normalise(quote.text.fr.replace(" [sic]", "")) in report, cdm_id  # the house style marks slips [sic]
