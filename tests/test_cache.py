"""The build cache (.cache/ricdm/): it speeds up the next build and never serves stale or broken data."""

from __future__ import annotations

import filecmp
import re
import shutil

from conftest import build, copy_project, parse
from ricdm.cache import FOLDER, DiskCache


def cache_files(project):
    return sorted(
        path.relative_to(project / FOLDER).as_posix() for path in (project / FOLDER).rglob("*") if path.is_file()
    )


def same_tree(left, right) -> list[str]:
    """Relative paths whose bytes differ (or exist on one side only)."""
    differences = []
    stack = [filecmp.dircmp(left, right)]
    while stack:
        compared = stack.pop()
        differences += compared.left_only + compared.right_only + compared.diff_files + compared.funny_files
        stack += compared.subdirs.values()
    return differences


def test_a_build_fills_the_cache_and_the_next_one_gives_the_same_site(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "cold").returncode == 0
    kinds = {re.split("[-/]", name)[0] for name in cache_files(project)}
    assert {"dataset", "map", "jinja"} <= kinds, kinds
    assert build(project, tmp_path / "warm").returncode == 0
    assert same_tree(tmp_path / "cold", tmp_path / "warm") == []


def test_a_yaml_edit_after_a_cached_build_shows(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "before").returncode == 0
    cdms = project / "data" / "cdms.yaml"
    text = cdms.read_text(encoding="utf-8")
    old = 'name: {fr: "Cité des métiers de Paris", en: "Paris Cité des métiers"}'
    assert old in text
    cdms.write_text(
        text.replace(old, 'name: {fr: "Cité des métiers de Paris (édité)", en: "Paris Cité des métiers (edited)"}', 1),
        encoding="utf-8",
    )
    locations = project / "data" / "locations.yaml"
    located = locations.read_text(encoding="utf-8")
    assert "cdm: paris" in located
    result = build(project, tmp_path / "after")
    assert result.returncode == 0, result.stderr
    site = tmp_path / "after"
    assert parse(site / "cdm/paris/index.html").css_first("article h1").text().strip().endswith("(édité)")
    assert parse(site / "en/cdm/paris/index.html").css_first("article h1").text().strip().endswith("(edited)")
    directory = (site / "en/directory/index.html").read_text(encoding="utf-8")
    assert "Paris Cité des métiers (edited)" in directory
    assert len([name for name in cache_files(project) if name.startswith("dataset-")]) == 1  # the old entry went


def test_a_map_point_moved_after_a_cached_build_moves_on_the_map(tmp_path):
    """The cached layout (country outlines, countries holding a CDM) follows the coordinates."""
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "before").returncode == 0
    before = map_points(tmp_path / "before")
    locations = project / "data" / "locations.yaml"
    text = locations.read_text(encoding="utf-8")
    paris = "    geonameid: 2988507\n    lat: 48.85341\n    lon: 2.3488\n"
    assert paris in text
    prague = "    geonameid: 3067696\n    lat: 50.08804\n    lon: 14.42076\n"  # a valid point: its town, its country
    locations.write_text(text.replace(paris, prague, 1), encoding="utf-8")
    cdms = project / "data" / "cdms.yaml"
    records = cdms.read_text(encoding="utf-8")
    start = records.index("country: FR", records.index("- id: paris"))
    cdms.write_text(records[:start] + "country: CZ" + records[start + len("country: FR") :], encoding="utf-8")
    assert build(project, tmp_path / "after").returncode == 0
    shutil.rmtree(project / FOLDER)
    assert build(project, tmp_path / "uncached").returncode == 0
    after = map_points(tmp_path / "after")
    assert before["cdm/paris/"][0] == "map-paris" and after["cdm/paris/"][0] == "map-europe"
    assert after == map_points(tmp_path / "uncached"), "the cached build draws what a build without cache draws"
    assert set(after) == set(before)
    members = [
        parse(tmp_path / site / "directory/index.html").css("#map-europe path.ricdm-map-member")
        for site in ("before", "after")
    ]
    assert len(members[1]) == len(members[0]) + 1  # Czechia now holds a CDM; France still does


