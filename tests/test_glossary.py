"""The glossary defines every acronym of the French report, and says which definitions the editors added."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import PROJECT, french_report, parse

FRENCH_REPORT = french_report()
ACRONYM = re.compile(r"\b[A-ZÉÈ][A-ZÉÈ0-9°']*[A-Z0-9°]\b")
"""Two or more capitals (digits, ° and ' allowed inside): CDM, T12, Q°1, VALOR'ESS."""

HEADING_WORDS = """
ET LES DES DE LA UN UNE POUR ENTRE INTRODUCTION SOMMAIRE METHODOLOGIE CORPUS HISTORICITE VALEURS SECURISER
PARCOURS COMPETENCES REPONSE ENJEUX TERRITORIAUX OUTIL SOCIETAUX INTERNATIONAUX TENDANCES PISTES DEVELOPPEMENT
ANNEXES GLOSSAIRE FIGURE STRUCTURE RELATIONS NIVEAUX GESTION OPERATIONNELS
"""
NOT_ACRONYMS = set(HEADING_WORDS.split())
"""Tokens that look like acronyms but are ordinary words in capitals: knowingly left out of the glossary."""


def glossary_terms() -> list[dict]:
    return yaml.safe_load((PROJECT / "data" / "glossary.yaml").read_text(encoding="utf-8"))["terms"]


def defined_tokens() -> set[str]:
    """Every acronym written in a term, in either language: "STIM, STEM" defines both."""
    tokens: set[str] = set()
    for term in glossary_terms():
        for lang in ("fr", "en"):
            tokens.update(ACRONYM.findall(term["term"][lang]))
            tokens.update(re.findall(r"\b[A-Z]+ \d+\b", term["term"][lang]))  # "T 12", "CDM 21"
    return tokens


def report_acronyms() -> set[str]:
    if not FRENCH_REPORT.exists():
        pytest.skip("the French report is not on this machine")
    return set(ACRONYM.findall(FRENCH_REPORT.read_text(encoding="utf-8"))) - NOT_ACRONYMS


def written_as_names() -> set[str]:
    """Acronyms a term writes as a name, as their bodies do: "Cedefop" defines the report's "CEDEFOP"."""
    words = {word for term in glossary_terms() for lang in ("fr", "en") for word in term["term"][lang].split()}
    return {word.upper() for word in words if word == word.capitalize() and word.isalpha() and len(word) > 3}


def test_every_acronym_of_the_french_report_is_defined():
    missing = sorted(report_acronyms() - defined_tokens() - written_as_names())
    assert not missing, f"acronyms of the report missing from data/glossary.yaml: {missing}"


def test_ignore_list_holds_no_real_term():
    """An acronym the glossary defines must not hide in the ignore list (it would then go untested)."""
    assert not NOT_ACRONYMS & defined_tokens()


def test_editors_definitions_are_marked_in_both_languages(site):
    sources = yaml.safe_load((PROJECT / "data" / "sources.yaml").read_text(encoding="utf-8"))["sources"]
    editors = {source["id"] for source in sources if source.get("kind") == "editors"}
    terms = glossary_terms()
    by_editors = {term["id"] for term in terms if term["source"] in editors}
    assert by_editors and len(by_editors) < len(terms), "expected both sourced and editors' definitions"
    marks = {"glossary/index.html": "ajouté par les éditeurs", "en/glossary/index.html": "added by the editors"}
    for page, mark in marks.items():
        tree = parse(site / page)
        for term in terms:
            definition = tree.css_first(f"dt#{term['id']} + dd")
            assert definition is not None, f"{page}: no definition for {term['id']}"
            marked = definition.css_first(".ricdm-editors-mark")
            if term["id"] in by_editors:
                assert marked is not None and marked.text(strip=True) == mark, f"{page}: {term['id']} not marked"
            else:
                assert marked is None, f"{page}: {term['id']} is sourced in the report but marked as editors'"


SOURCE_NAMES = {"Éditeurs": "Editors", **{f"Annexe {n}": f"Appendix {n}" for n in range(1, 5)}}
"""How the English page names the report's French source ids."""


def test_each_definition_links_to_its_source(site):
    glossary = parse(site / "en" / "glossary" / "index.html")
    sources_page = parse(site / "en" / "sources" / "index.html")
    for term in glossary_terms():
        link = glossary.css_first(f"dt#{term['id']} + dd a.ricdm-source")
        assert link is not None and SOURCE_NAMES.get(term["source"], term["source"]) in link.text(), term["id"]
        target = link.attributes["href"].split("#", 1)[1]
        assert sources_page.css_first(f"[id='{target}']") is not None, f"{term['id']}: dead source link #{target}"


def charter_paragraphs() -> dict[str, dict[str, str]]:
    """Each section of data/charter.yaml (nested ones too) by id: its first paragraph, French and English."""
    found: dict[str, dict[str, str]] = {}

    def walk(sections: list[dict]) -> None:
        for section in sections:
            if section.get("paragraphs"):
                found[section["id"]] = section["paragraphs"][0]
            walk(section.get("sections", []))

    walk(yaml.safe_load((PROJECT / "data" / "charter.yaml").read_text(encoding="utf-8"))["sections"])
    return found


def termbase_terms() -> list[dict]:
    return yaml.safe_load((PROJECT / "data" / "termbase.yaml").read_text(encoding="utf-8"))["terms"]


def test_the_pillars_and_principles_are_defined_in_the_charters_words(site):
    """The glossary shows each pillar's and principle's definition as data/charter.yaml words it, in both languages.

    The termbase names the charter section (``section:``) instead of carrying a second wording of the sentence.
    """
    paragraphs = charter_paragraphs()
    by_section = {term["id"]: term["section"] for term in termbase_terms() if "section" in term}
    pillars = {"pillar-science", "pillar-user-centred", "pillar-decompartmentalisation", "pillar-local-roots"}
    principles = {"principle-anonymity", "principle-free", "principle-no-appointment", "principle-everyone"}
    assert pillars | principles <= set(by_section.values())
    for page, lang in (("glossary/index.html", "fr"), ("en/glossary/index.html", "en")):
        tree = parse(site / page)
        for term_id, section_id in by_section.items():
            shown = tree.css_first(f"dt#term-{term_id} + dd")
            assert shown is not None, f"{page}: no definition for {term_id}"
            assert " ".join(paragraphs[section_id][lang].split()) in text_of(shown), f"{page}: {term_id}"


def text_of(node) -> str:
    """A node's text as typed in the data: straight apostrophes, plain spaces (the build curls and binds them)."""
    text = node.text(separator="").replace("\u2019", "'")
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_no_termbase_definition_rewords_a_charter_sentence():
    """A definition the charter already gives is named by its section, never typed again (it would drift)."""
    french = {" ".join(paragraph["fr"].split()) for paragraph in charter_paragraphs().values()}
    copied = [
        term["id"]
        for term in termbase_terms()
        if "definition" in term and any(term["definition"]["fr"][:60] in paragraph for paragraph in french)
    ]
    assert not copied, f"write section: <charter section id> instead of definition: {copied}"


def test_a_defining_section_must_exist(tmp_path):
    from ricdm.crossfile import cross_check
    from ricdm.yamlsource import parse_text

    charter = parse_text("sections:\n  - id: pillar-science\n    source: x\n    paragraphs: [{fr: a, en: b}]\n", "c")
    termbase = parse_text(
        "terms:\n  - id: a\n    section: pillar-science\n  - id: b\n    section: pillar-sciences\n", "data/t.yaml"
    )
    errors = [str(error) for error in cross_check({"charter.yaml": charter, "termbase.yaml": termbase})]
    assert errors == [
        "data/t.yaml:5: terms[1].section: unknown section 'pillar-sciences' — the id of a section with paragraphs "
        'in data/charter.yaml, e.g. "pillar-science"'
    ]
