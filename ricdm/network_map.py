"""Layout of the network map: Europe, insets that enlarge its crowded parts, insets for the CDMs beyond it.

Each town is one dot, drawn in the most enlarged frame that holds it; an enlarged frame is outlined on the frame
that holds it, and the outline leads to it. Towns still too close to tell apart on the narrowest phone share one
dot (``map_layout.crowded``). Where each tap target and name goes is ``map_layout``'s work.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal, TypeGuard

from . import geo, inputs, localize, map_layout, models
from .cache import DiskCache
from .dataset import Dataset
from .map_layout import Box, Placed, Wish

PHONE = 328.0
"""The narrowest width, px, at which Europe and its enlarged parts are shown: a 360 px phone less its margins.
A panel's tap targets and names are laid out at its narrowest width and hold at every wider one (``map_layout``)."""
BEYOND = 156.0
"""The narrowest width, px, of an inset beyond Europe: two side by side on that phone (the gap is 15 px)."""
MINIMAP = 240.0
"""The width, px, of a profile's small map."""
COAST = 0.2
"""How far, in degrees, a coastal town may lie from its country's outline (the shapes are simplified at 1:50m)."""
MAIN_ASPECT = 1.1
BEYOND_ASPECT = 4 / 3
"""Panels in one row share one aspect (width / height), so the row has one height on every screen."""

Row = Literal["main", "beyond"]
"""Europe and its enlarged parts, then the CDMs beyond Europe: each row reflows in as many columns as fit."""


@dataclass(frozen=True)
class Inset:
    """A frame of the map, the row it is shown in and the narrowest width it is shown at."""

    key: str
    """An inset's key of two capitals is a territory Babel names; other keys name labels (``map-<key>``)."""
    frame: geo.Frame
    row: Row
    narrowest: float


def _main(key: str, west: float, east: float, south: float, north: float, width: float = 400) -> Inset:
    return Inset(key, geo.Frame.fitted(west, east, south, north, width, MAIN_ASPECT), "main", PHONE)


def _beyond(key: str, west: float, east: float, south: float, north: float) -> Inset:
    return Inset(key, geo.Frame.fitted(west, east, south, north, 200, BEYOND_ASPECT), "beyond", BEYOND)


EUROPE = _main("europe", -10.5, 19.5, 36, 54, width=640)
FRAMES: tuple[Inset, ...] = (
    _main("paris", 1.65, 3.05, 48.65, 49.49),
    _main("belgium", 2.6, 6.1, 50.2, 51.8),
    _main("switzerland", 5.6, 9.9, 44.85, 47.95),
    _beyond("GP", -61.85, -61.0, 15.82, 16.52),
    _beyond("RE", 55.2, 55.85, -21.42, -20.84),
    _beyond("YT", 44.95, 45.32, -13.02, -12.62),
    _beyond("CD", 11.8, 31.6, -13.6, 5.6),
    EUROPE,
)
"""Every frame, most enlarged first: a point is drawn in the first that holds it."""


@dataclass(frozen=True)
class MapPoint:
    cdm: models.Cdm
    place: models.CdmLocation
    x: float
    y: float
    """Where its frame draws it, in the frame's drawing units."""
    country: str | None
    """The id of the country shape that holds it (None: a coast the shapes leave in the sea)."""


@dataclass(frozen=True)
class Dot:
    """One tap target on a panel: a town and the CDMs in it, or several towns too close to tell apart."""

    points: tuple[MapPoint, ...]
    """Every CDM it stands for, by name."""
    name: models.Text
    """Its town, or its towns."""
    placed: Placed

    @property
    def anchor(self) -> str:
        """Its entry in the directory map's list, where a dot that stands for several CDMs leads."""
        return f"map-{self.points[0].place.geonameid}"


@dataclass(frozen=True)
class Mark:
    """The outline of an enlarged inset on the frame that holds it: a link to that inset."""

    key: str
    name: models.Text
    box: tuple[float, float, float, float]
    """Left, top, width, height in percent of the panel."""
    placed: Placed | None
    """None: it would lie on a dot's target, so it is drawn but leads nowhere."""


