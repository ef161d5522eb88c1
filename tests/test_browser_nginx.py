"""deploy/nginx/ricdm.conf on Debian's nginx, serving the built site: headers, caching, compression, 404s, CSP.

The shipped file is used as it is, but for what a test machine cannot have: its TLS server listens on a free
loopback port without TLS, its port-80 server on another, and /srv/ricdm/site is the site built for the session.
"""

from __future__ import annotations

import gzip
import http.client
import re
import shutil
import socket
import subprocess
import time
from pathlib import Path

import brotli
import pytest

from conftest import PROJECT

pytestmark = pytest.mark.browser

CONFIG = PROJECT / "deploy" / "nginx" / "ricdm.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")
PAGES = {
    "home": "/",
    "home (English)": "/en/",
    "network map": "/network/",
    "directory": "/directory/",
    "CDM profile": "/cdm/cascais/",
    "CDM profile (English)": "/en/cdm/cascais/",
    "charter": "/charter/",
    "figures": "/impact/",
    "a figure's page (English)": "/en/impact/cdms/",
    "glossary (English)": "/en/glossary/",
    "sources": "/sources/",
    "404": "/no-such-page/",
    "404 (English)": "/en/no-such-page/",
}
"""Every kind of page the site has, in both languages where it differs."""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def templated(site: Path, port: int, redirect_port: int) -> str:
    """The shipped configuration, pointed at this site and these ports (each change must find its target)."""
    text = CONFIG.read_text(encoding="utf-8")
    changes = [
        ("/srv/ricdm/site", str(site)),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{port};"),
        ("listen 80;", f"listen 127.0.0.1:{redirect_port};"),
    ]
    for old, new in changes:
        assert old in text, f"{old!r} is no longer in {CONFIG}"
        text = text.replace(old, new)
    dropped = r"^\s*(listen \[::\]:\d+.*|ssl_\w+ .*)$\n"  # IPv6 listeners and TLS settings
    return re.sub(dropped, "", text, flags=re.M)


def test_the_whole_file_with_tls_passes_nginx_t(site, tmp_path):
    """The parts the loopback server leaves out (TLS, IPv6 listeners) are valid too, as shipped."""
    if not shutil.which("openssl"):
        pytest.fail("openssl is missing: install Debian's openssl (scripts/test.sh)")
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    text = CONFIG.read_text(encoding="utf-8").replace("/srv/ricdm/site", str(site))
    text = text.replace("/etc/letsencrypt/live/www.reseaucitesdesmetiers.org", str(tmp_path))
    (tmp_path / "ricdm.conf").write_text(text, encoding="utf-8")
    (tmp_path / "nginx.conf").write_text(
        f"load_module {BROTLI_MODULE};\npid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{ include /etc/nginx/mime.types; include {tmp_path}/ricdm.conf; }}\n",
        encoding="utf-8",
    )
    command = [NGINX, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(tmp_path / "nginx.conf")]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr and "[warn]" not in result.stderr, result.stderr


@pytest.fixture(scope="module")
def nginx(site, tmp_path_factory):
    """Debian's nginx in the foreground on loopback, stopped at the end; yields (base URL, redirect port)."""
    if not Path(NGINX).exists() or not BROTLI_MODULE.exists():
        pytest.fail("nginx is missing: install Debian's nginx and libnginx-mod-http-brotli-static (scripts/test.sh)")
    folder = tmp_path_factory.mktemp("nginx")
    port, redirect_port = free_port(), free_port()
    (folder / "ricdm.conf").write_text(templated(site, port, redirect_port), encoding="utf-8")
    (folder / "nginx.conf").write_text(
        f"""load_module {BROTLI_MODULE};
user root;  # the test site sits in pytest's private temporary folder
worker_processes 1;
pid {folder}/nginx.pid;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/ricdm.conf;
}}
""",
        encoding="utf-8",
    )
    command = [NGINX, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(folder / "nginx.conf")]
    tested = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert tested.returncode == 0, tested.stderr
    server = subprocess.Popen([*command, "-g", "daemon off;"], stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                assert server.poll() is None and time.monotonic() < deadline, server.stderr.read()
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}", redirect_port
    finally:
        server.terminate()
        server.wait(timeout=10)


def fetch(port: int, path: str, **headers: str) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, {name.lower(): value for name, value in response.getheaders()}, response.read()
    finally:
        connection.close()


def port_of(base: str) -> int:
    return int(base.rsplit(":", 1)[1])


def test_security_headers_on_pages_assets_and_errors(nginx, site):
    base, _ = nginx
    policy = (site / "nginx-headers.conf").read_text(encoding="utf-8")
    hashes = re.findall(r"'(sha256-[^']+)'", policy)
    assert hashes, policy
    for path in ["/", "/en/cdm/cascais/", "/assets/ricdm.css", "/data/cdms.csv", "/no-such-page/"]:
        status, headers, _ = fetch(port_of(base), path)
        assert status in (200, 404), path
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp, path
        assert "'unsafe-inline'" not in csp.split("script-src", 1)[1].split(";", 1)[0], csp
        assert all(f"'{digest}'" in csp for digest in hashes)
        assert not re.search(r"https?://", csp), "no third-party source"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "camera=()" in headers["permissions-policy"]
        assert headers["strict-transport-security"] == "max-age=31536000"
        assert "server" not in headers or "/" not in headers["server"], "no nginx version"


