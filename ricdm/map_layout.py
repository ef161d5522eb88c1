"""Where a map panel's tap targets and names go, worked out in CSS pixels at the narrowest width a panel is shown.

Why: the drawing scales with the screen, a finger and an eye do not. Every link of a map must stay a tap target of
at least ``TARGET`` px that no other target overlaps, and every name at least ``TEXT`` px, on the narrowest phone.
So names and targets are drawn in pixels around points given as a share of the panel (``Spot``): when the drawing
grows, the points move apart and the names keep their size, so what fits at the narrowest width fits at every
wider one. The layout is made once, at that width, for both languages (a name gets the room of its longer form).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal, get_args

if TYPE_CHECKING:
    from PIL.ImageFont import FreeTypeFont

TARGET = 24.0
"""The smallest tap target, px (WCAG 2.5.8)."""
TEXT = 13.0
"""The names' type size, px: above the 12 px Lighthouse counts legible on a phone."""
DOT = 6.0
"""A dot's radius, px."""
GAP = 4.0
"""Between a dot or an outline and its name, px."""
HALO = 3.0
"""The light outline that keeps a name readable over land and borders, px."""
MARGIN = 2.0
"""Between two tap targets, px: they never touch, and what holds at one width holds at every wider one."""
FONT = Path(__file__).parent / "fonts" / "DejaVuSans-Bold.ttf"
"""Names are measured in DejaVu Sans Bold, wider than the system fonts phones draw them in: room to spare."""

Side = Literal[
    "right",
    "left",
    "right-up",
    "right-down",
    "left-up",
    "left-down",
    "below",
    "above",
    "below-right",
    "below-left",
    "above-right",
    "above-left",
]
SIDES: tuple[Side, ...] = get_args(Side)
"""Where a name may go, in order of preference: beside it (level, half a row higher or lower), then under or over
it (centred, or starting at its left edge, or ending at its right edge)."""
SEARCH = 20_000
"""How many choices the search for names may try in one cluster of names that could meet, before it keeps the
best found: far more than real clusters need, and a bound on the build's time however the data grows."""


@dataclass(frozen=True)
class Box:
    """A rectangle in px, on the panel at its narrowest width or around a point."""

    left: float
    top: float
    right: float
    bottom: float

    def meets(self, other: Box) -> bool:
        """The two come closer than ``MARGIN``."""
        return (
            self.left < other.right + MARGIN
            and other.left < self.right + MARGIN
            and self.top < other.bottom + MARGIN
            and other.top < self.bottom + MARGIN
        )

    def within(self, width: float, height: float) -> bool:
        return self.left >= 0 and self.top >= 0 and self.right <= width and self.bottom <= height

    def hull(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def moved(self, dx: float, dy: float) -> Box:
        return Box(self.left + dx, self.top + dy, self.right + dx, self.bottom + dy)

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True)
class Spot:
    """A place on the panel at every width: ``x`` and ``y`` in percent of its size, then ``dx``, ``dy`` px."""

    x: float
    y: float
    dx: float = 0.0
    dy: float = 0.0


@dataclass(frozen=True)
class Area:
    """A rectangle of px drawn from a ``Spot``: part of a tap target."""

    at: Spot
    width: float
    height: float


@dataclass(frozen=True)
class Name:
    """Where a name is written: its ``Spot`` and how the text hangs from it (SVG ``text-anchor``)."""

    at: Spot
    anchor: Literal["start", "end", "middle"]


@dataclass(frozen=True)
class Placed:
    """A dot or an outline as drawn at every width: where it is, its tap target, its name when there is room."""

    box: tuple[float, float, float, float]
    """The dot (width and height 0) or the outline: left, top, width, height in percent of the panel."""
    areas: tuple[Area, ...]
    """What the tap target adds to the outline: px around the dot, or around a small outline, and the name's row."""
    name: Name | None


@dataclass(frozen=True)
class Wish:
    """What asks for room: a dot (a point: ``left == right``) or an inset's outline, and its name's width in px."""

    box: Box
    name_width: float


@cache
def _font() -> FreeTypeFont:
    from PIL import ImageFont  # a site dependency (social cards); imported here so the data layer loads without it

    return ImageFont.truetype(str(FONT), TEXT)


def name_width(texts: Iterable[str]) -> float:
    """The room a name needs in px: its widest form (French or English)."""
    return max((_font().getlength(text) for text in texts), default=0.0)