@dataclass(frozen=True)
class Panel:
    """One frame as drawn: its shapes, its dots and outlines, its row and size."""

    key: str
    row: Row
    name: models.Text
    """The frame's full name: the list and the screen readers."""
    short: models.Text
    """The name the drawing has room for (the outlines, the insets beyond Europe)."""
    width: float
    height: float
    """In drawing units (the SVG's viewBox); it is shown at ``narrowest`` px or wider, with the same aspect."""
    narrowest: float
    shapes: tuple[tuple[str, str], ...]
    """(country id, path data) per country."""
    members: frozenset[str]
    """Ids of the countries that hold a CDM."""
    dots: tuple[Dot, ...]
    marks: tuple[Mark, ...]

    @property
    def points(self) -> tuple[MapPoint, ...]:
        return tuple(point for dot in self.dots for point in dot.points)

    @property
    def heading(self) -> models.Text:
        """What is written under it: the short name beyond Europe, where panels are narrow."""
        return self.short if self.row == "beyond" else self.name


@dataclass(frozen=True)
class NetworkMap:
    panels: tuple[Panel, ...]
    unplaced: tuple[models.Cdm, ...]
    """CDMs with no entry in data/locations.yaml, or a point outside every frame: listed, never guessed."""

    def row(self, row: Row) -> tuple[Panel, ...]:
        return tuple(panel for panel in self.panels if panel.row == row)

    def panel(self, key: str) -> Panel:
        return next(panel for panel in self.panels if panel.key == key)


def frame_of(place: models.CdmLocation | None) -> str | None:
    """The frame that draws this point; None when it has no point or the point lies outside every frame."""
    if place is None:
        return None
    return next((inset.key for inset in FRAMES if inset.frame.contains(place.lon, place.lat)), None)


def network_map(data: Dataset) -> NetworkMap:
    """The layout for this dataset, computed once: the same in both languages (names get room for either)."""
    return data.derived(_layout)


def _layout(data: Dataset) -> NetworkMap:
    """Place every located CDM in its frame, then lay each frame's dots, outlines and names out."""
    chosen: dict[str, list[tuple[models.Cdm, models.CdmLocation]]] = {inset.key: [] for inset in FRAMES}
    unplaced = []
    for cdm in sorted(data.cdms, key=lambda item: item.name.fr.lower()):
        place = data.locations.get(cdm.id)
        key = frame_of(place)
        if key is None or place is None:
            unplaced.append(cdm)
        else:
            chosen[key].append((cdm, place))
    located = {(place.lon, place.lat) for members in chosen.values() for _, place in members}
    outlines, holders = _geometry(located, _shapes(data), data.cache)
    panels = tuple(
        _panel(data, inset, chosen[inset.key], outlines[inset.key], holders)
        for inset in (EUROPE, *(inset for inset in FRAMES if inset is not EUROPE))
    )
    return NetworkMap(panels, tuple(unplaced))


def _names(data: Dataset, key: str) -> tuple[models.Text, models.Text]:
    """A frame's full name and the short one drawings use.

    The labels ``map-<key>`` and ``map-<key>-short``; or Babel's name of a territory, shortened by a ``map-<key>``
    label where it is long (``map-cd``: "DR Congo").
    """
    labels = data.labels
    if key.isupper():
        full = models.Text(fr=localize.country(key, "fr"), en=localize.country(key, "en"))
        return full, labels.get(f"map-{key.lower()}", full)
    return labels[f"map-{key}"], labels.get(f"map-{key}-short", labels[f"map-{key}"])


