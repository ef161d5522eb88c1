"""mkdocs-macros entry point: offers the ``ricdm.blocks`` to pages, in the page's language."""

from __future__ import annotations

import contextlib

from ricdm import urls
from ricdm.blocks import BLOCKS
from ricdm.build import CONFIG_KEY, SiteBuild
from ricdm.render import Page


def define_env(env) -> None:
    """Bind every block to the build ``mkdocs_hooks.on_config`` started (it runs first, at priority 100).

    A block's HTML goes into the page as a placeholder, put back after Markdown (ricdm/stash.py).
    """
    build: SiteBuild = env.conf[CONFIG_KEY]
    for name, block in BLOCKS.items():
        env.macro(_bound(env, block, build), name)


def _bound(env, block, build: SiteBuild):
    def call(*args, **kwargs):
        return build.stash.keep(env.page.file.src_uri, block(build.dataset, page_of(env), *args, **kwargs))

    call.__name__ = block.__name__
    call.__doc__ = block.__doc__
    return call


def page_of(env) -> Page:
    return page_for(env.page, env.conf)


def page_for(page, config) -> Page:
    """A MkDocs page as templates see it: its language (static-i18n's ``locale``), links and address (ricdm.urls)."""
    lang = getattr(page.file, "locale", None) or urls.DEFAULT_LANGUAGE
    return Page.at(page.url, lang, config["site_url"] or "")


def skip_git_info() -> None:
    """Spare mkdocs-macros its ``git`` page variable: 13 ``git`` commands per language at every build.

    Why: no page of ours uses ``{{ git }}`` and mkdocs-macros (1.5) has no setting to turn it off. Without it, a
    page that asks for ``git.commit`` fails the strict build (``on_undefined: strict``) instead of printing
    nothing. Called from ``mkdocs_hooks.on_config``, which runs before mkdocs-macros' own; if a future
    mkdocs-macros no longer has this function, nothing is replaced and the build runs git as before.
    """
    with contextlib.suppress(ImportError):
        from mkdocs_macros import context

        if callable(getattr(context, "get_git_info", None)):
            context.get_git_info = _no_git_info


def _no_git_info() -> dict:
    """What mkdocs-macros' ``get_git_info`` gives outside a git repository."""
    return {"status": False, "date": None}
