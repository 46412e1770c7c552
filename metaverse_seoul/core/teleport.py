"""Teleporting in a headset: the arc thrown from the controller and where (and whether) it lands.

The arc is a parabola: the controller's aim direction at ARC_SPEED, pulled down by ARC_GRAVITY, so a
higher aim reaches further, up to a range people can judge. It is followed in short steps; the first
step that goes below the walkable ground is the landing. The landing is refused, with a reason, when:

- the arc meets a wall on its way (`wall`): walls are the same colliders the desktop walker stops at
  (locomotion.py), and they count as reaching from the ground to the sky;
- it comes down where there is no walkable ground, or never comes down in range (`no_ground`);
- the ground there is not level enough to stand on: a step bigger than MAX_STEP_UP under the body
  (`not_level`);
- it comes down outside the scene's bounds (`out_of_bounds`);
- the body would not fit there without being pushed more than its own radius (`no_room`);
- the straight line on the ground from the visitor to the landing crosses a wall (`wall`), so a
  teleport never passes through one, whatever the arc did.

    walker = Walker(shapes, height_at, bounds)
    target = find_landing(walker, body=(0, 0, 0), origin=(0.2, 0.3, 1.2), direction=(0, 1, 0.3))
    if target.ok: move the visitor to (target.x, target.y, target.z)
"""

import math
from dataclasses import dataclass, field

from .locomotion import BODY_RADIUS, MAX_STEP_UP, segment_hits

ARC_SPEED = 7.0        # m/s: level aim from hand height lands about 3.5 m away, 45 degrees up about 7 m
ARC_GRAVITY = 9.81
ARC_STEP_S = 0.025     # s between arc points: short enough that no wall is stepped over
ARC_MAX_S = 2.5        # an arc still in the air after this lands nowhere
MAX_NUDGE = BODY_RADIUS  # metres the body may be moved off a wall: aiming at a wall's foot lands there
REASONS = ("wall", "no_ground", "not_level", "out_of_bounds", "no_room")


@dataclass(frozen=True)
class Landing:
    """Where an arc came down: ok (with x, y, z on the ground) or refused (`reason`), and the arc
    drawn as far as it went."""

    ok: bool
    x: float = 0.0
    y: float = 0.0
    z: float = 0.0
    reason: str = ""
    arc: list = field(default_factory=list)


def arc_points(origin, direction, speed=ARC_SPEED, gravity=ARC_GRAVITY, step=ARC_STEP_S, max_time=ARC_MAX_S):
    """Points of the throw from `origin` along `direction` (any length), every `step` seconds."""
    length = math.sqrt(sum(c * c for c in direction)) or 1.0
    vx, vy, vz = (c / length * speed for c in direction)
    ox, oy, oz = origin
    count = int(max_time / step) + 1
    return [(ox + vx * t, oy + vy * t, oz + vz * t - gravity * t * t / 2) for t in (i * step for i in range(count))]


def _in_bounds(x, y, bounds):
    if bounds is None:
        return True
    (x0, y0), (x1, y1) = bounds
    return x0 <= x <= x1 and y0 <= y <= y1


def _wall_between(walker, start, end):
    return any(segment_hits(shape, start, end) for shape in walker.shapes)


def _touchdown(walker, before, after):
    """Where the arc step before -> after meets the ground, or None while it is still above it."""
    ground = walker.height_at(after[0], after[1])
    if ground is None or after[2] > ground:
        return None
    ground_before = walker.height_at(before[0], before[1])
    above_before = before[2] - (ground_before if ground_before is not None else ground)
    below_after = ground - after[2]
    t = above_before / (above_before + below_after) if above_before + below_after > 1e-9 else 1.0
    t = max(0.0, min(1.0, t))
    x, y = before[0] + (after[0] - before[0]) * t, before[1] + (after[1] - before[1]) * t
    z = walker.height_at(x, y)
    return (x, y, z if z is not None else ground)


def _level_enough(walker, x, y, z):
    """The ground under the whole body is within a stair step of the landing height."""
    r = walker.radius
    for dx, dy in ((r, 0), (-r, 0), (0, r), (0, -r)):
        h = walker.height_at(x + dx, y + dy)
        if h is None or abs(h - z) > MAX_STEP_UP:
            return False
    return True


def _check_landing(walker, body, point, arc):
    x, y, z = point
    if not _in_bounds(x, y, walker.bounds):
        return Landing(False, x, y, z, "out_of_bounds", arc)
    sx, sy = walker.settle(x, y)
    if math.hypot(sx - x, sy - y) > MAX_NUDGE:
        return Landing(False, x, y, z, "no_room", arc)
    sz = walker.height_at(sx, sy)
    if sz is None or not _level_enough(walker, sx, sy, sz):
        return Landing(False, x, y, z, "not_level", arc)
    if _wall_between(walker, body[:2], (sx, sy)):
        return Landing(False, x, y, z, "wall", arc)
    return Landing(True, sx, sy, sz, "", arc)


def find_landing(walker, body, origin, direction, **arc_options):
    """Where a throw from `origin` (the controller, world metres) along `direction` lands for a visitor
    standing at `body` (x, y, z on the ground), checked against `walker`'s ground, walls and bounds."""
    points = arc_points(origin, direction, **arc_options)
    if _wall_between(walker, body[:2], points[0][:2]):
        return Landing(False, reason="wall", arc=points[:1])  # the hand itself is through a wall
    for i in range(1, len(points)):
        before, after = points[i - 1], points[i]
        arc = points[:i + 1]
        if _wall_between(walker, before[:2], after[:2]):
            return Landing(False, *after, reason="wall", arc=arc)
        if not _in_bounds(after[0], after[1], walker.bounds):
            return Landing(False, *after, reason="out_of_bounds", arc=arc)
        if walker.height_at(after[0], after[1]) is None and after[2] <= body[2]:
            return Landing(False, *after, reason="no_ground", arc=arc)  # came down off the walkable ground
        point = _touchdown(walker, before, after)
        if point is not None:
            return _check_landing(walker, body, point, arc[:-1] + [point])
    return Landing(False, *points[-1], reason="no_ground", arc=points)