def test_page_meta_policy_is_the_header_without_frame_ancestors(nginx):
    base, _ = nginx
    _, headers, body = fetch(port_of(base), "/en/")
    meta = re.search(rb'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', body)
    assert meta, "no CSP <meta>"
    assert meta[1].decode() + "; frame-ancestors 'none'" == headers["content-security-policy"]
    assert body.index(b"<meta charset") < meta.start() < body.index(b"<script")


def test_fingerprinted_assets_are_immutable_and_html_revalidated(nginx, site):
    base, _ = nginx
    stylesheet = next((site / "assets" / "stylesheets").glob("main.*.min.css")).name
    bundle = next((site / "assets" / "javascripts").glob("bundle.*.min.js")).name
    for path in [f"/assets/stylesheets/{stylesheet}", f"/assets/javascripts/{bundle}"]:
        status, headers, _ = fetch(port_of(base), path)
        assert status == 200 and headers["cache-control"] == "public, max-age=31536000, immutable", path
        assert "content-security-policy" in headers
    for path in ["/", "/en/", "/cdm/cascais/", "/assets/ricdm.css"]:
        status, headers, _ = fetch(port_of(base), path)
        assert status == 200 and headers["cache-control"] == "no-cache" and headers.get("etag"), path


def test_precompressed_answers(nginx, site):
    base, _ = nginx
    original = (site / "cdm" / "cascais" / "index.html").read_bytes()
    status, headers, body = fetch(port_of(base), "/cdm/cascais/", **{"Accept-Encoding": "gzip"})
    assert status == 200 and headers["content-encoding"] == "gzip" and headers["vary"] == "Accept-Encoding"
    assert gzip.decompress(body) == original
    status, headers, body = fetch(port_of(base), "/cdm/cascais/")
    assert "content-encoding" not in headers and body == original
    status, headers, body = fetch(port_of(base), "/cdm/cascais/", **{"Accept-Encoding": "br, gzip"})
    assert headers["content-encoding"] == "br" and brotli.decompress(body) == original


@pytest.mark.parametrize(
    ("path", "media_type"),
    [
        ("/data/cdms.csv", "text/csv; charset=utf-8"),
        ("/data/indicators.csv", "text/csv; charset=utf-8"),
        ("/data/cdms.json", "application/json; charset=utf-8"),
        ("/data/ricdm.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("/", "text/html; charset=utf-8"),
        ("/assets/ricdm.css", "text/css; charset=utf-8"),
    ],
)
def test_open_data_is_sent_with_its_type(nginx, path, media_type):
    """A CSV downloads as a .csv a spreadsheet knows, compressed or not; the pages keep their own types."""
    base, _ = nginx
    for encoding in ("identity", "gzip"):
        status, headers, _ = fetch(port_of(base), path, **{"Accept-Encoding": encoding})
        assert status == 200 and headers["content-type"] == media_type, (path, encoding, headers["content-type"])


def test_each_language_gets_its_own_404(nginx):
    base, _ = nginx
    status, _, french = fetch(port_of(base), "/no-such-page/")
    assert status == 404 and b'<html lang="fr"' in french
    status, _, english = fetch(port_of(base), "/en/no-such-page/")
    assert status == 404 and b'<html lang="en"' in english
    status, _, _ = fetch(port_of(base), "/nginx-headers.conf")
    assert status == 404


def test_plain_http_redirects_to_https(nginx):
    _, redirect_port = nginx
    status, headers, _ = fetch(redirect_port, "/en/charter/?x=1", Host="www.example.org")
    assert status == 301 and headers["location"] == "https://www.example.org/en/charter/?x=1"


@pytest.fixture(scope="module")
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(
        "window.__violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));"
    )
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    yield page, console
    context.close()


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_page_type_runs_under_the_policy(nginx, csp_page, path):
    base, _ = nginx
    page, console = csp_page
    console.clear()
    page.goto(base + path, wait_until="load")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
    assert page.evaluate("typeof __md_scope") == "object", "the theme's inline script did not run"
    assert page.evaluate("document.documentElement.classList.contains('js')"), "the theme's bundle did not run"


def test_search_worker_runs_under_the_policy(nginx, csp_page):
    base, _ = nginx
    page, console = csp_page
    console.clear()
    page.goto(base + "/en/")
    box = page.locator(".md-search__input")
    box.click(timeout=5_000)
    box.press_sequentially("Namur", delay=20)
    page.wait_for_selector(".md-search-result__item a", timeout=10_000)
    assert page.evaluate("window.__violations") == []
    assert not [text for text in console if "Content Security Policy" in text], console
