"""``./staff locate Lyon --country FR``: a town looked up offline in the pinned gazetteer, as lines to paste.

When several towns share the name, a numbered list, largest first: typed at a terminal, staff answer with the
number; otherwise the command says how to run it again with ``--pick N``. The entry says ``chosen_by: editors``:
a gazetteer cannot know whether the report names the town, so staff change it to ``report`` only after reading it.
"""

from __future__ import annotations

import sys

from . import places


def locate_town(name: str, country: str | None, cdm_id: str, pick: int | None, program: str) -> int:
    """Print the entry for data/locations.yaml; exit 1 when no town, or no choice among several, was made."""
    where = f" in {country}" if country else ""
    towns = places.search(name, country)
    if not towns:
        print(
            f"No town named {name!r}{where} in the GeoNames gazetteer (towns of 500 inhabitants or more) — "
            "check the spelling, or try the name in the local language",
            file=sys.stderr,
        )
        return 1
    if len(towns) > 1 and not (pick and 1 <= pick <= len(towns)):
        print(f"{len(towns)} towns named {name!r}{where}, largest first:")
        for number, town in enumerate(towns, 1):
            print(
                f"  {number}. {town.name} ({town.country}), {town.population:,} inhabitants, "
                f"lat {town.lat}, lon {town.lon}, GeoNames {town.geonameid}"
            )
        pick = _ask(len(towns)) if sys.stdin.isatty() else None
        if pick is None:
            country_option = f" --country {country}" if country else ""
            print(f'Run again with the number of the right one: {program} locate "{name}"{country_option} --pick 1')
            return 1
    town = towns[(pick or 1) - 1]
    print(f"# {town.name} ({town.country}), GeoNames {town.geonameid}: paste under locations: in data/locations.yaml")
    print(places.location_lines(town, cdm_id), end="", flush=True)
    print(
        "# chosen_by: editors — the town is your choice until you read it in the report: add a note (fr, en) saying\n"
        "# what the report names and why this town. Only if the report names this town for this CDM: chosen_by: report,"
        " no note.",
        file=sys.stderr,
    )
    return 0


def _ask(count: int) -> int | None:
    try:
        answer = input(f"Number of the right town (1-{count}, Enter to stop): ").strip()
    except EOFError:
        return None
    return int(answer) if answer.isdigit() and 1 <= int(answer) <= count else None
