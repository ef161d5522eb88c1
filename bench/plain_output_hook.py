"""Benchmark-only MkDocs hook of the plain-MkDocs twin: the hosting step the real site runs after every build.

``mkdocs_hooks.py`` (left out of the twin with the data layer) also hardens the built site: the Content Security
Policy into every page, then .gz/.br copies (``ricdm.hosting.harden``). That step works on the output and costs
the same with or without the data layer, so the twin runs it too, at the same point.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority

from ricdm.hosting import harden


@event_priority(-300)  # as mkdocs_hooks._harden_site: last, once both languages are built
def on_post_build(config):
    if not config.plugins["i18n"].building:
        harden(Path(config.site_dir))
