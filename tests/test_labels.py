"""One way to read a label, and the labels the site needs found in its templates and code (issue 24)."""

from __future__ import annotations

from pathlib import Path

import yaml

from ricdm import network_map
from ricdm.blocks import PROFILE_LISTS
from ricdm.labels import BY_NAME, FAMILIES, keys_written, label, required_labels, written_in_code
from ricdm.models import Text

ROOT = Path(__file__).resolve().parent.parent


def test_keys_and_prefixes_are_read_from_templates_and_python() -> None:
    source = """
    {{ v.label('status') }} {{ v.label("decade", decade=key) }} {{ v.label('status-' ~ entry.status) }}
    {{ ricdm_label("not-found-title", lang) }} label(data.labels, f"status-{x}", lang) data.labels["qual-" + q]
    label(data.labels, "seo-founded", lang, year=1) {{ v.label(key) }}
    """
    keys, prefixes = keys_written(source)
    assert keys == {"status", "decade", "not-found-title", "seo-founded"}
    assert prefixes == {"status-", "qual-"}


def test_every_prefix_the_code_builds_keys_from_is_known() -> None:
    _keys, prefixes = written_in_code()
    assert prefixes - {"map-"} <= set(FAMILIES), "a new 'prefix-' ~ value in a template: list its values in FAMILIES"
    assert {"status-", "qual-", "data-changed-", "opendata-", "dataset-"} <= prefixes


def test_keys_passed_by_name_are_the_codes() -> None:
    profile = {name.replace("_", "-") for name in PROFILE_LISTS}
    insets = {f"map-{inset.key}" for inset in network_map.FRAMES if not inset.key.isupper()}
    passed = set(BY_NAME) - profile - insets  # keys a module hands on in a variable: each written in it, quoted
    code = "".join((ROOT / "ricdm" / name).read_text(encoding="utf-8") for name in ("build.py", "workbook.py"))
    assert passed and all(f'"{key}"' in code for key in passed), passed
    assert profile | insets <= set(BY_NAME)


def test_every_required_label_is_in_the_labels_file_and_used() -> None:
    from conftest import PROJECT

    labels = yaml.safe_load((PROJECT / "data" / "labels.yaml").read_text(encoding="utf-8"))["labels"]
    required = set(required_labels())
    assert required <= set(labels), sorted(required - set(labels))
    optional = {key for key in labels if key.startswith("map-")}  # an inset's label, used where there is one
    assert set(labels) - required - optional == set(), "labels no template or code reads"


def test_placeholders_are_filled_by_name() -> None:
    labels = {"stage-since": Text(fr="{stage} depuis {date}", en="{stage} since {date}")}
    assert label(labels, "stage-since", "en", stage="Pilot phase", date="April 2022") == "Pilot phase since April 2022"
    assert (
        label(labels, "stage-since", "fr", stage="Préfiguration", date="avril 2022")
        == "Préfiguration depuis avril 2022"
    )


def test_the_code_reads_one_label_through_labels_label_only() -> None:
    """A label's text in one language is read by ``labels.label`` alone (cite, workbook and localize used their own).

    A module that needs a label in both languages takes its ``Text`` (``data.labels[key]``); one that needs the
    text in one language calls ``label(labels, key, lang)``, never ``text(labels[key], lang)`` or ``getattr`` on it.
    """
    import re

    own_way = re.compile(r"\btext\(\s*(?:[\w.]+\.)?labels\[|getattr\(\s*(?:[\w.]+\.)?labels\[[^\]]+\],\s*lang\)")
    assert own_way.search("localize.text(data.labels[key], lang)") and own_way.search("text(labels['q'], lang)")
    found = [
        f"{path.name}: {match[0]}"
        for path in sorted((ROOT / "ricdm").glob("*.py"))
        if path.name != "labels.py"
        for match in own_way.finditer(path.read_text(encoding="utf-8"))
    ]
    assert not found, found
