"""French typography on every French page (text only), curly apostrophes only on English pages, nothing in markup."""

from __future__ import annotations

import re

import pytest

from conftest import parse
from ricdm.typography import english_html, english_text, french_html, french_text

VERBATIM = "script, style, code, pre, kbd, samp, textarea"


def pages(site, lang: str) -> list:
    found = sorted(site.rglob("index.html"))
    return [path for path in found if (path.relative_to(site).parts[0] == "en") == (lang == "en")]


def reading_text(path) -> str:
    tree = parse(path)
    for node in tree.css(VERBATIM):
        node.decompose()
    return tree.body.text(separator="\n") if tree.body else ""


FRENCH_FAULTS = {
    "plain space before a colon": re.compile(r"\w :(?=\s)"),
    "plain space before ; ! ?": re.compile(r"\w [;!?](?=\s|$)"),
    "no space before ; ! ? after a link or a word": re.compile(r"[\w»)\]%]\n?[;!?](?=\s|$)"),
    "plain space inside guillemets": re.compile(r"« | »"),
    "straight apostrophe": re.compile(r"[A-Za-zÀ-ÿ]'[A-Za-zÀ-ÿ]"),
    "thousands without the narrow no-break space": re.compile(r"(?<![\d.,])\d{1,3}[ \u00a0]\d{3}(?!\d)"),
    "percent sign without the no-break space": re.compile(r"\d ?%"),
    "ungrouped number of five digits or more": re.compile(r"(?<![\w.,§/-])\d{5,}(?![\w,])"),
}


def test_every_french_page_follows_french_typography(site):
    checked = 0
    for path in pages(site, "fr"):
        text = reading_text(path)
        for fault, pattern in FRENCH_FAULTS.items():
            found = pattern.search(text)
            assert found is None, (
                f"{path.relative_to(site)}: {fault}: {text[max(found.start() - 30, 0) : found.end() + 30]!r}"
            )
        checked += 1
    assert checked > 30


def test_french_typography_is_really_there(site):
    home = reading_text(site / "impact" / "index.html")
    assert "Source\u00a0:" in home and "«\u202f" in home and "\u2019" in home and "500\u202f000" in home


def test_english_pages_and_markup_are_left_alone(site):
    for path in pages(site, "en"):
        text = reading_text(path)
        assert "\u202f;" not in text and "\u202f?" not in text and "\u00a0:" not in text, path
        straight = re.search(r"\w'", text)
        assert straight is None, f"{path}: a straight apostrophe: {text[straight.start() - 30 : straight.end() + 30]!r}"
    assert "people\u2019s" in reading_text(site / "en" / "charter" / "index.html"), "English apostrophes are curly"
    for path in [*pages(site, "fr"), *pages(site, "en")]:
        tree = parse(path)
        for link in tree.css("a[href]"):
            href = link.attributes["href"] or ""
            assert not re.search("[\u00a0\u202f\u2019]", href), (path, href)
        for script in tree.css('script[type="application/ld+json"]'):
            assert "\u202f" not in (script.text() or ""), path


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("Source : §3", "Source\u00a0: §3"),
        ("l'enquête", "l\u2019enquête"),
        ("« près de la moitié »", "«\u202fprès de la moitié\u202f»"),
        ("Quoi ? Oui ! et ; puis", "Quoi\u202f? Oui\u202f! et\u202f; puis"),
        ("4500 réfugiés en 2022 ; 1 250 et 1\u00a0500", "4\u202f500 réfugiés en 2022\u202f; 1\u202f250 et 1\u202f500"),
        (
            "à 10:30, https://example.org/a?b=1 et §4.4.1, T12, 04/2022",
            "à 10:30, https://example.org/a?b=1 et §4.4.1, T12, 04/2022",
        ),
        ("séparateur virgule (RFC 4180), dates ISO 8601", "séparateur virgule (RFC 4180), dates ISO 8601"),
        ("les 56 % de femmes, 30%, 1\u00a0%", "les 56\u00a0% de femmes, 30\u00a0%, 1\u00a0%"),
    ],
)
def test_the_rules_and_what_they_never_touch(written, shown):
    assert french_text(written) == shown


