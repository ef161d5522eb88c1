"""``python -m ricdm changes``: what a change does to the site, said from the data before and after.

Each test copies the real data/ and docs/ twice, makes real edits to the second copy (a CDM added as the staff
guide adds Lyon, a figure changed, a founding year changed, a text edited, a page added…) and reads the sentences
the command prints, in French and in English, as a reviewer would. Every sentence is checked, so a change the
command invents fails a test as surely as one it misses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import PROJECT
from ricdm.typography import french_text

LYON = """
  - id: lyon
    name: {fr: "Cité des métiers de Lyon", en: "Lyon Cité des métiers"}
    source: "RICDM 2026-11-30"
    country: FR
    statuses:
      - {status: project, year: 2026, source: "RICDM 2026-11-30"}
"""
"""Lyon as the staff guide adds it (section 3, a CDM the report does not mention): a project since 2026."""
LYON_SOURCE = """
  - id: "RICDM 2026-11-30"
    kind: staff
    date: 2026-11-30
    title: {fr: "Information transmise par l’équipe du RICDM", en: "Information given by the RICDM team"}
"""
LYON_PLACE = """
  - cdm: lyon
    place: {fr: "Lyon", en: "Lyon"}
    geonameid: 2996944
    lat: 45.74906
    lon: 4.84789
    chosen_by: editors
    source: "GeoNames"
    note: {fr: "Ville choisie par les éditeurs.", en: "Town chosen by the editors."}
"""


CDMS = (PROJECT / "data" / "cdms.yaml").read_text(encoding="utf-8")
PARIS = next(cdm for cdm in yaml.safe_load(CDMS)["cdms"] if cdm["id"] == "paris")
CONTEXT = yaml.safe_load((PROJECT / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"]["context"]
"""The heading of a CDM's local context, as data/labels.yaml words it (the summary names a list by its heading)."""
"""Paris's profile as data/cdms.yaml has it today: the editors reword profiles, so the tests read what they edit."""
RESOURCES = next(
    figure
    for figure in yaml.safe_load((PROJECT / "data" / "indicators.yaml").read_text(encoding="utf-8"))["figures"]
    if figure["id"] == "resource-users"
)["label"]
"""The label of the figure the edit changes, as data/indicators.yaml words it."""
PARIS_LAT = next(
    place
    for place in yaml.safe_load((PROJECT / "data" / "locations.yaml").read_text("utf-8"))["locations"]
    if place["cdm"] == "paris"
)["lat"]


def paris_text(
    lang: str, section: str = "context", *, longer_than: int = 0, shorter_than: int = 10_000
) -> tuple[int, str]:
    """A text of Paris's profile: its position in ``section`` and its wording today.

    Only a text written out once in the file: one shared through a YAML anchor would change several profiles.
    """
    for position, item in enumerate(PARIS[section]):
        text = item["text"][lang]
        if longer_than < len(text) < shorter_than and CDMS.count(f'{lang}: "{text}"') == 1:
            return position, text
    raise AssertionError(f"Paris's {section} has no {lang} text of {longer_than}–{shorter_than} characters")


def as_said(sentence: str) -> str:
    """A French sentence as the command prints it, spaces made plain as ``sentences`` makes them."""
    return french_text(sentence).replace("\u00a0", " ").replace("\u202f", " ")


def copy_content(target: Path) -> Path:
    """What the summary reads, copied from the project: data/, docs/ and mkdocs.yml (the menu)."""
    for part in ("data", "docs"):
        shutil.copytree(PROJECT / part, target / part)
    shutil.copy(PROJECT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def menu(root: Path) -> list[str]:
    """The pages of mkdocs.yml's ``nav:`` as the file lists them, one ``  - page.md`` line each."""
    block = (root / "mkdocs.yml").read_text(encoding="utf-8").split("\nnav:\n", 1)[1]
    return re.findall(r"^  - (\S+\.md)$", block.split("\n\n", 1)[0], re.MULTILINE)


def add_to_menu(root: Path, page: str) -> str:
    """Add ``page`` to the menu before its last page ("À propos"), as the staff guide does; the page it follows."""
    before_last, last = menu(root)[-2:]
    edit(root / "mkdocs.yml", f"\n  - {before_last}\n  - {last}\n", f"\n  - {before_last}\n  - {page}\n  - {last}\n")
    return before_last


def title(root: Path, page: str) -> str:
    """A page's title, its first heading."""
    heading = next(line for line in (root / "docs" / page).read_text("utf-8").splitlines() if line.startswith("# "))
    return heading[2:].split("{", 1)[0].strip()


def committed_copy(target: Path) -> Path:
    """``copy_content`` in a git repository of its own, everything committed: a checkout, or a staff clone."""
    copy_content(target)
    git = ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "start"]):
        subprocess.run([*git, *command], cwd=target, check=True, capture_output=True)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, f"{old!r} is not in {path}: the test's data moved"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + text.lstrip("\n"), encoding="utf-8")


