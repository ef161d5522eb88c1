"""The built site carries its own Content-Security-Policy and compressed copies (ricdm/hosting.py)."""

from __future__ import annotations

import gzip
import re

import brotli

from ricdm.hosting import HEADERS_FILE, ContentSecurityPolicy, inline_script_hashes, with_meta_policy

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_page_has_the_one_policy_and_it_allows_exactly_its_inline_scripts(site):
    policies = set()
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = META.findall(html)
        assert len(found) == 1, page
        policies.add(found[0])
        for digest in inline_script_hashes(html):
            assert f"'{digest}'" in found[0], (page, digest)
    [policy] = policies
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "frame-ancestors" not in policy  # ignored in a <meta>: header only
    assert f"{policy}; frame-ancestors 'none'" in (site / HEADERS_FILE).read_text(encoding="utf-8")


def test_json_and_external_scripts_need_no_hash():
    html = (
        '<script src="a.js"></script><script type="application/ld+json">{"a": 1}</script>'
        '<script id="__config" type="application/json">{}</script><script>run()</script>'
    )
    assert inline_script_hashes(html) == {"sha256-AvyuiL0SD1mVY3NNxR+V2uo+lhk6RMFrytWmRt6CrJQ="}


def test_meta_goes_after_the_charset_once():
    policy = ContentSecurityPolicy(("sha256-x",))
    html = '<html><head>\n<meta charset="utf-8"><title>t</title><script>x</script>'
    once = with_meta_policy(html, policy)
    assert once.index("<meta charset") < once.index("Content-Security-Policy") < once.index("<title>")
    assert with_meta_policy(once, policy) == once
    newer = with_meta_policy(once, ContentSecurityPolicy(("sha256-y",)))
    assert newer.count("Content-Security-Policy") == 1 and "sha256-y" in newer and "sha256-x" not in newer


def test_text_files_have_gzip_and_brotli_copies(site):
    for path in ["index.html", "en/cdm/cascais/index.html", "assets/ricdm.css", "data/cdms.csv"]:
        original = (site / path).read_bytes()
        assert gzip.decompress((site / f"{path}.gz").read_bytes()) == original, path
        assert brotli.decompress((site / f"{path}.br").read_bytes()) == original, path
    assert not list(site.rglob("*.png.gz")), "images are compressed already"