@pytest.mark.parametrize(
    ("page", "shown"),
    [
        ("<p>Bonjour à tous</p>", "<p>Bonjour à tous</p>"),
        ("<p>l&#39;enquête &amp; la suite</p>", "<p>l\u2019enquête &amp; la suite</p>"),
        ("<p>1 &gt; 0 et 4500 : oui</p>", "<p>1 &gt; 0 et 4\u202f500\u00a0: oui</p>"),
        ("<p>a > b</p>", "<p>a &gt; b</p>"),
        ('<a title="Note : x" href="/a?b=1">Note : x</a>', '<a title="Note : x" href="/a?b=1">Note\u00a0: x</a>'),
        ("<pre><code>x : y</code> z : w</pre> v : u", "<pre><code>x : y</code> z : w</pre> v\u00a0: u"),
        ("<!-- a : b --><script>if (a ? b : c) {}</script>", "<!-- a : b --><script>if (a ? b : c) {}</script>"),
        # the same text inside and outside a verbatim element, in one page: each keeps its own context
        ("<code>a : b</code>a : b<CODE>a : b</CODE>", "<code>a : b</code>a\u00a0: b<CODE>a : b</CODE>"),
        ("<code/>a : b</code></code>a : b", "<code/>a\u00a0: b</code></code>a\u00a0: b"),
        ("<codex>a : b</codex><pre>a : b", "<codex>a\u00a0: b</codex><pre>a : b"),
        ("<!-- <code> -->a : b<code_x>a : b", "<!-- <code> -->a\u00a0: b<code_x>a : b"),
    ],
)
def test_pages_text_nodes_only_and_escaped_as_before(page, shown):
    """Text without a character the rules act on is skipped; text with one is unescaped, fixed, escaped again."""
    assert french_html(page) == shown


TRICKY_LINES = [
    "<p>Note : 1500 réfugiés</p>",
    "<!-- a <b>comment</b> : here",
    "<b>across lines : kept</b> -->",
    "<pre>",
    "<code>x : y</code>",
    "</pre>",
    "<a title='x",
    "<y'>l'enquête : oui</a>",
    "« guillemets »",
    "<p>fin ; suite</p>",
    "<",
]


def test_tricky_lines_keep_their_context():
    """Comments, tags and verbatim elements spanning lines are read as one page: only text nodes are typeset."""
    page = "\n".join(TRICKY_LINES)
    typeset = french_html(page)
    assert "<b>comment</b> : here" in typeset and "<code>x : y</code>" in typeset
    assert "<a title='x\n<y'>l’enquête\u00a0: oui</a>" in typeset
    assert "«\u202fguillemets\u202f»" in typeset and "fin\u202f; suite" in typeset


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("the network's value", "the network\u2019s value"),
        ("the CDMs' history, in the '90s", "the CDMs\u2019 history, in the '90s"),
        ("‘single’ and 'Appendix 3' inside", "‘single’ and 'Appendix 3\u2019 inside"),
        ("Source : §3; don't?", "Source : §3; don\u2019t?"),
    ],
)
def test_english_apostrophes(written, shown):
    """After a letter or a digit, an apostrophe is curly; nothing else of the French rules applies."""
    assert english_text(written) == shown


def test_english_pages_text_nodes_only():
    page = "<p title=\"it's\">it&#39;s <code>it's</code> CDMs'</p><script>a = 'b'</script><a href=\"/l'x\">l'x</a>"
    shown = (
        "<p title=\"it's\">it\u2019s <code>it's</code> CDMs\u2019</p><script>a = 'b'</script>"
        '<a href="/l\'x">l\u2019x</a>'
    )
    assert english_html(page) == shown


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_source_links_tooltip_is_typeset_as_the_text_is(site, lang):
    """The report section a source link names in its tooltip ("2) The CDMs’ history and values"): curly apostrophes."""
    page = site / ("en/network/index.html" if lang == "en" else "network/index.html")
    titles = [link.attributes.get("title") or "" for link in parse(page).css("a.ricdm-source")]
    assert titles and any("\u2019" in title for title in titles)
    assert not [title for title in titles if re.search(r"\w'", title)]
