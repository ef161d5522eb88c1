"""How a reader cites the site: one citation, written three ways — a text to paste, BibTeX and CSL-JSON.

A citation names what is cited (a figure, a profile, a page, or the site itself), the publisher and the site, the
report and the parts of it behind what is cited, the date the data last changed (``Dataset.changed``, found by
``ricdm.freshness``) and a place for the date the reader consulted it: "[date]", which ``docs/assets/cite.js`` fills
in with the reader's today. Nothing else: no slogan, no description, no figure's value (the page shows it).

For any page or block (figure pages, profiles, the about page)::

    citation = cite.of(data, page, title, refs, key)    # title None: the site itself; refs: its source ids
    html = cite.block(data, page, citation, "cite-this-page")    # the folded "cite this", three forms, copy buttons

``cite.text(data, citation)`` is the text alone (tables of figures fold one per figure); ``_cite.html`` draws the block.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass

from markupsafe import Markup, escape

from . import localize
from .dataset import Dataset
from .labels import label
from .models import Figure
from .render import Page, render

CONSULTED = "YYYY-MM-DD"
"""The date consulted, to be filled in, in the machine forms (cite.js writes the reader's today there)."""
LANGUAGE_NAMES = {"fr": ("french", "fr-FR"), "en": ("british", "en-GB")}
"""Each language as BibLaTeX's ``langid`` and CSL's ``language`` name it."""


@dataclass(frozen=True)
class Citation:
    """What one "cite this" says, in the language of the page that shows it."""

    key: str
    """The BibTeX key and CSL id, e.g. "ricdm-fig-beneficiaries-en": stable while the page's address is."""
    title: str | None
    """What is cited (a figure's or a page's title); None when the site itself is."""
    url: str
    """Its public address (with a fragment for a figure on a page); empty where the build has no ``site_url``."""
    parts: tuple[str, ...]
    """The report's parts behind it (source ids of kind "report"), in the order first cited, each once."""
    changed: datetime.date | None
    """When the data last changed (None only outside a build)."""
    lang: str


def of(data: Dataset, page: Page, title: str | None, refs: list[str] | tuple[str, ...], key: str) -> Citation:
    """The citation of ``title`` (None: the site) on ``page``, from the sources it cites (``refs``, any kind)."""
    parts = tuple(ref for ref in dict.fromkeys(refs) if ref in data.sources and data.sources[ref].kind == "report")
    return Citation(f"ricdm-{key}-{page.lang}", title, page.url, parts, data.changed, page.lang)


def of_figure(data: Dataset, page: Page, figure: Figure) -> Citation:
    """One figure of a page, at its anchor (``#fig-<id>``), from the parts of the report that give its values."""
    citation = of(
        data, page, localize.text(figure.label, page.lang), [item.source for item in figure.values], f"fig-{figure.id}"
    )
    url = f"{page.url}#fig-{figure.id}" if page.url else ""
    return Citation(citation.key, citation.title, url, citation.parts, citation.changed, citation.lang)


def key_of(site_path: str) -> str:
    """A page's part of its key: "cdm/paris/" -> "cdm-paris", the home "" -> "site"."""
    return re.sub(r"[^a-z0-9]+", "-", site_path.lower()).strip("-") or "site"


def block(data: Dataset, page: Page, citation: Citation, heading: str) -> str:
    """The folded "cite this" (``heading``: a label, e.g. "cite-this-page"): the text, BibTeX and CSL-JSON."""
    return render("cite.html", data, page, heading=heading, text=text(data, citation), forms=forms(data, citation))


def forms(data: Dataset, citation: Citation) -> dict[str, Markup]:
    """The machine forms as HTML (escaped), the date consulted marked for ``cite.js``: {"BibTeX": …, "CSL-JSON": …}."""
    marked = Markup('<span class="ricdm-consulted" data-format="iso">{}</span>').format(CONSULTED)
    return {
        name: Markup(escape(text).replace(CONSULTED, marked))  # noqa: S704 - escaped text and our own span
        for name, text in (("BibTeX", bibtex(data, citation)), ("CSL-JSON", csl_json(data, citation)))
    }


def _words(data: Dataset, citation: Citation) -> tuple[str, str, str]:
    """The publisher, the site's name and the note (data date, report and parts) in the citation's language."""
    lang = citation.lang
    report = label(data.labels, "report-title", lang)
    note = (
        [label(data.labels, "cite-changed", lang, date=localize.date(citation.changed, lang))]
        if citation.changed
        else []
    )
    if citation.parts:
        names = (localize.text(data.sources[ref].short, lang) or ref for ref in citation.parts)
        parts = ", ".join(names)
        note.append(label(data.labels, "cite-report-parts", lang, report=report, parts=parts))
    else:
        note.append(label(data.labels, "cite-report-whole", lang, report=report))
    return label(data.labels, "ricdm-name", lang), label(data.labels, "site-name", lang), ". ".join(note)


def text(data: Dataset, citation: Citation) -> Markup:
    """The citation to paste: publisher, title, site, data date, report and parts, address, date consulted.

    The date consulted is "[date]" in a span ``cite.js`` fills in with the reader's today, in the page's language.
    """
    publisher, site, note = _words(data, citation)
    lang = citation.lang
    pieces = [publisher]
    if citation.title:
        pieces.append(label(data.labels, "cite-title", lang, title=citation.title))
    pieces += [label(data.labels, "cite-website", lang, site=site), note]
    before, _, after = label(data.labels, "cite-consulted", lang).partition("{date}")
    consulted = Markup('<span class="ricdm-consulted" data-format="long">{}</span>').format(
        label(data.labels, "cite-date-placeholder", lang)
    )
    address = Markup("{} ").format(citation.url) if citation.url else Markup()
    return Markup("{}. {}({}{}{}).").format(". ".join(pieces), address, before, consulted, after)


def bibtex(data: Dataset, citation: Citation) -> str:
    """A BibLaTeX ``@online`` entry; ``urldate`` holds ``CONSULTED`` until the reader's date replaces it."""
    publisher, site, note = _words(data, citation)
    fields = [("author", f"{{{_tex(publisher)}}}"), ("title", f"{{{_tex(citation.title or site)}}}")]
    if citation.title:
        fields.append(("organization", _tex(site)))
    if citation.changed:
        fields.append(("date", citation.changed.isoformat()))
    if citation.url:
        fields.append(("url", citation.url))  # a verbatim field: "#" and "%" stay as they are
    fields += [("urldate", CONSULTED), ("langid", LANGUAGE_NAMES[citation.lang][0]), ("note", _tex(note))]
    lines = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
    return f"@online{{{citation.key},\n{lines}}}\n"


def _tex(text: str) -> str:
    """Text as a BibTeX value: its special characters escaped (UTF-8 is read as it is by Biber)."""
    return re.sub(r"([&%$#_{}])", r"\\\1", text).replace("~", r"\textasciitilde{}").replace("^", r"\^{}")


def csl_json(data: Dataset, citation: Citation) -> str:
    """A CSL-JSON item (Zotero, Pandoc, Mendeley), in a list as CSL-JSON files hold them; ``accessed`` to fill in."""
    publisher, site, note = _words(data, citation)
    item: dict[str, object] = {"id": citation.key, "type": "webpage", "title": citation.title or site}
    if citation.title:
        item["container-title"] = site
    item |= {"publisher": publisher, "author": [{"literal": publisher}]}
    if citation.changed:
        changed = citation.changed
        item["issued"] = {"date-parts": [[changed.year, changed.month, changed.day]]}
    if citation.url:
        item["URL"] = citation.url
    item |= {"accessed": {"raw": CONSULTED}, "language": LANGUAGE_NAMES[citation.lang][1], "note": note}
    fields = ",\n".join(
        f"    {json.dumps(name)}: {json.dumps(value, ensure_ascii=False)}" for name, value in item.items()
    )
    return f"[\n  {{\n{fields}\n  }}\n]\n"  # one field a line, each value on its line: short on a phone
