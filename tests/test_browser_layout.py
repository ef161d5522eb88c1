"""The site as visitors see it, in a real browser: phone and desktop layout, dark scheme, print.

On a 390 px phone and a 1280 px desktop, every page type in both languages keeps to the screen's width, no text
lies on other text, no column is squeezed until a short word breaks, every tap target is at least 24 px (axe's
target-size, the rule Lighthouse runs); the dark scheme passes axe; every profile prints on one A4 page.

Screenshots of each page type at each width are written to test-results/ for a person to review.
"""

from __future__ import annotations

import io

import pytest
from axe_playwright_python.sync_playwright import Axe

from conftest import PROJECT

pytestmark = pytest.mark.browser
SCREENSHOTS = PROJECT / "test-results"
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}
PAGE_TYPES = {
    "home": "",
    "network": "network/",
    "directory": "directory/",
    "charter": "charter/",
    "governance": "governance/",
    "impact": "impact/",
    "international": "international/",
    "methodology": "methodology/",
    "glossary": "glossary/",
    "sources": "sources/",
    "about": "about/",
    "profile": "cdm/paris/",
    "profile-sparse": "cdm/milan/",
    "figure": "impact/cdms/",
    "not-found": "404.html",
}
"""One page of each kind; a profile full of facts and one the report says little about; the figure with most values."""
LANGUAGE_ROOTS = {"fr": "", "en": "en/"}
SCREENSHOT_MAX_HEIGHT = 4000

OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')]
    .filter(el => el.checkVisibility() && el.getBoundingClientRect().right > width + 1)
    .filter(el => !el.closest('.md-sidebar, .md-search, .ricdm-vh, .md-visually-hidden'))
    .map(el => `${el.tagName.toLowerCase()}.${el.className} right=${Math.round(el.getBoundingClientRect().right)}`);
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
}"""

# Each line box of visible text, then every pair of boxes from two different text nodes that overlap by more than
# a 2 px margin (rounding, descenders of one line touching the next, outlines are not text on text). Text clipped
# to nothing (visually hidden for screen readers, like a phone's table header) is not drawn, so not counted.
TEXT_OVERLAPS = """() => {
  const clipped = el => {
    for (let at = el; at && at !== document.body; at = at.parentElement) {
      const s = getComputedStyle(at), r = at.getBoundingClientRect();
      if (s.clip !== 'auto' || s.clipPath !== 'none') return true;
      if (s.overflow !== 'visible' && (r.width <= 1 || r.height <= 1)) return true;
    }
    return false;
  };
  const boxes = [];
  const walker = document.createTreeWalker(document.querySelector('.md-main') || document.body, NodeFilter.SHOW_TEXT);
  let node, index = 0;
  while ((node = walker.nextNode())) {
    if (!node.textContent.trim()) continue;
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, .ricdm-vh, .md-visually-hidden, .md-sidebar, [hidden]')) continue;
    if (!parent.checkVisibility({visibilityProperty: true, opacityProperty: true}) || clipped(parent)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const r of range.getClientRects()) {
      if (r.width > 2 && r.height > 2) boxes.push({i: index, l: r.left, r: r.right, t: r.top + window.scrollY,
        b: r.bottom + window.scrollY, text: node.textContent.trim().slice(0, 40)});
    }
    index += 1;
  }
  boxes.sort((a, b) => a.t - b.t);
  const margin = 2, found = [];
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length && boxes[b].t < boxes[a].b - margin; b++) {
      const x = boxes[a], y = boxes[b];
      if (x.i === y.i) continue;
      const w = Math.min(x.r, y.r) - Math.max(x.l, y.l), h = Math.min(x.b, y.b) - Math.max(x.t, y.t);
      if (w > margin && h > margin) found.push(`"${x.text}" / "${y.text}"`);
    }
  }
  return found.slice(0, 5);
}"""


# A short word (up to 12 letters: a year, a number, a name) split over two lines means a squeezed column; a
# compound word may still break at its hyphen.
BROKEN_WORDS = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.querySelector('.md-main') || document.body, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode()) && found.length < 5) {
    const parent = node.parentElement;
    if (!parent || parent.closest('svg, .ricdm-vh, .ricdm-cite, [hidden]') || !parent.checkVisibility()) continue;
    for (const match of node.textContent.matchAll(/[^\\s\\-\u2010-\u2015\\/]+/g)) {
      if (match[0].length < 2 || match[0].length > 12) continue;
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.top)));
      if (lines.size > 1) { found.push(match[0]); break; }
    }
  }
  return found;
}"""


