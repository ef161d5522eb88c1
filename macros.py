"""mkdocs-macros entry point: offers the ``ricdm.blocks`` to pages, in the page's language."""

from __future__ import annotations

from pathlib import Path

from ricdm import urls
from ricdm.blocks import BLOCKS
from ricdm.dataset import load_dataset_cached
from ricdm.render import Page


def define_env(env) -> None:
    data_dir = Path(env.project_dir) / "data"
    for name, block in BLOCKS.items():
        env.macro(_bound(env, block, data_dir), name)


def _bound(env, block, data_dir: Path):
    def call(*args, **kwargs):
        return block(load_dataset_cached(data_dir), page_of(env), *args, **kwargs)

    call.__name__ = block.__name__
    call.__doc__ = block.__doc__
    return call


def page_of(env) -> Page:
    """The page being rendered: its language (static-i18n's ``locale``), links and address from ``ricdm.urls``."""
    lang = getattr(env.page.file, "locale", None) or urls.DEFAULT_LANGUAGE
    return Page.at(env.page.url, lang, env.conf["site_url"] or "")
