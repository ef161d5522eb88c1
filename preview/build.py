"""The preview's builds: the staff checks first, then MkDocs' own build, writing only what an edit changed.

A data edit changes few pages: the generated pages (one profile per CDM and language, the open data) whose
content changed, and the handful of Markdown pages, whose macros read the data. MkDocs' dirty build skips a
file when ``file.is_modified()`` is false; ``ChangedOnly`` answers it from a digest of each generated file's
content, so an edited CDM costs its two profiles, not 5,200 pages. Every Markdown page is rendered (its
macros read the data, its title feeds the navigation of the others) but written again only when its Markdown
or a title changed. A full build runs first, and again after any failed build. The search index is written after
the pages, in the background (``preview.search``): search finds an edit a moment after the page shows it.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import re
import sys
import time
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import mkdocs.utils
from jinja2 import BytecodeCache, Environment
from jinja2.bccache import Bucket
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.theme import Theme

from ricdm.build import CONFIG_KEY, MEMO_KEY, BuildMemo, SiteBuild
from search_hooks import SEARCH_LATER

from .search import BackgroundIndex

_CLEAN_DIRECTORY = mkdocs.utils.clean_directory
"""static-i18n swaps this for a no-op during its per-language builds and does not put it back if one fails."""


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
    """What the last good build wrote, so the next one writes only what changed."""

    digests: dict[str, bytes] = field(default_factory=dict)
    """Destination path of each generated file → digest of its content."""
    templates: TemplateCodeCache = field(default_factory=lambda: TemplateCodeCache())
    """The theme's templates, compiled once per process instead of once per build and language."""
    data: BuildMemo = field(default_factory=BuildMemo)
    """Data files read and CDM profiles rendered, each reused while its inputs are unchanged (``ricdm.build``)."""
    theme_listing: dict[tuple[object, ...], list[str]] = field(default_factory=dict)
    """The theme folders' file list, walked once per process (Material's thousands of icons): a change to the
    theme or its overrides restarts the preview (``preview.__main__``), so the list cannot go stale."""

    def forget(self) -> None:
        self.digests.clear()


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
        self.memory = Memory()
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
        incremental = bool(self.memory.digests)
        collector = _WarningCollector()
        written: set[str] = set()
        plugin = ChangedOnly(self.memory, incremental, written)
        try:
            with collector.attached():
                config = self._config()
                config.plugins["ricdm-preview"] = plugin
                with _dirty_argv(incremental):
                    build(config, dirty=incremental)
        except (Exception, SystemExit) as error:  # mkdocs' Abort is a SystemExit
            if plugin.writing:  # the site may be half-written: the next build writes everything
                self.memory.forget()
            problems = collector.problems
            if not (problems and isinstance(error, SystemExit)):  # an exit code after the logged reason adds nothing
                problems = problems + [Problem.parse(_one_line(error))]
        else:
            problems = collector.problems
            self.has_site = True
            self.search.request()
            if not incremental:
                _settle_memory()
        finally:
            mkdocs.utils.clean_directory = _CLEAN_DIRECTORY
        self.problems = _unique(problems)
        return Outcome(self.problems, len(written), time.perf_counter() - start)

    def _config(self) -> MkDocsConfig:
        config = load_config(str(self.config_file), site_dir=str(self.site_dir), dev_addr=self.address)
        config.site_url = f"http://{self.address}/"  # as mkdocs serve: the hooks skip hosting-only output
        config.strict = False  # warnings are shown as problems; the preview keeps the pages it could build
        config[SEARCH_LATER] = True  # self.search indexes once the pages are written
        config[MEMO_KEY] = self.memory.data
        self.memory.data.profiles.start_build()
        self.memory.data.rows.start_build()
        _list_theme_once(config.theme, self.memory.theme_listing)
        return config

    def write_waiting_page(self) -> None:
        """Before the first good build, the home pages say the site comes once the problems are fixed."""
        from jinja2 import Environment, FileSystemLoader

        page = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
        html = page.get_template("waiting.html").render()
        for home in (self.site_dir, self.site_dir / "en"):
            home.mkdir(parents=True, exist_ok=True)
            (home / "index.html").write_text(html, encoding="utf-8")


