"""Accessibility in a real browser: axe-core on every page of both languages, keyboard, focus, no-JS reading.

One Chromium for the session (conftest), one page per check reused across all the pages of the site.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browsing import html_file, site_pages

from conftest import PROJECT, parse

pytestmark = pytest.mark.browser
SCREENSHOTS = PROJECT / "test-results"
LAPTOP = {"width": 1366, "height": 768}
CONTENT = "article h1, article h2, article h3, article p, article li, article th, article td, article figcaption"
HIDDEN_CONTENT = """selector => [...document.querySelectorAll(selector)]
  .filter(el => !el.closest('details:not([open]), form[data-ricdm-filter]'))
  .filter(el => !el.checkVisibility({visibilityProperty: true, opacityProperty: true}))
  .map(el => el.outerHTML.slice(0, 120))"""


@pytest.fixture(scope="module")
def page(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def _violations(results) -> list[str]:
    return [
        f"{violation['id']} ({violation['impact']}): {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
    ]


def test_axe_finds_no_violation_on_any_page(page, server, site):
    axe, problems = Axe(), {}
    pages = site_pages(site)
    for path in pages:
        page.goto(f"{server}/{path}")
        found = _violations(axe.run(page))
        if found:
            problems[path] = found
    assert len(pages) > 60 and any(path.startswith("en/") for path in pages)
    print(f"axe-core: {len(pages)} pages checked, {len(problems)} with violations")
    assert not problems, problems


def test_axe_finds_no_violation_in_the_open_search_dialog(page, server):
    axe = Axe()
    for root in ("", "en/"):
        page.goto(f"{server}/{root}")
        page.locator(".md-search__input").click()
        page.locator(".md-search__input").press_sequentially("Namur", delay=20)
        page.wait_for_selector(".md-search-result__item")
        assert not _violations(axe.run(page)), root


def test_skip_link_comes_first_and_leads_to_the_content(page, server):
    for root in ("", "en/"):
        page.goto(f"{server}/{root}charter/")
        page.keyboard.press("Tab")
        focused = page.evaluate("({cls: document.activeElement.className, href: document.activeElement.hash})")
        assert "md-skip" in focused["cls"], focused
        assert page.locator(".md-skip").is_visible()
        target = page.locator(focused["href"])
        assert target.count() == 1


def test_focus_is_visible(page, server):
    page.goto(f"{server}/en/directory/")
    for selector in (".md-typeset a[href]", ".ricdm-map-svg a", ".ricdm-filters a"):
        page.locator(selector).first.focus()
        outline = page.evaluate(
            "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
        )
        assert outline[0] != "none" and outline[1] != "0px", (selector, outline)


def test_keyboard_alone_reaches_every_link_and_filter_of_the_directory(page, server):
    for root in ("", "en/"):
        page.goto(f"{server}/{root}directory/")
        wanted = page.evaluate(
            """() => [...document.querySelectorAll('article a[href], article select')]
                 .filter(el => el.checkVisibility())
                 .map((el, index) => { el.dataset.keyboard = index; return index; })"""
        )
        reached = set()
        for _ in range(len(wanted) + 150):
            page.keyboard.press("Tab")
            reached.add(
                page.evaluate("document.activeElement.dataset ? document.activeElement.dataset.keyboard : null")
            )
        missing = [index for index in wanted if str(index) not in reached]
        assert len(wanted) > 100
        assert page.locator("form[data-ricdm-filter] select").count() == 3
        assert not missing, page.evaluate(
            "missing => missing.map(i => document.querySelector(`[data-keyboard='${i}']`).outerHTML)", missing[:5]
        )


def test_french_quotations_on_english_pages_carry_lang_fr(site):
    checked = 0
    for path in site_pages(site):
        if not path.startswith("en/"):
            continue
        for figure in parse(html_file(site, path)).css("figure.ricdm-quote"):
            originals = figure.css("details blockquote")
            assert originals and all(node.attributes.get("lang") == "fr" for node in originals), path
            checked += 1
    assert checked > 0


def test_every_page_reads_fully_without_javascript(browser, server, site):
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    page = context.new_page()
    try:
        for path in site_pages(site):
            page.goto(f"{server}/{path}")
            assert page.evaluate("document.documentElement.classList.contains('no-js')"), path
            assert page.locator("article").first.is_visible(), path
            assert page.evaluate(HIDDEN_CONTENT, CONTENT) == [], path
        page.goto(f"{server}/en/directory/")
        assert page.locator("form[data-ricdm-filter]").is_hidden()  # the script-only form stays out of the way
        page.locator(".ricdm-filters a[href='#country-be']").click()
        assert page.url.endswith("#country-be")
        belgian = page.locator("#country-be + table tbody tr")
        assert belgian.count() >= 4 and page.locator("#country-be").is_visible()
        assert page.locator(".ricdm-map-svg a").count() > 20
    finally:
        context.close()


def test_home_page_shows_key_figures_and_ways_in_without_scrolling(page, server):
    """Laptop screen (1366×768): the key figures and the links to directory, charter and impact are on screen."""
    SCREENSHOTS.mkdir(exist_ok=True)
    for root in ("", "en/"):
        page.goto(f"{server}/{root}")
        page.screenshot(path=str(SCREENSHOTS / f"home-{root.strip('/') or 'fr'}.png"))
        for target in ("directory/", "charter/", "impact/"):
            link = page.locator(f"article a[href$='{target}']").first
            box = link.bounding_box()
            assert box and box["y"] + box["height"] <= LAPTOP["height"], (root, target, box)
        figures = page.locator("article .ricdm-keyfigures li, article .ricdm-figure")
        assert figures.count() > 0, root
        box = figures.first.bounding_box()
        assert box["y"] + box["height"] <= LAPTOP["height"], (root, box)


def test_home_page_weight_stays_small(site):
    """HTML + CSS + JS of the home page, gzip-compressed as a server would send them."""
    import gzip

    html_file = site / "index.html"
    html = parse(html_file)
    files = [html_file]
    files += [site / node.attributes["href"] for node in html.css("link[rel=stylesheet]")]
    files += [site / node.attributes["src"] for node in html.css("script[src]")]
    sizes = {Path(file).name: len(gzip.compress(Path(file).read_bytes())) for file in files}
    total = sum(sizes.values())
    print(f"home page weight (gzip): {total} bytes {sizes}")
    assert total < 150_000, sizes