def changes(*args: str | Path, cwd: Path = PROJECT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ricdm", "changes", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(PROJECT)},
    )


def sentences(output: str) -> list[str]:
    """The listed sentences, spaces made plain (French typography puts no-break ones before : and in « »)."""
    plain = output.replace("\u00a0", " ").replace("\u202f", " ")
    return [line.strip()[2:] for line in plain.splitlines() if line.strip().startswith("- ")]


TEXT_AT, TEXT_BEFORE = paris_text("fr", shorter_than=100)
TEXT_AFTER = TEXT_BEFORE.rstrip(".") + ", en Île-de-France."
"""A short French text of Paris's profile, and a staff member's addition to it (said whole, not cut)."""


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """Before: the real content. After: the edits a staff member makes in one pull request."""
    root = tmp_path_factory.mktemp("changes")
    before, after = copy_content(root / "before"), copy_content(root / "after")
    append(after / "data" / "sources.yaml", LYON_SOURCE)
    append(after / "data" / "cdms.yaml", LYON)
    append(after / "data" / "locations.yaml", LYON_PLACE)
    edit(
        after / "data" / "cdms.yaml",
        'founded: {year: 1993, source: "§4.4.1"}',
        'founded: {year: 1994, source: "§4.4.1"}',
    )
    edit(after / "data" / "indicators.yaml", "      - value: 125000\n", "      - value: 126500\n")
    edit(after / "data" / "cdms.yaml", f'fr: "{TEXT_BEFORE}"', f'fr: "{TEXT_AFTER}"')
    (after / "docs" / "fr" / "agenda.md").write_text("# Agenda\n\nLes rendez-vous du réseau.\n", encoding="utf-8")
    (after / "docs" / "en" / "agenda.md").write_text("# Events\n\nThe network's events.\n", encoding="utf-8")
    add_to_menu(after, "agenda.md")
    return before, after


def test_french_summary_says_each_edit_in_words(edited):
    result = changes(*edited)
    assert result.returncode == 0, result.stderr
    assert sentences(result.stdout) == [
        "Cité des métiers de Lyon ajoutée (France, phase projet depuis 2026, sur la carte : Lyon)",
        f"{PARIS['name']['fr']} — Année de création : 1993 → 1994",
        as_said(f"{PARIS['name']['fr']} — {CONTEXT['fr']}, texte {TEXT_AT + 1} : « {TEXT_BEFORE} » → « {TEXT_AFTER} »"),
        f"{RESOURCES['fr']} : 125 000 → 126 500",
        "Page ajoutée : « Agenda » — docs/fr/agenda.md (/agenda/)",
        "Page ajoutée : « Events » — docs/en/agenda.md (/en/agenda/)",
        f"Menu : page « Agenda » ajoutée après « {title(edited[0], 'fr/' + menu(edited[0])[-2])} »",
        "Source RICDM 2026-11-30 ajoutée : « Information transmise par l’équipe du RICDM »",
    ]
    headings = [line for line in result.stdout.splitlines() if line and not line.startswith(" ")]
    assert headings[1:] == ["Cités des métiers", "Chiffres", "Pages", "Sources"]
    assert "\u202f:" not in result.stdout and "\u00a0:" in result.stdout, "French typography: no-break space before :"


