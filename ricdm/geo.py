"""Country shapes for the network map: Natural Earth (npm ``world-atlas``) read at build time, never fetched.

The TopoJSON is decoded, projected (Mercator), clipped to each map frame and simplified, so the page carries
a few kilobytes of SVG path data instead of the 750 kB source.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import DataError

SHAPES = Path("node_modules") / "world-atlas" / "countries-50m.json"
"""Natural Earth 1:50m countries, pinned in package.json; 1:50m is the coarsest scale that keeps Mayotte."""

Point = tuple[float, float]


def shapes_path(root: Path) -> Path:
    """The pinned TopoJSON as ``npm ci`` installs it in the project folder ``root``."""
    return root / SHAPES


def missing_shapes(root: Path) -> list[DataError]:
    """An error, before any page renders, when the project has no map shapes: with the command that installs them."""
    if shapes_path(root).is_file():
        return []
    problem = "missing: the network map's country shapes are not installed"
    return [DataError(SHAPES.as_posix(), 0, "", problem, "run `npm ci` in the project folder (scripts/setup.sh does)")]


@dataclass(frozen=True)
class Country:
    """One country's rings in longitude/latitude, and its ISO numeric id."""

    id: str
    name: str
    rings: tuple[tuple[Point, ...], ...]


@cache
def countries(path: Path) -> tuple[Country, ...]:
    """Decode a TopoJSON file (quantized, delta-encoded arcs) into plain rings."""
    topology = json.loads(path.read_text(encoding="utf-8"))
    (scale_x, scale_y), (shift_x, shift_y) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale_x + shift_x, y * scale_y + shift_y))
        arcs.append(points)

    def ring(indexes: list[int]) -> tuple[Point, ...]:
        points: list[Point] = []
        for index in indexes:
            part = arcs[index] if index >= 0 else arcs[~index][::-1]
            points.extend(part[1:] if points else part)
        return tuple(points)

    result = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
        rings = tuple(ring(indexes) for polygon in polygons for indexes in polygon)
        result.append(Country(str(geometry.get("id", "")), geometry["properties"].get("name", ""), rings))
    return tuple(result)


def mercator(lon: float, lat: float) -> Point:
    return math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _latitude(y: float) -> float:
    """The latitude of a Mercator ``y``: ``mercator``'s inverse."""
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


@dataclass(frozen=True)
class Frame:
    """A rectangle of the world drawn into a rectangle of the SVG (the main map or an inset)."""

    west: float
    east: float
    south: float
    north: float
    width: float
    """Pixel width; the height follows from the projection."""

    @property
    def height(self) -> float:
        return round(self.width * (self._top - self._bottom) / (self._right - self._left), 1)

    @property
    def _left(self) -> float:
        return mercator(self.west, 0)[0]

    @property
    def _right(self) -> float:
        return mercator(self.east, 0)[0]

    @property
    def _top(self) -> float:
        return mercator(0, self.north)[1]

    @property
    def _bottom(self) -> float:
        return mercator(0, self.south)[1]

    @classmethod
    def fitted(cls, west: float, east: float, south: float, north: float, width: float, aspect: float) -> Frame:
        """The smallest frame around this box whose width is ``aspect`` times its height, the box in its middle.

        Insets drawn side by side share one aspect, so a row of them has one height.
        """
        (left, bottom), (right, top) = mercator(west, south), mercator(east, north)
        if right - left < aspect * (top - bottom):
            middle, half = (left + right) / 2, aspect * (top - bottom) / 2
            west, east = math.degrees(middle - half), math.degrees(middle + half)
        else:
            middle, half = (bottom + top) / 2, (right - left) / aspect / 2
            south, north = _latitude(middle - half), _latitude(middle + half)
        return cls(west=west, east=east, south=south, north=north, width=width)

    def contains(self, lon: float, lat: float) -> bool:
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def holds(self, other: Frame) -> bool:
        """The whole of ``other`` lies in this frame (its outline can be drawn here)."""
        return self.contains(other.west, other.south) and self.contains(other.east, other.north)

    def project(self, lon: float, lat: float) -> Point:
        x, y = mercator(lon, lat)
        factor = self.width / (self._right - self._left)
        return (x - self._left) * factor, (self._top - y) * factor


