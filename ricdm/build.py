"""One build of the whole site, every language: what the MkDocs hooks and the macros share, computed once.

The hooks create a ``SiteBuild`` in ``on_config`` (after the data and the page twins are checked) and keep it on
the MkDocs config under ``CONFIG_KEY``, where ``macros.py`` finds it. No module-global state: static-i18n's inner
builds of the other languages run on the same config and so reuse it, and ``mkdocs serve`` loads a new config,
hence a fresh ``SiteBuild`` with the edited data, for every rebuild.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .blocks import footer
from .checks import checked_dataset
from .dataset import Dataset, FileMemo
from .freshness import DataChange, data_last_changed
from .memo import Memo
from .page_sources import sources_block, sources_used
from .pages import ProfileMemo
from .render import Page
from .stash import HtmlStash

CONFIG_KEY = "ricdm_build"
"""Where the hooks keep the build on the MkDocs config (a dict): ``config[CONFIG_KEY]``."""
MEMO_KEY = "ricdm_memo"
"""Where the preview puts its ``BuildMemo`` on the config, for the hooks to reuse what did not change."""


@dataclass(repr=False)
class BuildMemo:
    """What the preview keeps between its builds, each part keyed by a digest of its inputs (never stale)."""

    files: FileMemo = field(default_factory=FileMemo)
    """Data files read and validated: an edit reads again only the file edited."""
    profiles: ProfileMemo = field(default_factory=ProfileMemo)
    """CDM profiles' front matter and HTML: an edit remakes only the profiles it changes."""
    rows: Memo[str] = field(default_factory=Memo)
    """Blocks' kept HTML (``ricdm.parts``): each CDM's part of a listing, and whole blocks that read no CDM."""

    def __repr__(self) -> str:
        """Short: mkdocs-macros prints the config (this memo on it) at every build; a full repr took seconds."""
        sizes = f"{len(self.files.files)} files, {len(self.profiles.contents)} profiles, {len(self.rows.contents)} rows"
        return f"BuildMemo({sizes})"


@dataclass(repr=False)
class SiteBuild:
    root: Path
    """The project folder (mkdocs.yml, data/, docs/)."""
    dataset: Dataset
    """Every data file, validated once for all languages and pages."""
    data_changed: DataChange
    """When data/ last changed (footer and about page): found once per build."""
    stash: HtmlStash = field(default_factory=HtmlStash)
    """Block and profile HTML kept out of Markdown until each page is converted (ricdm/stash.py)."""
    root_404: bytes | None = None
    """The French /404.html, kept while static-i18n builds the other languages (each rewrites it)."""
    rendered: dict[tuple[object, ...], str] = field(default_factory=dict)
    """Footers and "sources of this page" blocks already rendered in this build, by all they depend on."""
    memo: BuildMemo | None = None
    """The preview's memory of its previous builds; None for a one-off build."""
    cards: set[str] = field(default_factory=set)
    """The social cards this build's pages show, by key: the cache keeps those only."""

    def __repr__(self) -> str:
        """Short: mkdocs-macros prints its variables (this build among them, on the config) at every build."""
        return f"SiteBuild(root={self.root}, {len(self.dataset.cdms)} CDMs)"

    @property
    def card_folder(self) -> Path | None:
        """Where social cards are kept between builds (None: ``RICDM_CACHE=off``)."""
        folder = self.dataset.cache.folder
        return None if folder is None else folder / "social-cards"

    def footer(self, lang: str, root: str) -> str:
        """The footer of every page in ``lang`` whose way home is ``root``: the same at every page of one depth.

        It is given no page address: the footer depends only on the language and the depth, hence once per pair.
        """
        key = ("footer", lang, root)
        if key not in self.rendered:
            self.rendered[key] = footer(self.dataset, Page(lang=lang, root=root), self.data_changed)
        return self.rendered[key]

    def page_sources(self, page: Page, page_html: str) -> str:
        """The "Sources of this page" block of ``page``, rendered once for each language, depth and list of sources."""
        cited = sources_used(page_html)
        key = ("page_sources", page.lang, page.root, *cited)
        if key not in self.rendered:
            self.rendered[key] = sources_block(self.dataset, Page(lang=page.lang, root=page.root), cited)
        return self.rendered[key]

    @classmethod
    def start(cls, root: Path, docs_dir: Path | None = None, memo: BuildMemo | None = None) -> SiteBuild:
        """Check the project and load its data; raise ``DataErrors`` naming every problem before anything is built."""
        dataset = checked_dataset(root, docs_dir, memo.files if memo else None)
        if memo is not None:
            dataset = replace(dataset, rows=memo.rows)
        return cls(root=root, dataset=dataset, data_changed=data_last_changed(root / "data"), memo=memo)
