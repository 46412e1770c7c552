"""Walking maths for the desktop controls: where a step lands, given walls and the ground.

The visitor is a circle of BODY_RADIUS on the ground plane. A move is split into short sub-steps;
after each, the circle is pushed out of every collider, which makes walls stop the visitor and lets
them slide along a wall they walk into at an angle. The ground decides the height: a step up higher
than MAX_STEP_UP is treated as a wall, and so is leaving the walkable ground.

Headings follow Panda3D: degrees counter-clockwise seen from above, 0 = looking north (+y).
"""

import math
from dataclasses import dataclass

BODY_RADIUS = 0.3     # metres: a person's shoulders
MAX_STEP_UP = 0.4     # metres: a stair riser passes, a terrace wall does not
MAX_SUBSTEP = 0.1     # metres: shorter than the thinnest wall we model, so nothing is tunnelled through
MAX_PITCH = 85.0


@dataclass
class Pose:
    x: float
    y: float
    z: float          # feet on the ground
    heading: float    # degrees
    pitch: float = 0.0


@dataclass(frozen=True)
class Box:
    cx: float
    cy: float
    half_w: float
    half_d: float
    heading: float = 0.0


@dataclass(frozen=True)
class Circle:
    cx: float
    cy: float
    radius: float


def colliders_from_manifest(colliders):
    """Manifest colliders ({box: [cx, cy, w, d], heading} or {circle: [cx, cy, r]}) as shapes."""
    shapes = []
    for c in colliders:
        if c.box is not None:
            cx, cy, w, d = c.box
            shapes.append(Box(cx, cy, w / 2, d / 2, c.heading))
        else:
            shapes.append(Circle(*c.circle))
    return shapes


def _rotate(x, y, degrees):
    a = math.radians(degrees)
    ca, sa = math.cos(a), math.sin(a)
    return x * ca - y * sa, x * sa + y * ca


def forward_vector(heading):
    """Unit vector on the ground the visitor faces."""
    a = math.radians(heading)
    return -math.sin(a), math.cos(a)


def push_out(x, y, radius, shape):
    """Move the point (x, y) so a circle of `radius` there no longer overlaps `shape`."""
    if isinstance(shape, Circle):
        dx, dy = x - shape.cx, y - shape.cy
        dist = math.hypot(dx, dy)
        reach = radius + shape.radius
        if dist >= reach:
            return x, y
        if dist < 1e-9:
            dx, dy, dist = 0.0, -1.0, 1.0  # dead centre: leave towards the south
        return shape.cx + dx / dist * reach, shape.cy + dy / dist * reach

    lx, ly = _rotate(x - shape.cx, y - shape.cy, -shape.heading)
    qx = min(max(lx, -shape.half_w), shape.half_w)
    qy = min(max(ly, -shape.half_d), shape.half_d)
    if qx == lx and qy == ly:
        # Centre inside the box: leave through the nearest side.
        exits = [(shape.half_w - lx, (shape.half_w + radius, ly)),
                 (lx + shape.half_w, (-shape.half_w - radius, ly)),
                 (shape.half_d - ly, (lx, shape.half_d + radius)),
                 (ly + shape.half_d, (lx, -shape.half_d - radius))]
        lx, ly = min(exits, key=lambda e: e[0])[1]
    else:
        dx, dy = lx - qx, ly - qy
        dist = math.hypot(dx, dy)
        if dist >= radius:
            return x, y
        lx, ly = qx + dx / dist * radius, qy + dy / dist * radius
    wx, wy = _rotate(lx, ly, shape.heading)
    return shape.cx + wx, shape.cy + wy


