"""English pages name the report's parts and the site's sources in English (issue 13): no French label on them."""

from __future__ import annotations

import re

from conftest import parse

FRENCH_ON_ENGLISH = re.compile(
    r"Source: (Annexe|Synthèse|Éditeurs|Version anglaise)|\bÉditeurs\b|Version anglaise|Congo - Kinshasa"
)
DRIFTED = (
    "acquire the benchmarks",
    "free choice of guidance",
    "administer benefits",
    "rewarding environment",
    "rewarding public space",
    "with no reference points",
    "local leadership",
    "intangible principles",
    "give relief to",
    "far from assistance",
    "bounce back to other services",
    "Advice interviews",
    "soft mobility",
    "low range",
    "public distancing",
    "can only rely on an alliance",
    "labour pool (in the centre of Geneva)",
    "cluster meetings",
    "other place to confide in",
    "part of contemporary European societal issues",
    "Impact of the RICDM and international",
    "Deontological aspects",
    "enhance the social impact and network more",
    "disseminate these studies among the public",
    "more focused on trades",
    "CDM area",
    '"Cité des métiers" area',
    "effective and operative",
    "described with nuances",
    "elements of argument",
    "and network more",
    "once made objective",
    "detached view",
    "questionnaire grid",
    "referred to the appendices",
    "the regional network of local youth employment centres",
)


def test_no_french_source_label_or_drifted_translation_on_english_pages(site):
    pages = sorted((site / "en").rglob("index.html"))
    assert len(pages) > 30
    for path in pages:
        tree = parse(path)
        for node in tree.css("script, style"):
            node.decompose()
        text = " ".join(tree.body.text(separator=" ").split())
        found = FRENCH_ON_ENGLISH.search(text)
        assert found is None, f"{path.relative_to(site)}: {text[max(found.start() - 40, 0) : found.end() + 40]!r}"
        assert not [phrase for phrase in DRIFTED if phrase in text], path
    sources = " ".join(parse(site / "en" / "sources" / "index.html").body.text(separator=" ").split())
    assert "Appendix 3" in sources and "2019 indicators summary" in sources and "Editors" in sources