class ChangedOnly(BasePlugin):
    """Added to the preview's config: marks unchanged generated files as such and keeps the search index whole."""

    def __init__(self, memory: Memory, incremental: bool, written: set[str]):
        super().__init__()
        self.memory = memory
        self.incremental = incremental
        self.written = written
        self.digests: dict[str, bytes] = {}
        self.writing = False
        """Set once the checks passed and MkDocs may start writing into the site folder."""

    def on_pre_build(self, config: MkDocsConfig) -> None:
        self.writing = True

    # After mkdocs_hooks.on_files (-110), which adds the generated pages.
    @event_priority(-120)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        stamp = _every_page_shows(config)
        for file in files:
            if file.generated_by is not None:
                self._mark(file, stamp + file.content_bytes)
            elif file.is_documentation_page():
                file.is_modified = _answer(True)  # type: ignore[method-assign]
        return files

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Every Markdown page is rendered by now: write again only those whose Markdown or titles changed."""
        env.bytecode_cache = self.memory.templates
        pages = [file for file in files.documentation_pages() if file.generated_by is None and file.page]
        titles = "\0".join(f"{file.src_uri}={file.page.title}" for file in pages if file.page)
        stamp = _every_page_shows(config)
        for file in pages:
            assert file.page is not None
            self._mark(file, stamp + f"{file.page.markdown}\0{file.page.meta!r}\0{titles}".encode())
        return env

    def _mark(self, file: File, content: bytes) -> None:
        """Remember what ``file`` is made of; MkDocs writes it again only when that changed or the file is gone."""
        digest = hashlib.blake2b(content, digest_size=16).digest()
        self.digests[file.dest_uri] = digest
        same = self.memory.digests.get(file.dest_uri) == digest and os.path.isfile(file.abs_dest_path)
        file.is_modified = _answer(not (self.incremental and same))  # type: ignore[method-assign]

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        self.written.add(page.url)
        return output

    # After static-i18n's other-language builds (-100), before seo_hooks lists the pages on disk in the sitemap (-200).
    @event_priority(-150)
    def on_post_build(self, config: MkDocsConfig) -> None:
        i18n = config.plugins["i18n"]
        if getattr(i18n, "building", False):  # an inner build of one language: the others are not done yet
            return
        self._remove_stale(Path(config.site_dir))
        self.memory.digests = dict(self.digests)

    def _remove_stale(self, site_dir: Path) -> None:
        """A CDM removed from the data: its generated pages go from the preview too."""
        for dest_uri in self.memory.digests.keys() - self.digests.keys():
            (site_dir / dest_uri).unlink(missing_ok=True)


class TemplateCodeCache(BytecodeCache):
    """Jinja's compiled templates kept in memory: MkDocs makes a new theme environment for every build."""

    def __init__(self) -> None:
        self.code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.code:
            bucket.bytecode_from_string(self.code[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.code[bucket.key] = bucket.bytecode_to_string()


def _list_theme_once(theme: Theme, listing: dict[tuple[object, ...], list[str]]) -> None:
    """MkDocs lists the theme's files (to copy its assets), filtered by name, once per build and language.

    The filter depends on mkdocs.yml only (its theme's static templates), whose change restarts the preview.
    """
    make_env = theme.get_env

    def get_env() -> Environment:
        env = make_env()
        list_templates = env.list_templates

        def listed(
            extensions: Collection[str] | None = None, filter_func: Callable[[str], bool] | None = None
        ) -> list[str]:
            key = (tuple(theme.dirs), tuple(extensions or ()), getattr(filter_func, "__code__", filter_func))
            if key not in listing:
                listing[key] = list_templates(extensions, filter_func)
            return list(listing[key])

        env.list_templates = listed  # type: ignore[method-assign]
        return env

    theme.get_env = get_env  # type: ignore[method-assign]


def _settle_memory() -> None:
    """After a full build, move what it keeps (data, profiles, kept parts: most of the heap) out of the collector's way.

    Python's full collections walk every tracked object: at 2,600 CDMs one fell inside most updates and paused
    it 0.3-0.8 s to walk memos that an edit barely touches. Frozen objects are skipped, still freed when no longer
    referenced; cycles among them are not (the build's own cycles are collected first, so that is the memos' rare
    replaced entries, bounded by the edits made).
    """
    gc.collect()
    gc.freeze()


def _every_page_shows(config: MkDocsConfig) -> bytes:
    """What every page shows besides its own content: the footer's date of the last data change."""
    build: SiteBuild = config[CONFIG_KEY]
    return repr(build.data_changed).encode() + b"\0"


def _answer(value: bool):
    return lambda: value


@contextmanager
def _dirty_argv(dirty: bool) -> Iterator[None]:
    """static-i18n decides whether its other-language builds are dirty from ``sys.argv`` alone."""
    if not dirty:
        yield
        return
    sys.argv.append("--dirty")
    try:
        yield
    finally:
        sys.argv.remove("--dirty")


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
