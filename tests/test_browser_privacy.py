"""Privacy: on every page, both languages, the browser asks nothing of any host but the local server."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from browsing import site_pages

from conftest import parse

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def recorded(browser):
    """One page whose every request (documents, styles, scripts, fonts, workers, fetches) is recorded."""
    context = browser.new_context(viewport={"width": 1366, "height": 768}, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    yield page, requests
    context.close()


def test_no_request_leaves_the_local_server(recorded, server, site):
    page, requests = recorded
    local = urlsplit(server).netloc
    pages = site_pages(site)
    for path in pages:
        page.goto(f"{server}/{path}", wait_until="load")
    page.goto(f"{server}/en/")  # the search worker and its index load on first use
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("Namur", delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    foreign = sorted(
        {url for url in requests if urlsplit(url).netloc != local and not url.startswith(("data:", "blob:"))}
    )
    assert len(pages) > 60
    assert len(requests) > len(pages)
    assert not foreign, foreign


def test_no_page_names_a_third_party_resource(site):
    """Belt and braces: no stylesheet, script, image, font or frame is addressed to another host in the HTML."""
    pattern = re.compile(r"^(https?:)?//", re.IGNORECASE)
    for path in site_pages(site):
        html = parse(site / (path if path.endswith(".html") else path + "index.html"))
        for selector, attribute in (
            ("link[rel=stylesheet]", "href"),
            ("link[rel=preconnect]", "href"),
            ("script[src]", "src"),
            ("img[src]", "src"),
            ("iframe[src]", "src"),
        ):
            for node in html.css(selector):
                assert not pattern.match(node.attributes.get(attribute) or ""), (path, node.html)
