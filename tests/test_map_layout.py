"""Tap targets and names on a map panel (ricdm/map_layout.py): laid out once at the narrowest width, kept at any.

The browser tests measure the real maps at 390 and 1280 px (test_charts_map.py); these check the rule itself on
random panels, at the narrowest width and wider, where the drawing grows and names and targets keep their size.
"""

from __future__ import annotations

import random

import pytest

from ricdm import map_layout
from ricdm.map_layout import MARGIN, TARGET, Area, Box, Placed, Wish

WIDTH, HEIGHT = 328.0, 298.0


def _px(area: Area, width: float, height: float) -> Box:
    """An area as a browser draws it in a panel ``width`` x ``height`` px: its Spot in percent, then px."""
    left = area.at.x * width / 100 + area.at.dx
    top = area.at.y * height / 100 + area.at.dy
    return Box(left, top, left + area.width, top + area.height)


def _outline(placed: Placed, width: float, height: float) -> list[Box]:
    """An outline is part of its own target (a dot's box has no size)."""
    left, top, box_width, box_height = placed.box
    if box_width == 0:
        return []
    x, y = left * width / 100, top * height / 100
    return [Box(x, y, x + box_width * width / 100, y + box_height * height / 100)]


def _targets(placed: list[Placed | None], width: float, height: float) -> list[list[Box]]:
    return [
        [_px(area, width, height) for area in item.areas] + _outline(item, width, height)
        for item in placed
        if item is not None
    ]


def _clashes(targets: list[list[Box]]) -> list[tuple[int, int]]:
    """Pairs of targets closer than a hair (the layout keeps MARGIN; rounding to 0.1 px may take a little)."""

    def near(a: Box, b: Box) -> bool:
        gap = MARGIN - 0.5
        return a.left < b.right + gap and b.left < a.right + gap and a.top < b.bottom + gap and b.top < a.bottom + gap

    return [
        (one, other)
        for one in range(len(targets))
        for other in range(one + 1, len(targets))
        if any(near(a, b) for a in targets[one] for b in targets[other])
    ]


def _panel(seed: int, count: int) -> list[Wish]:
    """``count`` towns at random on a panel, already grouped as the map groups them, and one inset's outline."""
    rng = random.Random(seed)
    points = [(rng.uniform(0, WIDTH), rng.uniform(0, HEIGHT)) for _ in range(count)]
    groups = map_layout.crowded(WIDTH, HEIGHT, points)
    names = ["Namur", "Montigny-le-Bretonneux", "Liège", "Saint-Denis", "Arras", "Tremblay-en-France"]
    dots = [
        Wish(Box(*points[group[0]], *points[group[0]]), map_layout.name_width([rng.choice(names)])) for group in groups
    ]
    left, top = rng.uniform(0, WIDTH - 30), rng.uniform(0, HEIGHT - 30)
    outline = Wish(Box(left, top, left + rng.uniform(8, 30), top + rng.uniform(8, 30)), 100.0)
    return [*dots, outline]


@pytest.mark.parametrize("seed", range(40))
def test_no_two_targets_meet_at_the_narrowest_width_nor_wider(seed):
    wishes = _panel(seed, count=4 + seed % 12)
    placed = map_layout.lay_out(WIDTH, HEIGHT, wishes)
    assert all(item is not None for item in placed[:-1]), "dots come first and were grouped apart"
    for scale in (1.0, 1.09, 1.5, 2.9):
        width, height = WIDTH * scale, HEIGHT * scale
        targets = _targets(placed, width, height)
        assert _clashes(targets) == [], scale
        for boxes in targets:
            assert all(box.left >= -0.1 and box.top >= -0.1 for box in boxes), scale
            assert all(box.right <= width + 0.1 and box.bottom <= height + 0.1 for box in boxes), scale


@pytest.mark.parametrize("seed", range(40))
def test_every_target_is_at_least_a_target_wide_and_holds_its_dot(seed):
    placed = map_layout.lay_out(WIDTH, HEIGHT, _panel(seed, count=10))
    for item in placed:
        if item is None:
            continue
        boxes = [_px(area, WIDTH, HEIGHT) for area in item.areas] + _outline(item, WIDTH, HEIGHT)
        assert any(box.width >= TARGET - 0.1 and box.height >= TARGET - 0.1 for box in boxes)
        x, y = item.box[0] * WIDTH / 100, item.box[1] * HEIGHT / 100
        assert any(box.left <= x <= box.right and box.top <= y <= box.bottom for box in boxes)


def test_a_name_sits_inside_its_own_target():
    (placed,) = map_layout.lay_out(WIDTH, HEIGHT, [Wish(Box(100, 100, 100, 100), map_layout.name_width(["Namur"]))])
    assert placed is not None and placed.name is not None
    assert placed.name.anchor == "start", "the first choice is to the right of the dot"
    start = placed.name.at.x * WIDTH / 100 + placed.name.at.dx
    (target,) = [_px(area, WIDTH, HEIGHT) for area in placed.areas]
    assert target.left < 100 < start < target.right - map_layout.name_width(["Namur"])


def test_towns_too_close_to_tell_apart_share_a_dot_and_others_do_not():
    points = [(100, 100), (100 + TARGET, 100), (100, 100 + TARGET + MARGIN + 1), (300, 250)]
    assert sorted(sorted(group) for group in map_layout.crowded(WIDTH, HEIGHT, points)) == [[0, 1], [2], [3]]


def test_a_name_with_no_room_is_left_out_and_the_dot_keeps_its_target():
    wishes = [Wish(Box(20, 20, 20, 20), map_layout.name_width(["Montigny-le-Bretonneux" * 3]))]
    (placed,) = map_layout.lay_out(60, 60, wishes)
    assert placed is not None and placed.name is None
    (target,) = placed.areas
    assert (target.width, target.height) == (TARGET, TARGET)


@pytest.mark.parametrize("seed", range(30))
def test_names_are_chosen_so_that_the_most_fit(seed):
    """The search finds as many names as trying every combination does (small random clusters of rows)."""
    rng = random.Random(seed)

    def row() -> Box:
        left, top = rng.uniform(0, 120), rng.uniform(0, 120)
        return Box(left, top, left + rng.uniform(20, 70), top + TARGET)

    options = [[row() for _ in range(rng.randint(0, 4))] for _ in range(rng.randint(2, 6))]
    chosen = map_layout._choose(options)
    picked = [options[index][pick] for index, pick in enumerate(chosen) if pick is not None]
    assert not any(a.meets(b) for position, a in enumerate(picked) for b in picked[position + 1 :])

    def most(index: int, taken: list[Box]) -> int:
        if index == len(options):
            return 0
        skip = most(index + 1, taken)
        fits = [box for box in options[index] if not any(box.meets(other) for other in taken)]
        return max([skip, *(1 + most(index + 1, [*taken, box]) for box in fits)])

    assert len(picked) == most(0, [])


def test_an_outline_that_would_lie_on_a_dot_leads_nowhere():
    dot = Wish(Box(100, 100, 100, 100), 0.0)
    outline = Wish(Box(95, 95, 110, 110), 50.0)
    assert map_layout.lay_out(WIDTH, HEIGHT, [dot, outline])[1] is None
