"""Panels in a headset (a kiosk's, the menu): on a plane in the world, in front of the visitor's eyes,
laser-pointed.

A KioskPanel or the MenuPanel draws on a surface; on the desktop that is the screen (its default). This
one opens a panel where core.world_panel says (towards the kiosk, or where the visitor looks for the
menu; at the height of the visitor's eyes, at a readable size) and points at it with the controllers'
laser. The laser points at one panel at a time, the one on top: a panel opened over another (the
menu over a kiosk) takes it, and gives it back when it closes.
"""

import math

from ..core.panel_layout import Rect
from ..core.world_panel import place_panel

PANEL_HEIGHT_UNITS = 2.0  # as on the screen: the panel may be as tall as aspect2d
AHEAD = 2.0  # metres: the point looked at for the menu, past its reading distance (nothing to keep clear of)


class PanelInWorld:
    def __init__(self, render, pointer, eyes, line_height_units, gaze=None):
        """`pointer`: a LaserPointer; `eyes()`: the visitor's eyes in the world (x, y, z); `gaze()`: the
        direction they look in, world (x, y, z); `line_height_units`: a panel text line's height in panel
        units (it sets the scale)."""
        self.render = render
        self.pointer = pointer
        self.eyes = eyes
        self.gaze = gaze
        self.line_height_units = line_height_units
        self.node = None

    def open(self, kiosk, width):
        """A node for the panel of `kiosk`, the pointer, and the Rect (in panel units) it may fill."""
        return self._open(f"kiosk-panel-{kiosk.id}", kiosk.position[:2], width)

    def open_ahead(self, name, width):
        """The same for a panel of the visitor's own (the menu): straight ahead of where they look."""
        x, y, _ = self.eyes()
        gx, gy, _ = self.gaze()
        length = math.hypot(gx, gy) or 1.0  # looking straight down: any direction will do
        return self._open(name, (x + AHEAD * gx / length, y + AHEAD * gy / length), width)

    def _open(self, name, toward, width):
        placement = place_panel(self.eyes(), toward, self.line_height_units)
        node = self.render.attachNewNode(name)
        node.setPos(placement.x, placement.y, placement.z)
        node.setHpr(placement.heading, placement.pitch, 0)
        node.setScale(placement.scale)
        # Flat cards drawn in order, over the scene (as on the screen): no depth, no lights.
        node.setDepthTest(False)
        node.setDepthWrite(False)
        node.setLightOff(1)
        node.setShaderOff(1)
        # Drawn again (another text size): it keeps its place among the panels; else it goes on top.
        self.pointer.add(node, instead_of=self.node)
        if self.node is not None:
            self.node.removeNode()
        self.node = node
        half = PANEL_HEIGHT_UNITS / 2
        return node, self.pointer, Rect(-width / 2, width / 2, -half, half)

    def close(self):
        if self.node is not None:
            self.pointer.remove(self.node)
            self.node.removeNode()
            self.node = None
