"""What a change does to the site, in plain words: ``./staff changes`` and the pull request's job summary.

Both versions of the project are read with ``load_dataset`` (validated, as the build reads them) and compared
record by record — the CDMs with their map points, the figures, the report's texts, the glossary, the sources,
the interface words — the pages of ``docs/`` file by file and the site's menu (``nav:`` in mkdocs.yml, where staff
add a page). A reviewer who does not read YAML then reads "Cité des métiers de Lyon ajoutée (France, 2021, …)" or
"Utilisateurs des ressources documentaires : 125 000 → 126 500". French first, the staff's language; English says the
same. Other files (code, the rest of mkdocs.yml) are only named: a developer reads those.
"""

from __future__ import annotations

import datetime
import difflib
import math
import os
import re
import subprocess
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel

from . import localize, models, urls
from .dataset import Dataset, load_dataset
from .typography import french_text

TOPICS = ("cdms", "figures", "pages", "texts", "glossary", "sources", "labels", "other")
"""In the order a summary gives them: what visitors notice first."""

CONFIG = "mkdocs.yml"
"""The site's configuration: its menu (``nav:``) is staff's to edit, the rest a developer's."""

NOT_PROJECT = frozenset({".git", ".venv", "node_modules", ".cache", "site", "__pycache__", "test-results"})
"""Folders of a copy without git that are not the project: installed tools, builds, caches."""

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "title": "Ce que cette modification change sur le site",
        "versus": "par rapport à {before}",
        "versus-head": "par rapport au dernier commit",
        "nothing": "Rien ne change sur le site : ni les données ni les pages ne sont modifiées.",
        "unreadable-after": "Les données proposées ont {count} : ce que la modification change sur le site sera dit "
        "une fois les données corrigées (« Data check » montre chacun sur sa ligne).",
        "unreadable-after-one": "Les données proposées ont {count} : ce que la modification change sur le site sera "
        "dit une fois les données corrigées (« Data check » le montre sur sa ligne).",
        "unreadable-before": "Les données d'avant la modification ne se lisent pas avec le code proposé ({count}) : "
        "un développeur doit relire cette modification.",
        "problem": "{n} problème",
        "problems": "{n} problèmes",
        "topic-cdms": "Cités des métiers",
        "topic-figures": "Chiffres",
        "topic-pages": "Pages",
        "topic-texts": "Textes du rapport",
        "topic-glossary": "Glossaire",
        "topic-sources": "Sources",
        "topic-labels": "Mots de l'interface",
        "topic-other": "Autres fichiers (code ou configuration : à faire relire par un développeur)",
        "cdm-added": "{name} ajoutée ({facts})",
        "cdm-removed": "{name} retirée ({facts})",
        "on-map": "sur la carte : {place}",
        "not-on-map": "pas sur la carte",
        "no-year": "année de création non renseignée",
        "placed": "placée sur la carte : {place}",
        "unplaced": "retirée de la carte (elle était à {place})",
        "moved": "point sur la carte déplacé de {km} km",
        "added": "ajout : {value}",
        "removed": "retrait : {value}",
        "figure-added": "{label} : chiffre ajouté, {value}",
        "figure-removed": "{label} : chiffre retiré (il valait {value})",
        "text-item": "texte {n}",
        "section": "Section {title}",
        "section-added": "{name} ajoutée",
        "section-removed": "{name} retirée",
        "group": "Groupe de chiffres {title}",
        "group-added": "{name} ajouté",
        "group-removed": "{name} retiré",
        "term": "Terme {title}",
        "term-added": "{name} ajouté : {value}",
        "term-removed": "{name} retiré",
        "source": "Source {title}",
        "source-added": "{name} ajoutée : {value}",
        "source-removed": "{name} retirée",
        "label": "Mot de l'interface {title}",
        "label-added": "{name} ajouté : {value}",
        "label-removed": "{name} retiré",
        "page-added": "Page ajoutée : {title} — {file} ({url})",
        "page-removed": "Page retirée : {title} — {file} ({url})",
        "page-changed": "Page modifiée : {title} — {file} ({lines})",
        "menu-added": "Menu : page {title} ajoutée {place}",
        "menu-removed": "Menu : page {title} retirée",
        "menu-moved": "Menu : page {title} déplacée {place}",
        "menu-first": "en tête",
        "menu-after": "après {title}",
        "line": "{n} ligne modifiée",
        "lines": "{n} lignes modifiées",
        "file-added": "ajouté : {file}",
        "file-removed": "retiré : {file}",
        "file-changed": "modifié : {file}",
        "other-language": "en anglais",
        "yes": "oui",
        "no": "non",
        "none": "rien",
        "chosen_by-report": "le rapport",
        "chosen_by-editors": "les éditeurs",
        "f-source": "source",
        "f-note": "note",
        "f-year": "année",
        "f-month": "mois",
        "f-value": "valeur",
        "f-qualifier": "précision",
        "f-context": "précision",
        "f-unit": "unité",
        "f-group": "groupe",
        "f-label": "intitulé",
        "f-title": "titre",
        "f-short": "nom court",
        "f-kind": "nature",
        "f-date": "date",
        "f-paragraphs": "paragraphe {n}",
        "f-items": "élément {n} de la liste",
        "f-values": "valeur {n}",
        "f-quote": "citation",
        "f-attribution": "auteur",
        "f-term": "terme",
        "f-definition": "définition",
        "f-territory": "territoire",
        "f-place": "lieu",
        "f-chosen_by": "lieu choisi par",
    },
    "en": {
        "title": "What this change does to the site",
        "versus": "compared with {before}",
        "versus-head": "compared with the last commit",
        "nothing": "Nothing changes on the site: neither the data nor the pages are changed.",
        "unreadable-after": "The proposed data has {count}: what the change does to the site will be said once they "
        'are fixed ("Data check" shows each on its line).',
        "unreadable-after-one": "The proposed data has {count}: what the change does to the site will be said once it "
        'is fixed ("Data check" shows it on its line).',
        "unreadable-before": "The data before the change cannot be read with the proposed code ({count}): a developer "
        "must review this change.",
        "problem": "{n} problem",
        "problems": "{n} problems",
        "topic-cdms": "Cités des métiers",
        "topic-figures": "Figures",
        "topic-pages": "Pages",
        "topic-texts": "Texts of the report",
        "topic-glossary": "Glossary",
        "topic-sources": "Sources",
        "topic-labels": "Interface words",
        "topic-other": "Other files (code or configuration: ask a developer to review them)",
        "cdm-added": "{name} added ({facts})",
        "cdm-removed": "{name} removed ({facts})",
        "on-map": "on the map: {place}",
        "not-on-map": "not on the map",
        "no-year": "year of creation not reported",
        "placed": "placed on the map: {place}",
        "unplaced": "taken off the map (it was at {place})",
        "moved": "point on the map moved by {km} km",
        "added": "added: {value}",
        "removed": "removed: {value}",
        "figure-added": "{label}: figure added, {value}",
        "figure-removed": "{label}: figure removed (it was {value})",
        "text-item": "text {n}",
        "section": "Section {title}",
        "section-added": "{name} added",
        "section-removed": "{name} removed",
        "group": "Group of figures {title}",
        "group-added": "{name} added",
        "group-removed": "{name} removed",
        "term": "Term {title}",
        "term-added": "{name} added: {value}",
        "term-removed": "{name} removed",
        "source": "Source {title}",
        "source-added": "{name} added: {value}",
        "source-removed": "{name} removed",
        "label": "Interface word {title}",
        "label-added": "{name} added: {value}",
        "label-removed": "{name} removed",
        "page-added": "Page added: {title} — {file} ({url})",
        "page-removed": "Page removed: {title} — {file} ({url})",
        "page-changed": "Page changed: {title} — {file} ({lines})",
        "menu-added": "Menu: page {title} added {place}",
        "menu-removed": "Menu: page {title} removed",
        "menu-moved": "Menu: page {title} moved {place}",
        "menu-first": "to the top",
        "menu-after": "after {title}",
        "line": "{n} line changed",
        "lines": "{n} lines changed",
        "file-added": "added: {file}",
        "file-removed": "removed: {file}",
        "file-changed": "changed: {file}",
        "other-language": "in French",
        "yes": "yes",
        "no": "no",
        "none": "nothing",
        "chosen_by-report": "the report",
        "chosen_by-editors": "the editors",
        "f-source": "source",
        "f-note": "note",
        "f-year": "year",
        "f-month": "month",
        "f-value": "value",
        "f-qualifier": "qualifier",
        "f-context": "detail",
        "f-unit": "unit",
        "f-group": "group",
        "f-label": "label",
        "f-title": "title",
        "f-short": "short name",
        "f-kind": "kind",
        "f-date": "date",
        "f-paragraphs": "paragraph {n}",
        "f-items": "list item {n}",
        "f-values": "value {n}",
        "f-quote": "quotation",
        "f-attribution": "author",
        "f-term": "term",
        "f-definition": "definition",
        "f-territory": "territory",
        "f-place": "place",
        "f-chosen_by": "place chosen by",
    },
}
"""The summary's own words ("f-…": a field); a CDM's fields are named by their profile headings (``SITE_LABELS``)."""

