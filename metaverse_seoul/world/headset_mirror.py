"""The desktop window while a headset is worn: one eye's image, so people around can follow along.

The window's own 3D camera is switched off (the eyes already drew the scene; a third view would only
cost time); a card on render2d shows the left eye's texture, letterboxed to keep its shape.
"""

from panda3d.core import CardMaker


class HeadsetMirror:
    def __init__(self, base, texture, eye_size):
        self.base = base
        self.eye_aspect = eye_size[0] / eye_size[1]
        card = CardMaker("headset-mirror")
        card.setFrame(-1, 1, -1, 1)
        self.card = base.render2d.attachNewNode(card.generate())
        self.card.setTexture(texture)
        self.card.setBin("background", 0)  # under anything else drawn on the window
        self.card.setDepthTest(False)
        self.card.setDepthWrite(False)
        self._window_size = None
        base.camNode.setActive(False)

    def fit(self):
        """Letterbox the card to the window's shape (called each frame; cheap when nothing changed)."""
        win = self.base.win
        size = (win.getXSize(), win.getYSize())
        if size == self._window_size or not size[1]:
            return
        self._window_size = size
        window_aspect = size[0] / size[1]
        if self.eye_aspect > window_aspect:
            self.card.setScale(1, 1, window_aspect / self.eye_aspect)
        else:
            self.card.setScale(self.eye_aspect / window_aspect, 1, 1)

    def destroy(self):
        self.card.removeNode()
        self.base.camNode.setActive(True)
