"""A new staff member adds a page with the staff guide's steps alone: twins, the menu line check gives, a build.

The files and the menu line are read from the guide itself (French, the original; the English guide shows the same
blocks) and written into a project copy as a person would; the line added to ``nav:`` is the one ``check`` gives.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, build, copy_project, parse

SECTION = {"fr": "### Ajouter une page", "en": "### Add a page"}
FENCE = re.compile(r"```(markdown|yaml)\n(.*?)```", re.DOTALL)
NAV_MESSAGE = re.compile(
    r'docs/fr/agenda\.md:1: page not in the site\'s menu \(nav: in mkdocs\.yml\) — add the line "([^"]+)"'
)


def guide_blocks(lang: str) -> list[tuple[str, str]]:
    guide = (PROJECT / "docs-staff" / f"guide.{lang}.md").read_text(encoding="utf-8")
    start = guide.index(SECTION[lang])
    return FENCE.findall(guide[start : guide.index("\n## ", start)])


def check(project: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ricdm", "--root", str(project), "check"], capture_output=True, text=True, timeout=120
    )


def test_both_guides_give_the_same_steps():
    def code(lang):
        return [
            re.sub(r"^# mkdocs\.yml, .*$", "# mkdocs.yml", text, flags=re.MULTILINE) for _, text in guide_blocks(lang)
        ]

    assert code("fr") == code("en") and [kind for kind, _ in guide_blocks("fr")] == ["markdown", "markdown", "yaml"]


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    """The guide's steps in a project copy: (check before the menu line, build before it, check after, site)."""
    root = tmp_path_factory.mktemp("newpage")
    project = copy_project(root / "project")
    (twin_fr, twin_en, menu) = (text for _, text in guide_blocks("fr"))
    for text in (twin_fr, twin_en):
        comment, body = text.split("\n", 1)
        target = re.fullmatch(r"<!-- (docs/\S+\.md) -->", comment).group(1)
        (project / target).write_text(body, encoding="utf-8")
    before = check(project)
    refused = build(project, root / "refused")
    wanted = NAV_MESSAGE.search(before.stderr)
    assert wanted, before.stderr
    line = wanted.group(1)
    menu_lines = menu.splitlines()
    assert line in menu_lines, "the guide shows the line check gives"
    following = menu_lines[menu_lines.index(line) + 1]
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace(f"\n{following}\n", f"\n{line}\n{following}\n", 1), encoding="utf-8")
    after = check(project)
    site = root / "site"
    built = build(project, site)
    assert built.returncode == 0, built.stdout + built.stderr
    return before, refused, after, site, project


def test_check_names_the_page_and_the_menu_line_to_add(steps):
    before, *_ = steps
    assert before.returncode == 1
    (message,) = [line for line in before.stderr.splitlines() if "agenda" in line]
    assert re.fullmatch(
        r"docs/fr/agenda\.md:1: page not in the site's menu \(nav: in mkdocs\.yml\) — add the line \"  - agenda\.md\" "
        r"to nav: in mkdocs\.yml \(lines \d+–\d+\), at its place in the menu; the menu names the page by its first "
        r"heading \(# …\) in each language",
        message,
    ), message


def test_the_build_stops_with_the_same_words_before_anything_is_written(steps):
    before, refused, *_ = steps
    assert refused.returncode != 0
    output = refused.stdout + refused.stderr
    assert NAV_MESSAGE.search(output) and "not included in the" not in output, output


def test_with_the_line_added_the_page_is_in_both_menus_under_its_own_title(steps):
    _, _, after, site, _ = steps
    assert after.returncode == 0 and after.stdout.startswith("OK"), after.stderr
    for root, title in (("", "Agenda"), ("en/", "Events")):
        page = parse(site / root / "agenda" / "index.html")
        assert page.css_first("article h1").text().strip() == title
        home = parse(site / root / "index.html")
        links = {link.text().strip(): link.attributes.get("href") for link in home.css("nav.md-nav--primary a")}
        assert links.get(title) in ("agenda/", "./agenda/"), links


def test_a_menu_line_left_after_the_page_is_removed_is_named(steps):
    *_, project = steps
    for lang in ("fr", "en"):
        (project / "docs" / lang / "agenda.md").unlink()
    result = check(project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    line = config.index("  - agenda.md") + 1
    assert (
        f"mkdocs.yml:{line}: nav: 'agenda.md' is not a page — add docs/fr/agenda.md and docs/en/agenda.md, "
        "or remove this line"
    ) in result.stderr.splitlines(), result.stderr
