"""Where the headset's tracking space sits in the world, and the moves that change it.

A headset reports the head and hands in its own tracking space (metres, z up once converted, the
room's floor at z = 0). The visitor is somewhere in the world, facing some heading. PlaySpace maps one
onto the other:

    world = (x, y, z + height) + turn(heading - centre_yaw) * (tracked - (centre_x, centre_y, 0))

`centre` is the point of the room (and the facing) that recentring chose: the head there, looking that
way, is at (x, y) facing `heading`. Moving the visitor (teleport, stick) moves (x, y, z); turning
(snap or smooth) turns about the head, so the view turns in place; recentring re-picks the centre, so
the visitor faces `heading` again wherever they stand or look in the room.

`height` raises the tracked floor: seated, the view is raised so the eyes are at a standing visitor's
eye height (measured when recentring), plus the visitor's own offset, in either mode.
"""

import math
from dataclasses import dataclass, replace

from .locomotion import Pose
from .rotations import from_heading, heading_of, multiply, rotate


@dataclass(frozen=True)
class PlaySpace:
    x: float = 0.0
    y: float = 0.0
    z: float = 0.0            # the ground the visitor stands on
    heading: float = 0.0      # the visitor's heading in the world (degrees)
    centre_x: float = 0.0     # the room point that maps to (x, y)
    centre_y: float = 0.0
    centre_yaw: float = 0.0   # the room facing that maps to `heading`
    height: float = 0.0       # added to every tracked height (seated mode, the visitor's offset)

    @property
    def yaw(self):
        """The turn from room facings to world headings (degrees)."""
        return self.heading - self.centre_yaw


def to_world(space, point):
    """A tracked point (room metres, z up) in world metres."""
    px, py, pz = point
    wx, wy, wz = rotate(from_heading(space.yaw), (px - space.centre_x, py - space.centre_y, pz))
    return space.x + wx, space.y + wy, space.z + space.height + wz


def to_world_rotation(space, orientation):
    """A tracked orientation (w, x, y, z) as a world orientation."""
    return multiply(from_heading(space.yaw), orientation)


def body_pose(space, head_position):
    """The visitor in the world: on the ground under the head, facing the space's heading."""
    x, y, _ = to_world(space, head_position)
    return Pose(x, y, space.z, space.heading)


def move_body(space, head_position, x, y, z):
    """The space moved so that the head is over (x, y), standing on ground height z."""
    hx, hy, _ = rotate(from_heading(space.yaw),
                       (head_position[0] - space.centre_x, head_position[1] - space.centre_y, 0.0))
    return replace(space, x=x - hx, y=y - hy, z=z)


def turn_about_head(space, head_position, degrees):
    """The space turned by `degrees` (positive: left) about the vertical through the head."""
    body = body_pose(space, head_position)
    turned = replace(space, heading=(space.heading + degrees + 180.0) % 360.0 - 180.0)
    return move_body(turned, head_position, body.x, body.y, space.z)


def seated_height(seated, eye_height, head_height, offset):
    """How much to raise tracked heights: seated, the eyes come up to `eye_height`; always `offset`."""
    raised = max(0.0, eye_height - head_height) if seated else 0.0
    return raised + offset


def recentre(space, head_position, head_orientation, seated, eye_height, offset):
    """The space re-centred on the head: where the visitor is stays, the view faces `heading` again,
    and the seated height is measured anew."""
    body = body_pose(space, head_position)
    centred = replace(space, centre_x=head_position[0], centre_y=head_position[1],
                      centre_yaw=heading_of(head_orientation),
                      height=seated_height(seated, eye_height, head_position[2], offset))
    return move_body(centred, head_position, body.x, body.y, space.z)


def head_heading(space, head_orientation):
    """Where the head looks in the world, as a heading (degrees)."""
    return heading_of(to_world_rotation(space, head_orientation))


def distance_2d(a, b):
    return math.hypot(a[0] - b[0], a[1] - b[1])