def _panel(
    data: Dataset,
    inset: Inset,
    members: list[tuple[models.Cdm, models.CdmLocation]],
    outlines: tuple[tuple[str, str], ...],
    holders: dict[tuple[float, float], str],
) -> Panel:
    """One frame: its towns as dots, the outlines of the insets it holds, each with its tap target and name."""
    frame = inset.frame
    scale = inset.narrowest / frame.width
    width, height = inset.narrowest, frame.height * scale
    groups = _dots(frame, members, holders, width, height, scale)
    dot_names = [_town_names(group) for group in groups]
    marks = [other for other in FRAMES if _container(other) is inset]
    mark_names = [_names(data, other.key)[1] for other in marks]
    outlines_px = [_outline(frame, other.frame, scale) for other in marks]
    wishes = [Wish(_spot(group[0], scale), _room(name, group)) for group, name in zip(groups, dot_names, strict=True)]
    wishes += [Wish(box, map_layout.name_width((n.fr, n.en))) for box, n in zip(outlines_px, mark_names, strict=True)]
    placed = map_layout.lay_out(width, height, wishes)  # dots first: an outline never takes a dot's place
    dots = []
    for group, name, done in zip(groups, dot_names, placed, strict=False):
        assert done is not None, "dots were grouped so that no two targets meet"
        dots.append(Dot(tuple(group), name, done))
    drawn_marks = tuple(
        Mark(other.key, name, map_layout.percent(box, width, height), done)
        for other, name, box, done in zip(marks, mark_names, outlines_px, placed[len(groups) :], strict=True)
    )
    full, short = _names(data, inset.key)
    return Panel(
        inset.key,
        inset.row,
        full,
        short,
        frame.width,
        frame.height,
        inset.narrowest,
        outlines,
        frozenset(holders.values()),
        tuple(dots),
        drawn_marks,
    )


def _dots(
    frame: geo.Frame,
    members: list[tuple[models.Cdm, models.CdmLocation]],
    holders: dict[tuple[float, float], str],
    width: float,
    height: float,
    scale: float,
) -> list[list[MapPoint]]:
    """The frame's CDMs by dot: one per town, towns too close on the narrowest phone together; in reading order."""
    towns: dict[int, list[MapPoint]] = {}
    for cdm, place in members:
        x, y = frame.project(place.lon, place.lat)
        country = holders.get((place.lon, place.lat))
        towns.setdefault(place.geonameid, []).append(MapPoint(cdm, place, round(x, 1), round(y, 1), country))
    found = list(towns.values())
    spots = [(town[0].x * scale, town[0].y * scale) for town in found]
    groups = [
        sorted((point for index in indexes for point in found[index]), key=lambda point: point.cdm.name.fr.lower())
        for indexes in map_layout.crowded(width, height, spots)
    ]
    return sorted(groups, key=lambda group: (group[0].y, group[0].x))


def _town_names(points: list[MapPoint]) -> models.Text:
    """A dot's name: its town, or its towns joined."""
    towns = list({point.place.geonameid: point.place.place for point in points}.values())
    if len(towns) == 1:
        return towns[0]
    return models.Text(fr=", ".join(town.fr for town in towns), en=", ".join(town.en for town in towns))


def _room(name: models.Text, points: list[MapPoint]) -> float:
    """The room a dot's drawn name needs: its town, and how many CDMs it holds when more than one ("Paris (3)")."""
    count = f" ({len(points):,})" if len(points) > 1 else ""
    return map_layout.name_width((name.fr + count, name.en + count))


def _container(inset: Inset) -> Inset | None:
    """The frame an enlarged inset is outlined on: the most enlarged other frame that holds all of it."""
    holders = [other for other in FRAMES if other is not inset and other.frame.holds(inset.frame)]
    return holders[0] if holders else None


def _spot(point: MapPoint, scale: float) -> Box:
    """A dot's point, px at the narrowest width."""
    return Box(point.x * scale, point.y * scale, point.x * scale, point.y * scale)


def _outline(frame: geo.Frame, inner: geo.Frame, scale: float) -> Box:
    """An inner frame's outline on ``frame``, px at the narrowest width."""
    (left, bottom), (right, top) = frame.project(inner.west, inner.south), frame.project(inner.east, inner.north)
    return Box(left * scale, top * scale, right * scale, bottom * scale)


Outlines = dict[str, tuple[tuple[str, str], ...]]
"""(country id, SVG path data) per frame key."""


