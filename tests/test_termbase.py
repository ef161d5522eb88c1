"""One French term, one English rendering: every English text of the site follows data/termbase.yaml.

For every bilingual text (each ``Text`` of data/*.yaml, each page twin of docs/) whose French has a termbase term,
the English uses the term's rendering or a form the termbase accepts; no English text uses a rendering the
termbase rules out. Exceptions are listed in the termbase, by text id, each with its reason.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ricdm.models import TermbaseFile
from ricdm.termbase import Termbase, TextPair, all_texts, form_pattern, load_termbase, normalise

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return load_termbase(ROOT)


@pytest.fixture(scope="module")
def texts() -> list[TextPair]:
    return list(all_texts(ROOT))


def test_every_english_text_follows_the_termbase(termbase: Termbase, texts: list[TextPair]) -> None:
    findings = termbase.check(texts)
    assert not findings, f"{len(findings)} English texts depart from data/termbase.yaml:\n" + "\n".join(
        map(str, findings)
    )


def test_the_reports_slips_are_marked_sic_or_corrected(termbase: Termbase, texts: list[TextPair]) -> None:
    findings = termbase.report_errors(texts)
    assert not findings, "\n".join(map(str, findings))


def test_quotation_marks_have_one_form(texts: list[TextPair]) -> None:
    """English “ ” (‘ ’ inside), French « » (“ ” inside); apostrophes are curled by the build (ricdm.typography)."""
    findings = Termbase.quotation_marks(texts)
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    ("fr", "en", "found"),
    [
        ("Le « CDM de demain »", "The “CDM of tomorrow”, the network’s and the CDMs' own", []),
        ("Le « CDM de demain »", "The ‘CDM of tomorrow’ as ‘Appendix 3'", []),
        ("Le « CDM de demain »", 'The "CDM of tomorrow"', ["English"]),
        ("Le « CDM de demain »", "The « CDM of tomorrow »", ["English"]),
        ("Le « CDM de demain »", "The 'CDM of tomorrow'", ["English"]),
        ('Le "CDM de demain"', "The “CDM of tomorrow”", ["French"]),
        ("Le « “CDM” de demain »", 'The <a href="x">“CDM”</a>', []),
    ],
)
def test_each_straight_or_foreign_quotation_mark_is_found(fr: str, en: str, found: list[str]) -> None:
    findings = Termbase.quotation_marks([TextPair("t", fr, en)])
    assert [finding.problem.split(" ")[0] for finding in findings] == found


def test_no_english_text_writes_dates_ranges_or_questions_the_french_way(texts: list[TextPair]) -> None:
    findings = Termbase.french_forms(texts)
    assert not findings, "\n".join(map(str, findings))


@pytest.mark.parametrize(
    "english",
    [
        "note of 22-12-22",
        "phase 04/2022",
        "opinion of 12/12/2019",
        "questionnaire Q°1",
        "young people (15/25)",
        "55 % of",
    ],
)
def test_each_french_form_is_found(english: str) -> None:
    assert Termbase.french_forms([TextPair("t", "x", english)]), english


def test_english_forms_pass() -> None:
    fine = (
        'On 22 December 2022, in April 2022, question 1, aged 15–25, 55%, in 2022/2023, §4.4.1, T12, the "Q°1" of §4.2'
    )
    assert Termbase.french_forms([TextPair("t", "x", fine)]) == []


def test_a_slip_is_found_unless_marked_or_named() -> None:
    raw = {
        "terms": [{"id": "x", "fr": ["x"], "en": "x", "note": "n"}],
        "report_errors": [{"wrong": "Universciences", "right": "Universcience", "source": "§2"}],
    }
    termbase = Termbase(TermbaseFile.model_validate(raw))
    texts = [
        TextPair("bare", "propriété d'Universciences.", "owned by Universcience."),
        TextPair("sic", "propriété d’Universciences [sic].", "owned by Universcience."),
        TextPair(
            "named",
            "Le rapport écrit « Universciences » ici.",
            'The report writes "Universciences" here.',
        ),
    ]
    assert [finding.text for finding in termbase.report_errors(texts)] == ["bare"]


def test_the_check_reads_every_data_file_and_page(texts: list[TextPair]) -> None:
    files = {pair.id.split(":")[0] for pair in texts if ":" in pair.id}
    pages = {pair.id for pair in texts if pair.id.startswith("docs/")}
    assert {
        "cdms.yaml",
        "charter.yaml",
        "labels.yaml",
        "glossary.yaml",
        "termbase.yaml",
    } <= files
    assert {"docs/charter.md", "docs/glossary.md", "docs/about.md"} <= pages
    assert all("{{" not in pair.en for pair in texts if pair.id.startswith("docs/")), "macro calls are not prose"


def test_each_exception_names_a_real_text(termbase: Termbase, texts: list[TextPair]) -> None:
    ids = {pair.id for pair in texts}
    stale = {text: term for text, term in termbase.exception_ids.items() if text not in ids}
    assert not stale, f"exceptions naming no text (renamed or removed? update data/termbase.yaml): {stale}"


def test_each_exception_still_excuses_something(termbase: Termbase, texts: list[TextPair]) -> None:
    stale = termbase.stale_exceptions(texts)
    assert not stale, f"these texts follow the termbase now: remove their exceptions from data/termbase.yaml: {stale}"


def test_an_exception_goes_stale_once_the_text_follows_the_rule() -> None:
    raw = {
        "terms": [
            {
                "id": "reunion",
                "fr": ["La Réunion"],
                "en": "Réunion",
                "avoid": ["La Réunion"],
                "note": "n",
                "exceptions": [{"text": "a", "reason": "r"}, {"text": "b", "reason": "r"}],
            }
        ],
        "report_errors": [
            {"wrong": "RIDCM", "right": "RICDM", "source": "§6", "exceptions": [{"text": "c", "reason": "r"}]}
        ],
    }
    termbase = Termbase(TermbaseFile.model_validate(raw))
    texts = [
        TextPair("a", "CDM de La Réunion", "La Réunion Cité des métiers"),
        TextPair("b", "CDM de La Réunion", "Réunion Cité des métiers"),
        TextPair("c", "du RICDM", "the RICDM"),
    ]
    assert termbase.stale_exceptions(texts) == ["reunion: b", "RIDCM: c"]


def test_each_rendering_is_one_the_check_accepts_and_none_it_rules_out(
    termbase: Termbase,
) -> None:
    for term in termbase.file.terms:
        pair = TextPair("self", " / ".join(term.fr), term.en)
        problems = [str(finding) for finding in termbase.check([pair]) if finding.term == term.id]
        assert not problems, problems


def test_a_wrong_rendering_is_found_and_a_right_one_passes(termbase: Termbase) -> None:
    wrong = TextPair(
        "t",
        "Donner de la lisibilité aux métiers en tension",
        "Give visibility to jobs in short supply",
    )
    right = TextPair(
        "t",
        "Donner de la lisibilité aux métiers en tension",
        "Make hard-to-fill occupations visible",
    )
    found = termbase.check([wrong])
    assert {finding.term for finding in found} == {"metiers-en-tension"}
    assert len(found) == 2, "both the missing rendering and the forbidden one are reported"
    assert termbase.check([right]) == []


def test_french_typography_and_the_longest_form(termbase: Termbase) -> None:
    # no-break spaces inside « », curly apostrophes; "centres associés" is not also "centre" nor "associés"
    french = (
        "Les centres associés\u202fet le « Dispositif multi-partenarial unique d’orientation tout au long de la vie »"
    )
    assert set(termbase.terms_in(french)) == {"centres-associes"}, "a kept name hides the terms inside it"
    assert termbase.terms_in("Cité des métiers labélisées") == {
        "cite-des-metiers": "Cité des métiers",
        "labellisee": "labélisées",
    }


def test_capitals_count_only_where_the_form_has_them() -> None:
    import re

    acronym = re.compile(form_pattern("CDM"), re.IGNORECASE)
    assert acronym.search("les CDM") and not acronym.search("un cdm")
    lower = re.compile(form_pattern("advice session*"), re.IGNORECASE)
    assert lower.search("Advice sessions") and not lower.search("advicesessions")


def test_an_exception_needs_a_reason() -> None:
    raw = {
        "terms": [
            {
                "id": "x",
                "fr": ["x"],
                "en": "x",
                "note": "n",
                "exceptions": [{"text": "a:b"}],
            }
        ]
    }
    with pytest.raises(ValueError, match="reason"):
        TermbaseFile.model_validate(raw)


def test_a_termbase_edit_changes_the_key_of_kept_pages() -> None:
    """The glossary reads the termbase: a kept glossary must not survive a termbase edit (ricdm.inputs)."""
    from dataclasses import replace

    from ricdm.dataset import load_dataset
    from ricdm.inputs import SiteInputs

    data = load_dataset(ROOT / "data")
    first = data.termbase.terms[0]
    edited = data.termbase.model_copy(
        update={"terms": [first.model_copy(update={"en": "edited"}), *data.termbase.terms[1:]]}
    )
    before = SiteInputs.of(data.shared(), data.cdms, "2026-12-01", "https://example.org/", ROOT).shared
    after = SiteInputs.of(
        replace(data, termbase=edited).shared(), data.cdms, "2026-12-01", "https://example.org/", ROOT
    )
    assert after.shared != before


EDITORS_FORMS = {"labélis": "labellis", "CEDEFOP": "Cedefop"}
"""The report's variant spellings (docs-staff/style.md §4): kept in its quotations, never in the editors' own text."""


def editors_text(pair: TextPair) -> bool:
    """A text the editors wrote (pages, notes, glossary, labels, termbase), not the report's words in a data file."""
    own_files = ("glossary.yaml:", "labels.yaml:", "termbase.yaml:", "docs/")
    return pair.id.startswith(own_files) or pair.id.endswith((".note", ".context"))


def test_editors_text_writes_the_usual_spellings(texts: list[TextPair]) -> None:
    import re

    named = re.compile(r'"[^"]{1,100}"')  # the report's form named in quotation marks: "the report writes «x»"
    found = [
        f"{pair.id} ({lang}): {report!r}, write {usual!r}"
        for pair in texts
        if editors_text(pair)
        for lang, text in (("fr", pair.fr), ("en", pair.en))
        for report, usual in EDITORS_FORMS.items()
        if report in named.sub(" ", normalise(text))
    ]
    assert not found, found
    assert editors_text(TextPair("glossary.yaml:terms.apm.definition", "", ""))
    assert not editors_text(TextPair("governance.yaml:sections.ricdm-board.paragraphs.0", "", ""))
