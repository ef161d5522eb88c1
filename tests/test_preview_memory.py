"""What the preview remembers between builds never shows a stale page.

After real edits its site is, byte for byte, the site a fresh preview builds from the same files; its search
index follows the edit.

In-process (``preview.build.Preview``, as ``python -m preview`` drives it) on a copy of the project.
"""

from __future__ import annotations

import gc
import gzip
import os
import threading
from pathlib import Path

import pytest

from conftest import copy_project


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A preview that has built the project once and keeps its memory across the edits of the tests below."""
    root = tmp_path_factory.mktemp("memory")
    project = copy_project(root / "project")
    for path in (project / "data").glob("*.yaml"):  # the footer's "data changed on" date: an edit changes it
        os.utime(path, (1_577_836_800, 1_577_836_800))  # 1 January 2020
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        patch.syspath_prepend(str(project))
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        from preview.build import Preview

        preview = Preview(project / "mkdocs.yml", root / "warm-site", say=_fail)
        assert preview.update().problems == []
        yield preview
        preview.search.close()
    gc.unfreeze()  # the previews froze what they kept (preview.build._settle_memory): the session may collect it


def _fail(message: str) -> None:
    pytest.fail(message)


def edit(preview, relative: str, old: str, new: str) -> None:
    path = preview.root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {relative}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def differences(warm_site: Path, fresh_site: Path) -> list[str]:
    """Files of the fresh site missing or different in the warm one, and pages only the warm one has.

    Left aside: the search bundle (Pagefind names its files by hash), files no page links to any more (a
    social card of an old title), and the 404 pages, whose language switcher points wherever the last page
    MkDocs rendered was (a full build's last profile, a dirty build's last written page).
    """

    def files(site: Path) -> dict[str, Path]:
        return {
            path.relative_to(site).as_posix(): path
            for path in site.rglob("*")
            if path.is_file() and path.relative_to(site).parts[0] != "pagefind" and path.name != "404.html"
        }

    warm, fresh = files(warm_site), files(fresh_site)
    changed = [name for name in fresh if name not in warm or warm[name].read_bytes() != fresh[name].read_bytes()]
    extra_pages = [name for name in warm.keys() - fresh.keys() if name.endswith(".html")]
    return sorted(changed + extra_pages)


def assert_same_as_fresh(preview, tmp_path: Path) -> None:
    from preview.build import Preview

    outcome = preview.update()
    assert outcome.problems == []
    fresh = Preview(preview.config_file, tmp_path / "fresh-site", say=_fail)
    assert fresh.update().problems == []
    fresh.search.close()
    assert differences(preview.site_dir, fresh.site_dir) == []


def test_a_cdm_edit(warm, tmp_path):
    edit(warm, "data/cdms.yaml", 'en: "Cascais Cité des métiers"}', 'en: "Cascais edited"}')
    assert_same_as_fresh(warm, tmp_path)
    assert "Cascais edited" in (warm.site_dir / "en/cdm/cascais/index.html").read_text(encoding="utf-8")
    assert "Cascais edited" in (warm.site_dir / "en/directory/index.html").read_text(encoding="utf-8")  # a kept row
    assert "Cascais edited" in (warm.site_dir / "en/index.html").read_text(encoding="utf-8")  # the map's list
    assert "Cascais edited</a> — " in (warm.site_dir / "en/network/index.html").read_text(encoding="utf-8")  # timeline
    for table in ("cdms.csv", "cdms.json"):  # a kept open-data row
        assert "Cascais edited" in (warm.site_dir / "data" / table).read_text(encoding="utf-8")


def test_a_label_edit_reaches_every_profile(warm, tmp_path):
    edit(warm, "data/labels.yaml", 'en: "not reported"}', 'en: "not given"}')
    assert_same_as_fresh(warm, tmp_path)
    assert "not given" in (warm.site_dir / "en/cdm/rdc/index.html").read_text(encoding="utf-8")
    assert "not given" in (warm.site_dir / "en/directory/index.html").read_text(encoding="utf-8")  # every kept row


def test_a_place_edit_reaches_the_map_list(warm, tmp_path):
    edit(warm, "data/locations.yaml", 'en: "Barcelona"}', 'en: "Old Town"}')
    assert_same_as_fresh(warm, tmp_path)
    assert "— Old Town" in (warm.site_dir / "en/directory/index.html").read_text(encoding="utf-8")
    assert "Old Town — Barcelona Cité des métiers" in (warm.site_dir / "en/index.html").read_text(encoding="utf-8")
    assert ",Old Town," in (warm.site_dir / "data/cdms.csv").read_text(encoding="utf-8")  # every kept open-data row


def test_a_figure_edit_reaches_the_kept_indicator_tables(warm, tmp_path):
    edit(warm, "data/indicators.yaml", 'en: "Beneficiaries and presence"}', 'en: "Beneficiaries, edited"}')
    assert_same_as_fresh(warm, tmp_path)
    for table in ("indicators.csv", "indicators.json"):
        assert "Beneficiaries, edited" in (warm.site_dir / "data" / table).read_text(encoding="utf-8")


def edit_cdm(preview, cdm_id: str, old: str, new: str) -> None:
    """Replace ``old`` by ``new`` in one CDM's record of data/cdms.yaml."""
    path = preview.root / "data/cdms.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {cdm_id}\n")
    end = text.find("  - id: ", start + 1) % (len(text) + 1)
    assert old in text[start:end], f"{old!r} not in {cdm_id}"
    path.write_text(text[:start] + text[start:end].replace(old, new, 1) + text[end:], encoding="utf-8")


def page(preview, path: str) -> str:
    return (preview.site_dir / path / "index.html").read_text(encoding="utf-8")


