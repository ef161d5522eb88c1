"""Every page type, both languages: no console error, no script error and no failed request in Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE_TYPES = (
    "",
    "cdm/paris/",
    "directory/",
    "network/",
    "impact/",
    "impact/cdms/",
    "charter/",
    "governance/",
    "methodology/",
    "404.html",
)
"""Home, a profile, the directory, the map, the impact page, a figure's page, the charter, governance, a text page, the
404."""


@pytest.mark.parametrize("root", ["", "en/"])
def test_no_console_error_and_no_failed_request(browser, server, root):
    context = browser.new_context(viewport={"width": 390, "height": 844}, service_workers="block")
    problems: list[str] = []
    context.on("console", lambda message: message.type == "error" and problems.append(f"console: {message.text}"))
    context.on("weberror", lambda error: problems.append(f"script: {error.error}"))
    context.on("requestfailed", lambda request: problems.append(f"failed: {request.url} {request.failure}"))
    context.on("response", lambda reply: reply.status >= 400 and problems.append(f"{reply.status}: {reply.url}"))
    page = context.new_page()
    try:
        for path in PAGE_TYPES:
            response = page.goto(f"{server}/{root}{path}", wait_until="networkidle")
            assert response is not None and response.ok, path
            assert page.locator("h1").count() >= 1, path  # the page really rendered
    finally:
        context.close()
    assert not problems, problems
