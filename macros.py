"""mkdocs-macros entry point: offers the ``ricdm.blocks`` to pages, in the page's language."""

from __future__ import annotations

import posixpath
from pathlib import Path

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
    """The page being rendered: its language and the relative way back to its language's home."""
    file = env.page.file
    lang = getattr(file, "locale", None) or "fr"
    home = "" if lang == env.conf["plugins"]["i18n"].default_language else f"{lang}/"
    depth = posixpath.relpath(env.page.url or ".", home or ".")
    root = "" if depth == "." else "../" * (depth.strip("/").count("/") + 1)
    return Page(lang=lang, root=root, url=env.page.canonical_url or "")