def test_english_summary_says_the_same(edited):
    result = changes(*edited, "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert sentences(result.stdout) == [
        "Lyon Cité des métiers added (France, project phase since 2026, on the map: Lyon)",
        f"{PARIS['name']['en']} — Year of creation: 1993 → 1994",
        f"{PARIS['name']['en']} — {CONTEXT['en']}, text {TEXT_AT + 1}: in French, “{TEXT_BEFORE}” → “{TEXT_AFTER}”",
        f"{RESOURCES['en']}: 125,000 → 126,500",
        "Page added: “Agenda” — docs/fr/agenda.md (/agenda/)",
        "Page added: “Events” — docs/en/agenda.md (/en/agenda/)",
        f"Menu: page “Events” added after “{title(edited[0], 'en/' + menu(edited[0])[-2])}”",
        "Source RICDM 2026-11-30 added: “Information given by the RICDM team”",
    ]


def test_job_summary_is_french_then_english_folded(edited):
    result = changes(*edited, "--format", "github")
    assert result.returncode == 0, result.stderr
    markdown = result.stdout
    french, _, english = markdown.partition("<details>")
    assert french.startswith("## Ce que cette modification change sur le site\n")
    assert english.startswith("<summary>In English: what this change does to the site</summary>")
    assert markdown.rstrip().endswith("</details>")
    assert f"- {RESOURCES['fr']}\u00a0: 125\u202f000 → 126\u202f500" in french
    assert f"- {RESOURCES['en']}: 125,000 → 126,500" in english
    assert "### Cités des métiers" in french and "### Figures" in english
    assert len(sentences(french)) == len(sentences(english)) == 8