def segment_hits(shape, start, end, radius=0.0):
    """Whether the ground segment start -> end passes within `radius` of `shape` (a wall in its way).

    A box is widened by `radius` on each side (a square corner, not a rounded one: a little stricter
    than push_out near corners, which is the safe side for a teleport)."""
    (sx, sy), (ex, ey) = start, end
    if isinstance(shape, Circle):
        dx, dy = ex - sx, ey - sy
        length2 = dx * dx + dy * dy
        t = 0.0 if length2 < 1e-18 else max(0.0, min(1.0, ((shape.cx - sx) * dx + (shape.cy - sy) * dy) / length2))
        return math.hypot(sx + dx * t - shape.cx, sy + dy * t - shape.cy) < shape.radius + radius
    ax, ay = _rotate(sx - shape.cx, sy - shape.cy, -shape.heading)
    bx, by = _rotate(ex - shape.cx, ey - shape.cy, -shape.heading)
    low, high = 0.0, 1.0  # the part of the segment inside every slab so far (Liang-Barsky clipping)
    for a, b, half in ((ax, bx, shape.half_w + radius), (ay, by, shape.half_d + radius)):
        d = b - a
        if abs(d) < 1e-12:
            if abs(a) > half:
                return False
            continue
        t0, t1 = sorted(((-half - a) / d, (half - a) / d))
        low, high = max(low, t0), min(high, t1)
        if low > high:
            return False
    return True


def _clamp_bounds(x, y, radius, bounds):
    if bounds is None:
        return x, y
    (x0, y0), (x1, y1) = bounds
    return min(max(x, x0 + radius), x1 - radius), min(max(y, y0 + radius), y1 - radius)


class Walker:
    """Moves a Pose through a world of colliders over a ground given as height_at(x, y) -> z | None."""

    def __init__(self, shapes, height_at, bounds=None, radius=BODY_RADIUS):
        self.shapes = list(shapes)
        self.height_at = height_at
        self.bounds = bounds
        self.radius = radius

    def settle(self, x, y):
        """(x, y) moved out of every collider and inside the bounds: where a body there can stand."""
        for _ in range(3):  # a few passes resolve corners where two colliders meet
            for shape in self.shapes:
                x, y = push_out(x, y, self.radius, shape)
        return _clamp_bounds(x, y, self.radius, self.bounds)

    def walk(self, pose, dx, dy):
        """Try to move by (dx, dy) metres on the ground; returns the new Pose."""
        distance = math.hypot(dx, dy)
        steps = max(1, math.ceil(distance / MAX_SUBSTEP))
        x, y, z = pose.x, pose.y, pose.z
        for _ in range(steps):
            nx, ny = self.settle(x + dx / steps, y + dy / steps)
            nz = self.height_at(nx, ny)
            if nz is None or nz - z > MAX_STEP_UP:
                # Off the walkable ground or up a wall: try sliding along each axis instead.
                for sx, sy in ((nx, y), (x, ny)):
                    sx, sy = self.settle(sx, sy)
                    sz = self.height_at(sx, sy)
                    if sz is not None and sz - z <= MAX_STEP_UP:
                        nx, ny, nz = sx, sy, sz
                        break
                else:
                    break
            x, y, z = nx, ny, nz
        return Pose(x, y, z, pose.heading, pose.pitch)


def motion(heading, forward, strafe, speed, dt):
    """Ground displacement for stick/key input in [-1, 1] at `speed` m/s over dt seconds."""
    length = math.hypot(forward, strafe)
    if length < 1e-9:
        return 0.0, 0.0
    if length > 1:
        forward, strafe = forward / length, strafe / length  # diagonal walking is not faster
    fx, fy = forward_vector(heading)
    rx, ry = fy, -fx  # the visitor's right hand
    step = speed * dt
    return (fx * forward + rx * strafe) * step, (fy * forward + ry * strafe) * step


def look(pose, yaw_degrees, pitch_degrees):
    """Turn the head; the pitch stops short of straight up or down."""
    pitch = min(max(pose.pitch + pitch_degrees, -MAX_PITCH), MAX_PITCH)
    heading = (pose.heading + yaw_degrees + 180.0) % 360.0 - 180.0
    return Pose(pose.x, pose.y, pose.z, heading, pitch)