SITE_LABELS = {
    "name": "name",
    "names": "names",
    "country": "country",
    "founded": "founded",
    "statuses": "status-history",
    "status": "status",
    "context": "context",
    "founding_issues": "founding-issues",
    "governance": "governance",
    "associated_centres": "associated-centres",
    "associated_centres_count": "associated-count",
    "bodies": "bodies",
    "european_networks": "european-networks",
    "actions": "actions",
    "ricdm_board": "ricdm-board",
    "location": "location",
}
"""A CDM's fields by the heading its profile gives them (data/labels.yaml): the summary says what pages say."""

MAIN_FIELD: dict[type[BaseModel], str] = {
    models.SourcedYear: "year",
    models.SourcedCount: "value",
    models.Fact: "text",
    models.Quote: "text",
    models.NameVariant: "text",
}
"""The field that *is* its record's value: named by the record's heading alone ("Année de création : 1993 → 1994")."""

WHOLE = (models.FigureValue,)
"""Records said whole when they change ("plus de 1 250 → plus de 1 500"), never field by field."""

EXCERPT = 60
"""Characters kept on each side of an edit in a long text: enough to find it, short enough to read."""


@dataclass(frozen=True)
class Project:
    """One version of the project as the site is built from it: its data, validated, and its pages."""

    root: Path
    data: Dataset
    pages: dict[str, str]
    """Markdown pages by path under docs/ ("fr/agenda.md"), with their text."""