def test_a_new_cdm_is_said_with_its_founding_year(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    append(after / "data" / "sources.yaml", LYON_SOURCE)
    append(after / "data" / "cdms.yaml", LYON.replace("{status: project, year: 2026,", "{status: accredited,"))
    append(after / "data" / "cdms.yaml", '    founded: {year: 2021, source: "RICDM 2026-11-30"}\n')
    assert (
        sentences(changes(before, after).stdout)[0]
        == "Cité des métiers de Lyon ajoutée (France, 2021, pas sur la carte)"
    )


def test_no_change_is_said_plainly(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    french, english = changes(before, after), changes(before, after, "--lang", "en")
    assert french.returncode == english.returncode == 0
    assert sentences(french.stdout) == []
    assert "Rien ne change sur le site" in french.stdout
    assert "Nothing changes on the site" in english.stdout


def test_removals_moves_status_english_only_edits_and_other_files(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    cdms = after / "data" / "cdms.yaml"
    text = cdms.read_text(encoding="utf-8")
    last = text.rindex("\n  - id: ")
    removed_id = re.match(r"\n  - id: (\S+)", text[last:]).group(1)
    removed_name = re.search(r'name: \{fr: "([^"]+)"', text[last:]).group(1)
    cdms.write_text(text[:last] + "\n", encoding="utf-8")
    places = after / "data" / "locations.yaml"
    kept = places.read_text(encoding="utf-8").split("\n  - cdm: ")
    places.write_text("\n  - cdm: ".join(part for part in kept if not part.startswith(f"{removed_id}\n")), "utf-8")
    edit(places, f"    lat: {PARIS_LAT}\n", f"    lat: {PARIS_LAT:.4f}\n")  # Paris: 0.0 km, no sentence
    edit(
        cdms,
        '      - {status: accredited, source: "Annexe 3"}\n    context:',
        (
            '      - {status: accredited, source: "Annexe 3"}\n'
            '      - {status: closed, year: 2024, source: "Annexe 3"}\n    context:'
        ),
    )
    english_at, english = paris_text("en", shorter_than=100)
    edit(cdms, f'en: "{english}"', f'en: "{english.rstrip(".")} (Île-de-France)."')
    edit(after / "data" / "labels.yaml", 'not-reported: {fr: "non renseigné"', 'not-reported: {fr: "non précisé"')
    (after / "docs" / "assets").mkdir(exist_ok=True)
    (after / "docs" / "assets" / "extra.css").write_text("p { margin: 0 }\n", encoding="utf-8")

    result = changes(before, after)
    assert result.returncode == 0, result.stderr
    said = sentences(result.stdout)
    assert said[0].startswith(f"{removed_name} retirée (") and said[0].endswith(")")
    assert said[1:] == [
        f"{PARIS['name']['fr']} — Historique du statut : ajout : Fermée (2024)",
        as_said(
            f"{PARIS['name']['fr']} — {CONTEXT['fr']}, texte {english_at + 1} : en anglais, « {english} » → "
            f"« {english.rstrip('.')} (Île-de-France). »"
        ),
        "Mot de l’interface « not-reported » — « non renseigné » → « non précisé »",
        "ajouté : docs/assets/extra.css",
    ]
    assert "à faire relire par un développeur" in result.stdout


def test_menu_moves_and_removals_in_words_and_other_settings_for_a_developer(tmp_path):
    """The menu is staff's part of mkdocs.yml: said in words, and the file named only when more than it changed."""
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    first, *_, moving, last = menu(before)
    config = after / "mkdocs.yml"
    edit(config, f"\n  - {moving}\n", "\n")
    edit(config, f"\nnav:\n  - {first}\n", f"\nnav:\n  - {moving}\n  - {first}\n")
    edit(config, f"\n  - {last}\n", "\n")
    menu_said = [
        f"Menu : page « {title(before, 'fr/' + moving)} » déplacée en tête",
        f"Menu : page « {title(before, 'fr/' + last)} » retirée",
    ]
    assert sentences(changes(before, after).stdout) == menu_said
    english = sentences(changes(before, after, "--lang", "en").stdout)
    assert english[0] == f"Menu: page “{title(before, 'en/' + moving)}” moved to the top"

    edit(config, "\nstrict: true\n", "\nstrict: false\n")
    assert sentences(changes(before, after).stdout) == [*menu_said, "modifié : mkdocs.yml"]


def test_a_long_text_is_cut_around_the_edit(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    _, long = paris_text("fr", "governance", longer_than=300)
    middle = long.index(" ", len(long) // 2)
    before_word, after_word = long[:middle].rsplit(" ", 1)[1], long[middle + 1 :].split(" ", 1)[0]
    edited_text = f"{long[:middle]} vraiment{long[middle:]}"
    edit(after / "data" / "cdms.yaml", f'fr: "{long}"', f'fr: "{edited_text}"')
    [said] = sentences(changes(before, after).stdout)
    old, new = said.split(" : ", 1)[1].split(" → ")
    assert old.startswith("« …") and old.endswith("… »") and as_said(f"{before_word} {after_word}") in old
    assert new.startswith("« …") and as_said(f"{before_word} vraiment {after_word}") in new
    assert len(new) < 200


def test_a_map_point_moved(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    edit(after / "data" / "locations.yaml", f"    lat: {PARIS_LAT}\n", f"    lat: {PARIS_LAT + 0.009:.5f}\n")
    assert sentences(changes(before, after).stdout) == [f"{PARIS['name']['fr']} — point sur la carte déplacé de 1 km"]


def test_invalid_data_names_its_problems_instead(edited, tmp_path):
    before, after = edited
    broken = shutil.copytree(after, tmp_path / "broken")
    edit(broken / "data" / "cdms.yaml", "country: FR", "contry: FR")
    result = changes(before, broken)
    assert result.returncode == 1 and result.stdout == ""
    assert "the data has 1 problem" in result.stderr
    assert "data/cdms.yaml:" in result.stderr and "did you mean 'country'?" in result.stderr
    assert "Traceback" not in result.stderr


def test_markdown_is_escaped(tmp_path):
    before, after = copy_content(tmp_path / "before"), copy_content(tmp_path / "after")
    edit(
        after / "data" / "labels.yaml",
        'not-reported: {fr: "non renseigné"',
        'not-reported: {fr: "<b>non</b> *renseigné*"',
    )
    markdown = changes(before, after, "--format", "github").stdout
    assert "\\<b\\>non\\</b\\> \\*renseigné\\*" in markdown and "<b>" not in markdown


def test_staff_changes_compares_with_the_last_commit(tmp_path):
    """``./staff changes``: the working copy against HEAD, in a real repository; a revision as a folder's twin."""
    project = committed_copy(tmp_path / "project")
    edit(project / "data" / "indicators.yaml", "      - value: 125000\n", "      - value: 126500\n")
    (project / "notes.txt").write_text("a draft\n", encoding="utf-8")

    result = changes("--root", project)
    assert result.returncode == 0, result.stderr
    assert sentences(result.stdout) == [f"{RESOURCES['fr']} : 125 000 → 126 500", "ajouté : notes.txt"]
    assert "par rapport au dernier commit" in result.stdout.replace("\u00a0", " ")
    assert changes("no-such-branch", "--root", project).returncode == 2


def test_staff_changes_since_main_ignores_what_main_got_meanwhile(tmp_path):
    """``./staff changes main`` on a branch: its own edits, not those landed on main since it left (undone)."""
    project = committed_copy(tmp_path / "project")
    git = ["git", "-c", "user.name=Staff", "-c", "user.email=staff@example.org"]
    subprocess.run([*git, "switch", "-q", "-c", "figure"], cwd=project, check=True)
    edit(project / "data" / "indicators.yaml", "      - value: 125000\n", "      - value: 126500\n")
    subprocess.run([*git, "commit", "-q", "-am", "figure"], cwd=project, check=True)
    subprocess.run([*git, "switch", "-q", "main"], cwd=project, check=True)
    edit(project / "data" / "cdms.yaml", "founded: {year: 1993,", "founded: {year: 1994,")
    subprocess.run([*git, "commit", "-q", "-am", "someone else's edit"], cwd=project, check=True)
    subprocess.run([*git, "switch", "-q", "figure"], cwd=project, check=True)

    result = changes("main", "--root", project)
    assert result.returncode == 0, result.stderr
    assert sentences(result.stdout) == [f"{RESOURCES['fr']} : 125 000 → 126 500"]
    assert changes("HEAD", "--root", project).stdout.count("\n  - ") == 0, "committed: nothing since the last commit"


def test_the_pull_request_step_writes_the_summary(tmp_path):
    """The workflow's own step, run as GitHub runs it, appends the summary to $GITHUB_STEP_SUMMARY.

    The change is checked out with its base in .pr-base, both git checkouts; the base folder is no change.
    """
    flow = yaml.safe_load((PROJECT / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8"))
    steps = flow["jobs"]["data"]["steps"]
    base = next(step for step in steps if step.get("with", {}).get("path") == ".pr-base")
    assert base["with"]["ref"] == "${{ github.event.pull_request.base.sha }}"
    step = next(step for step in steps if "GITHUB_STEP_SUMMARY" in step.get("run", ""))
    assert step["if"] == "${{ !cancelled() && github.event_name == 'pull_request' }}", "also after a failed check"

    head = committed_copy(tmp_path / "workspace")
    committed_copy(head / ".pr-base")  # the change checked out first, then its base inside it
    edit(head / "data" / "indicators.yaml", "      - value: 125000\n", "      - value: 126500\n")
    summary = tmp_path / "summary.md"
    summary.write_text("", encoding="utf-8")
    command = step["run"].replace("python -m", f"{sys.executable} -m", 1)
    environment = {**os.environ, "PYTHONPATH": str(PROJECT), "GITHUB_STEP_SUMMARY": str(summary)}
    subprocess.run(["bash", "-c", command], cwd=head, env=environment, check=True, timeout=120)
    written = summary.read_text(encoding="utf-8")
    assert sentences(written.partition("<details>")[0]) == [f"{RESOURCES['fr']} : 125 000 → 126 500"]
    assert sentences(written.partition("<details>")[2]) == [f"{RESOURCES['en']}: 125,000 → 126,500"]


def test_a_summary_for_broken_data_lists_its_problems(edited, tmp_path):
    before, after = edited
    broken = shutil.copytree(after, tmp_path / "broken")
    edit(broken / "data" / "cdms.yaml", "country: FR", "contry: FR")
    result = changes(before, broken, "--format", "github")
    assert result.returncode == 1
    french, _, english = result.stdout.partition("<details>")
    assert "Les données proposées ont 1 problème" in french.replace("\u00a0", " ")
    assert re.search(r"- `data/cdms\.yaml:\d+: cdms\[0\]\.contry: unknown field \(a typo\?\)", french)
    assert "The proposed data has 1 problem: what the change does to the site will be said once it is fixed" in english
    assert "« Data check » le montre sur sa ligne" in french.replace("\u202f", " ")


@pytest.mark.parametrize(("lang", "step"), [("fr", "3. **Proposer**"), ("en", "3. **Propose**")])
def test_the_guides_example_is_what_the_command_says(edited, lang, step):
    guide = (PROJECT / "docs-staff" / f"guide.{lang}.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(.*?)```", guide[guide.index(step) :], re.DOTALL).group(1)
    shown = sentences(example)
    said = sentences(changes(*edited, "--lang", lang).stdout)
    assert len(shown) == 7 and all(line in said for line in shown), set(shown) - set(said)
