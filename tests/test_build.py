"""The built site: both languages, one profile per CDM and language, switchers that lead to twins."""

from __future__ import annotations

import posixpath
from pathlib import Path

import pytest
import yaml
from babel import Locale

from conftest import PROJECT, as_shown, build, copy_project, parse
from ricdm.localize import COMMON_NAMES

LANG_ROOT = {"fr": "", "en": "en/"}


def cdm_records(project: Path = PROJECT) -> list[dict]:
    return yaml.safe_load((project / "data/cdms.yaml").read_text(encoding="utf-8"))["cdms"]


def html_pages(site: Path) -> list[Path]:
    return [path for path in site.rglob("index.html") if path.parent.name != "search"]


def test_every_page_has_the_right_html_lang(site):
    pages = html_pages(site)
    assert len(pages) > 40
    for page in pages:
        relative = page.relative_to(site).as_posix()
        expected = "en" if relative.startswith("en/") else "fr"
        assert parse(page).css_first("html").attributes["lang"] == expected, relative


def test_one_profile_per_cdm_and_language(site):
    for record in cdm_records():
        for lang, root in LANG_ROOT.items():
            page = site / root / "cdm" / record["id"] / "index.html"
            assert page.is_file(), page
            assert parse(page).css_first("article h1").text().strip() == as_shown(record["name"][lang], lang)


def test_language_switcher_leads_to_the_twin_page(site):
    checked = 0
    for page in html_pages(site):
        relative = page.relative_to(site).parent.as_posix()
        url = "" if relative == "." else relative + "/"
        lang = "en" if url.startswith("en/") else "fr"
        twin = url.removeprefix("en/") if lang == "en" else "en/" + url
        links = {link.attributes["hreflang"]: link.attributes["href"] for link in parse(page).css("a[hreflang]")}
        other = "fr" if lang == "en" else "en"
        target = posixpath.normpath(posixpath.join("/" + url, links[other]))
        assert target.strip("/") == twin.strip("/"), (url, links)
        checked += 1
    assert checked >= 2 * len(cdm_records()), "every profile in both languages has a switcher"


def test_sidebar_does_not_list_profiles(site):
    directory = parse(site / "directory/index.html")
    nav_links = [link.attributes.get("href", "") for link in directory.css("nav.md-nav a")]
    assert nav_links, "the sidebar navigation is missing"
    assert not [href for href in nav_links if "cdm/" in href]
    content_links = [link.attributes.get("href", "") for link in directory.css("article a")]
    assert len([href for href in content_links if "cdm/" in href]) >= len(cdm_records())


def test_numbers_follow_each_language(site):
    assert "500\u202f000" in (site / "index.html").read_text(encoding="utf-8")
    assert "500,000" in (site / "en/index.html").read_text(encoding="utf-8")


def test_country_names_come_from_cldr(site):
    """CLDR names every country, except where its short form ("Congo - Kinshasa") is not what readers expect."""
    codes = {record["country"] for record in cdm_records()}
    for lang, root in LANG_ROOT.items():
        text = parse(site / root / "directory/index.html").css_first("article").text()
        for code in codes:
            expected = COMMON_NAMES.get((code, lang), Locale(lang).territories[code])
            assert expected in text, (lang, code)


@pytest.mark.parametrize(
    ("lang", "short_form", "full_name"),
    [
        ("en", "Congo - Kinshasa", "Democratic Republic of the Congo"),
        ("fr", "Congo-Kinshasa", "République démocratique du Congo"),
    ],
)
def test_no_cldr_short_country_form_on_any_page(site, lang, short_form, full_name):
    pages = (
        sorted((site / LANG_ROOT[lang]).glob("**/*.html"))
        if lang == "en"
        else sorted(path for path in site.glob("**/*.html") if path.relative_to(site).parts[0] != "en")
    )
    offenders = [str(path.relative_to(site)) for path in pages if short_form in path.read_text(encoding="utf-8")]
    assert not offenders, f"{short_form!r} on {offenders[:5]}"
    directory = (site / LANG_ROOT[lang] / "directory/index.html").read_text(encoding="utf-8")
    assert full_name in directory