def country_paths(frame: Frame, shapes: Iterable[Country], tolerance: float = 0.6) -> list[tuple[Country, str]]:
    """Each country that shows in the frame, as SVG path data clipped to it and simplified to ``tolerance`` px."""
    margin = 2.0
    box = (-margin, -margin, frame.width + margin, frame.height + margin)
    paths = []
    for country in shapes:
        parts = []
        for ring in country.rings:
            if not _may_show(ring, frame):
                continue
            projected = [frame.project(lon, lat) for lon, lat in ring]
            clipped = _clip(projected, box)
            simplified = _simplify(clipped, tolerance)
            if len(simplified) >= 3 and abs(_area(simplified)) >= tolerance * tolerance:
                parts.append(_path(simplified))
        if parts:
            paths.append((country, "".join(parts)))
    return paths


def _path(points: list[Point]) -> str:
    """SVG path data for a ring: the first point, then each step from the one before, to a tenth of a unit.

    Steps are a third shorter than coordinates (a fifth once compressed); they are taken between rounded points,
    so rounding never adds up along a coastline.
    """
    tenths = [(round(x * 10), round(y * 10)) for x, y in points]
    steps = [f"M{_tenths(tenths[0][0])} {_tenths(tenths[0][1])}"]
    for (x1, y1), (x2, y2) in zip(tenths, tenths[1:], strict=False):
        dy = _tenths(y2 - y1)
        steps.append(f"l{_tenths(x2 - x1)}{dy if dy.startswith('-') else ' ' + dy}")
    return "".join(steps) + "z"


def _tenths(value: int) -> str:
    """A number of tenths as SVG writes it shortest: 12 -> "1.2", -5 -> "-.5", 30 -> "3"."""
    whole, tenth = divmod(abs(value), 10)
    sign = "-" if value < 0 else ""
    if not tenth:
        return f"{sign}{whole}"
    return f"{sign}{whole if whole else ''}.{tenth}"


def _may_show(ring: tuple[Point, ...], frame: Frame) -> bool:
    lons = [lon for lon, _ in ring]
    lats = [lat for _, lat in ring]
    pad_lon, pad_lat = (frame.east - frame.west) * 0.05, (frame.north - frame.south) * 0.05
    return not (
        max(lons) < frame.west - pad_lon
        or min(lons) > frame.east + pad_lon
        or max(lats) < frame.south - pad_lat
        or min(lats) > frame.north + pad_lat
    )


def _clip(points: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland–Hodgman against a rectangle: fine for filled shapes, which is all the map draws."""
    left, top, right, bottom = box
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= left, lambda a, b: _cross_x(a, b, left)),
        (lambda p: p[0] <= right, lambda a, b: _cross_x(a, b, right)),
        (lambda p: p[1] >= top, lambda a, b: _cross_y(a, b, top)),
        (lambda p: p[1] <= bottom, lambda a, b: _cross_y(a, b, bottom)),
    )
    for inside, cross in edges:
        if not points:
            break
        result: list[Point] = []
        previous = points[-1]
        for current in points:
            if inside(current):
                if not inside(previous):
                    result.append(cross(previous, current))
                result.append(current)
            elif inside(previous):
                result.append(cross(previous, current))
            previous = current
        points = result
    return points


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _simplify(points: list[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker, iterative (rings of thousands of points would overflow a recursive one)."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        farthest, distance = 0, 0.0
        for index in range(first + 1, last):
            gap = _distance(points[index], points[first], points[last])
            if gap > distance:
                farthest, distance = index, gap
        if distance > tolerance:
            keep[farthest] = True
            stack += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _distance(point: Point, start: Point, end: Point) -> float:
    (x, y), (x1, y1), (x2, y2) = point, start, end
    length = math.hypot(x2 - x1, y2 - y1)
    if length == 0:
        return math.hypot(x - x1, y - y1)
    return abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length


def _area(points: list[Point]) -> float:
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1], strict=True)) / 2
