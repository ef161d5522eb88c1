"""One search index per language: static-i18n merges both into one, so an English reader got French pages.

Material's search fetches ``<base>/search/search_index.json``; ``overrides/main.html`` points ``base`` of a
non-default language at that language's root, and this module writes the index each root serves.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from . import urls

INDEX = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, languages: Sequence[str] = urls.LANGUAGES) -> dict[str, int]:
    """Rewrite the merged index as one index per language; returns how many entries each got."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    counts = {}
    for lang in languages:
        prefix = urls.language_root(lang)
        docs = [
            {**doc, "location": doc["location"][len(prefix) :]}
            for doc in merged["docs"]
            if urls.language_of(doc["location"]) == lang
        ]
        target = site_dir / prefix / INDEX
        index = {**merged, "config": {**merged["config"], "lang": [lang]}, "docs": docs}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang] = len(docs)
    return counts
