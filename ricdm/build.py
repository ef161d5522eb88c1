"""One build of the whole site, every language: what the MkDocs hooks and the macros share, computed once.

The hooks create a ``SiteBuild`` in ``on_config`` (after the data and the pages are checked) and keep it on the
MkDocs config under ``CONFIG_KEY``, where ``macros.py`` finds it. No module-global state: static-i18n's inner
builds of the other languages run on the same config and so reuse it, and each preview update loads a new config,
hence a fresh ``SiteBuild`` with the edited data. The order of the steps is ``ricdm.pipeline``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from . import cite, seo, urls
from .blocks import footer
from .checks import checked_dataset
from .dataset import Dataset, FileMemo
from .docs_folder import DocsFolder
from .freshness import DataChange, data_last_changed
from .inputs import SiteInputs
from .page_sources import sources_block, sources_used
from .pages import GeneratedPage, generated_pages
from .render import Page
from .social_card import Card, render
from .stash import HtmlStash

CONFIG_KEY = "ricdm_build"
"""Where the hooks keep the build on the MkDocs config (a dict): ``config[CONFIG_KEY]``."""
PREVIEW_KEY = "ricdm_preview"
"""Where the staff preview puts what it keeps between its builds (a ``Previewing``); absent from a one-off build."""


@dataclass(repr=False)
class Previewing:
    """What the preview keeps between its builds, each part named by what it is made of (never stale)."""

    docs: DocsFolder
    """Its folder of page sources: a build writes again only the generated pages whose key changed."""
    files: FileMemo = field(default_factory=FileMemo)
    """Data files read and validated: an edit reads again only the file edited, and in it the records edited."""

    def __repr__(self) -> str:
        """Short: mkdocs-macros prints the config (this on it) at every build."""
        return f"Previewing({len(self.files.files)} files, {len(self.docs.written)} pages)"


@dataclass(repr=False)
class SiteBuild:
    root: Path
    """The project folder (mkdocs.yml, data/, docs/)."""
    docs_dir: Path
    """The staff's pages (docs/): what a problem's place names."""
    site_url: str
    dataset: Dataset
    """Every data file, validated once for all languages and pages."""
    data_changed: DataChange
    """When data/ last changed (footer and about page): found once per build."""
    inputs: SiteInputs
    """What every page shows, and each CDM's record, as digests (``ricdm.inputs``)."""
    generated: list[GeneratedPage]
    """The pages the data generates, every language."""
    preview: Previewing | None = None
    """What the preview keeps between its builds; None for a one-off build."""
    docs: DocsFolder | None = None
    """The folder MkDocs reads the pages from, once ``write_sources`` wrote it."""
    stash: HtmlStash = field(default_factory=HtmlStash)
    """Block and generated-page HTML kept out of Markdown until each page is converted (ricdm/stash.py)."""
    rendered: dict[tuple[object, ...], str] = field(default_factory=dict)
    """Footers and "sources of this page" blocks already rendered in this build, by all they depend on."""
    cards: set[str] = field(default_factory=set)
    """The social cards this build's pages show, by key: the cache keeps those only."""
    not_found: dict[str, str] = field(default_factory=dict)
    """Each language's 404 page as rendered (every language's build writes its own at the site root)."""
    written: set[str] = field(default_factory=set)
    """Source paths of the generated pages ``write_sources`` wrote (all of them, but in the preview)."""

    def __repr__(self) -> str:
        """Short: mkdocs-macros prints its variables (this build among them, on the config) at every build."""
        return f"SiteBuild(root={self.root}, {len(self.dataset.cdms)} CDMs)"

    @classmethod
    def start(cls, root: Path, docs_dir: Path, site_url: str, preview: Previewing | None = None) -> SiteBuild:
        """Check the project and load its data; raise ``DataErrors`` naming every problem before anything is built."""
        dataset = checked_dataset(root, docs_dir, preview.files if preview else None)
        changed = data_last_changed(root / "data")
        dataset = replace(dataset, changed=changed.date)  # citations quote it, in the page's blocks too
        inputs = SiteInputs.of(dataset.shared(), dataset.cdms, repr(changed), site_url, root)
        pages = generated_pages(dataset, inputs, site_url)
        return cls(root, docs_dir, site_url, dataset, changed, inputs, pages, preview)

    def write_sources(self) -> Path:
        """Write the folder MkDocs reads the pages from: the staff's pages and the generated ones (``DocsFolder``)."""
        self.docs = self.preview.docs if self.preview else DocsFolder.temporary()
        self.written = self.docs.sync(self.docs_dir, self.generated, self.inputs, self.stash)
        return self.docs.folder

    def close(self) -> None:
        """Remove a one-off build's page sources; the preview keeps its own."""
        if self.docs is not None and self.preview is None:
            self.docs.remove()

    @property
    def display_docs(self) -> str:
        """The staff's pages folder as a problem names it: "docs"."""
        try:
            return self.docs_dir.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return self.docs_dir.as_posix()

    @property
    def card_folder(self) -> Path | None:
        """Where social cards are kept between builds (None: ``RICDM_CACHE=off``)."""
        folder = self.dataset.cache.folder
        return None if folder is None else folder / "social-cards"

    def card(self, site_name: str, title: str, description: str, site_dir: Path, number: str = "") -> str:
        """Draw (or take from the cache) a page's social card, write it into the site, return its address.

        ``number``: a figure page's value, which its card shows large.
        """
        host = seo.host_of(self.site_url)
        card = Card(site_name=site_name, title=title, description=description, footer=host, number=number)
        self.cards.add(card.key)
        target = site_dir / seo.card_path(card.key)  # static-i18n builds every language into it
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(card, self.card_folder))
        return urls.absolute(seo.card_path(card.key), self.site_url)

    def footer(self, lang: str, root: str) -> str:
        """The footer of every page in ``lang`` whose way home is ``root``: the same at every page of one depth.

        It is given no page address: the footer depends only on the language and the depth, hence once per pair.
        """
        key = ("footer", lang, root)
        if key not in self.rendered:
            self.rendered[key] = footer(self.dataset, Page(lang=lang, root=root), self.data_changed)
        return self.rendered[key]

    def citation(self, page: Page, site_path: str, title: str | None, page_html: str) -> str:
        """The page's "cite this" (``ricdm.cite``): the page and the report parts it cites, or (title None) the site."""
        refs = sources_used(page_html) if title is not None else []
        citation = cite.of(self.dataset, page, title, refs, cite.key_of(site_path) if title is not None else "site")
        return cite.block(self.dataset, page, citation, "cite-this-page" if title is not None else "cite-this-site")

    def page_sources(self, page: Page, page_html: str) -> str:
        """The "Sources of this page" block of ``page``, rendered once for each language, depth and list of sources."""
        cited = sources_used(page_html)
        key = ("page_sources", page.lang, page.root, *cited)
        if key not in self.rendered:
            self.rendered[key] = sources_block(self.dataset, Page(lang=page.lang, root=page.root), cited)
        return self.rendered[key]
