"""MkDocs' live-reload server, answering with the last good pages and the current problems on top of each."""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from mkdocs.livereload import LiveReloadServer

from .build import Preview

_TEMPLATES = Environment(loader=FileSystemLoader(Path(__file__).parent / "templates"), autoescape=True)
_BODY = re.compile(rb"<body[^>]*>")


class PreviewServer(LiveReloadServer):
    """Serves ``preview.site_dir``; while ``preview.problems`` is not empty, every page shows them in a banner.

    The builder it calls never raises for a staff mistake, so the server never waits on a failed build
    (``mkdocs serve`` holds every request until the build passes again) and browsers reload after each save:
    onto the banner when the save broke something, onto the updated page once it is fixed.
    """

    def __init__(self, preview: Preview, builder, host: str, port: int):
        super().__init__(builder=builder, host=host, port=port, root=str(preview.site_dir), polling_interval=0.25)
        self.preview = preview
        self.error_handler = self._not_found

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        problems = self.preview.problems
        if not problems:
            return content
        banner = _TEMPLATES.get_template("banner.html").render(problems=problems).encode("utf-8")
        found = _BODY.search(content)
        at = found.end() if found else 0
        return content[:at] + banner + content[at:]

    def _not_found(self, code: int) -> bytes | None:
        page = Path(self.root) / f"{code}.html"
        return page.read_bytes() if code == 404 and page.is_file() else None
