"""Benchmark-only MkDocs hook: write each page's Markdown as it stands after the macros ran.

Those files are the "plain MkDocs" twin of the site: the same pages, with every profile and block
already written out, built without the data layer or mkdocs-macros. The real build keeps its blocks' HTML out
of Markdown (ricdm/stash.py); the twin has no such step, so its Markdown gets the HTML back in place of each
placeholder, and its Markdown does the parsing the real build skips.
"""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority

from ricdm.build import CONFIG_KEY


@event_priority(-1000)  # after mkdocs-macros (0) and static-i18n (50)
def on_page_markdown(markdown, page, config, files):
    written_out = config[CONFIG_KEY].stash.put_back(page.file.src_uri, markdown)
    target = Path(os.environ["BENCH_CAPTURE_DIR"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    front_matter = yaml.safe_dump(dict(page.meta), allow_unicode=True, sort_keys=False) if page.meta else ""
    text = f"---\n{front_matter}---\n\n{written_out}" if front_matter else written_out
    target.write_text(text, encoding="utf-8")
    return markdown