def _core(wish: Wish, width: float, height: float) -> Box:
    """The part of the tap target that needs no name: the outline or dot, grown to a target, kept on the panel."""
    box = wish.box
    grow_x, grow_y = max(0.0, (TARGET - box.width) / 2), max(0.0, (TARGET - box.height) / 2)
    core = Box(box.left - grow_x, box.top - grow_y, box.right + grow_x, box.bottom + grow_y)
    dx = max(0.0, -core.left) - max(0.0, core.right - width)
    dy = max(0.0, -core.top) - max(0.0, core.bottom - height)
    return core.moved(dx, dy)


def crowded(width: float, height: float, points: Sequence[tuple[float, float]]) -> list[list[int]]:
    """Groups of points (px) whose tap targets would come too close, by index: each group becomes one dot.

    Linear in practice: a point is compared with those in the cells around it, cells one target wide.
    """
    cores = [_core(Wish(Box(x, y, x, y), 0.0), width, height) for x, y in points]
    reach = TARGET + MARGIN
    cells: dict[tuple[int, int], list[int]] = {}
    for index, core in enumerate(cores):
        cells.setdefault((int(core.left // reach), int(core.top // reach)), []).append(index)
    parent = list(range(len(points)))

    def root(index: int) -> int:
        while parent[index] != index:
            parent[index] = parent[parent[index]]
            index = parent[index]
        return index

    for index, core in enumerate(cores):
        column, row = int(core.left // reach), int(core.top // reach)
        near = (cells.get((column + i, row + j), []) for i in (-1, 0, 1) for j in (-1, 0, 1))
        for other in (other for cell in near for other in cell if other < index):
            if core.meets(cores[other]):
                parent[root(index)] = root(other)
    groups: dict[int, list[int]] = {}
    for index in range(len(points)):
        groups.setdefault(root(index), []).append(index)
    return list(groups.values())


def _beside(wish: Wish) -> float:
    """How far a name starts from the outline, or from the dot's middle."""
    return GAP + (DOT if wish.box.width == 0 else 0.0)


def _name_box(wish: Wish, core: Box, side: Side) -> Box:
    """Where the name goes on ``side``: a row one target high beside the outline or dot, or under or over it.

    Beside it, the row is level with its middle, or half a row higher or lower.
    """
    box, width = wish.box, wish.name_width
    middle_x, middle_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    if side.startswith(("below", "above")):
        top = core.bottom if side.startswith("below") else core.top - TARGET
        if side.endswith("-right"):
            return Box(core.left, top, core.left + width + 2 * HALO, top + TARGET)
        if side.endswith("-left"):
            return Box(core.right - width - 2 * HALO, top, core.right, top + TARGET)
        return Box(middle_x - width / 2 - HALO, top, middle_x + width / 2 + HALO, top + TARGET)
    row = middle_y + _shift(side)
    if side.startswith("right"):
        start = box.right + _beside(wish)
        return Box(start - HALO, row - TARGET / 2, start + width + HALO, row + TARGET / 2)
    end = box.left - _beside(wish)
    return Box(end - width - HALO, row - TARGET / 2, end + HALO, row + TARGET / 2)


def _shift(side: Side) -> float:
    """How far a name beside its dot sits below (+) or above (-) the dot's middle."""
    return TARGET / 2 if side.endswith("-down") else -TARGET / 2 if side.endswith("-up") else 0.0


def lay_out(width: float, height: float, wishes: Sequence[Wish]) -> list[Placed | None]:
    """Each wish as drawn, or None when its core would come too close to an earlier one's (pass dots first).

    ``width`` x ``height`` is the panel at its narrowest, in px. A tap target is its core and its name's row; no
    two targets come closer than ``MARGIN`` and none leaves the panel. The names are chosen so that the most fit
    (``_choose``); a name that does not fit is left out: the link keeps it as its accessible name, and the list
    under the map gives it.
    """
    cores: list[Box | None] = []
    for wish in wishes:
        made = _core(wish, width, height)
        cores.append(None if any(made.meets(kept) for kept in cores if kept is not None) else made)
    kept = [core for core in cores if core is not None]
    options: list[list[tuple[Side, Box]]] = []
    for wish, core in zip(wishes, cores, strict=True):
        rows = [(side, _name_box(wish, core, side)) for side in SIDES] if core is not None else []
        others = [other for other in kept if other is not core]
        options.append(
            [(side, row) for side, row in rows if row.within(width, height) and not any(row.meets(o) for o in others)]
        )
    chosen = _choose([[row for _, row in found] for found in options])
    return [
        None if core is None else _drawn(wish, options[index][pick][0] if pick is not None else None, width, height)
        for index, (wish, core, pick) in enumerate(zip(wishes, cores, chosen, strict=True))
    ]


def _choose(options: list[list[Box]]) -> list[int | None]:
    """One option (or none) per wish, no two chosen boxes meeting: the most names, then the preferred sides.

    Wishes whose options may meet form clusters, each searched on its own, depth first, the most hemmed-in wish
    first, with at most ``SEARCH`` choices tried per cluster.
    """
    count = len(options)
    near = [
        {
            other
            for other in range(count)
            if other != index and any(box.meets(theirs) for box in options[index] for theirs in options[other])
        }
        for index in range(count)
    ]
    chosen: list[int | None] = [None] * count
    seen: set[int] = set()
    for start in range(count):
        if start in seen:
            continue
        cluster, stack = [], [start]
        seen.add(start)
        while stack:
            index = stack.pop()
            cluster.append(index)
            for other in near[index] - seen:
                seen.add(other)
                stack.append(other)
        for index, pick in _search(sorted(cluster, key=lambda index: (len(options[index]), index)), options).items():
            chosen[index] = pick
    return chosen


def _search(cluster: list[int], options: list[list[Box]]) -> dict[int, int | None]:
    """The best choice for one cluster: (names, -sum of option ranks) highest, found depth first."""
    best: tuple[tuple[int, int], dict[int, int | None]] = ((-1, 0), {})
    picked: dict[int, int | None] = {}
    tries = 0

    def visit(position: int, named: int, rank: int) -> None:
        nonlocal best, tries
        if position == len(cluster):
            if (named, -rank) > best[0]:
                best = ((named, -rank), dict(picked))
            return
        if named + len(cluster) - position < best[0][0] or tries >= SEARCH:
            return
        index = cluster[position]
        boxes = [options[other][pick] for other, pick in picked.items() if pick is not None]
        for pick, box in enumerate(options[index]):
            if not any(box.meets(other) for other in boxes):
                tries += 1
                picked[index] = pick
                visit(position + 1, named + 1, rank + pick)
        picked[index] = None
        visit(position + 1, named, rank)
        del picked[index]

    visit(0, 0, 0)
    return best[1]


def percent(box: Box, width: float, height: float) -> tuple[float, float, float, float]:
    """A box of the panel at ``width`` x ``height`` px as left, top, width and height in percent: at every width."""
    return (
        round(100 * box.left / width, 3),
        round(100 * box.top / height, 3),
        round(100 * box.width / width, 3),
        round(100 * box.height / height, 3),
    )


def _drawn(wish: Wish, side: Side | None, width: float, height: float) -> Placed:
    """The wish as the template draws it at every width: its target's areas and its name, from ``Spot``s.

    A dot's target and name hang from the dot. An outline's name hangs from the edge it is written beside, so it
    stays beside it as the outline grows; the outline is part of its target, with a target-sized square in its
    middle when it is smaller than a target.
    """
    box, core = wish.box, _core(wish, width, height)

    def spot(x: float, y: float, dx: float = 0.0, dy: float = 0.0) -> Spot:
        return Spot(round(100 * x / width, 3), round(100 * y / height, 3), round(dx, 1), round(dy, 1))

    def area(x: float, y: float, part: Box) -> Area:
        return Area(spot(x, y, part.left - x, part.top - y), round(part.width, 1), round(part.height, 1))

    middle_x, middle_y = (box.left + box.right) / 2, (box.top + box.bottom) / 2
    edges: dict[str, tuple[float, float]] = {
        "right": (box.right, middle_y),
        "left": (box.left, middle_y),
        "below": (middle_x, box.bottom),
        "above": (middle_x, box.top),
    }
    row = _name_box(wish, core, side) if side else None
    if box.width == 0:  # a dot: everything in px around it, one rectangle when its name is level with it
        level = row is not None and (row.top, row.bottom) == (core.top, core.bottom)
        parts = (core.hull(row),) if row and level else (core, row) if row else (core,)
        areas: tuple[Area, ...] = tuple(area(middle_x, middle_y, part) for part in parts)
    else:
        small = box.width < TARGET or box.height < TARGET
        areas = (area(middle_x, middle_y, core),) if small else ()
        if side and row:
            areas += (area(*edges[side.split("-")[0]], row),)
    where = percent(box, width, height)
    if not side or not row:
        return Placed(where, areas, None)
    x, y = edges[side.split("-")[0]]
    if side.startswith(("below", "above")):
        middle = (row.top + row.bottom) / 2 - y
        if side.endswith("-right"):
            return Placed(where, areas, Name(spot(x, y, row.left + HALO - x, middle), "start"))
        if side.endswith("-left"):
            return Placed(where, areas, Name(spot(x, y, row.right - HALO - x, middle), "end"))
        return Placed(where, areas, Name(spot(x, y, 0, middle), "middle"))
    right = side.startswith("right")
    beside = _beside(wish) if right else -_beside(wish)
    return Placed(where, areas, Name(spot(x, y, beside, _shift(side)), "start" if right else "end"))
