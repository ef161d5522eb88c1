"""The staff guide's "check, then send" step commits new files too: a new page's twins reach the pull request.

``git commit -am`` (the guide's step before) takes only files git already knows: the two twins of a new page were
left out. The guide's own commands are run here, in a real repository with a real remote, after adding a page.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import PROJECT

STEP = {"fr": "2. **Vérifier, puis envoyer**", "en": "2. **Check, then send**"}
BRANCH = {"fr": "cascais-pays", "en": "cascais-country"}
GIT_ENV = {"GIT_AUTHOR_NAME": "Staff", "GIT_AUTHOR_EMAIL": "staff@example.org", "GIT_CONFIG_GLOBAL": os.devnull}
GIT_ENV |= {"GIT_COMMITTER_NAME": "Staff", "GIT_COMMITTER_EMAIL": "staff@example.org", "GIT_CONFIG_NOSYSTEM": "1"}


def guide_commands(lang: str) -> list[str]:
    """The shell lines of the step's code block, comments dropped."""
    guide = (PROJECT / "docs-staff" / f"guide.{lang}.md").read_text(encoding="utf-8")
    step = guide[guide.index(STEP[lang]) :]
    block = re.search(r"```sh\n(.*?)```", step, re.DOTALL)
    assert block, f"no sh block in the guide's step {STEP[lang]!r}"
    return [line.split("#", 1)[0].strip() for line in block.group(1).splitlines() if line.strip()]


def git(cwd: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, env={**os.environ, **GIT_ENV}
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_both_guides_give_the_same_commands():
    def shape(lang: str) -> list[str]:
        return [re.sub(r'"[^"]*"', '"…"', line).replace(BRANCH[lang], "<branch>") for line in guide_commands(lang)]

    assert shape("fr") == shape("en")
    assert not any(line.startswith("git commit -a") for line in guide_commands("en"))


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_new_page_reaches_the_pushed_branch(tmp_path, lang):
    origin = tmp_path / "origin.git"
    clone = tmp_path / "clone"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    git(tmp_path, "clone", "-q", str(origin), str(clone))
    for part in ("data/cdms.yaml", "docs/fr/impact.md", "docs/en/impact.md", "mkdocs.yml"):
        (clone / part).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(PROJECT / part, clone / part)
    git(clone, "add", "-A")
    git(clone, "commit", "-q", "-m", "start")
    git(clone, "push", "-q", "origin", "main")

    git(clone, "switch", "-q", "-c", BRANCH[lang])
    cdms = clone / "data" / "cdms.yaml"
    cdms.write_text(cdms.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # an edit to a known file
    (clone / "docs/fr/agenda.md").write_text("# Agenda\n", encoding="utf-8")  # and a new page, both twins
    (clone / "docs/en/agenda.md").write_text("# Agenda\n", encoding="utf-8")
    config = clone / "mkdocs.yml"  # and its line in the menu
    config.write_text(config.read_text(encoding="utf-8").replace("\nnav:\n", "\nnav:\n  - agenda.md\n", 1), "utf-8")
    for line in guide_commands(lang):
        subprocess.run(line, shell=True, cwd=clone, check=True, timeout=60, env={**os.environ, **GIT_ENV})

    sent = git(origin, "ls-tree", "-r", "--name-only", BRANCH[lang]).split()
    assert {"docs/fr/agenda.md", "docs/en/agenda.md", "data/cdms.yaml"} <= set(sent)
    changed = git(origin, "diff", "--name-only", "main", BRANCH[lang]).split()
    assert sorted(changed) == ["data/cdms.yaml", "docs/en/agenda.md", "docs/fr/agenda.md", "mkdocs.yml"]
    assert git(clone, "status", "--porcelain") == "", "nothing left behind on the computer"