def _pages() -> list[tuple[str, str, str]]:
    return [(kind, lang, root + path) for kind, path in PAGE_TYPES.items() for lang, root in LANGUAGE_ROOTS.items()]


def _violations(results) -> list[str]:
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']][:3]}"
        for violation in results.response["violations"]
    ]


@pytest.fixture(scope="module", params=list(WIDTHS))
def sized(request, browser):
    context = browser.new_context(viewport=WIDTHS[request.param])
    yield request.param, context.new_page()
    context.close()


def test_every_page_type_fits_the_screen_without_text_on_text_or_small_targets(sized, server):
    width_name, page = sized
    SCREENSHOTS.mkdir(exist_ok=True)
    axe, problems, measured = Axe(), {}, []
    for kind, lang, path in _pages():
        page.goto(f"{server}/{path}")
        overflow = page.evaluate(OVERFLOW)
        overlaps = page.evaluate(TEXT_OVERLAPS)
        broken = page.evaluate(BROKEN_WORDS)
        small = _violations(axe.run(page, options={"runOnly": ["target-size"], "resultTypes": ["violations"]}))
        measured.append(f"{kind}-{lang}: scrollWidth {overflow['scrollWidth']}/{overflow['width']}")
        found = []
        if overflow["scrollWidth"] > overflow["width"]:
            found.append(f"page scrolls sideways: {overflow}")
        if overlaps:
            found.append(f"text on text: {overlaps}")
        if broken:
            found.append(f"short words split over two lines: {broken}")
        if small:
            found.append(f"tap targets under 24 px: {small}")
        if found:
            problems[f"{kind}-{lang}"] = found
        height = min(page.evaluate("document.documentElement.scrollHeight"), SCREENSHOT_MAX_HEIGHT)
        page.screenshot(
            path=str(SCREENSHOTS / f"{kind}-{lang}-{WIDTHS[width_name]['width']}.png"),
            full_page=True,
            clip={"x": 0, "y": 0, "width": WIDTHS[width_name]["width"], "height": height},
        )
    print(f"{width_name}: {len(measured)} pages; " + "; ".join(measured))
    assert not problems, problems


def test_dark_scheme_passes_axe_on_every_page_type(browser, server):
    context = browser.new_context(viewport=WIDTHS["desktop"], color_scheme="dark")
    page = context.new_page()
    try:
        axe, problems = Axe(), {}
        for kind, lang, path in _pages():
            page.goto(f"{server}/{path}")
            assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", path
            found = _violations(axe.run(page))
            if found:
                problems[f"{kind}-{lang}"] = found
        page.goto(f"{server}/en/impact/")
        page.screenshot(path=str(SCREENSHOTS / "impact-en-1280-dark.png"))
        assert not problems, problems
    finally:
        context.close()


def test_keyboard_focus_is_visible_in_both_schemes(browser, server):
    for scheme in ("light", "dark"):
        context = browser.new_context(viewport=WIDTHS["phone"], color_scheme=scheme)
        page = context.new_page()
        page.goto(f"{server}/impact/cdms/")  # a figure's page: source markers, folds, page sources
        for selector in ("a.ricdm-source", "details.ricdm-fold > summary", ".ricdm-page-sources a", ".md-footer a"):
            page.locator(selector).first.focus()
            style = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; }"
            )
            assert style[0] != "none" and style[1] not in ("0px", ""), (scheme, selector, style)
        context.close()


