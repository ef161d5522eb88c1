"""MkDocs' live-reload server, answering with the last good pages and the current problems on top of each."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from mkdocs_internals import BannerServer

from .build import Preview

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)


class PreviewServer(BannerServer):
    """Serves ``preview.site_dir``; while ``preview.problems`` is not empty, every page shows them in a banner.

    The builder it calls never raises for a staff mistake, so the server never waits on a failed build
    (``mkdocs serve`` holds every request until the build passes again) and browsers reload after each save:
    onto the banner when the save broke something, onto the updated page once it is fixed.
    """

    def __init__(self, preview: Preview, builder, host: str, port: int, ready: Callable[[], None] = lambda: None):
        super().__init__(builder=builder, host=host, port=port, root=str(preview.site_dir), polling_interval=0.25)
        self.preview = preview
        self.ready = ready

    def server_activate(self) -> None:
        """Listening: only now is the address said (a port already taken must not be announced, then refused)."""
        super().server_activate()
        self.ready()

    def banner(self) -> bytes:
        problems = self.preview.problems
        return _TEMPLATES.get_template("banner.html").render(problems=problems).encode("utf-8") if problems else b""

    def not_found_page(self) -> bytes | None:
        page = Path(self.root) / "404.html"
        return page.read_bytes() if page.is_file() else None