@dataclass(frozen=True)
class Diff:
    """One difference inside a record: where (field names, list positions), what it was, what it is."""

    path: tuple[str | int, ...]
    old: object
    new: object


@dataclass
class Summary:
    """What a change does, in one language: sentences by topic (``TOPICS``), French ones typeset."""

    lang: str
    topics: dict[str, list[str]] = field(default_factory=dict)

    def add(self, topic: str, sentence: str) -> None:
        self.topics.setdefault(topic, []).append(self.typeset(sentence))

    def typeset(self, text: str) -> str:
        return french_text(text) if self.lang == "fr" else text

    def word(self, key: str) -> str:
        return self.typeset(WORDS[self.lang][key])

    def text(self, before: str) -> str:
        """For a terminal: a title saying against what, then each topic and its lines."""
        versus = WORDS[self.lang]["versus-head" if before == "HEAD" else "versus"].format(before=before)
        title = self.typeset(f"{WORDS[self.lang]['title']}, {versus} :")
        if not self.topics:
            return f"{title}\n{self.word('nothing')}"
        lines = [title.replace(" :", ":") if self.lang == "en" else title]
        for topic in TOPICS:
            if topic in self.topics:
                lines += [self.word(f"topic-{topic}"), *(f"  - {sentence}" for sentence in self.topics[topic])]
        return "\n".join(lines)

    def markdown(self) -> str:
        """For GitHub: a heading per topic, a list item per sentence, data text escaped."""
        if not self.topics:
            return _escape(self.word("nothing")) + "\n"
        parts = []
        for topic in TOPICS:
            if topic in self.topics:
                parts += [f"### {_escape(self.word(f'topic-{topic}'))}", ""]
                parts += [f"- {_escape(sentence)}" for sentence in self.topics[topic]]
                parts.append("")
        return "\n".join(parts)


def read_project(root: Path) -> Project:
    """The data (``DataErrors`` if invalid, every problem at once) and the pages of a project folder."""
    data = load_dataset(root / "data")
    docs = root / "docs"
    pages = {path.relative_to(docs).as_posix(): path.read_text(encoding="utf-8") for path in docs.rglob("*.md")}
    return Project(root, data, pages)


def summarise(before: Project, after: Project, lang: str) -> Summary:
    """Every difference between two versions of the project, said in ``lang``."""
    summary = Summary(lang)
    old, new = before.data, after.data
    say = _Sayer(lang, old, new)
    told: list[tuple[str, Iterator[str]]] = [
        ("cdms", say.cdms()),
        ("figures", say.figures()),
        ("pages", say.pages(before.pages, after.pages)),
        ("pages", say.menu(before, after)),
        ("texts", say.records("section", old.sections, new.sections)),
        ("figures", say.records("group", old.groups, new.groups)),
        ("glossary", say.records("term", _by_id(old.terms), _by_id(new.terms))),
        ("sources", say.records("source", old.sources, new.sources)),
        ("labels", say.records("label", old.labels, new.labels)),
        ("other", say.files(before.root, after.root)),
    ]
    for topic, sentences in told:
        for sentence in sentences:
            summary.add(topic, sentence)
    return summary


