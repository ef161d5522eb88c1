"""Layout of the network map: Europe, then insets for the Paris region, the overseas CDMs and the DRC project.

Each CDM is drawn once, in the first frame that holds its point, so no two links sit on top of each other.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

from . import geo, models
from .cache import DiskCache, code_version, fingerprint
from .dataset import Dataset

WIDTH = 640
GAP = 10

_EUROPE = geo.Frame(west=-10.5, east=19.5, south=37, north=53.5, width=WIDTH)
_INSET_WIDTH = (WIDTH - 4 * GAP) / 5
INSETS: tuple[tuple[str, geo.Frame], ...] = (
    ("paris-region", geo.Frame(west=1.75, east=2.85, south=48.55, north=49.15, width=_INSET_WIDTH)),
    ("GP", geo.Frame(west=-61.9, east=-60.95, south=15.8, north=16.55, width=_INSET_WIDTH)),
    ("RE", geo.Frame(west=55.15, east=55.9, south=-21.45, north=-20.8, width=_INSET_WIDTH)),
    ("YT", geo.Frame(west=44.9, east=45.4, south=-13.05, north=-12.6, width=_INSET_WIDTH)),
    ("CD", geo.Frame(west=11, east=32, south=-14, north=6, width=_INSET_WIDTH)),
)
"""Insets in reading order; a key of two capitals is a territory Babel names, the others are labels."""


@dataclass(frozen=True)
class MapPoint:
    cdm: models.Cdm
    place: models.CdmLocation
    x: float
    y: float


@dataclass(frozen=True)
class TownDot:
    """One dot of the map and the CDMs it stands for: one town, however many CDMs it holds."""

    spot: tuple[int, int]
    points: tuple[MapPoint, ...]

    @property
    def first(self) -> MapPoint:
        return self.points[0]


@dataclass(frozen=True)
class Panel:
    """One frame placed in the SVG: its shapes, its points, where it sits."""

    key: str
    x: float
    y: float
    width: float
    height: float
    shapes: tuple[tuple[str, bool], ...]
    """(path data, holds a CDM) per country."""
    points: tuple[MapPoint, ...]
    marks: tuple[tuple[str, float, float, float, float], ...] = ()
    """Outlines of the insets that sit inside this frame (key, x, y, width, height)."""

    @cached_property
    def towns(self) -> tuple[TownDot, ...]:
        """The panel's CDMs by dot, to the whole unit: several CDMs in one town are one dot.

        The profiles' small maps and the home's map draw these, so neither grows with the network (a dot per CDM
        on every profile would make the build quadratic).
        """
        grouped: dict[tuple[int, int], list[MapPoint]] = {}
        for point in self.points:
            grouped.setdefault((round(point.x), round(point.y)), []).append(point)
        return tuple(TownDot(spot, tuple(points)) for spot, points in grouped.items())

    @cached_property
    def places(self) -> frozenset[tuple[int, int]]:
        """Where the panel's dots are: what a profile's small map draws."""
        return frozenset(town.spot for town in self.towns)


@dataclass(frozen=True)
class NetworkMap:
    width: float
    height: float
    panels: tuple[Panel, ...]
    unplaced: tuple[models.Cdm, ...]
    """CDMs with no entry in data/locations.yaml, or a point outside every frame: listed, never guessed."""


FRAMES = (*INSETS, ("europe", _EUROPE))
"""Every frame, in the order a point is tried: an inset before Europe, which contains some of them."""


def frame_of(place: models.CdmLocation | None) -> str | None:
    """The frame that draws this point; None when it has no point or the point lies outside every frame."""
    if place is None:
        return None
    return next((key for key, frame in FRAMES if frame.contains(place.lon, place.lat)), None)


def network_map(data: Dataset) -> NetworkMap:
    """The layout for this dataset, computed once: it does not depend on the page's language."""
    return data.derived(_layout)


def _layout(data: Dataset) -> NetworkMap:
    """Place every located CDM in its frame and lay the frames out: Europe on top, the insets in a row below."""
    chosen: dict[str, list[tuple[models.Cdm, models.CdmLocation]]] = {key: [] for key, _ in FRAMES}
    unplaced = []
    for cdm in sorted(data.cdms, key=lambda item: item.name.fr.lower()):
        place = data.locations.get(cdm.id)
        key = frame_of(place)
        if key is None or place is None:
            unplaced.append(cdm)
        else:
            chosen[key].append((cdm, place))
    located = {(place.lon, place.lat) for members in chosen.values() for _, place in members}
    outlines, occupied = _geometry(located, _shapes(data), data.cache)
    europe = _panel("europe", _EUROPE, 0, 0, chosen["europe"], outlines["europe"], occupied)
    marks = []
    for key, frame in INSETS:
        if _EUROPE.contains(frame.west, frame.south) and _EUROPE.contains(frame.east, frame.north):
            (left, bottom), (right, top) = (
                _EUROPE.project(frame.west, frame.south),
                _EUROPE.project(frame.east, frame.north),
            )
            marks.append((key, round(left, 1), round(top, 1), round(right - left, 1), round(bottom - top, 1)))
    europe = replace(europe, marks=tuple(marks))
    row_top = europe.height + GAP
    insets = [
        _panel(key, frame, index * (_INSET_WIDTH + GAP), row_top, chosen[key], outlines[key], occupied)
        for index, (key, frame) in enumerate(INSETS)
    ]
    height = row_top + max(panel.height for panel in insets)
    return NetworkMap(WIDTH, round(height, 1), (europe, *insets), tuple(unplaced))


