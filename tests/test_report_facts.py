"""Facts of the report must reach readers: each one listed in tests/facts/*.yaml is on its page, in both languages.

Anyone can add a file to tests/facts/: a YAML list of ``{page, fr, en}`` where ``page`` is the path below the
language root (French at the site root, English under en/). Text is compared after collapsing whitespace, so
"500 000" matches Babel's narrow no-break space.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import parse

FACTS_DIR = Path(__file__).parent / "facts"
LANGUAGE_ROOTS = {"fr": "", "en": "en/"}


def _facts() -> list:
    cases = []
    for path in sorted(FACTS_DIR.glob("*.y*ml")):
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        entries = loaded.get("facts", []) if isinstance(loaded, dict) else loaded
        for index, fact in enumerate(entries):
            for lang in LANGUAGE_ROOTS:
                cases.append(pytest.param(fact, lang, id=f"{path.stem}[{index}]-{lang}"))
    return cases


def normalise(text: str) -> str:
    """Every run of whitespace (including U+00A0 and U+202F) becomes one space; a curly apostrophe a straight one."""
    return " ".join(text.replace("\u2019", "'").split())


@cache
def page_texts(site: Path, lang: str, page: str) -> tuple[str, str]:
    """The page's main content as a reader sees it: inline pieces joined as is, and with a space between nodes."""
    html_file = site / LANGUAGE_ROOTS[lang] / page / "index.html"
    assert html_file.exists(), f"{html_file.relative_to(site)} was not built"
    tree = parse(html_file)
    content = tree.css_first("article") or tree.body
    return normalise(content.text(separator="")), normalise(content.text(separator=" "))


def test_fact_files_are_well_formed():
    files = sorted(FACTS_DIR.glob("*.y*ml"))
    assert files, "tests/facts/ holds no fact file"
    for path in files:
        loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        entries = loaded.get("facts", []) if isinstance(loaded, dict) else loaded
        assert isinstance(entries, list), f"{path.name}: a list of facts"
        for index, fact in enumerate(entries):
            assert isinstance(fact, dict), f"{path.name}[{index}]: a mapping"
            assert set(fact) == {"page", "fr", "en"}, f"{path.name}[{index}]: keys page, fr, en"
            assert isinstance(fact["page"], str), f'{path.name}[{index}]: page is a path, "" for the home page'
            texts = [fact[lang] for lang in LANGUAGE_ROOTS]
            assert all(isinstance(text, str) and text.strip() for text in texts), f"{path.name}[{index}]: fr, en"


def test_enough_figures_facts():
    entries = yaml.safe_load((FACTS_DIR / "figures.yaml").read_text(encoding="utf-8"))
    assert len(entries) >= 30


@pytest.mark.parametrize(("fact", "lang"), _facts())
def test_fact_is_on_its_page(site, fact, lang):
    expected = normalise(fact[lang])
    joined, spaced = page_texts(site, lang, fact["page"].strip("/"))
    assert expected in joined or expected in spaced, f"{lang}/{fact['page']}: missing {expected!r}"


@pytest.mark.parametrize(
    ("lang", "number", "percent"),
    [("fr", "500\u202f000", "56\u00a0%"), ("en", "500,000", "56%")],
)
def test_impact_numbers_are_written_the_local_way(site, lang, number, percent):
    """Babel, not staff, writes the numbers: the narrow no-break space and "56 %" in French, "56%" in English."""
    html = (site / LANGUAGE_ROOTS[lang] / "impact" / "index.html").read_text(encoding="utf-8")
    assert f">{number}<" in html
    assert f">{percent}<" in html


TRANSLATION_ERRORS = (
    "Meeting 2013",
    "A third party at the initiative",
    "Decomartmentalisation",
    "Decentralisation/",
    "and the RIDCM",
)
"""Mistakes of the English translation of the report that the site corrects (La Réunion, one third, RICDM…)."""


def test_translation_errors_stay_corrected(site):
    for page in sorted((site / "en").rglob("index.html")):
        text = normalise(parse(page).body.text(separator=" "))
        found = [error for error in TRANSLATION_ERRORS if error in text]
        assert not found, f"{page.relative_to(site)}: {found}"