def map_points(site) -> dict[str, tuple[str, str]]:
    """Where each link of the directory's map sits: its address -> its panel and markup."""
    tree = parse(site / "directory/index.html")
    links = {
        link.attributes.get("href", "").removeprefix("../"): (panel.attributes["id"], link.html)
        for panel in tree.css(".ricdm-map-panel")
        for link in panel.css("svg a")
    }
    assert links
    return links


def test_a_corrupt_cache_is_rebuilt(tmp_path):
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "clean").returncode == 0
    names = cache_files(project)
    for name in names:
        (project / FOLDER / name).write_bytes(b"\x80\x05garbage, not a pickle nor bytecode")
    result = build(project, tmp_path / "again")
    assert result.returncode == 0, result.stderr
    assert same_tree(tmp_path / "clean", tmp_path / "again") == []
    assert all(b"garbage" not in (project / FOLDER / name).read_bytes() for name in cache_files(project))


def test_an_unreadable_entry_is_a_miss(tmp_path):
    made = []

    def make() -> dict:
        made.append(1)
        return {"value": len(made)}

    def is_made(value: object) -> bool:
        return isinstance(value, dict)

    cache = DiskCache(tmp_path)
    assert cache.kept("thing", ("read",), make, is_made) == {"value": 1}
    assert cache.kept("thing", ("read",), make, is_made) == {"value": 1} and len(made) == 1  # kept
    (entry,) = tmp_path.glob("thing-*.pickle")
    entry.write_bytes(b"\x80\x05\x95truncated")
    assert cache.kept("thing", ("read",), make, is_made) == {"value": 2}  # made again, stored again
    assert cache.kept("thing", ("other read",), make, is_made) == {"value": 3}  # another input, another entry
    assert [path.name for path in tmp_path.glob("thing-*.pickle")] != [entry.name]  # only the newest is left
    assert len(list(tmp_path.glob("thing-*.pickle"))) == 1
    assert DiskCache(None).kept("thing", ("read",), make, is_made) == {"value": 4}  # RICDM_CACHE=off: always made


def test_a_map_point_moved_away_from_its_town_after_a_cached_build_is_refused(tmp_path):
    """The gazetteer check is cached too, under the data files: an edit is checked again, never waved through."""
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "before").returncode == 0
    locations = project / "data" / "locations.yaml"
    text = locations.read_text(encoding="utf-8")
    assert "    lat: 48.85341\n" in text
    locations.write_text(text.replace("    lat: 48.85341\n", "    lat: 49.85341\n", 1), encoding="utf-8")
    result = build(project, tmp_path / "after")
    assert result.returncode != 0
    assert "data/locations.yaml:" in result.stdout + result.stderr


def test_the_cache_keeps_the_cards_of_the_last_build_only(tmp_path):
    """Social cards are named by what they show; a card no page shows any more is removed, not kept for ever."""
    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "before").returncode == 0
    before = {path.name for path in (project / FOLDER / "social-cards").glob("*.png")}
    glossary = project / "docs/en/glossary.md"
    text = glossary.read_text(encoding="utf-8")
    assert text.startswith("# Glossary\n")
    glossary.write_text(text.replace("# Glossary\n", "# Glossary of the report\n", 1), encoding="utf-8")
    assert build(project, tmp_path / "after").returncode == 0
    after = {path.name for path in (project / FOLDER / "social-cards").glob("*.png")}
    assert len(after) == len(before) and len(after - before) == 1  # the glossary's new card, in place of its old one
    shown = {path.name for path in (tmp_path / "after/assets/cards").glob("*.png")}
    assert after == shown


def test_nothing_is_kept_with_the_cache_off(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    monkeypatch.setenv("RICDM_CACHE", "off")
    assert build(project, tmp_path / "site").returncode == 0
    assert not (project / ".cache").exists()