def test_staff_text_is_escaped(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data/cdms.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    hostile = '<script>alert("x")</script>'
    data["cdms"][0]["name"]["fr"] = hostile
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = parse(tmp_path / "site/cdm" / data["cdms"][0]["id"] / "index.html")
    assert page.css_first("article h1").text() == hostile
    runnable = [script for script in page.css("script") if script.attributes.get("type") != "application/ld+json"]
    assert not [script for script in runnable if "alert" in (script.text() or "")]


def test_adding_a_cdm_adds_its_pages_entry_and_count(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data/cdms.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    before = len(data["cdms"])
    data["cdms"].append(
        {
            "id": "lisboa-test",
            "name": {"fr": "Cité des métiers d'essai", "en": "Test Cité des métiers"},
            "names": [{"text": {"fr": "Essai", "en": "Test"}, "source": "Annexe 3"}],
            "country": "PT",
            "statuses": [{"status": "project", "year": 2024, "source": "Annexe 3"}],
        }
    )
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    for lang, root in LANG_ROOT.items():
        assert (site / root / "cdm/lisboa-test/index.html").is_file()
        directory = parse(site / root / "directory/index.html")
        assert [a for a in directory.css("article a") if a.attributes.get("href", "").endswith("cdm/lisboa-test/")]
        count = directory.css_first(".ricdm-count strong").text()
        assert count == str(before + 1), (lang, count)


def test_data_is_read_once_per_build(tmp_path, monkeypatch):
    """Both languages, every page and every macro share one parse of each data file."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    import ricdm.dataset as dataset

    calls = []
    real_read = dataset.read_text  # each file's text, read once to be parsed
    monkeypatch.setattr(dataset, "read_text", lambda *args: calls.append(args[1]) or real_read(*args))
    monkeypatch.setenv("RICDM_CACHE", "off")  # the disk cache would spare even the one parse
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    config = load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    mkdocs_build(config)
    assert sorted(calls) == sorted(f"data/{name}" for name in dataset.DATA_FILES)


def test_each_language_has_its_own_404_page(site):
    root, english = parse(site / "404.html"), parse(site / "en/404.html")
    assert root.css_first("html").attributes["lang"] == "fr"
    assert "Page introuvable" in root.css_first("h1").text()
    assert english.css_first("html").attributes["lang"] == "en"
    assert "Page not found" in english.css_first("h1").text()
    # The tab, the history and a screen reader's first words say it too, not only the site's name.
    assert root.css_first("title").text().startswith("Page introuvable (erreur 404) - ")
    assert english.css_first("title").text().startswith("Page not found (error 404) - ")
    # Served at any depth, the 404 carries the footer of every page with links from the site's own path.
    for html, about in ((root, "/about/"), (english, "/en/about/")):
        footer_links = [link.attributes["href"] for link in html.css(".ricdm-footer a")]
        assert about in footer_links, footer_links
        assert all(link.startswith("/") for link in footer_links), footer_links


def test_the_404_language_switcher_leads_to_each_language_home(site):
    """A visitor lost on a 404 who switches language lands on that language's home, not on the last page built.

    The 404 is served at any address, so the switcher's links start from the site's own path (here ``/``).
    """
    for path in ("404.html", "en/404.html"):
        links = parse(site / path).css("a.md-select__link")
        switcher = {link.attributes["hreflang"]: link.attributes["href"] for link in links}
        assert switcher == {"fr": "/", "en": "/en/"}, path


def test_a_figure_in_a_sentence_shows_every_value_with_its_source(tmp_path):
    project = copy_project(tmp_path / "project")
    for lang in ("fr", "en"):
        page = project / "docs" / lang / "international.md"
        page.write_text(page.read_text(encoding="utf-8") + '\n\nPartners: {{ figure("partners") }}\n', encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    summary = {"": "Synthèse indicateurs 2019", "en/": "2019 indicators summary"}
    for root, numbers in (("", ("1\u202f250", "1\u202f500")), ("en/", ("1,250", "1,500"))):
        inline = parse(tmp_path / "site" / root / "international/index.html").css_first("#fig-partners")
        text = inline.text()
        assert all(number in text for number in numbers), text
        assert "§4.4.2" in text and summary[root] in text


def test_the_home_ways_in_are_the_visitors_and_staff_editing_stays_on_the_about_page(site):
    """The home's cards are for visitors; how staff edit the site is on the about page, which every footer links."""
    for root in LANG_ROOT.values():
        ways = [link.attributes["href"] for link in parse(site / root / "index.html").css("ul.ricdm-ways a")]
        assert len(ways) >= 3, ways
        assert not [href for href in ways if "about" in href], ways
        assert parse(site / root / "about/index.html").css_first("h2#editing") is not None, root
