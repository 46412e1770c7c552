"""A kiosk panel in a headset: a flat panel in the world, placed for the visitor who opened it.

The panel is drawn in the units the desktop panel uses (panel_view.py, aspect2d units); here those
units become metres on a plane in the world:

- readable: one text line subtends LINE_DEGREES at READ_DISTANCE, the size headset text needs to be
  read comfortably at today's resolutions (about twice what a monitor needs);
- in reach of everyone: the panel floats between the visitor and the kiosk at READ_DISTANCE from the
  eyes and a little below them, at the height of *these* eyes, so a seated or wheelchair user gets it
  as low as they are and a tall visitor as high; it faces them;
- pointed at with a laser: ray_hit gives the point a ray meets on the panel, in panel units.

The panel's own frame is Panda3D's: x to the right, z up, and it is seen from -y (the plane y = 0).
"""

import math
from dataclasses import dataclass

READ_DISTANCE = 0.9       # metres from the eyes: a kiosk screen's distance, sharp in most headsets
LINE_DEGREES = 1.6        # one text line's height in the view
BELOW_EYES_DEGREES = 12   # the natural resting gaze is a little below the horizon
MIN_CLEARANCE = 0.3       # metres from the kiosk's centre: the panel never sinks into the kiosk


@dataclass(frozen=True)
class PanelPlacement:
    x: float
    y: float
    z: float
    heading: float   # degrees; the panel's +y points away from the visitor
    pitch: float     # degrees; tilted back so that it faces eyes above it
    scale: float     # metres per panel unit


def metres_per_unit(line_height_units, distance=READ_DISTANCE, degrees=LINE_DEGREES):
    """The scale that makes a line of `line_height_units` subtend `degrees` at `distance`."""
    return 2 * distance * math.tan(math.radians(degrees) / 2) / line_height_units


def place_panel(eyes, kiosk, line_height_units, distance=READ_DISTANCE):
    """Where the panel for a kiosk at `kiosk` (x, y) goes for eyes at `eyes` (x, y, z), world metres.

    It is on the line from the eyes towards the kiosk, `distance` away and BELOW_EYES_DEGREES under the
    eye line, unless the kiosk is nearer than that; then just in front of the kiosk."""
    ex, ey, ez = eyes
    dx, dy = kiosk[0] - ex, kiosk[1] - ey
    ahead = math.hypot(dx, dy)
    if ahead < 1e-6:
        dx, dy, ahead = 0.0, 1.0, 1.0  # standing on the kiosk's spot: straight ahead will do
    along = min(distance, max(ahead - MIN_CLEARANCE, 0.4))
    drop = math.radians(BELOW_EYES_DEGREES)
    ux, uy = dx / ahead, dy / ahead
    heading = math.degrees(math.atan2(-ux, uy))
    return PanelPlacement(ex + ux * along * math.cos(drop), ey + uy * along * math.cos(drop),
                          ez - along * math.sin(drop), heading, -BELOW_EYES_DEGREES,
                          metres_per_unit(line_height_units, distance=along))


def ray_hit(origin, direction):
    """Where a ray (in the panel's frame) meets the panel's plane, as panel (x, y) = frame (x, z); None
    when it points away from the panel or starts behind it."""
    ox, oy, oz = origin
    dx, dy, dz = direction
    if oy >= 0 or dy <= 1e-9:
        return None
    t = -oy / dy
    return ox + dx * t, oz + dz * t
