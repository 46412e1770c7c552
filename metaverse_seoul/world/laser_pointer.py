"""A controller's laser as the pointer of a kiosk panel placed in the world (panel_view.PanelView).

PanelView asks a pointer where it is, in the panel's units, and lets it call press() and release();
the mouse does that on the screen (panel_view.MousePointer), this does it in a headset: the ray from
the aim pose of the hand that last pulled its trigger, met with the panel's plane (core.world_panel),
and that trigger's presses. Either hand can point; the other hand's ray is not drawn.
"""

from ..core.world_panel import ray_hit

NO_HIT_LENGTH = 2.0  # metres of beam drawn when the ray meets no panel


class LaserPointer:
    def __init__(self, aims, hand="right"):
        """`aims`: {hand: the NodePath of that hand's aim pose (+y along the ray)}."""
        self.aims = aims
        self.hand = hand
        self.targets = []  # the nodes of the panels open in the world, the one on top last
        self._press = self._release = None

    @property
    def target(self):
        """The panel the laser points at (its units: the panel's): the one on top, or None."""
        return self.targets[-1] if self.targets else None

    # --- the panels open in the world (panel_in_world.PanelInWorld) ------------------------------------
    def add(self, node, instead_of=None):
        """A panel opened: on top of the others, or where `instead_of` was (a panel drawn again)."""
        if instead_of is not None and instead_of in self.targets:
            self.targets[self.targets.index(instead_of)] = node
        else:
            self.targets.append(node)

    def remove(self, node):
        if node in self.targets:
            self.targets.remove(node)

    # --- PanelView's pointer interface ---------------------------------------------------------------
    def position(self):
        """The ray's point on the panel, in panel units, or None (no panel, no tracked hand, pointing away)."""
        aim = self.aims.get(self.hand)
        if self.target is None or aim is None or aim.isStashed():
            return None
        origin = self.target.getRelativePoint(aim, (0, 0, 0))
        direction = self.target.getRelativeVector(aim, (0, 1, 0))
        return ray_hit(tuple(origin), tuple(direction))

    def bind(self, press, release, wheel):
        self._press, self._release = press, release  # no wheel on a controller: the panel drags to scroll

    def unbind(self, press=None):
        """Let go of the panel whose press() is `press` (any panel when None). One laser serves every
        panel, so a panel put aside under another (the menu over a kiosk) must not unbind the one on top."""
        if press is None or press == self._press:
            self._press = self._release = None

    # --- the triggers --------------------------------------------------------------------------------
    def trigger_down(self, hand):
        self.hand = hand
        if self._press is not None:
            self._press()

    def trigger_up(self, hand):
        if hand == self.hand and self._release is not None:
            self._release()

    def beam_length(self):
        """Metres from the hand to where its ray meets the panel (for drawing the beam)."""
        point = self.position()
        if point is None:
            return NO_HIT_LENGTH
        aim = self.aims[self.hand]
        hit = aim.getRelativePoint(self.target, (point[0], 0, point[1]))
        return max(0.0, hit.y)