def test_a_founding_year_edit_moves_the_cdm_on_both_timelines(warm, tmp_path):
    """The chart's bars below the moved one shift down, so each kept bar must follow where it is drawn."""
    edit_cdm(warm, "barcelone", "founded: {year: 2003,", "founded: {year: 1989,")
    assert_same_as_fresh(warm, tmp_path)
    network = page(warm, "en/network")
    assert '<a href="../cdm/barcelone/">Barcelona Cité des métiers</a></th>\n<td>1989</td>' in network  # chart table
    year = network[network.index('<li id="year-1989">') :]
    assert 'href="../cdm/barcelone/"' in year[: year.index("</li>\n</ul>")]  # the timeline's list, under 1989


def test_a_status_edit_reaches_the_chart_and_the_directory(warm, tmp_path):
    """Cascais closes in 2021: its bar ends there, its chart row, timeline step and directory rows say so."""
    edit_cdm(warm, "cascais", "{status: accredited, source: ", '{status: closed, year: 2021, source: "§4.4.1"}#')
    assert_same_as_fresh(warm, tmp_path)
    network = page(warm, "en/network")
    row = network[network.index('<th scope="row"><a href="../cdm/cascais/">') :]
    assert "<td>Closed</td>" in row[: row.index("</tr>")]  # the chart's table
    assert 'href="../cdm/cascais/">Cascais edited</a> — Closed' in network  # the timeline's step of 2021
    directory = page(warm, "en/directory")
    assert directory.count('data-status="closed" data-decade="2010">\n<th scope="row"><a href="../cdm/cascais/"') == 4


def test_an_undated_cdm_edit_reaches_its_timeline_entry_and_links(warm, tmp_path):
    edit_cdm(
        warm,
        "milan",
        'name: {fr: "Cité des métiers de Milan", en: "Milan Cité des métiers"}',
        'name: {fr: "Milan", en: "Milan edited"}',
    )
    assert_same_as_fresh(warm, tmp_path)
    network = page(warm, "en/network")
    undated = network[network.index('id="year-undated"') :]
    assert '<li><a href="../cdm/milan/">Milan edited</a> — Accredited</li>' in undated[: undated.index("</ul>")]
    assert '<li><a href="../cdm/milan/#bodies">Milan edited</a></li>' in network  # cdms_with("bodies")


def test_a_coordinates_edit_moves_the_map_dot(warm, tmp_path):
    directory_before = page(warm, "en/directory")
    cascais = "geonameid: 2269594\n    lat: 38.69681\n    lon: -9.42147"
    edit(warm, "data/locations.yaml", cascais, "geonameid: 2267057\n    lat: 38.72509\n    lon: -9.1498")  # Lisbon
    assert_same_as_fresh(warm, tmp_path)
    directory = page(warm, "en/directory")

    def dot(html: str) -> str:
        start = html.index('<a href="../cdm/cascais/" aria-label=')
        return html[start : html.index("</a>", start)]

    assert dot(directory) != dot(directory_before)


def test_a_removed_cdm_leaves_no_page(warm, tmp_path):
    cdms = (warm.root / "data/cdms.yaml").read_text(encoding="utf-8")
    block = cdms[cdms.index("  - id: cascais\n") : cdms.index("  - id: barcelone\n")]
    edit(warm, "data/cdms.yaml", block, "")
    places = (warm.root / "data/locations.yaml").read_text(encoding="utf-8")
    start = places.index("  - cdm: cascais\n")
    edit(warm, "data/locations.yaml", places[start : places.index("  - cdm: ", start + 1)], "")
    assert_same_as_fresh(warm, tmp_path)
    assert not (warm.site_dir / "cdm/cascais/index.html").exists()


def test_search_finds_an_edit_once_indexed_below_the_previews_priority(warm):
    """Pagefind runs in the background at a lower CPU priority than the preview, whose next build comes first."""
    if os.getpriority(os.PRIO_PROCESS, 0) >= 19 or not Path("/proc/self/stat").exists():
        pytest.skip("needs /proc and a process that can still lower its priority")
    edit(warm, "data/cdms.yaml", 'en: "Barcelona Cité des métiers"}', 'en: "Barcelona searchable"}')
    indexed = threading.Event()
    seen: list[int] = []
    watcher = threading.Thread(target=watch_pagefind, args=(indexed, seen))
    watcher.start()
    try:
        assert warm.update().problems == []
        warm.search.wait()
    finally:
        indexed.set()
        watcher.join()
    assert seen and min(seen) > os.getpriority(os.PRIO_PROCESS, 0), seen
    fragments = (warm.site_dir / "pagefind" / "fragment").glob("en_*.pf_fragment")
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


def test_the_memory_prints_short(warm):
    """mkdocs-macros prints the config, the memory on it, at every build: a full print cost seconds at 2,600 CDMs."""
    assert warm.memory.data.profiles.contents and warm.memory.data.files.files and warm.memory.data.rows.contents
    assert len(repr(warm.memory.data)) < 100 and len(str(warm.memory.data)) < 100


def test_a_record_made_invalid_is_reported_as_a_check_reports_it_then_its_fix_shows(warm, tmp_path):
    """The records the preview keeps validated (validation.RecordMemo) never hide a mistake nor outlive its fix."""
    from ricdm.checks import find_problems

    edit(warm, "data/cdms.yaml", "    country: ES\n", "    country: XX\n")
    outcome = warm.update()
    expected = [str(problem) for problem in find_problems(warm.root)]
    assert any(": cdms[" in problem and "].country: unknown country code" in problem for problem in expected)
    assert sorted({str(problem) for problem in outcome.problems}) == sorted(set(expected))
    edit(warm, "data/cdms.yaml", "    country: XX\n", "    country: ES\n")
    assert_same_as_fresh(warm, tmp_path)
