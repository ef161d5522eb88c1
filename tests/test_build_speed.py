"""What the build skips to stay close to plain MkDocs, and that skipping it changes nothing it should keep."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, copy_project, parse
from ricdm.render import anchor, bytecode_cache


def fake_git(folder: Path) -> Path:
    """A ``git`` first on PATH that logs its arguments, then runs the real one."""
    log = folder / "git.log"
    script = folder / "bin" / "git"
    script.parent.mkdir()
    script.write_text(f'#!/bin/sh\necho "$*" >> "{log}"\nexec {shutil.which("git")} "$@"\n', encoding="utf-8")
    script.chmod(0o755)
    return log


def configured(monkeypatch, tmp_path: Path):
    """The real mkdocs.yml loaded and through every ``on_config`` (ours, static-i18n's, mkdocs-macros')."""
    from mkdocs.config import load_config

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.chdir(PROJECT)
    config = load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    config.plugins.on_startup(command="build", dirty=False)
    return config.plugins.on_config(config)


def test_mkdocs_macros_runs_no_git_command(tmp_path, monkeypatch):
    log = fake_git(tmp_path)
    monkeypatch.setenv("PATH", f"{log.parent / 'bin'}{os.pathsep}{os.environ['PATH']}")
    config = configured(monkeypatch, tmp_path)
    assert config.plugins["macros"].variables["git"] == {"status": False, "date": None}
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    ours = [  # when data/ last changed (ricdm.freshness): last commit, files not committed, a shallow clone's boundary
        "log -1 --format=%H %cs -- .",
        "status --porcelain --untracked-files=all --no-renames -z -- .",
        "rev-parse --show-prefix",
        "rev-parse --git-path shallow",
    ]
    assert calls == ours, calls


def test_the_build_still_configures_if_mkdocs_macros_changes(tmp_path, monkeypatch):
    """A future mkdocs-macros without ``get_git_info``: nothing is replaced, the build goes on."""
    from mkdocs_macros import context, plugin

    monkeypatch.delattr(context, "get_git_info")
    monkeypatch.setattr(plugin, "define_env", lambda env: env.variables.update({"git": "as before"}))
    config = configured(monkeypatch, tmp_path)
    assert not hasattr(context, "get_git_info")
    assert config.plugins["macros"].variables["git"] == "as before"


@pytest.fixture(autouse=True)
def _restore_mkdocs_macros(monkeypatch):
    """Our hook replaces mkdocs-macros' function for the whole process: put the original back after each test."""
    from mkdocs_macros import context

    monkeypatch.setattr(context, "get_git_info", context.get_git_info)


def _resolves_to(page: Path, href: str, target: Path) -> bool:
    return (page.parent / href.split("#")[0]).resolve() == target.resolve()


def test_every_page_lists_the_sources_it_cites_and_its_footer_links_from_its_own_depth(site):
    """The footer and the "Sources of this page" block are rendered once per language, depth and source list."""
    listed_somewhere = set()
    for page in sorted(site.rglob("index.html")):
        home = site / "en" if page.relative_to(site).parts[0] == "en" else site
        tree = parse(page)
        about = tree.css_first(".ricdm-footer a").attributes["href"] or ""
        assert _resolves_to(page, about, home / "about"), (page, about)
        cited = list(dict.fromkeys(marker.attributes["data-source"] for marker in tree.css("a.ricdm-source")))
        block = tree.css_first(".ricdm-page-sources")
        links = [link.attributes["href"] or "" for link in block.css("li a")] if block else []
        assert [href.split("#")[1] for href in links] == [anchor(ref or "") for ref in cited], page
        assert all(_resolves_to(page, href, home / "sources") for href in links), (page, links)
        listed_somewhere.add(tuple(links))
    assert len(listed_somewhere) > 5  # pages cite different sources: a block reused for all would fail above


def _templates(folder: Path, text: str):
    import jinja2

    folder.mkdir(exist_ok=True)
    (folder / "page.html").write_text(text, encoding="utf-8")
    return jinja2.FileSystemLoader(str(folder))


def test_theme_templates_compiled_once_and_again_after_an_edit(tmp_path, monkeypatch):
    import jinja2

    compiled = []
    real_compile = jinja2.Environment.compile
    monkeypatch.setattr(
        jinja2.Environment, "compile", lambda env, *a, **k: compiled.append(a[1]) or real_compile(env, *a, **k)
    )

    (tmp_path / "cache").mkdir()  # made by DiskCache.subfolder in a build

    def render(text: str) -> str:
        environment = jinja2.Environment(loader=_templates(tmp_path / "t", text))
        environment.bytecode_cache = bytecode_cache(tmp_path / "cache")
        return environment.get_template("page.html").render(x=1)

    assert render("a {{ x }}") == "a 1" and compiled == ["page.html"]
    assert render("a {{ x }}") == "a 1" and compiled == ["page.html"]  # a new build, same template: from the cache
    assert render("b {{ x }}") == "b 1" and len(compiled) == 2  # edited: compiled again, never the old code
    assert bytecode_cache(None) is None  # RICDM_CACHE=off: no cache


def test_an_edited_theme_override_shows_in_the_next_build(tmp_path):
    """The theme's compiled templates are kept in .cache/ricdm: an edit to overrides/ must still show."""
    from conftest import build

    project = copy_project(tmp_path / "project")
    assert build(project, tmp_path / "site").returncode == 0
    main = project / "overrides/main.html"
    main.write_text(main.read_text(encoding="utf-8") + "\n{% block footer %}edited-override{% endblock %}\n")
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert "edited-override" in (tmp_path / "site/index.html").read_text(encoding="utf-8")
    assert "edited-override" in (tmp_path / "site/en/index.html").read_text(encoding="utf-8")
