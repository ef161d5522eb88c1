"""Block and profile HTML bypass Markdown (ricdm/stash.py): Markdown never parses it, the pages still show it."""

from __future__ import annotations

import markdown
import yaml
from project import CAPTURE_HOOK, mkdocs_build, real_project
from synthetic import read_real_cdms

from conftest import PROJECT, build, copy_project, parse
from ricdm.stash import HtmlStash


def test_markdown_never_parses_the_html_of_blocks_and_profiles(tmp_path, monkeypatch):
    """Undo the bypass and Markdown gets the directory's table and every profile's HTML: this test fails."""
    from mkdocs.commands.build import build as mkdocs_build_in_process
    from mkdocs.config import load_config

    converted: list[str] = []
    real_convert = markdown.Markdown.convert
    monkeypatch.setattr(markdown.Markdown, "convert", lambda md, text: converted.append(text) or real_convert(md, text))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    site = tmp_path / "site"
    mkdocs_build_in_process(load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir=str(site)))

    cdms = yaml.safe_load((PROJECT / "data/cdms.yaml").read_text(encoding="utf-8"))["cdms"]
    assert len(converted) >= 2 * (len(cdms) + 11)  # every page went through Markdown, both languages
    templates = ("<table", "<svg", 'class="ricdm-profile"', 'class="ricdm-section"', 'class="ricdm-lead"')
    ours = [text for text in converted if any(mark in text for mark in templates)]
    assert not ours, ours[0][:300]
    assert sum(text.count('<div data-ricdm-stash="') for text in converted) > 2 * len(cdms)
    # …and the HTML is back in the built pages.
    for root in ("", "en/"):
        directory = parse(site / root / "directory/index.html")
        rows = directory.css("article table tbody tr")
        assert len(rows) >= len(cdms), len(rows)
        profile = parse(site / root / "cdm" / cdms[0]["id"] / "index.html")
        assert profile.css_first("article h1").text()
        assert "ricdm-stash" not in (site / root / "directory/index.html").read_text(encoding="utf-8")


def test_a_block_markdown_escapes_fails_the_build_naming_the_page(tmp_path):
    """A block Markdown turns into code would ship escaped HTML or an empty spot: the build stops and says where.

    Here an indented line (code to Markdown); a `code span` is caught earlier, at its line, by ricdm.pagecheck.
    """
    project = copy_project(tmp_path / "project")
    page = project / "docs/fr/glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n\n    {{ lead("multi-partner-place", 5) }}\n', "utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "docs/fr/glossary.md: 1 block(s) did not come out of Markdown as written" in output, output[-2000:]
    assert "on a line of its own, outside code" in output


def test_the_plain_mkdocs_twin_gets_the_html_back(tmp_path):
    """bench/capture_hook.py writes the pages with their HTML, or the benchmark's twin would build other pages."""
    project = real_project(tmp_path / "real", 26, read_real_cdms(PROJECT / "data"))
    captured = tmp_path / "captured"
    mkdocs_build(project, tmp_path / "site", "mkdocs.capture.yml", {"BENCH_CAPTURE_DIR": str(captured)})
    pages = list(captured.rglob("*.md"))
    figures = len(yaml.safe_load((project / "data/indicators.yaml").read_text(encoding="utf-8"))["figures"])
    assert len(pages) == 2 * (26 + 11 + figures), len(pages)  # profiles, staff pages, figures' pages
    assert not [page for page in pages if "ricdm-stash" in page.read_text(encoding="utf-8")]
    directory = (captured / "fr/directory.md").read_text(encoding="utf-8")
    assert directory.count("<table") >= 1 and 'class="ricdm-' in directory
    profile = next((captured / "en/cdm").glob("*.md")).read_text(encoding="utf-8")
    assert profile.startswith("---\n") and 'class="ricdm-profile"' in profile
    assert CAPTURE_HOOK in (project / "mkdocs.capture.yml").read_text(encoding="utf-8")


def test_html_kept_for_a_page_an_earlier_build_did_not_render_is_no_error():
    """Only the placeholders in the Markdown converted must come back; a stale entry neither fails nor adds anchors."""
    stash = HtmlStash()
    stash.keep("fr/cdm/a.md", '<div id="old">old</div>')
    placeholder = stash.keep("fr/cdm/a.md", '<div id="new">new</div>')
    restored = stash.restore("fr/cdm/a.md", f"<p>Text</p>\n{placeholder}", f"Text\n\n{placeholder}\n")
    assert (restored.html, restored.anchors) == ('<p>Text</p>\n<div id="new">new</div>', {"new"})


def test_a_generated_page_placeholder_is_named_by_what_its_html_is_made_of_and_made_when_rendered():
    """A generated page's source changes exactly when its key does; its HTML is made only if the page is rendered."""
    made = []

    def profile() -> str:
        made.append(1)
        return '<div id="profile">Paris</div>'

    stash = HtmlStash()
    named = stash.keep_later("fr/cdm/paris.md", profile, "fr\x1fkey-1")
    assert named == HtmlStash().keep_later("fr/cdm/paris.md", profile, "fr\x1fkey-1")
    assert named != HtmlStash().keep_later("fr/cdm/paris.md", profile, "fr\x1fkey-2")
    assert made == []
    restored = stash.restore("fr/cdm/paris.md", named, named + "\n")
    assert restored.html == '<div id="profile">Paris</div>' and restored.anchors == {"profile"} and made == [1]