def github_summary(before: Project, after: Project) -> str:
    """The pull request's job summary: French first; the same in English below, folded."""
    french, english = summarise(before, after, "fr"), summarise(before, after, "en")
    return (
        f"## {_escape(french.word('title'))}\n\n{french.markdown()}\n"
        f"<details><summary>In English: {WORDS['en']['title'].lower()}</summary>\n\n{english.markdown()}\n</details>\n"
    )


def github_problems(side: str, problems: Sequence[object]) -> str:
    """The job summary when a side's data cannot be read (``side``: "before" or "after"): why, and each problem."""
    listed = "\n".join(f"- `{problem}`" for problem in problems)

    def said(lang: str) -> str:
        words = WORDS[lang]
        count = words["problem" if len(problems) == 1 else "problems"].format(n=len(problems))
        one = "-one" if len(problems) == 1 and f"unreadable-{side}-one" in words else ""
        sentence = words[f"unreadable-{side}{one}"].format(count=count)
        return _escape(french_text(sentence) if lang == "fr" else sentence)

    return (
        f"## {_escape(french_text(WORDS['fr']['title']))}\n\n{said('fr')}\n\n{listed}\n\n"
        f"<details><summary>In English: {WORDS['en']['title'].lower()}</summary>\n\n{said('en')}\n</details>\n"
    )


