"""The app's own things placed by a manifest: kiosks (with their label) and portals to other scenes."""

import math

from panda3d.core import BillboardEffect

from .shapes import MeshBuilder
from .text import text_node

KIOSK_COLORS = {
    "complaint": (0.85, 0.32, 0.25, 1),
    "reservation": (0.2, 0.55, 0.85, 1),
    "information": (0.25, 0.7, 0.45, 1),
    "events": (0.9, 0.6, 0.15, 1),
    "suggestion": (0.6, 0.4, 0.8, 1),
}
BODY = (0.82, 0.84, 0.87, 1)
DARK = (0.12, 0.13, 0.15, 1)


def _label(parent, text, font, height, scale=0.22):
    label = parent.attachNewNode(text_node("label", text, font, card=(0.05, 0.07, 0.1, 0.8)))
    label.setPos(0, 0, height)
    label.setScale(scale)
    label.setEffect(BillboardEffect.makePointEye())
    label.setLightOff(1)
    label.setShaderOff(1)  # plain text colours, not shaded like a surface
    label.setDepthOffset(1)
    return label


def make_kiosk(parent, kiosk, font, label):
    """A free-standing kiosk: plinth, post, tilted touch screen in the kiosk kind's colour.

    Its screen faces the kiosk's heading (+y before rotation), like a visitor's heading."""
    accent = KIOSK_COLORS[kiosk.kind]
    mesh = MeshBuilder(f"kiosk-{kiosk.id}")
    mesh.box((0, 0, 0.05), (0.7, 0.5, 0.1), DARK)
    mesh.box((0, -0.05, 0.6), (0.5, 0.3, 1.0), BODY)
    mesh.box((0, -0.05, 1.12), (0.56, 0.34, 0.05), accent)
    node = mesh.node()
    screen = MeshBuilder("screen").box((0, 0, 0), (0.5, 0.04, 0.38), DARK).node()
    screen.reparentTo(node)
    screen.setPos(0, 0.08, 1.35)
    screen.setP(20)  # the top leans back, towards the user looking down at it
    glow = MeshBuilder("screen-glow").box((0, 0, 0), (0.44, 0.01, 0.32), accent).node()
    glow.reparentTo(screen)
    glow.setY(0.025)
    glow.setLightOff(1)
    node.reparentTo(parent)
    node.setPos(*kiosk.position)
    node.setH(kiosk.heading)
    node.setTag("kiosk", kiosk.id)
    _label(node, label, font, 2.4)  # above a standing visitor's eyes, so it never hides the screen
    return node


def make_portal(parent, portal, font, label):
    """A standing ring of light marking a way to another scene."""
    mesh = MeshBuilder(f"portal-{portal.to}")
    outer, inner, segments = 1.3, 1.1, 32
    color = (0.45, 0.8, 1.0, 1)

    def point(radius, a):
        return radius * math.cos(a), 0.0, outer + radius * math.sin(a)

    for i in range(segments):
        a0, a1 = 2 * math.pi * i / segments, 2 * math.pi * (i + 1) / segments
        ring = [point(inner, a0), point(outer, a0), point(outer, a1), point(inner, a1)]
        mesh.quad(ring, (0, -1, 0), color)         # seen from the front (-y)
        mesh.quad(ring[::-1], (0, 1, 0), color)    # and from behind
    node = mesh.node()
    node.reparentTo(parent)
    node.setPos(*portal.position)
    node.setH(portal.heading)
    node.setLightOff(1)
    node.setTag("portal", portal.to)
    _label(node, label, font, 2 * outer + 0.5, scale=0.3)
    return node
