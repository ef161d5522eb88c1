"""The preview's builds: the staff checks first, then MkDocs' own build, writing again only what may have changed.

A full build runs first, and again after any failed build. Then each update is a dirty MkDocs build in which every
Markdown page (a fixed dozen per language, whose macros read the data) is rendered and written again, and each
page the data generates (a profile per CDM and language) only when its key changed: what every page shows (the code,
the site's address, the data but the CDMs' records, the data's date: ``ricdm.inputs``), what the page reads besides
(its CDM's record and small map: ``ricdm.pages``), and the navigation's titles, known once the Markdown pages are
read. So an edited CDM costs its two profiles, not every profile of the network, and any other edit writes every
page it may show on. The search index is written after the pages, in the background (``preview.search``): search
finds an edit a moment after the page shows it.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from jinja2 import Environment
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

import mkdocs_internals as internals
from ricdm.build import CONFIG_KEY, PREVIEW_KEY, Previewing, SiteBuild
from ricdm.docs_folder import DocsFolder
from ricdm.inputs import digest

from .search import BackgroundIndex


@dataclass(frozen=True)
class Problem:
    """One line staff can act on: where (file:line) and what, as the checks word it."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}" if self.where else self.what

    @classmethod
    def parse(cls, text: str) -> Problem:
        head, sep, rest = text.partition(": ")
        if sep and ":" in head and head.rsplit(":", 1)[1].isdigit():
            return cls(head, rest)
        return cls("", text)


@dataclass(frozen=True)
class Outcome:
    """What one update did: the problems found (empty when the site is good), pages written, seconds."""

    problems: list[Problem]
    pages: int = 0
    seconds: float = 0.0


@dataclass
class Memory:
    """What the preview keeps between its builds."""

    kept: Previewing
    """What the hooks reuse (``ricdm.build.Previewing``): the docs folder, the data files read."""
    pages: dict[str, tuple[str, str]] = field(default_factory=dict)
    """Each generated page of the last good build, by source path: (the key it was written with, its output file)."""
    theme_listing: dict[tuple[object, ...], list[str]] = field(default_factory=dict)
    """The theme folders' file list, walked once per process (Material's 14,000 icons, each filtered by name at every
    build of each language): a change to the theme or its overrides restarts the preview (``preview.__main__``), so
    the list cannot go stale."""
    built: bool = False
    """Whether the last build succeeded: the next one need only write what changed."""

    def forget(self) -> None:
        """After a failed build the site may be half-written: the next build writes everything."""
        self.built = False
        self.pages.clear()


class Preview:
    """The project being previewed: checks, builds into ``site_dir`` and remembers the last good build."""

    def __init__(
        self,
        config_file: Path,
        site_dir: Path,
        address: str = "127.0.0.1:8000",
        say: Callable[[str], None] = print,
    ):
        self.config_file = config_file.resolve()
        self.address = address
        """host:port served: like ``mkdocs serve``, absolute links (canonical, alternates, open data) stay local."""
        self.root = self.config_file.parent
        self.site_dir = site_dir
        self.memory = Memory(Previewing(DocsFolder(Path(tempfile.mkdtemp(prefix="ricdm_preview_docs_")))))
        self.problems: list[Problem] = []
        self.has_site = False
        """True once a build succeeded: there is a last good site to keep serving."""
        self.search = BackgroundIndex(site_dir, say)

    def update(self) -> Outcome:
        """Build (incrementally when a good build is remembered); never raises for a staff mistake.

        The checks are the hooks' own (``on_config``, before anything is written): a data or page mistake
        leaves the served site as it was.
        """
        start = time.perf_counter()
        incremental = self.memory.built
        collector = _WarningCollector()
        written: set[str] = set()
        plugin = OnlyChanged(self.memory, incremental, written)
        try:
            with collector.attached():
                config = self._config()
                config.plugins["ricdm-preview"] = plugin
                with internals.dirty_language_builds(incremental):
                    build(config, dirty=incremental)
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
            if plugin.writing:
                self.memory.forget()
            problems = collector.problems
            if not (problems and isinstance(error, SystemExit)):  # an exit code after the logged reason adds nothing
                problems = problems + [Problem.parse(_one_line(error))]
        else:
            problems = collector.problems
            self.has_site = True
            self.memory.pages, self.memory.built = plugin.pages, True
            self.search.request()
        finally:
            internals.restore_clean_directory()
        self.problems = _unique(problems)
        return Outcome(self.problems, len(written), time.perf_counter() - start)

    def _config(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir), dev_addr=self.address)
        config.site_url = f"http://{self.address}/"  # as mkdocs serve: the hooks skip hosting-only output
        config.strict = False  # warnings are shown as problems; the preview keeps the pages it could build
        config[PREVIEW_KEY] = self.memory.kept  # also: no search index (self.search writes it), no hosting files
        internals.list_theme_once(config.theme, self.memory.theme_listing)
        return config

    def close(self) -> None:
        """Stop indexing and remove the preview's folders."""
        self.search.close()
        self.memory.kept.docs.remove()
        shutil.rmtree(self.site_dir, ignore_errors=True)

    def write_waiting_page(self) -> None:
        """Before the first good build, the home pages say the site comes once the problems are fixed."""
        from jinja2 import Environment, FileSystemLoader

        page = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
        html = page.get_template("waiting.html").render()
        for home in (self.site_dir, self.site_dir / "en"):
            home.mkdir(parents=True, exist_ok=True)
            (home / "index.html").write_text(html, encoding="utf-8")