@contextmanager
def committed(revision: str, repository: Path) -> Iterator[Path]:
    """The project as committed at ``revision`` (``HEAD``: the last commit), in a temporary folder.

    A branch the current one has left (``main``) is taken where they parted, as a pull request compares: what
    others added to ``main`` since is not said as undone here.
    """
    parted = subprocess.run(["git", "merge-base", revision, "HEAD"], cwd=repository, capture_output=True, text=True)
    since = parted.stdout.strip() if parted.returncode == 0 and parted.stdout.strip() else revision
    with tempfile.TemporaryDirectory(prefix="ricdm-changes-") as folder:
        archive = subprocess.Popen(
            ["git", "archive", since], cwd=repository, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        unpacked = subprocess.run(["tar", "-x", "-C", folder], stdin=archive.stdout, capture_output=True)
        _, error = archive.communicate()
        if archive.returncode != 0 or unpacked.returncode != 0:
            said = error.decode(errors="replace").strip().splitlines() or ["git archive failed"]
            raise ValueError(f"'{revision}' is not a commit of this project: {said[-1]}")
        yield Path(folder)


Record = Any
"""A record of any data file (a CDM, a figure, a section…): pydantic models compared field by field."""


def _matched(old: Mapping[str, Record], new: Mapping[str, Record]) -> Iterator[tuple[str, Record, Record]]:
    """Records by id as (id, before, after), None where absent: added ones, removed ones, then changed ones."""
    yield from ((key, None, record) for key, record in new.items() if key not in old)
    yield from ((key, record, None) for key, record in old.items() if key not in new)
    yield from ((key, old[key], record) for key, record in new.items() if key in old and old[key] != record)


class _Sayer:
    """Says differences in one language, with the site's own words for what visitors also read."""

    def __init__(self, lang: str, before: Dataset, after: Dataset):
        self.lang = lang
        self.words = WORDS[lang]
        self.before, self.after = before, after
        self.labels: Mapping[str, models.Text] = {**before.labels, **after.labels}

    # CDMs and figures, as a reviewer checks them -----------------------------------------------------------------

    def cdms(self) -> Iterator[str]:
        for _, before, after in _matched(self.before.cdm_index, self.after.cdm_index):
            if before is None:
                yield self.words["cdm-added"].format(name=self.t(after.name), facts=self.cdm_facts(after, self.after))
            elif after is None:
                yield self.words["cdm-removed"].format(
                    name=self.t(before.name), facts=self.cdm_facts(before, self.before)
                )
            else:
                for diff in diffs(before, after):
                    yield f"{self.t(after.name)} — {self.said(diff)}"
        for key, before_place, after_place in _matched(self.before.locations, self.after.locations):
            cdm = self.after.cdm_index.get(key)
            if cdm is not None and key in self.before.cdm_index:  # a new CDM's place is said with it
                for sentence in self.place(before_place, after_place):
                    yield f"{self.t(cdm.name)} — {sentence}"

    def cdm_facts(self, cdm: models.Cdm, data: Dataset) -> str:
        """Country, year (or the stage of a project) and place: what a reviewer checks of a new CDM."""
        facts = [localize.country(cdm.territory or cdm.country, self.lang)]
        stage = cdm.project_stage
        if cdm.first_year:
            facts.append(str(cdm.first_year))
        elif stage:
            name = self.label(f"status-{stage.status}")
            name = name[:1].lower() + name[1:]  # inside the sentence: "(France, phase projet depuis 2026, …)"
            facts.append(self.label("stage-since").format(stage=name, date=stage.year) if stage.year else name)
        else:
            facts.append(self.words["no-year"])
        place = data.locations.get(cdm.id)
        facts.append(self.words["on-map"].format(place=self.t(place.place)) if place else self.words["not-on-map"])
        return ", ".join(facts)

    def place(self, old: models.CdmLocation | None, new: models.CdmLocation | None) -> Iterator[str]:
        if old == new:
            return
        if old is None and new is not None:
            yield self.words["placed"].format(place=self.t(new.place))
            return
        if new is None and old is not None:
            yield self.words["unplaced"].format(place=self.t(old.place))
            return
        assert old is not None and new is not None
        for diff in diffs(old, new, skip=("lat", "lon", "geonameid", "cdm")):
            yield self.said(diff if diff.path != ("place",) else Diff(("location",), diff.old, diff.new))
        distance = _kilometres(old, new)
        if distance >= 0.05:
            yield self.words["moved"].format(km=localize.number(round(distance, 1), self.lang))

    def figures(self) -> Iterator[str]:
        for _, before, after in _matched(self.before.figures, self.after.figures):
            figure = after or before
            values = ", ".join(self.figure_value(value, figure) for value in figure.values)
            if before is None or after is None:
                yield self.words["figure-added" if before is None else "figure-removed"].format(
                    label=self.t(figure.label), value=values
                )
            else:
                yield from self.figure(before, after)

    def figure(self, before: models.Figure, after: models.Figure) -> Iterator[str]:
        """A value as the site shows it ("plus de 1 250"), dated if the figure has several; the rest as any record."""
        label = self.t(after.label)
        dated = len(before.values) > 1 or len(after.values) > 1
        for diff in diffs(before, after):
            old, new = diff.old, diff.new
            if isinstance(old, models.FigureValue) and isinstance(new, models.FigureValue):
                shown = (self.figure_value(old, before, dated), self.figure_value(new, after, dated))
                if shown[0] != shown[1]:
                    yield f"{label}{self.colon()}{shown[0]} → {shown[1]}"
                for inner in diffs(old, new, skip=("value", "qualifier", "year")):
                    yield f"{label} — {self.said(Diff((*diff.path, *inner.path), inner.old, inner.new))}"
            else:
                yield f"{label} — {self.said(diff)}"

    def figure_value(self, value: models.FigureValue, figure: models.Figure, dated: bool = False) -> str:
        if figure.unit == "year":
            number = str(value.value)
        elif figure.unit == "percent":
            number = localize.percent(value.value, self.lang)
        else:
            number = localize.number(value.value, self.lang)
        qualifier = self.label(f"qual-{value.qualifier.replace('_', '-')}") if value.qualifier != "exact" else ""
        shown = f"{qualifier} {number}".strip()
        return f"{shown} ({value.year or self.label('undated')})" if dated else shown

    # Records of the other files ------------------------------------------------------------------------------------

    def records(self, kind: str, old: Mapping[str, Record], new: Mapping[str, Record]) -> Iterator[str]:
        """Sections, groups of figures, terms, sources, interface words: added, removed, or what changed in them."""
        for key, before, after in _matched(old, new):
            name = self.record_name(kind, key, after or before)
            if before is None or after is None:
                template = self.words[f"{kind}-added" if before is None else f"{kind}-removed"]
                yield template.format(name=name, value=self.record_value(kind, after or before))
            else:
                for diff in diffs(before, after, skip=("sections",)):  # a sub-section is compared under its own id
                    yield f"{name} — {self.said(diff)}"

    def record_name(self, kind: str, key: str, record: Record) -> str:
        """How a record is named: "Section « Titre » (§2)", "Terme « CEP »", "Source §4.4.1"."""
        if isinstance(record, models.Section):
            title = (
                f"{self.quote(self.t(record.title))} ({record.source})" if record.title else f"{key} ({record.source})"
            )
        elif isinstance(record, models.FigureGroup):
            title = self.quote(self.t(record.title))
        elif isinstance(record, models.Term):
            title = self.quote(self.t(record.term))
        elif isinstance(record, models.Text):
            title = self.quote(key)
        else:
            title = key
        return self.words[kind].format(title=title)

    def record_value(self, kind: str, record: Record) -> str:
        """What an added or removed record says: a term's definition, a source's title, an interface word."""
        text = {"term": "definition", "source": "title"}.get(kind)
        shown = getattr(record, text) if text else record
        return self.quote(_short(self.t(shown))) if isinstance(shown, models.Text) else ""

    # Pages and other files ----------------------------------------------------------------------------------------

    def pages(self, old: Mapping[str, str], new: Mapping[str, str]) -> Iterator[str]:
        for path in sorted({*old, *new}, key=_page_order):
            file = f"docs/{path}"
            if path not in old:
                yield self.words["page-added"].format(
                    title=self.quote(_title(new[path], path)), file=file, url=_url(path)
                )
            elif path not in new:
                yield self.words["page-removed"].format(
                    title=self.quote(_title(old[path], path)), file=file, url=_url(path)
                )
            elif old[path] != new[path]:
                count = _changed_lines(old[path], new[path])
                lines = self.words["line" if count == 1 else "lines"].format(n=count)
                yield self.words["page-changed"].format(
                    title=self.quote(_title(new[path], path)), file=file, lines=lines
                )

    def menu(self, before: Project, after: Project) -> Iterator[str]:
        """The site's menu (``nav:`` in mkdocs.yml), which staff edit to add a page: each page in, out or moved."""
        old, new = _menu(before.root), _menu(after.root)
        if old == new:
            return
        kept = [page for page in new if page in old]
        stayed = difflib.SequenceMatcher(None, [page for page in old if page in new], kept, autojunk=False)
        in_order = {page for block in stayed.get_matching_blocks() for page in kept[block.b : block.b + block.size]}
        moved = set(kept) - in_order  # the fewest pages that, moved, give the new order
        for page in new:
            if page not in old or page in moved:
                position = new.index(page)
                place = (
                    self.words["menu-after"].format(title=self.menu_title(new[position - 1], after))
                    if position
                    else self.words["menu-first"]
                )
                kind = "menu-added" if page not in old else "menu-moved"
                yield self.words[kind].format(title=self.menu_title(page, after), place=place)
        for page in old:
            if page not in new:
                yield self.words["menu-removed"].format(title=self.menu_title(page, before))

    def menu_title(self, page: str, project: Project) -> str:
        """A menu entry as visitors read it: its page's title in this language, else its file name."""
        markdown = project.pages.get(f"{self.lang}/{page}")
        return self.quote(_title(markdown, page) if markdown is not None else page)

    def files(self, before: Path, after: Path) -> Iterator[str]:
        old, new = _project_files(before), _project_files(after)
        for path in sorted({*old, *new}):
            if path.startswith(("data/", "docs/")) and path.endswith((".yaml", ".md")):
                continue  # said above, in words
            if path == CONFIG and path in old and path in new and _without_menu(before) == _without_menu(after):
                continue  # only the menu changed: said above, in words
            if path not in old:
                yield self.words["file-added"].format(file=path)
            elif path not in new:
                yield self.words["file-removed"].format(file=path)
            elif (before / path).read_bytes() != (after / path).read_bytes():
                yield self.words["file-changed"].format(file=path)

    # One difference -----------------------------------------------------------------------------------------------

    def said(self, diff: Diff) -> str:
        where = self.where(diff.path)
        if diff.old is None or diff.old == []:
            what = self.words["added"].format(value=self.value(diff.new, diff.path))
        elif diff.new is None or diff.new == []:
            what = self.words["removed"].format(value=self.value(diff.old, diff.path))
        else:
            what = self.change(diff.old, diff.new, diff.path)
        return f"{where}{self.colon()}{what}" if where else what

    def change(self, old: object, new: object, path: tuple[str | int, ...]) -> str:
        if isinstance(old, models.Text) and isinstance(new, models.Text):
            if self.t(old) != self.t(new):
                first, second = _excerpts(self.t(old), self.t(new))
                return f"{self.quote(first)} → {self.quote(second)}"
            other = urls.other_languages(self.lang)[0]  # only the other language changed: say that one
            first, second = _excerpts(localize.text(old, other), localize.text(new, other))
            return f"{self.words['other-language']}, {self.quote(first)} → {self.quote(second)}"
        return f"{self.value(old, path)} → {self.value(new, path)}"

    def where(self, path: Sequence[str | int]) -> str:
        """``("context", 1, "source")`` -> "Contexte territorial, texte 2, source"."""
        words: list[str] = []
        for position, step in enumerate(path):
            if isinstance(step, int):
                continue  # said with its list's name, just before
            following = path[position + 1] if position + 1 < len(path) else None
            number = following + 1 if isinstance(following, int) else None
            if step in SITE_LABELS:
                words.append(self.label(SITE_LABELS[step]))
                if number:
                    words.append(self.words["text-item"].format(n=number))
            else:
                word = self.words.get(f"f-{step}", step)
                words.append(word.format(n=number or "").strip() if "{n}" in word else word)
        return ", ".join(words)

    def value(self, value: object, path: Sequence[str | int] = ()) -> str:
        field_name = next((step for step in reversed(path) if isinstance(step, str)), "")
        if isinstance(value, BaseModel):
            return self.headline(value)
        if isinstance(value, bool):
            return self.words["yes" if value else "no"]
        if isinstance(value, int) and field_name in ("year", "founded"):
            return str(value)  # a year, never "1 994"
        if isinstance(value, int | float):
            return localize.number(value, self.lang)
        if isinstance(value, datetime.date):
            return localize.date(value, self.lang)
        if value is None:
            return self.words["none"]
        if field_name == "status" and value in get_args(models.Status):
            return self.label(f"status-{value}")
        if field_name == "country" or field_name == "territory":
            return localize.country(str(value), self.lang)
        return self.words.get(f"{field_name}-{value}", str(value))

    def headline(self, record: object) -> str:
        """A whole record in a few words: its main text, title or value."""
        if isinstance(record, models.Text):
            return self.quote(_short(self.t(record)))
        if isinstance(record, models.StatusEntry):
            return self.label(f"status-{record.status}") + (f" ({record.year})" if record.year else "")
        if isinstance(record, models.FigureValue):
            return localize.number(record.value, self.lang)
        for name in ("text", "title", "term", "label", "place", "name"):
            inner = getattr(record, name, None)
            if isinstance(inner, models.Text):
                return self.quote(_short(self.t(inner)))
        main = MAIN_FIELD.get(type(record)) if isinstance(record, BaseModel) else None
        if main:
            return self.value(getattr(record, main), (main,))
        return str(getattr(record, "id", record))

    def t(self, text: models.Text | None) -> str:
        return localize.text(text, self.lang)

    def label(self, key: str) -> str:
        return self.t(self.labels[key]) if key in self.labels else key

    def quote(self, text: str) -> str:
        return f"« {text} »" if self.lang == "fr" else f"“{text}”"

    def colon(self) -> str:
        return " : " if self.lang == "fr" else ": "


def diffs(old: BaseModel, new: BaseModel, skip: Sequence[str] = ()) -> list[Diff]:
    """Every field that differs between two records of one model; lists compared item by item; a text whole."""
    if isinstance(old, models.Text):
        return [Diff((), old, new)] if old != new else []
    return list(_fields(old, new, (), tuple(skip)))


def _fields(old: BaseModel, new: BaseModel, path: tuple[str | int, ...], skip: tuple[str, ...]) -> Iterator[Diff]:
    main = MAIN_FIELD.get(type(old))
    for name in type(old).model_fields:
        if name not in skip:
            step: tuple[str | int, ...] = () if name == main else (name,)
            yield from _diff(getattr(old, name), getattr(new, name), path + step, skip)


def _diff(old: object, new: object, path: tuple[str | int, ...], skip: tuple[str, ...]) -> Iterator[Diff]:
    if old == new:
        return
    whole = isinstance(old, (models.Text, *WHOLE))
    if isinstance(old, BaseModel) and isinstance(new, BaseModel) and type(old) is type(new) and not whole:
        yield from _fields(old, new, path, skip)
        return
    if isinstance(old, list) and isinstance(new, list) and old and new:
        yield from _diff_lists(old, new, path, skip)
        return
    yield Diff(path, old, new)


def _diff_lists(old: list[Any], new: list[Any], path: tuple[str | int, ...], skip: tuple[str, ...]) -> Iterator[Diff]:
    """Items matched as a reader would: unchanged ones stay put, an edited one is said as edited, not moved."""
    matcher = difflib.SequenceMatcher(None, [_key(item) for item in old], [_key(item) for item in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            yield from _diff(old[i1 + offset], new[j1 + offset], (*path, j1 + offset), skip)
        for item in old[i1 + paired : i2]:
            yield Diff(path, item, None)
        for item in new[j1 + paired : j2]:
            yield Diff(path, None, item)


def _key(item: object) -> str:
    return item.model_dump_json() if isinstance(item, BaseModel) else repr(item)


def _by_id(records: Sequence[models.Term]) -> dict[str, models.Term]:
    return {record.id: record for record in records}


def _excerpts(old: str, new: str) -> tuple[str, str]:
    """Both texts cut to the edit and some words around it: a one-word fix in a paragraph stays findable."""
    if len(old) <= 2 * EXCERPT and len(new) <= 2 * EXCERPT:
        return old, new
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    return _around(old, start, len(old) - end), _around(new, start, len(new) - end)


def _around(text: str, start: int, stop: int) -> str:
    """``text[start:stop]`` with up to ``EXCERPT`` characters each side, cut at a space, "…" where cut."""
    left, right = max(0, start - EXCERPT), min(len(text), stop + EXCERPT)
    if left > 0:
        left = text.find(" ", left, start) + 1 or left
    if right < len(text):
        right = text.rfind(" ", stop, right) if text.rfind(" ", stop, right) != -1 else right
    return ("…" if left > 0 else "") + text[left:right] + ("…" if right < len(text) else "")


def _short(text: str, limit: int = 2 * EXCERPT) -> str:
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit] + "…"


def _kilometres(old: models.CdmLocation, new: models.CdmLocation) -> float:
    """Great-circle distance between two map points (haversine, mean Earth radius 6,371 km)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (old.lat, old.lon, new.lat, new.lon))
    a = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(a))


def _title(markdown: str, path: str) -> str:
    """A page's title as its first heading gives it ("# Agenda { #top }" -> "Agenda"), else its file name."""
    for line in markdown.splitlines():
        if line.startswith("# "):
            return line[2:].split("{", 1)[0].strip()
    return path.rsplit("/", 1)[-1]


def _url(path: str) -> str:
    """``"en/agenda.md"`` -> ``"/en/agenda/"``: where the page is on the site."""
    lang, _, page = path.partition("/")
    return "/" + urls.page_path(urls.markdown_page(page), lang)


def _page_order(path: str) -> tuple[str, int]:
    """Each page's twins together, French (the original) first."""
    lang, _, page = path.partition("/")
    return page, models.LANGUAGES.index(lang) if lang in models.LANGUAGES else len(models.LANGUAGES)


def _changed_lines(old: str, new: str) -> int:
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def _menu_block(root: Path) -> tuple[str, str]:
    """mkdocs.yml split into its ``nav:`` block (up to the next top-level key) and the rest of the file."""
    config = root / CONFIG
    text = config.read_text(encoding="utf-8") if config.is_file() else ""
    found = re.search(r"^nav:.*\n(?:(?:[ #].*)?\n)*", text, re.MULTILINE)
    if not found:
        return "", text
    return found.group(0), text[: found.start()] + text[found.end() :]


def _without_menu(root: Path) -> str:
    return _menu_block(root)[1]


def _menu(root: Path) -> list[str]:
    """The page files of the site's menu, in its order ("index.md", "network.md"…), sections flattened."""
    block, _ = _menu_block(root)
    try:
        entries = (yaml.safe_load(block) or {}).get("nav") or []
    except yaml.YAMLError:
        return []  # the build says what is wrong with it

    def pages(entry: object) -> Iterator[str]:
        if isinstance(entry, str):
            yield entry
        elif isinstance(entry, dict):
            for value in entry.values():
                yield from pages(value)
        elif isinstance(entry, list):
            for item in entry:
                yield from pages(item)

    return [page for page in pages(entries) if page.endswith(".md")]


def _project_files(root: Path) -> set[str]:
    """The project's files: what git tracks or would add (its ignore rules), else all but tools, builds, caches."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=root, capture_output=True
    )
    if listed.returncode == 0 and (root / ".git").exists():
        return {name for name in listed.stdout.decode().split("\0") if name and (root / name).is_file()}
    files = set()
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = [name for name in subfolders if name not in NOT_PROJECT and not name.startswith(".site-")]
        files |= {(Path(folder) / name).relative_to(root).as_posix() for name in names}
    return files


def _escape(text: str) -> str:
    """Plain text in Markdown: data may hold * _ [ ] < > | ` # that GitHub would read as markup."""
    for character in "\\`*_[]<>|#":
        text = text.replace(character, "\\" + character)
    return text
