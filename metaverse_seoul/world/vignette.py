"""The comfort vignette in the headset: a dark ring fixed to the head, narrowing while the visitor moves.

The strength comes from core.comfort_vignette; this draws it. The ring hangs a metre ahead of the head
(not close to the eyes: each eye sees a near ring from 3 cm aside, which would shift it by degrees
between the eyes), drawn over everything, clear inside, fading to black over its inner edge.
"""

import math

from panda3d.core import TransparencyAttrib

from ..core.comfort_vignette import opening_degrees
from .shapes import MeshBuilder

DISTANCE = 1.0      # metres ahead of the head
FADE = 1.35         # the fade from clear to black ends at this multiple of the clear radius
OUTER = 20.0        # and the black reaches this far: past the edge of any headset's view
SEGMENTS = 48


def _ring_mesh():
    mesh = MeshBuilder("vignette")
    clear, black = (0, 0, 0, 0), (0, 0, 0, 1)
    for i in range(SEGMENTS):
        a0, a1 = 2 * math.pi * i / SEGMENTS, 2 * math.pi * (i + 1) / SEGMENTS
        for (r0, c0), (r1, c1) in (((1.0, clear), (FADE, black)), ((FADE, black), (OUTER, black))):
            p = [(r * math.cos(a), 0.0, r * math.sin(a)) for r, a in ((r0, a0), (r1, a0), (r1, a1), (r0, a1))]
            mesh.triangle([p[0], p[2], p[1]], [c0, c1, c1], normal=(0, -1, 0))
            mesh.triangle([p[0], p[3], p[2]], [c0, c0, c1], normal=(0, -1, 0))
    return mesh.node()


class Vignette:
    def __init__(self, head):
        self.node = _ring_mesh()
        self.node.reparentTo(head)
        self.node.setY(DISTANCE)
        self.node.setTransparency(TransparencyAttrib.M_alpha)
        self.node.setBin("fixed", 45)  # over the scene, under head-locked text
        self.node.setDepthTest(False)
        self.node.setDepthWrite(False)
        self.node.setLightOff(1)
        self.node.setShaderOff(1)
        self.node.setTwoSided(True)
        self.strength = 0.0
        self.node.hide()

    def show(self, strength):
        self.strength = strength
        if strength <= 0.0:
            self.node.hide()
            return
        self.node.setScale(DISTANCE * math.tan(math.radians(opening_degrees(strength))))
        self.node.show()

    def destroy(self):
        self.node.removeNode()
