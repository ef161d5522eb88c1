"""Every place the site touches the private internals of the libraries it builds with, and why.

None of these is a public API: an upgrade of static-i18n, MkDocs, mkdocs-macros or Material may change any of
them. Each is written here once, and ``tests/test_internals.py`` has a test per touch point that fails loudly when
the library changes under it. The day Material ends (May 2027) or static-i18n is replaced, this module is the list
of what to port. Nothing else in the project reads or writes these internals.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Collection, Iterator

import mkdocs.utils
from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

# --- mkdocs-static-i18n (1.3) -------------------------------------------------------------------------------------


def language(config: MkDocsConfig) -> str:
    """The language being built, hence of every page and template rendered now: the one way to know it.

    static-i18n builds the languages one after the other on the same config, each with only its own pages, and says
    which in ``current_language`` (an attribute, not a documented API).
    """
    lang: str = config.plugins["i18n"].current_language
    return lang


def is_last_language(config: MkDocsConfig) -> bool:
    """Whether this ``on_post_build`` ends the outer build, every language written.

    ``building`` is static-i18n's flag for its inner builds of the other languages, run from its ``on_post_build``.
    """
    return not config.plugins["i18n"].building


def configured_languages(config: MkDocsConfig) -> tuple[str, ...]:
    """mkdocs.yml's languages, the default first (static-i18n's ``default_language`` and ``build_languages``)."""
    i18n = config.plugins["i18n"]
    return (i18n.default_language, *(lang for lang in i18n.build_languages if lang != i18n.default_language))


_CLEAN_DIRECTORY = mkdocs.utils.clean_directory


def restore_clean_directory() -> None:
    """Put back MkDocs' ``clean_directory`` after a build, whatever happened in it.

    static-i18n swaps it for a no-op during its inner builds (so each language does not empty the site) and does not
    put it back when one of them fails. The preview builds again in the same process, and a full build must empty
    the site.
    """
    mkdocs.utils.clean_directory = _CLEAN_DIRECTORY


@contextlib.contextmanager
def dirty_language_builds(dirty: bool) -> Iterator[None]:
    """static-i18n decides whether its inner builds are dirty from ``sys.argv`` alone: say it there too."""
    if not dirty:
        yield
        return
    sys.argv.append("--dirty")
    try:
        yield
    finally:
        sys.argv.remove("--dirty")


def drop_stale_switcher(config: MkDocsConfig) -> list[dict[str, str]] | None:
    """The language switcher static-i18n left on the config, after removing the stale copy it set as an attribute.

    Why: static-i18n points Material's switcher (``config.extra.alternate``) at each page's twin by setting an
    *attribute* ``alternate`` on ``config.extra``, but resets it for the next language as an *item*; Jinja reads the
    attribute first, so the 404 (rendered before the next language's pages) showed the previous language's last page.
    """
    choices: list[dict[str, str]] | None = config.extra.get("alternate")
    if choices:
        vars(config.extra).pop("alternate", None)
    return choices


# --- mkdocs-macros (1.5) ------------------------------------------------------------------------------------------


def skip_git_info() -> None:
    """Spare mkdocs-macros its ``git`` page variable: 13 ``git`` commands per language at every build.

    Why: no page of ours uses ``{{ git }}`` and mkdocs-macros has no setting to turn it off. Without it, a page that
    asks for ``git.commit`` fails the strict build (``on_undefined: strict``) instead of printing nothing. Called
    before mkdocs-macros' own ``on_config``; if a future mkdocs-macros no longer has this function, nothing is
    replaced and the build runs git as before.
    """
    with contextlib.suppress(ImportError):
        from mkdocs_macros import context

        if callable(getattr(context, "get_git_info", None)):
            context.get_git_info = _no_git_info


def _no_git_info() -> dict[str, object]:
    """What mkdocs-macros' ``get_git_info`` gives outside a git repository."""
    return {"status": False, "date": None}


# --- Material for MkDocs (9.x) ------------------------------------------------------------------------------------

BUNDLE_PREFIX = "assets/javascripts/bundle."
ALTERNATE_SELECTOR = '"link[rel=alternate]"'
"""How Material's script finds the hreflang alternates it takes for language roots, each with its own sitemap."""


def stop_alternate_sitemap_lookup(files: Files, config: MkDocsConfig) -> Files:
    """Stop Material fetching ``sitemap.xml`` beside every hreflang alternate (404s, or another host's).

    Material's script reads ``<link rel=alternate>`` as language roots, each with its own sitemap, to keep the
    reader on the same page when switching language; static-i18n's switcher links to the twin page already, and our
    alternates are page addresses, so the lookup only costs a failed request per alternate. The selector is narrowed
    to an attribute no element carries; a Material upgrade that changes it fails here.
    """
    for file in list(files):
        if not (file.src_uri.startswith(BUNDLE_PREFIX) and file.src_uri.endswith(".min.js")) or not file.abs_src_path:
            continue
        with open(file.abs_src_path, encoding="utf-8") as stream:
            source = stream.read()
        if source.count(ALTERNATE_SELECTOR) != 1:
            raise PluginError(f"{file.src_uri}: Material's alternate-sitemap lookup changed; review mkdocs_internals")
        patched = source.replace(ALTERNATE_SELECTOR, '"link[rel=alternate][data-md-sitemap]"')
        files.remove(file)
        files.append(File.generated(config, file.src_uri, content=patched.encode("utf-8")))
    return files


# --- MkDocs (1.6) -------------------------------------------------------------------------------------------------


def add_anchors(page: Page, anchors: frozenset[str]) -> None:
    """Ids MkDocs could not see (HTML put back after Markdown, ``ricdm.stash``) join those it checks links against."""
    page.present_anchor_ids = (page.present_anchor_ids or set()) | anchors


def decide_rewrite(file: File, rewrite: Callable[[], bool]) -> None:
    """In a dirty build, MkDocs reads and writes a page again only when ``file.is_modified()``: answer it here.

    Its own answer compares modification times, which say nothing of what a page shows (the data, the navigation).
    """
    file.is_modified = rewrite  # type: ignore[method-assign]


def list_theme_once(theme: Theme, listing: dict[tuple[object, ...], list[str]]) -> None:
    """The theme's file list walked once per process, for the preview's builds.

    MkDocs lists it (to copy the theme's assets) at every build of each language, through
    ``theme.get_env().list_templates(filter_func=…)``, walking Material's 14,000 icons. The preview keeps the listing
    in ``listing``: the filter depends on mkdocs.yml only (its theme's static templates), and a change to
    mkdocs.yml, the theme or its overrides restarts the preview.
    """
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        list_templates = env.list_templates

        def listed(
            extensions: Collection[str] | None = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
            if key not in listing:
                listing[key] = list_templates(extensions, filter_func)
            return list(listing[key])

        env.list_templates = listed  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


_BODY = re.compile(rb"<body[^>]*>")


class BannerServer(LiveReloadServer):
    """MkDocs' live-reload server, with ``banner()`` put at the top of every HTML page it serves.

    The server injects its reload script into each page in a private method (``_inject_js_into_html``); the banner
    goes in there too, so every page shows the current problems. Missing pages answer with the site's own 404
    (``error_handler``, an attribute MkDocs reads).
    """

    def banner(self) -> bytes:
        return b""

    def not_found_page(self) -> bytes | None:
        return None

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.error_handler = lambda code: self.not_found_page() if code == 404 else None

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        banner = self.banner()
        if not banner:
            return content
        found = _BODY.search(content)
        at = found.end() if found else 0
        return content[:at] + banner + content[at:]