def _panel(
    key: str,
    frame: geo.Frame,
    x: float,
    y: float,
    members: list[tuple[models.Cdm, models.CdmLocation]],
    outlines: tuple[tuple[str, str], ...],
    occupied: frozenset[str],
) -> Panel:
    shapes = tuple((path, country_id in occupied) for country_id, path in outlines)
    points = tuple(MapPoint(cdm, place, *_rounded(frame.project(place.lon, place.lat))) for cdm, place in members)
    return Panel(key, round(x, 1), round(y, 1), round(frame.width, 1), frame.height, shapes, points)


Outlines = dict[str, tuple[tuple[str, str], ...]]
"""(country id, SVG path data) per frame key."""


def _geometry(located: set[tuple[float, float]], shapes: Path, cache: DiskCache) -> tuple[Outlines, frozenset[str]]:
    """Country outlines per frame and the countries holding a CDM: the costly part, cached on disk.

    It depends only on the shapes file, the CDM coordinates and this code, which is what the key hashes.
    """
    key = fingerprint(code_version(), shapes.read_bytes(), repr(sorted(located)))
    cached = cache.load("map", key)
    if isinstance(cached, tuple) and len(cached) == 2:
        return cached
    countries = geo.countries(shapes)
    outlines = {
        key: tuple((country.id, path) for country, path in geo.country_paths(frame, countries))
        for key, frame in (*INSETS, ("europe", _EUROPE))
    }
    result = (outlines, frozenset(_occupied(located, countries)))
    cache.store("map", key, result)
    return result


def _shapes(data: Dataset) -> Path:
    """The shapes file the build found from its project root (``checks.checked_dataset``), before any page.

    A Dataset loaded on its own (tests, scripts) draws with the shapes of the project this package sits in.
    """
    return data.shapes or geo.shapes_path(Path(__file__).resolve().parents[1])


def _rounded(point: geo.Point) -> tuple[float, float]:
    return round(point[0], 1), round(point[1], 1)


def _occupied(located: set[tuple[float, float]], countries: tuple[geo.Country, ...]) -> set[str]:
    """Ids of the countries that hold at least one CDM: rings tested only where their box holds the point."""
    occupied = set()
    for country in countries:
        rings = [(ring, _box(ring)) for ring in country.rings]
        for lon, lat in located:
            boxed = [
                ring for ring, (west, south, east, north) in rings if west <= lon <= east and south <= lat <= north
            ]
            if boxed and _inside(lon, lat, boxed):
                occupied.add(country.id)
                break
    return occupied


def _box(ring: tuple[geo.Point, ...]) -> tuple[float, float, float, float]:
    lons, lats = [lon for lon, _ in ring], [lat for _, lat in ring]
    return min(lons), min(lats), max(lons), max(lats)


def _inside(lon: float, lat: float, rings: list[tuple[geo.Point, ...]]) -> bool:
    """Even–odd ray casting over the rings whose box holds the point (a hole's box lies within its outer ring's)."""
    inside = False
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


@dataclass(frozen=True)
class Frame:
    """What a profile's small map draws of its panel: the frame, the countries, every CDM's dot.

    All a profile is given of the map, so a digest of it says whether a profile's map changed (``ricdm.pages``).
    """

    width: float
    height: float
    shapes: tuple[tuple[str, bool], ...]
    places: frozenset[tuple[int, int]]

    @cached_property
    def digest(self) -> str:
        return fingerprint(repr((self.width, self.height, self.shapes, sorted(self.places))))


def spots(data: Dataset) -> dict[str, tuple[Frame, MapPoint]]:
    """Each placed CDM's frame and point, by CDM id, for the small map of its profile (an index: linear build)."""
    return data.derived(_spots)


def _spots(data: Dataset) -> dict[str, tuple[Frame, MapPoint]]:
    found = {}
    for panel in network_map(data).panels:
        frame = Frame(panel.width, panel.height, panel.shapes, panel.places)
        found.update({point.cdm.id: (frame, point) for point in panel.points})
    return found
