"""Rotations as quaternions (w, x, y, z) in the app's frame: metres, z up, heading 0 looking north (+y).

The same convention as Panda3D's LQuaternion(r, i, j, k) and locomotion.py's headings (degrees
counter-clockwise seen from above), so poses from a headset can be reasoned about without the engine.
"""

import math

IDENTITY = (1.0, 0.0, 0.0, 0.0)


def multiply(a, b):
    """The rotation b followed by a (Hamilton product a * b)."""
    aw, ax, ay, az = a
    bw, bx, by, bz = b
    return (aw * bw - ax * bx - ay * by - az * bz,
            aw * bx + ax * bw + ay * bz - az * by,
            aw * by - ax * bz + ay * bw + az * bx,
            aw * bz + ax * by - ay * bx + az * bw)


def rotate(q, v):
    """The vector v rotated by the unit quaternion q."""
    w, x, y, z = q
    vx, vy, vz = v
    # v + 2 w (u x v) + 2 u x (u x v), with u the vector part: no normalisation, no matrices.
    cx, cy, cz = y * vz - z * vy, z * vx - x * vz, x * vy - y * vx
    ccx, ccy, ccz = y * cz - z * cy, z * cx - x * cz, x * cy - y * cx
    return vx + 2 * (w * cx + ccx), vy + 2 * (w * cy + ccy), vz + 2 * (w * cz + ccz)


def from_heading(degrees):
    """A turn about the vertical axis (positive: to the left, as headings grow)."""
    half = math.radians(degrees) / 2
    return math.cos(half), 0.0, 0.0, math.sin(half)


def from_heading_pitch(heading, pitch):
    """Look towards `heading`, tilted up by `pitch` degrees (Panda3D's H then P)."""
    half = math.radians(pitch) / 2
    return multiply(from_heading(heading), (math.cos(half), math.sin(half), 0.0, 0.0))


def forward(q):
    """Where a rotated body looks: its +y axis."""
    return rotate(q, (0.0, 1.0, 0.0))


def heading_of(q):
    """The heading (degrees) of where q looks, projected on the ground; 0 when looking straight up or down."""
    fx, fy, _ = forward(q)
    if abs(fx) < 1e-9 and abs(fy) < 1e-9:
        return 0.0
    return math.degrees(math.atan2(-fx, fy))


def look_at(direction):
    """A rotation whose +y axis points along `direction` with no roll (z stays up)."""
    dx, dy, dz = direction
    heading = math.degrees(math.atan2(-dx, dy))
    pitch = math.degrees(math.atan2(dz, math.hypot(dx, dy)))
    return from_heading_pitch(heading, pitch)


def normalized(v):
    length = math.sqrt(sum(c * c for c in v))
    if length < 1e-12:
        raise ValueError("a zero vector has no direction")
    return tuple(c / length for c in v)


def angle_between(a, b):
    """Degrees between two vectors."""
    a, b = normalized(a), normalized(b)
    dot = max(-1.0, min(1.0, sum(x * y for x, y in zip(a, b))))
    return math.degrees(math.acos(dot))
