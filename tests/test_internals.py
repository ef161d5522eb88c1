"""Each place ``mkdocs_internals`` touches another library's private internals still holds: an upgrade fails here.

One test per touch point, named after it, reading the installed library: when one fails, the library changed under
the site; read the function of the same name in mkdocs_internals.py before changing anything else.
"""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

import mkdocs_internals as internals
from conftest import PROJECT


@pytest.fixture(scope="module")
def i18n():
    """static-i18n as the project configures it, through its on_config."""
    from mkdocs.config import load_config

    config = load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir="/tmp/unused-site")
    plugin = config.plugins["i18n"]
    plugin.on_config(config)
    return config, plugin


def test_language(i18n):
    """static-i18n says which language it builds in ``current_language``: the one way the site knows a page's."""
    config, plugin = i18n
    assert plugin.current_language == plugin.default_language == "fr"
    assert internals.language(config) == "fr"


def test_is_last_language(i18n):
    """``building`` is False but during static-i18n's inner builds of the other languages, which it sets around."""
    from mkdocs_static_i18n.plugin import I18n

    config, plugin = i18n
    assert plugin.building is False and internals.is_last_language(config)
    source = inspect.getsource(I18n.on_post_build)
    assert "self.building = True" in source and "self.building = False" in source


def test_configured_languages(i18n):
    config, _ = i18n
    assert internals.configured_languages(config) == ("fr", "en")


def test_restore_clean_directory():
    """static-i18n still swaps MkDocs' clean_directory during its inner builds (else this touch point can go)."""
    import mkdocs.utils
    from mkdocs_static_i18n.plugin import I18n

    assert "utils.clean_directory = lambda" in inspect.getsource(I18n.on_post_build)
    original = mkdocs.utils.clean_directory
    mkdocs.utils.clean_directory = lambda path: None
    internals.restore_clean_directory()
    assert mkdocs.utils.clean_directory is original


def test_dirty_language_builds():
    """static-i18n decides whether its inner builds are dirty from sys.argv alone."""
    import sys

    from mkdocs_static_i18n.plugin import I18n

    assert '"--dirty" in sys.argv' in inspect.getsource(I18n.on_post_build)
    with internals.dirty_language_builds(True):
        assert "--dirty" in sys.argv
    assert "--dirty" not in sys.argv


def test_drop_stale_switcher():
    """static-i18n sets the switcher as an attribute of config.extra for a page, as an item for the next language."""
    from mkdocs_static_i18n.reconfigure import ExtendedPlugin

    source = inspect.getsource(ExtendedPlugin)
    assert "config.extra.alternate = deepcopy(" in source and 'config.extra["alternate"] = deepcopy(' in source


def test_skip_git_info():
    """mkdocs-macros still computes its git variable in context.get_git_info (tests/test_build_speed.py: no git run)."""
    from mkdocs_macros import context

    assert callable(context.get_git_info)


def test_stop_alternate_sitemap_lookup():
    """Material's bundle still looks for hreflang alternates with this one selector."""
    import material

    bundles = list((Path(material.__file__).parent / "templates/assets/javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    assert bundles[0].read_text(encoding="utf-8").count(internals.ALTERNATE_SELECTOR) == 1


def test_add_anchors():
    """MkDocs checks links against ``Page.present_anchor_ids``, filled as it renders a page."""
    from mkdocs.structure.pages import Page

    assert "present_anchor_ids" in inspect.getsource(Page)


def test_decide_rewrite():
    """A dirty build reads and writes a page again only when ``page.file.is_modified()``."""
    from mkdocs.commands import build

    for step in (build._populate_page, build._build_page):
        assert "if dirty and not page.file.is_modified():" in inspect.getsource(step)


def test_list_theme_once():
    """MkDocs lists the theme's files through ``get_env().list_templates(filter_func=…)``: kept once, same files."""
    from mkdocs.commands import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    assert "env.list_templates(filter_func=filter)" in inspect.getsource(Files.add_files_from_theme)
    assert "config.theme.get_env()" in inspect.getsource(build.build)

    def theme_files(listing: dict[tuple[object, ...], list[str]] | None) -> list[str]:
        config = load_config(config_file=str(PROJECT / "mkdocs.yml"), site_dir="/tmp/unused-site")
        if listing is not None:
            internals.list_theme_once(config.theme, listing)
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [file.src_uri for file in files]

    listing: dict[tuple[object, ...], list[str]] = {}
    plain = theme_files(None)
    assert len(plain) > 10 and theme_files(listing) == plain and len(listing) == 1
    assert theme_files(listing) == plain and len(listing) == 1  # the next build of the same theme: listed once


def test_banner_server():
    """MkDocs' live-reload server injects its script in ``_inject_js_into_html``, answers 404s by ``error_handler``.

    The preview's banner goes where the script does, its 404 page through the handler.
    """
    from mkdocs.livereload import LiveReloadServer

    assert list(inspect.signature(LiveReloadServer._inject_js_into_html).parameters) == ["self", "content", "epoch"]
    assert "self.error_handler(" in inspect.getsource(LiveReloadServer)

    class Shown(internals.BannerServer):
        def banner(self) -> bytes:
            return b"<p>problem</p>"

    server = Shown(builder=lambda: None, host="127.0.0.1", port=0, root="/tmp")
    page = server._inject_js_into_html(b"<html><body class='x'><p>page</p></body></html>", 1)
    assert page.startswith(b"<html><body class='x'><p>problem</p><p>page</p><script>")


def test_nothing_else_touches_these_internals():
    """Outside mkdocs_internals.py, no code of the project names the internals it gathers."""
    names = ("current_language", ".building", "utils.clean_directory", "sys.argv", "get_git_info")
    names += (
        "link[rel=alternate]",
        "present_anchor_ids",
        "is_modified =",
        "_inject_js_into_html",
        "error_handler",
        "i18n_files_per_language",
        "list_templates",
    )
    sources = [*PROJECT.glob("*.py"), *(PROJECT / "ricdm").rglob("*.py"), *(PROJECT / "preview").rglob("*.py")]
    found = [
        f"{path.relative_to(PROJECT)}: {name}"
        for path in sources
        if path.name != "mkdocs_internals.py"
        for name in names
        if name in path.read_text(encoding="utf-8")
    ]
    assert found == []
