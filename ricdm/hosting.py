"""What a web server needs beside the built pages: one Content-Security-Policy, its headers, compressed copies.

The theme writes a few small inline scripts (Material's ``__md_scope`` bootstrap, one per folder depth, and
its anchor helper). Rather than allow every inline script (``'unsafe-inline'``), the policy lists the SHA-256
of each one found in the built HTML, so only those exact scripts run. The same policy goes:

- into every page as ``<meta http-equiv="Content-Security-Policy">`` (hosts that cannot set headers, such as
  GitHub Pages; ``frame-ancestors`` is ignored there, so it is left out);
- into ``nginx-headers.conf`` at the site root, with the other security headers, for deploy/nginx/ricdm.conf
  to include: it is written with the pages, so a published site and its policy always match.

Text files also get precompressed ``.gz`` copies (and ``.br`` when the ``brotli`` package is installed) that
nginx's ``gzip_static``/``brotli_static`` send as they are: compressed once here, not on every request.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

HEADERS_FILE = "nginx-headers.conf"
COMPRESSED_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt", ".map"})
MIN_COMPRESSED_BYTES = 512
"""Below this a compressed copy saves less than a network packet."""

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_EXECUTED_TYPES = {"", "text/javascript", "application/javascript", "module"}
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
_OLD_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')

SECURITY_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Strict-Transport-Security": "max-age=31536000",
}
"""Sent with every answer by nginx, beside the Content-Security-Policy."""


@dataclass(frozen=True)
class ContentSecurityPolicy:
    """Same-origin everything; scripts only from the site or with a listed hash; no plug-ins, no framing."""

    script_hashes: tuple[str, ...]
    wasm: bool = False

    def directives(self, *, in_meta: bool) -> list[str]:
        scripts = ["'self'", *(f"'{digest}'" for digest in self.script_hashes)]
        if self.wasm:
            scripts.append("'wasm-unsafe-eval'")  # WebAssembly search (Pagefind) compiles its module
        directives = [
            "default-src 'self'",
            f"script-src {' '.join(scripts)}",
            "style-src 'self' 'unsafe-inline'",  # the theme and the charts set style attributes
            "img-src 'self' data:",  # the theme's icons are data: SVG in its stylesheet
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
        if not in_meta:
            directives.append("frame-ancestors 'none'")  # ignored (with a console warning) in a <meta>
        return directives

    def header(self) -> str:
        return "; ".join(self.directives(in_meta=False))

    def meta(self) -> str:
        return "; ".join(self.directives(in_meta=True))


def inline_script_hashes(html: str) -> set[str]:
    """``sha256-…`` of each inline script a browser would run (JSON and JSON-LD blocks are data, not code)."""
    hashes = set()
    for attributes, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if re.search(r"\bsrc\s*=", attributes, re.I) or (kind and kind[1].lower() not in _EXECUTED_TYPES):
            continue
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"sha256-{digest}")
    return hashes


def policy_for(site_dir: Path) -> ContentSecurityPolicy:
    """The policy that lets exactly the built site's own scripts run."""
    hashes: set[str] = set()
    for page in site_dir.rglob("*.html"):
        hashes |= inline_script_hashes(page.read_text(encoding="utf-8"))
    return ContentSecurityPolicy(tuple(sorted(hashes)), wasm=(site_dir / "pagefind").is_dir())


def with_meta_policy(html: str, policy: ContentSecurityPolicy) -> str:
    """The page with the policy as its first ``<meta>`` after the charset, before any script."""
    tag = _META.format(policy=policy.meta())
    html = _OLD_META.sub("", html)  # a page kept from an earlier build (--dirty) gets today's policy, once
    found = _CHARSET.search(html) or _HEAD.search(html)
    if not found:
        return html
    return html[: found.end()] + tag + html[found.end() :]


def nginx_headers(policy: ContentSecurityPolicy) -> str:
    """``add_header`` lines, ``always`` so that 404 answers carry them too."""
    headers = {"Content-Security-Policy": policy.header(), **SECURITY_HEADERS}
    lines = [f'add_header {name} "{value}" always;' for name, value in headers.items()]
    return "# Written by ricdm/hosting.py with the pages it matches: do not edit.\n" + "\n".join(lines) + "\n"


def precompress(site_dir: Path) -> list[str]:
    """Write ``.gz`` (and ``.br`` when brotli is installed) beside each text file; return the encodings written."""
    try:
        import brotli  # type: ignore[import-untyped]
    except ImportError:
        brotli = None
    for path in site_dir.rglob("*"):
        if path.suffix not in COMPRESSED_SUFFIXES or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_COMPRESSED_BYTES:
            continue
        path.with_name(path.name + ".gz").write_bytes(gzip.compress(data, compresslevel=6, mtime=0))
        if brotli is not None:
            path.with_name(path.name + ".br").write_bytes(brotli.compress(data, quality=5))
    return ["gzip", "br"] if brotli is not None else ["gzip"]


def harden(site_dir: Path) -> ContentSecurityPolicy:
    """After a build: the policy into every page and into the nginx headers file, then the compressed copies."""
    policy = policy_for(site_dir)
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        page.write_text(with_meta_policy(html, policy), encoding="utf-8")
    (site_dir / HEADERS_FILE).write_text(nginx_headers(policy), encoding="utf-8")
    precompress(site_dir)
    return policy
