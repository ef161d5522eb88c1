"""One search index per language: static-i18n merges both into one, so an English reader got French pages.

Material's search fetches ``<base>/search/search_index.json``; ``overrides/main.html`` points ``base`` of a
non-default language at that language's root, and this module writes the index each root serves.
"""

from __future__ import annotations

import json
from pathlib import Path

INDEX = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, languages: list[str], default: str) -> dict[str, int]:
    """Rewrite the merged index as one index per language; returns how many entries each got."""
    merged = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    prefixes = {lang: f"{lang}/" for lang in languages if lang != default}
    counts = {}
    for lang in languages:
        prefix = prefixes.get(lang)
        if prefix is None:
            docs = [doc for doc in merged["docs"] if not doc["location"].startswith(tuple(prefixes.values()))]
            target = site_dir / INDEX
        else:
            docs = [
                {**doc, "location": doc["location"][len(prefix) :]}
                for doc in merged["docs"]
                if doc["location"].startswith(prefix)
            ]
            target = site_dir / lang / INDEX
        index = {**merged, "config": {**merged["config"], "lang": [lang]}, "docs": docs}
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        counts[lang] = len(docs)
    return counts