def _geometry(
    located: set[tuple[float, float]], shapes: Path, cache: DiskCache
) -> tuple[Outlines, dict[tuple[float, float], str]]:
    """Country outlines per frame and the country that holds each point: the costly part, kept in the build cache.

    It reads only the shapes file and the CDM coordinates (and the code, which ``inputs.key`` adds).
    """

    def make() -> tuple[Outlines, dict[tuple[float, float], str]]:
        countries = geo.countries(shapes)
        outlines = {
            inset.key: tuple((country.id, path) for country, path in geo.country_paths(inset.frame, countries))
            for inset in FRAMES
        }
        return outlines, _holders(located, countries)

    return cache.kept("map", (shapes.read_bytes(), repr(sorted(located))), make, _is_geometry)


def _is_geometry(value: object) -> TypeGuard[tuple[Outlines, dict[tuple[float, float], str]]]:
    return isinstance(value, tuple) and len(value) == 2 and isinstance(value[0], dict) and isinstance(value[1], dict)


def _shapes(data: Dataset) -> Path:
    """The shapes file the build found from its project root (``checks.checked_dataset``), before any page.

    A Dataset loaded on its own (tests, scripts) draws with the shapes of the project this package sits in.
    """
    return data.shapes or geo.shapes_path(Path(__file__).resolve().parents[1])


def _holders(located: set[tuple[float, float]], countries: tuple[geo.Country, ...]) -> dict[tuple[float, float], str]:
    """The id of the country that holds each point: rings tested only where their box holds the point.

    A coastal town the shapes leave in the sea (Cascais at 1:50m) belongs to the country whose outline passes
    nearest, within ``COAST`` degrees.
    """
    found = {}
    for country in countries:
        rings = [(ring, _box(ring)) for ring in country.rings]
        for lon, lat in located:
            boxed = [
                ring for ring, (west, south, east, north) in rings if west <= lon <= east and south <= lat <= north
            ]
            if boxed and _inside(lon, lat, boxed):
                found[(lon, lat)] = country.id
    for lon, lat in located - set(found):
        near = [
            (math.hypot(lon - x, lat - y), country.id)
            for country in countries
            for ring in country.rings
            for x, y in ring
            if abs(lon - x) < COAST and abs(lat - y) < COAST
        ]
        if near:
            found[(lon, lat)] = min(near)[1]
    return found


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
class Minimap:
    """A profile's small map: its CDM's frame, the country that holds it, its dot and its town's name.

    All a profile is given of the map, so a digest of it says whether a profile's map changed (``ricdm.pages``);
    it reads no other CDM, so an edit elsewhere leaves it alone.
    """

    width: float
    height: float
    shapes: tuple[tuple[str, str], ...]
    country: str | None
    point: MapPoint
    placed: Placed
    narrowest: float = MINIMAP

    @cached_property
    def digest(self) -> str:
        drawn = (self.width, self.height, self.shapes, self.country, self.point.x, self.point.y, self.placed)
        return inputs.digest(repr(drawn))


def minimaps(data: Dataset) -> dict[str, Minimap]:
    """Each placed CDM's small map, by CDM id (an index: linear build)."""
    return data.derived(_minimaps)


def _minimaps(data: Dataset) -> dict[str, Minimap]:
    """A CDM's small map is the frame that shows where its country is: Europe for an enlarged part of it."""
    drawing = network_map(data)
    found = {}
    for panel in drawing.panels:
        inset = next(inset for inset in FRAMES if inset.key == panel.key)
        outer = _outermost(inset)
        whole = drawing.panel(outer.key)
        scale = MINIMAP / whole.width
        width, height = MINIMAP, whole.height * scale
        for point in panel.points:
            x, y = outer.frame.project(point.place.lon, point.place.lat)
            where = MapPoint(point.cdm, point.place, round(x, 1), round(y, 1), point.country)
            dot = _spot(where, scale)
            room = map_layout.name_width((point.place.place.fr, point.place.place.en))
            (placed,) = map_layout.lay_out(width, height, [Wish(dot, room)])
            assert placed is not None, "a lone dot always has its place"
            found[point.cdm.id] = Minimap(whole.width, whole.height, whole.shapes, point.country, where, placed)
    return found


def _outermost(inset: Inset) -> Inset:
    container = _container(inset)
    return inset if container is None else _outermost(container)
