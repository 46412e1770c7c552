"""What the visitor sees of their hands in a headset: the controllers, the laser, the teleport arc.

All are built in memory (no model files), unlit so they read the same in any scene's light.
"""

import math

from panda3d.core import LineSegs, TransparencyAttrib

from .shapes import MeshBuilder

HAND_COLOURS = {"left": (0.35, 0.62, 0.95, 1), "right": (0.95, 0.62, 0.3, 1)}
DARK = (0.12, 0.13, 0.15, 1)
ARC_OK, ARC_REFUSED = (0.35, 0.95, 0.55, 1), (0.95, 0.35, 0.3, 1)
LASER = (0.9, 0.95, 1.0, 0.7)


def _unlit(node):
    node.setLightOff(1)
    node.setShaderOff(1)
    return node


def _ring(mesh, inner, outer, place, normal, colour, segments=24):
    """A flat ring; `place(radius, angle)` puts its points in 3D."""
    for i in range(segments):
        a0, a1 = 2 * math.pi * i / segments, 2 * math.pi * (i + 1) / segments
        mesh.quad([place(inner, a0), place(outer, a0), place(outer, a1), place(inner, a1)], normal, colour)


def make_controller(parent, hand):
    """A controller as held at the grip pose (+y forward along the hand): a handle and a ring."""
    mesh = MeshBuilder(f"controller-{hand}")
    mesh.box((0, -0.02, -0.03), (0.035, 0.05, 0.11), DARK)          # the handle, in the fist
    mesh.box((0, 0.035, 0.0), (0.03, 0.05, 0.025), HAND_COLOURS[hand])  # the head, where the trigger is
    # The tracking ring round the hand's back, upright across the pointing direction.
    _ring(mesh, 0.048, 0.06, lambda r, a: (r * math.cos(a), 0.03, r * math.sin(a)), (0, -1, 0), HAND_COLOURS[hand])
    node = _unlit(mesh.node())
    node.setTwoSided(True)
    node.reparentTo(parent)
    return node


def make_laser(parent):
    """A thin beam along +y, one metre long: scaled in y to the distance it reaches."""
    beam = _unlit(MeshBuilder("laser").box((0, 0.5, 0), (0.003, 1.0, 0.003), LASER).node())
    beam.setTransparency(TransparencyAttrib.M_alpha)
    beam.reparentTo(parent)
    return beam


def make_landing_marker(parent):
    """A ring on the ground where a teleport would land."""
    mesh = MeshBuilder("landing")
    _ring(mesh, 0.26, 0.32, lambda r, a: (r * math.cos(a), r * math.sin(a), 0.02), (0, 0, 1), (1, 1, 1, 1))
    node = _unlit(mesh.node())
    node.setTwoSided(True)
    node.reparentTo(parent)
    return node


class TeleportArc:
    """The arc of a teleport being aimed, green where it may land and red where it may not."""

    def __init__(self, parent):
        self.parent = parent
        self.line = None
        self.marker = make_landing_marker(parent)
        self.marker.hide()

    def show(self, landing):
        self.hide()
        segments = LineSegs("teleport-arc")
        segments.setThickness(3)
        segments.setColor(*(ARC_OK if landing.ok else ARC_REFUSED))
        segments.moveTo(*landing.arc[0])
        for point in landing.arc[1:]:
            segments.drawTo(*point)
        self.line = _unlit(self.parent.attachNewNode(segments.create()))
        if landing.ok:
            self.marker.setPos(landing.x, landing.y, landing.z)
            self.marker.setColor(*ARC_OK)
            self.marker.show()

    def hide(self):
        if self.line is not None:
            self.line.removeNode()
            self.line = None
        self.marker.hide()

    @property
    def shown(self):
        return self.line is not None

    def destroy(self):
        self.hide()
        self.marker.removeNode()