class OnlyChanged(BasePlugin):
    """Added to the preview's config: each generated page is written again only when its key changed."""

    def __init__(self, memory: Memory, incremental: bool, written: set[str]):
        super().__init__()
        self.memory = memory
        self.incremental = incremental
        self.written = written
        self.pages: dict[str, tuple[str, str]] = {}
        """This build's ``Memory.pages``, kept once the build succeeded."""
        self.rewrite: dict[str, bool] = {}
        """Each generated page's answer, once asked: MkDocs asks before reading it and again before writing it."""
        self.staff: list[File] = []
        """The Markdown pages of the language being built."""
        self.made: dict[File, str] = {}
        """Its generated pages and their keys."""
        self.writing = False
        """Set once the checks passed and MkDocs may start writing into the site folder."""

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Before anything is written, remove the pages of the last build the data no longer generates."""
        if self.writing:  # static-i18n's build of another language
            return
        self.writing = True
        build: SiteBuild = config[CONFIG_KEY]
        generated = {page.src_uri for page in build.generated}
        for src_uri, (_, output) in self.memory.pages.items():
            if src_uri not in generated:
                Path(output).unlink(missing_ok=True)

    # After static-i18n's on_files (-100) and mkdocs_hooks' (-110): the files of the language being built.
    @event_priority(-120)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Markdown pages are written again; each generated page is asked when MkDocs reaches it."""
        build: SiteBuild = config[CONFIG_KEY]
        generated = {page.src_uri: page for page in build.generated}
        self.staff = [file for file in files if file.is_documentation_page() and file.src_uri not in generated]
        self.made = {file: generated[file.src_uri].key(build.inputs) for file in files if file.src_uri in generated}
        for file in self.staff:
            internals.decide_rewrite(file, lambda: True)
        for file in self.made:
            internals.decide_rewrite(file, lambda file=file: self._rewrite(file))
        return files

    def _rewrite(self, file: File) -> bool:
        """Whether to read and write ``file`` again: when its key (with the navigation) changed, or it is gone.

        MkDocs reads the Markdown pages first (they stand above the generated ones in the docs folder); if a generated
        page ever came before one of them, the navigation is not known yet and it is written again.
        """
        if file.src_uri not in self.rewrite:
            navigation = self._navigation()
            if navigation is None:
                self.rewrite[file.src_uri] = True
            else:
                key = (digest(self.made[file], navigation), file.abs_dest_path)
                same = self.memory.pages.get(file.src_uri) == key and os.path.isfile(file.abs_dest_path)
                self.rewrite[file.src_uri] = not (self.incremental and same)
        return self.rewrite[file.src_uri]

    def _navigation(self) -> str | None:
        """The Markdown pages' titles, which every page's navigation shows; None while one is still to be read."""
        if any(file.page is None or file.page.content is None for file in self.staff):
            return None
        return digest(*(f"{file.src_uri}\0{file.page.title}" for file in self.staff if file.page))

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        """Every page of this language is read: keep each generated page's key, for the next build to compare."""
        navigation = self._navigation()
        assert navigation is not None  # MkDocs reads every page before this event
        for file, key in self.made.items():
            self.pages[file.src_uri] = (digest(key, navigation), file.abs_dest_path)
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.written.add(page.url)
        return output


class _WarningCollector(logging.Handler):
    """Warnings and errors logged while building become problems (shown, not fatal: strict is off)."""

    IGNORED = ("A 'dirty' build is being performed",)

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.problems: list[Problem] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith(self.IGNORED):
            return
        macro = _macro_problem(message)
        if macro:
            self.problems.append(macro)
            return
        lines = [line for line in message.strip().splitlines() if line.strip()]
        if len(lines) > 1 and lines[0].endswith(":"):  # "2 problems in the site data:" then one line each
            self.problems += [Problem.parse(line) for line in lines[1:]]
        elif lines:
            self.problems.append(Problem.parse(lines[0]))

    @contextmanager
    def attached(self) -> Iterator[None]:
        logger = logging.getLogger()
        logger.addHandler(self)
        try:
            yield
        finally:
            logger.removeHandler(self)


_MACRO_FILE = re.compile(r"_File_: `([^`]+)`")
_MACRO_ERROR = re.compile(r"^\s*_(\w+)_: (.+?)\n\s*```", re.MULTILINE | re.DOTALL)
_TEMPLATE_LINE = re.compile(r'File "<(?:template|unknown)>", line (\d+)')


def _macro_problem(message: str) -> Problem | None:
    """mkdocs-macros reports a failing page as Markdown plus a traceback: keep the page, its line, the reason."""
    page, error = _MACRO_FILE.search(message), _MACRO_ERROR.search(message)
    if not (page and error):
        return None
    lines = _TEMPLATE_LINE.findall(message)
    reason = [line for line in error.group(2).splitlines() if line.strip() and not line.rstrip().endswith(":")]
    what = re.sub(r"^docs:0: ", "", reason[-1].strip()) if reason else error.group(1)
    return Problem(f"docs/{page.group(1)}:{lines[-1] if lines else 1}", what)


def _one_line(error: BaseException) -> str:
    text = str(error).strip() or type(error).__name__
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > 1 and lines[0].endswith(":"):  # "N problems in the site data:" then one line each
        return "\n".join(lines[1:])
    if isinstance(error, SyntaxError) and error.filename:
        return f"{error.filename}:{error.lineno}: {error.msg}"
    return lines[0] if isinstance(error, SystemExit) else f"{type(error).__name__}: {lines[0]}"


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: dict[str, Problem] = {}
    for problem in problems:
        for line in str(problem).splitlines():
            seen.setdefault(line, Problem.parse(line))
    return list(seen.values())
