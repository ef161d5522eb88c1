"""``python -m preview``: the staff preview, as ``bash scripts/serve.sh`` starts it.

The terminal gets the address, the problems (one located line each) and "fixed"/"rebuilt"; MkDocs' own
messages only with ``--verbose``. A change to the code or the configuration (not data/ or docs/) restarts
the process, so the preview never runs stale code.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner about MkDocs 2.0, printed at import

from .build import Outcome, Preview, Problem  # noqa: E402
from .server import PreviewServer  # noqa: E402

PROJECT_ROOT = Path(__file__).resolve().parents[1]
STAFF_FOLDERS = ("data", "docs")
"""Edited by staff: a change rebuilds. Anything else watched (code, templates, mkdocs.yml) restarts."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bash scripts/serve.sh", description="Live preview of the site.")
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    parser.add_argument("-f", "--config-file", type=Path, default=PROJECT_ROOT / "mkdocs.yml")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print MkDocs' own messages")
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    host, _, port = args.dev_addr.rpartition(":")
    host = host or "127.0.0.1"
    site_dir = Path(tempfile.mkdtemp(prefix="ricdm_preview_"))
    preview = Preview(args.config_file, site_dir, f"{host}:{port}", say=_say)
    code = FileContents(_watched(preview.root))
    staff = FileContents([preview.root / folder for folder in STAFF_FOLDERS])

    def rebuild() -> None:
        if code.changed():
            _say("code or configuration changed: restarting…")
            preview.close()
            os.execv(sys.executable, sys.orig_argv)
        if not staff.take():  # the watcher saw one save twice (it polls mid-write): the last build read it all
            return
        was_broken = bool(preview.problems)
        try:
            outcome = preview.update()
        except Exception as error:  # a bug of ours: say it, keep serving (the server would hang on an exception)
            preview.problems = [Problem("", f"preview: {type(error).__name__}: {error}")]
            outcome = Outcome(preview.problems)
        _report(outcome, was_broken, first=False)

    _say("building the preview…")
    _report(preview.update(), False, first=True)
    if not preview.has_site:
        preview.write_waiting_page()
    server = PreviewServer(preview, rebuild, host, int(port), ready=lambda: _say(_url_line(f"{host}:{port}")))
    for path in code.paths + [preview.root / folder for folder in STAFF_FOLDERS]:
        if path.exists():
            server.watch(str(path))
    try:
        server.serve()
    except OSError as error:
        _say(f"cannot serve on {args.dev_addr}: {error.strerror} — is another preview running? try --dev-addr")
        return 1
    except KeyboardInterrupt:
        _say("preview stopped")
    finally:
        server.shutdown()
        preview.close()
    return 0


def _report(outcome: Outcome, was_broken: bool, first: bool) -> None:
    if outcome.problems:
        count = len(outcome.problems)
        kept = "a waiting page" if first else "the last good pages"
        plural = "s" if count > 1 else ""
        _say(f"{count} problem{plural} — the browser shows {'them' if plural else 'it'} over {kept}:")
        for problem in outcome.problems:
            _say(f"  {problem}")
        return
    took = f"{outcome.seconds:.1f} s"
    if first:
        _say(f"built in {took}")
    else:
        _say(f"{'fixed — ' if was_broken else ''}rebuilt in {took} ({outcome.pages} pages written)")


def _url_line(address: str) -> str:
    return (
        f"Preview: http://{address}/ (English: http://{address}/en/) — save a file, the browser follows. Ctrl+C stops."
    )


def _say(text: str) -> None:
    print(text, flush=True)


def _configure_logging(verbose: bool) -> None:
    """MkDocs and its plugins log to "mkdocs.*": shown only with --verbose; warnings become problems."""
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.setLevel(logging.INFO if verbose else logging.WARNING)
    root = logging.getLogger()
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    handler: logging.Handler = logging.StreamHandler(sys.stderr) if verbose else logging.NullHandler()
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root.addHandler(handler)


def _watched(root: Path) -> list[Path]:
    """What mkdocs.yml asks to watch, its theme overrides and itself, minus the staff folders."""
    from mkdocs.utils.yaml import yaml_load

    paths = [root / "mkdocs.yml", Path(__file__).parent]
    try:
        with (root / "mkdocs.yml").open(encoding="utf-8") as stream:
            config = yaml_load(stream) or {}
        paths += [root / str(path) for path in config.get("watch", [])]
        custom_dir = (config.get("theme") or {}).get("custom_dir")
        if custom_dir:
            paths.append(root / custom_dir)
    except Exception:  # a broken mkdocs.yml is reported by the build; watch it to restart once fixed
        pass
    return [path for path in paths if path.name not in STAFF_FOLDERS]


class FileContents:
    """A digest of every file under some paths: whether any was added, removed or changed since last taken.

    Tells a developer's edit (code, configuration: restart) from a staff one (data, docs: rebuild), and a save
    from the watcher seeing it twice: it polls every 0.25 s and waits 0.1 s for quiet, so a large file written
    across a poll gives a second event after the build that already read it whole. By content, not modification
    time: a coarse clock cannot hide a save, and digesting data/ and docs/ is cheap next to a build.
    """

    def __init__(self, paths: list[Path]):
        self.paths = paths
        self.seen = self._scan()

    def changed(self) -> bool:
        return self._scan() != self.seen

    def take(self) -> bool:
        """Take the digests now (before a build reads the files); True when they differ from the last ones."""
        now = self._scan()
        changed, self.seen = now != self.seen, now
        return changed

    def _scan(self) -> dict[Path, bytes]:
        digests = {}
        for path in self.paths:
            files = [path] if path.is_file() else (p for p in path.rglob("*") if "__pycache__" not in p.parts)
            for file in files:
                try:
                    if file.is_file():
                        digests[file] = hashlib.blake2b(file.read_bytes(), digest_size=16).digest()
                except OSError:  # removed while we looked
                    continue
        return digests


if __name__ == "__main__":
    sys.exit(main())