def _printed_pages(page, server, path: str) -> int:
    """Print one page to A4 as a reader would (print stylesheet) and count the sheets."""
    pypdf = pytest.importorskip("pypdf")
    page.goto(f"{server}/{path}")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-search", ".md-footer", ".ricdm-back", ".md-button"):
        hidden = page.locator(selector)
        assert hidden.count() == 0 or not hidden.first.is_visible(), (path, selector)
    link = page.locator("article a[href]").first
    assert link.evaluate("a => getComputedStyle(a).textDecorationLine") == "none", path  # links print as text
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_every_profile_prints_on_one_a4_page(browser, server, site):
    context = browser.new_context()
    page = context.new_page()
    try:
        profiles = sorted(path.parent for path in site.glob("**/cdm/*/index.html"))
        assert len(profiles) > 40
        counts = {}
        for folder in profiles:
            path = f"{folder.relative_to(site).as_posix()}/"
            counts[path] = _printed_pages(page, server, path)
        print(f"A4 pages per profile: {counts}")
        assert {path: count for path, count in counts.items() if count != 1} == {}
    finally:
        context.close()


def test_charter_prints_cleanly(browser, server):
    context = browser.new_context()
    page = context.new_page()
    try:
        for root in LANGUAGE_ROOTS.values():
            pages = _printed_pages(page, server, f"{root}charter/")
            print(f"{root}charter/: {pages} A4 pages")
            assert 1 <= pages <= 4
    finally:
        context.close()


def test_cite_this_figure_copies_on_a_phone(browser, server):
    """One tap opens the citation, it wraps inside the screen, and the Copy button puts it on the clipboard."""
    context = browser.new_context(viewport=WIDTHS["phone"], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{server}/en/impact/beneficiaries/")
        details = page.locator("tr#fig-beneficiaries details.ricdm-cite")
        details.locator("summary").click()
        text = details.locator("p")
        box = text.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= WIDTHS["phone"]["width"], box
        button = details.locator("button.ricdm-copy")
        assert button.inner_text() == "Copy" and button.bounding_box()["height"] >= 24
        button.click()
        page.wait_for_function("button => button.textContent === 'Copied'", arg=button.element_handle())
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == text.inner_text().strip()
        today = page.evaluate("new Intl.DateTimeFormat('en-GB', {dateStyle: 'long'}).format(new Date())")
        assert copied.endswith(f"impact/beneficiaries/#fig-beneficiaries (accessed {today}).")
        assert "”, §3, 2019" in copied
    finally:
        context.close()


def test_cite_this_page_gives_the_readers_date_and_copies_each_form(browser, server):
    """The page's citation: the date consulted is today's, and each form (text, BibTeX, CSL-JSON) has its button."""
    context = browser.new_context(viewport=WIDTHS["phone"], permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    try:
        page.goto(f"{server}/cdm/paris/")
        block = page.locator("details#cite")
        block.locator("summary").click()
        iso = page.evaluate("new Date().toLocaleDateString('sv-SE')")  # YYYY-MM-DD in the reader's time zone
        buttons = block.locator("button.ricdm-copy")
        assert buttons.all_inner_texts() == ["Copier", "Copier le BibTeX", "Copier le CSL-JSON"]
        buttons.nth(1).click()
        page.wait_for_function("b => b.textContent === 'Copié'", arg=buttons.nth(1).element_handle())
        bibtex = page.evaluate("navigator.clipboard.readText()")
        assert bibtex.startswith("@online{ricdm-cdm-paris-fr,") and f"urldate = {{{iso}}}," in bibtex
        assert "consulté le [date]" not in block.locator("p.ricdm-cite-text").inner_text()
        for form in block.locator("pre").all():  # wrapped on the phone, never wider than the screen
            box = form.bounding_box()
            assert box and box["x"] + box["width"] <= WIDTHS["phone"]["width"], box
    finally:
        context.close()


def test_page_sources_and_body_share_one_typeface(browser, server):
    """Material sets <aside> in its own font stack: "Sources of this page" must read in the body's typeface."""
    context = browser.new_context(viewport=WIDTHS["phone"])
    page = context.new_page()
    try:
        for root in LANGUAGE_ROOTS.values():
            page.goto(f"{server}/{root}impact/")
            fonts = page.evaluate(
                """() => Object.fromEntries(['article p', '.ricdm-page-sources', '.ricdm-page-sources li', '.md-footer']
                  .map(selector => [selector, getComputedStyle(document.querySelector(selector)).fontFamily]))"""
            )
            assert len(set(fonts.values())) == 1, fonts
            assert fonts["article p"].startswith("system-ui"), fonts
    finally:
        context.close()
