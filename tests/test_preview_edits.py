"""The preview is the build: after any edit staff make, its site is what a fresh strict build of the tree gives.

Every kind of edit, committed or not, and random ones; every page compared, the 404s included. In a real git clone
of the project (its history, so the footer's date is git's; no file backdated), with the preview in process as
``python -m preview`` drives it, and a fresh ``mkdocs build --strict`` (in process too) of the same tree after each
edit. The fresh build also writes the hosting files (security policy, compressed copies) and the search index,
which the preview leaves out: those are set aside, nothing else.
"""

from __future__ import annotations

import datetime
import gzip
import os
import random
import re
import shutil
import subprocess
import threading
from pathlib import Path

import pytest
from project import PROJECT_PARTS

from conftest import PROJECT

ADDRESS = "127.0.0.1:8000"
"""The preview's address, hence the site address (canonical, alternates, open data) of both sites compared."""
POLICY = re.compile(rb'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
"""What the hosting step (not run by the preview) puts into every page."""
GIT_ENV = {"GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org"}
GIT_ENV |= {"GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org"}


DATA_COMMITTED = "2026-01-15"
"""When the clone's data was last committed (its history's last commit to data/)."""


def git(clone: Path, *args: str, date: str = "") -> str:
    env = {**os.environ, **GIT_ENV, **({"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {})}
    return subprocess.run(["git", *args], cwd=clone, env=env, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A git clone of the project, with the working tree's code and pages committed on top (what is tested)."""
    root = tmp_path_factory.mktemp("edits")
    project = root / "project"
    subprocess.run(["git", "clone", "-q", str(PROJECT), str(project)], check=True)
    for part in PROJECT_PARTS:
        source, target = PROJECT / part, project / part
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__"))
        elif source.exists():
            shutil.copy2(source, target)
    (project / "node_modules").symlink_to((PROJECT / "node_modules").resolve(), target_is_directory=True)
    git(project, "add", "-A")
    if git(project, "status", "--porcelain"):
        git(project, "commit", "-q", "-m", "The working tree under test")
    labels = project / "data/labels.yaml"
    labels.write_text(labels.read_text(encoding="utf-8") + "# The test's clone.\n", encoding="utf-8")
    git(project, "commit", "-q", "-am", "Data", date=f"{DATA_COMMITTED}T12:00:00+00:00")
    return project


@pytest.fixture(scope="module")
def preview(clone, tmp_path_factory):
    """The preview of the clone, built once; it keeps what it keeps across the edits of the tests below."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(clone)
        patch.syspath_prepend(str(clone))
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        from preview.build import Preview

        running = Preview(clone / "mkdocs.yml", tmp_path_factory.mktemp("preview") / "site", ADDRESS, say=_fail)
        running.search.request = lambda: None  # the search index is tested on its own, below
        assert running.update().problems == []
        yield running
        running.close()


def _fail(message: str) -> None:
    pytest.fail(message)


def fresh_build(clone: Path, site: Path, monkeypatch) -> None:
    """``mkdocs build --strict`` of the clone as it stands, at the preview's address."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    monkeypatch.setenv("SITE_URL", f"http://{ADDRESS}/")
    build(load_config(config_file=str(clone / "mkdocs.yml"), site_dir=str(site), strict=True))


def differences(preview_site: Path, fresh_site: Path) -> list[str]:
    """Files of the fresh site missing or different in the preview's, and pages only the preview has.

    Set aside: the search index and the hosting files (the preview writes neither), and social cards no page
    shows any more (a card of an old title stays in the preview's folder, never linked).
    """

    def files(site: Path) -> dict[str, Path]:
        found = {}
        for path in site.rglob("*"):
            name = path.relative_to(site).as_posix()
            if path.is_file() and not name.startswith("pagefind/") and path.suffix not in (".gz", ".br"):
                found[name] = path
        found.pop("nginx-headers.conf", None)
        return found

    shown, fresh = files(preview_site), files(fresh_site)
    changed = [
        name
        for name, path in fresh.items()
        if name not in shown or shown[name].read_bytes() != POLICY.sub(b"", path.read_bytes())
    ]
    extra = [name for name in shown.keys() - fresh.keys() if not name.startswith("assets/cards/")]
    return sorted(changed + extra)


def same_as_fresh(preview, tmp_path: Path, monkeypatch) -> None:
    outcome = preview.update()
    assert outcome.problems == []
    fresh_build(preview.root, tmp_path / "fresh", monkeypatch)
    assert differences(preview.site_dir, tmp_path / "fresh") == []


def edit(clone: Path, relative: str, old: str, new: str) -> None:
    path = clone / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def shown(preview, path: str) -> str:
    return (preview.site_dir / path).read_text(encoding="utf-8")


def footer_date(page: str) -> str:
    found = re.search(r'<time datetime="(\d{4}-\d\d-\d\d)"', page[page.index('class="ricdm-footer"') :])
    assert found, "no date in the footer"
    return found[1]


def test_a_label_every_footer_shows(preview, tmp_path, monkeypatch):
    """The issue's stale preview: the licence label is in every page's footer, not only the profiles'."""
    labels = (preview.root / "data/labels.yaml").read_text(encoding="utf-8")
    licence = re.search(r"\n  licence: \{fr: \"([^\"]+)\", en: \"([^\"]+)\"\}", labels)
    assert licence, "the licence label, on one line"
    edit(preview.root, "data/labels.yaml", f'en: "{licence[2]}"', 'en: "licence under review"')
    same_as_fresh(preview, tmp_path, monkeypatch)
    for page in ("en/index.html", "en/charter/index.html", "en/cdm/paris/index.html", "en/404.html"):
        assert "licence under review" in shown(preview, page), page


def test_the_data_date_follows_an_edit_then_its_undoing(preview, tmp_path, monkeypatch):
    """Not committed: the date of the edit. Undone (the data as last committed): the last commit's, on every page."""
    edit(preview.root, "data/cdms.yaml", "Cité des métiers de Paris", "Cité des métiers de Paris (édité)")
    same_as_fresh(preview, tmp_path / "edited", monkeypatch)
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    assert footer_date(shown(preview, "cdm/barcelone/index.html")) == today
    git(preview.root, "checkout", "-q", "--", "data")
    same_as_fresh(preview, tmp_path / "undone", monkeypatch)
    assert footer_date(shown(preview, "cdm/barcelone/index.html")) == DATA_COMMITTED
    assert footer_date(shown(preview, "en/404.html")) == DATA_COMMITTED


def test_a_committed_edit(preview, tmp_path, monkeypatch):
    edit(preview.root, "data/cdms.yaml", 'en: "Cascais Cité des métiers"}', 'en: "Cascais edited"}')
    git(preview.root, "commit", "-q", "-am", "Cascais renamed")
    same_as_fresh(preview, tmp_path, monkeypatch)
    assert "Cascais edited" in shown(preview, "en/cdm/cascais/index.html")
    assert "Cascais edited" in shown(preview, "en/directory/index.html")
    assert "Cascais edited" in shown(preview, "data/cdms.csv")


def test_a_page_title_every_page_shows_in_its_navigation(preview, tmp_path, monkeypatch):
    edit(preview.root, "docs/en/glossary.md", "# Glossary\n", "# Glossary of the report\n")
    same_as_fresh(preview, tmp_path, monkeypatch)
    assert "Glossary of the report" in shown(preview, "en/cdm/paris/index.html")  # a profile's navigation


def test_page_prose(preview, tmp_path, monkeypatch):
    page = (preview.root / "docs/fr/charter.md").read_text(encoding="utf-8")
    sentence = next(line for line in page.splitlines() if line and line[0].isalpha())
    edit(preview.root, "docs/fr/charter.md", sentence, sentence + " Phrase ajoutée.")
    same_as_fresh(preview, tmp_path, monkeypatch)
    assert "Phrase ajoutée." in shown(preview, "charter/index.html")


def test_a_place_and_a_map_point(preview, tmp_path, monkeypatch):
    edit(preview.root, "data/locations.yaml", 'en: "Barcelona"}', 'en: "Old Town"}')
    cascais = "geonameid: 2269594\n    lat: 38.69681\n    lon: -9.42147"
    edit(preview.root, "data/locations.yaml", cascais, "geonameid: 2267057\n    lat: 38.72509\n    lon: -9.1498")
    same_as_fresh(preview, tmp_path, monkeypatch)
    assert "Old Town" in shown(preview, "en/cdm/barcelone/index.html")


def test_a_figure_and_a_source(preview, tmp_path, monkeypatch):
    indicators = (preview.root / "data/indicators.yaml").read_text(encoding="utf-8")
    group = re.search(r'\n    title: \{fr: "[^"]+", en: "([^"]+)"\}', indicators)
    assert group, "a group's title, on one line"
    edit(preview.root, "data/indicators.yaml", f'en: "{group[1]}"}}', 'en: "Beneficiaries, edited"}')
    sources = (preview.root / "data/sources.yaml").read_text(encoding="utf-8")
    title = re.search(r'\n    title: \{fr: "([^"]+)"', sources)
    assert title
    edit(preview.root, "data/sources.yaml", f'fr: "{title[1]}"', f'fr: "{title[1]} (édité)"')
    same_as_fresh(preview, tmp_path, monkeypatch)
    assert "Beneficiaries, edited" in shown(preview, "data/indicators.csv")
    assert "Beneficiaries, edited" in shown(preview, "en/impact/beneficiaries/index.html")  # a figure's own page


def test_a_cdm_removed_then_one_added(preview, tmp_path, monkeypatch):
    cdms = (preview.root / "data/cdms.yaml").read_text(encoding="utf-8")
    block = cdms[cdms.index("  - id: milan\n") :]
    block = block[: block.index("\n  - id: ", 1) + 1]
    edit(preview.root, "data/cdms.yaml", block, "")
    places = (preview.root / "data/locations.yaml").read_text(encoding="utf-8")
    start = places.index("  - cdm: milan\n")
    edit(preview.root, "data/locations.yaml", places[start : places.index("  - cdm: ", start + 1)], "")
    same_as_fresh(preview, tmp_path / "removed", monkeypatch)
    assert not (preview.site_dir / "cdm/milan/index.html").exists()
    twin = block.replace("  - id: milan\n", "  - id: milan-bis\n", 1)
    path = preview.root / "data/cdms.yaml"
    path.write_text(path.read_text(encoding="utf-8") + twin, encoding="utf-8")
    same_as_fresh(preview, tmp_path / "added", monkeypatch)
    assert (preview.site_dir / "en/cdm/milan-bis/index.html").is_file()


def test_a_mistake_is_reported_as_check_reports_it_then_its_fix_shows(preview, tmp_path, monkeypatch):
    from ricdm.checks import find_problems

    edit(preview.root, "data/cdms.yaml", "    country: ES\n", "    country: XX\n")
    outcome = preview.update()
    expected = sorted({str(problem) for problem in find_problems(preview.root)})
    assert expected and sorted({str(problem) for problem in outcome.problems}) == expected
    edit(preview.root, "data/cdms.yaml", "    country: XX\n", "    country: ES\n")
    same_as_fresh(preview, tmp_path, monkeypatch)


TEXT_LINE = re.compile(r'^(\s*(?:- )?(?:fr|en): )("?)(.*?)\2$')
"""A text of one language on a line of its own, quoted or not."""
INLINE_TEXT = re.compile(r'\b((?:fr|en): ")([^"\\]*)(")')
"""A text of one language inside ``{fr: "…", en: "…"}``."""


def random_edit(clone: Path, chance: random.Random, mark: str) -> str:
    """Add ``mark`` to a text chosen at random: a data file's text in either language, or a page's prose or title."""
    files = sorted((clone / "data").glob("*.yaml")) + sorted((clone / "docs").rglob("*.md"))
    while True:
        path = chance.choice(files)
        lines = path.read_text(encoding="utf-8").split("\n")
        if path.suffix == ".md":
            body = lines.index("---", 1) + 1 if lines[0] == "---" else 0
            spots = [
                (index, line + " " + mark)
                for index, line in enumerate(lines)
                if index >= body and line and (line[0].isalpha() or line.startswith("# "))
            ]
        else:
            spots = []
            for index, line in enumerate(lines):
                alone = TEXT_LINE.match(line)
                if alone and alone[3] and alone[3][0] not in "[{&*|>'":
                    spots.append((index, f"{alone[1]}{alone[2]}{alone[3]} {mark}{alone[2]}"))
                for found in INLINE_TEXT.finditer(line):
                    spots.append((index, line[: found.end(2)] + " " + mark + line[found.end(2) :]))
        if spots:
            index, changed = chance.choice(spots)
            lines[index] = changed
            path.write_text("\n".join(lines), encoding="utf-8")
            return path.relative_to(clone).as_posix()


@pytest.mark.parametrize("seed", range(6))
def test_random_edits(preview, tmp_path, monkeypatch, seed):
    """A text edited at random in a data file or a page; when the data's own rules refuse it, both say so."""
    from mkdocs.exceptions import Abort

    chance = random.Random(2300 + seed)
    mark = f"zq{seed}x"
    edited = random_edit(preview.root, chance, mark)
    outcome = preview.update()
    try:
        fresh_build(preview.root, tmp_path / "fresh", monkeypatch)
    except (Abort, SystemExit):
        assert outcome.problems, f"{edited}: the fresh build failed, the preview showed no problem"
        git(preview.root, "checkout", "-q", "--", edited)
        return
    assert outcome.problems == [], edited
    assert differences(preview.site_dir, tmp_path / "fresh") == [], edited
    if any(mark in path.read_text(encoding="utf-8", errors="ignore") for path in (tmp_path / "fresh").rglob("*.html")):
        assert any(mark in path.read_text(encoding="utf-8") for path in preview.site_dir.rglob("*.html")), edited


def test_search_finds_an_edit_once_indexed_below_the_previews_priority(preview):
    """Pagefind runs in the background at a lower CPU priority than the preview, whose next build comes first."""
    from preview.search import BackgroundIndex

    if os.getpriority(os.PRIO_PROCESS, 0) >= 19 or not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc and a process that can still lower its priority")
    edit(preview.root, "data/cdms.yaml", 'en: "Barcelona Cité des métiers"}', 'en: "Barcelona searchable"}')
    indexed = threading.Event()
    seen: list[int] = []
    watcher = threading.Thread(target=watch_pagefind, args=(indexed, seen))
    watcher.start()
    try:
        assert preview.update().problems == []
        BackgroundIndex.request(preview.search)  # what the preview does after each good build
        preview.search.wait()
    finally:
        indexed.set()
        watcher.join()
    assert seen and min(seen) > os.getpriority(os.PRIO_PROCESS, 0), seen
    fragments = (preview.site_dir / "pagefind" / "fragment").glob("en_*.pf_fragment")
    assert any(b"Barcelona searchable" in gzip.decompress(path.read_bytes()) for path in fragments)


def watch_pagefind(done: threading.Event, seen: list[int]) -> None:
    """Until ``done``, the niceness of every Pagefind process this process started (polled from /proc)."""
    while not done.is_set():
        for entry in Path("/proc").iterdir():
            try:
                if entry.name.isdigit() and (entry / "comm").read_text().startswith("pagefind"):
                    parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                    if parent == os.getpid():
                        seen.append(os.getpriority(os.PRIO_PROCESS, int(entry.name)))
            except (OSError, ValueError):  # gone meanwhile
                continue


def test_what_the_preview_keeps_prints_short(preview):
    """mkdocs-macros prints the config, and what the preview keeps on it, at every build."""
    assert preview.memory.pages and preview.memory.kept.docs.written
    assert len(repr(preview.memory.kept)) < 100 and len(str(preview.memory.kept)) < 100
