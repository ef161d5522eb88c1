"""mkdocs-macros entry point: offers the ``ricdm.blocks`` to pages, in the page's language."""

from __future__ import annotations

import mkdocs_internals as internals
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
        html = block(build.dataset, page_for(env.page, env.conf), *args, **kwargs)
        return build.stash.keep(env.page.file.src_uri, html)

    call.__name__ = block.__name__
    call.__doc__ = block.__doc__
    return call


def page_for(page, config) -> Page:
    """A MkDocs page as our templates see it: its language (the one being built), links and address (ricdm.urls)."""
    return Page.at(page.url, internals.language(config), config["site_url"] or "")
