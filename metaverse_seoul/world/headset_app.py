"""The app's parts that differ in a headset, made in one place: the app asks here and stays the same.

    parts = HeadsetParts.start(base, session, settings, font, strings, offscreen, required)
    parts is None -> no headset after all: the desktop, as without --vr (or InputError when required)

In a headset the HUD hangs in the view (headset_hud), kiosk panels and the menu float in front of the
visitor (panel_in_world) and are pointed at with the laser (laser_pointer), the controllers walk and turn
(headset_controls), and the window mirrors the left eye (headset_mode).
"""

import sys

from ..core.errors import InputError
from ..xr.gl_context import current_context
from ..xr.types import XrUnavailable
from .headset_controls import HeadsetControls
from .headset_hud import HeadsetHud
from .headset_mode import HeadsetMode
from .laser_pointer import LaserPointer
from .panel_in_world import PanelInWorld
from .panel_view import TEXT_SIZE

HINT_LINES = ("vr_controls_move", "vr_controls_kiosk", "vr_controls_menu")


def say(text):
    """One line on stderr, for what the visitor should know about the headset."""
    print(text, file=sys.stderr, flush=True)


class HeadsetParts:
    @classmethod
    def start(cls, base, session, settings, font, strings, offscreen, required, on_end):
        """Start the headset on the engine's context; None (said in one line) when it cannot be used."""
        mode = HeadsetMode(base, session, graphics=lambda: current_context(offscreen), on_end=on_end)
        try:
            mode.start()
        except XrUnavailable as exc:
            session.close()
            if required:
                raise InputError("--vr", f"no headset: {exc}")
            say(f"no headset ({exc}); showing the desktop instead")
            return None
        return cls(base, mode, settings, font, strings)

    def __init__(self, base, mode, settings, font, strings):
        self.base = base
        self.mode = mode
        self.settings = settings
        a11y = settings.accessibility
        self.pointer = LaserPointer({})
        self.hud = HeadsetHud(mode.overlay, font, strings, a11y.text_scale, a11y.high_contrast, base.taskMgr,
                              base.render, mode.head)
        line_height = TEXT_SIZE * a11y.text_scale * font.getLineHeight()
        self.panel_surface = PanelInWorld(base.render, self.pointer, self.eyes, line_height)  # kiosks'
        self.menu_surface = PanelInWorld(base.render, self.pointer, self.eyes, line_height, gaze=self.gaze)

    @property
    def overlay(self):
        return self.mode.overlay

    @property
    def camera(self):
        """What follows the view (the sky dome): the head."""
        return self.mode.head

    def eyes(self):
        return tuple(self.mode.head.getPos(self.base.render))

    def gaze(self):
        return tuple(self.base.render.getRelativeVector(self.mode.head, (0, 1, 0)))

    def controls(self, scene, on_action):
        return HeadsetControls(self.base, self.mode, self.settings, scene.spawn_pose(), scene.walker, on_action,
                               self.pointer)

    def set_clear_colour(self, colour):
        self.mode.eyes.set_clear_colour(colour)

    def eye_image(self, eye=0):
        """A PNMImage of what the headset showed the eye last (the left one by default)."""
        return self.mode.eyes.eyes[eye].image()

    def stats(self):
        return self.mode.stats()

    def finish(self):
        return self.mode.finish()

    def destroy(self):
        self.hud.destroy()
        self.menu_surface.close()
        self.panel_surface.close()
        self.mode.destroy()
