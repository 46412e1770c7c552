"""The engine's side of the headset: eye cameras, the frame loop around Panda3D's draw, the mirror.

Two tasks wrap the engine's draw (igLoop, sort 50): at HEADSET_BEGIN_SORT the runtime's frame is
waited for and begun, the eye cameras placed at the located views and the head at its pose; at
HEADSET_END_SORT, after the draw, the eye images go to the headset and the frame ends. Everything
else in the frame (controls, kiosks) runs between them and reads `frame`.

The tracked things hang under one node per space:

    render / play-space (where the room is in the world: core.play_space) / tracking (the room)
        / head / overlay (head-locked text)      / eye cameras      / hands (controls)

Positions under `tracking` are the runtime's, untouched: moving the visitor moves `play-space`.
"""

import time

from panda3d.core import LQuaternion

from ..core.world_panel import metres_per_unit
from ..xr.types import XrUnavailable
from .headset_mirror import HeadsetMirror
from .stereo_cameras import StereoCameras

HEADSET_BEGIN_SORT = -60   # before the controls (-50) and everything that reads the frame
HEADSET_END_SORT = 60      # after igLoop (50) has drawn the eyes
OVERLAY_DISTANCE = 1.2     # metres: head-locked text (captions, notices) hangs this far ahead
OVERLAY_LINE_UNITS = 0.06  # the HUD's text line, in aspect2d units
IDLE_SLEEP_S = 0.01        # while no frame is due (session idle), do not spin the desktop loop


class HeadsetMode:
    def __init__(self, base, session, graphics, on_end=None):
        """`session`: an xr HeadsetSession; `graphics()`: the context handles to bind it to (called once a
        frame has been drawn); `on_end(lost)`: the session ended without the app asking."""
        self.base = base
        self.session = session
        self.graphics = graphics
        self.on_end = on_end or (lambda lost: None)
        self.frame = None
        self.space = base.render.attachNewNode("play-space")
        self.tracking = self.space.attachNewNode("tracking")
        self.head = self.tracking.attachNewNode("head")
        self.head.setPos(0, 0, 1.6)
        self.overlay = self._make_overlay()
        self.eyes = None
        self.eye_sizes = []
        self.mirror = None
        self.finished = False
        self.clean = None   # whether the session ended cleanly, once finished

    def _make_overlay(self):
        overlay = self.head.attachNewNode("headset-overlay")
        overlay.setPos(0, OVERLAY_DISTANCE, 0)
        overlay.setScale(metres_per_unit(OVERLAY_LINE_UNITS, distance=OVERLAY_DISTANCE))
        overlay.setBin("fixed", 50)
        overlay.setDepthTest(False)
        overlay.setDepthWrite(False)
        overlay.setLightOff(1)
        overlay.setShaderOff(1)
        return overlay

    def start(self):
        """Bind the session to the engine's context and start the loop; XrUnavailable if it cannot."""
        self.base.graphicsEngine.renderFrame()  # the window and its context exist after a frame
        try:
            self.session.start(self.graphics())
        except XrUnavailable:
            raise
        except Exception as exc:  # the runtime's own errors: the headset cannot take this context
            raise XrUnavailable(f"{type(exc).__name__}: {exc}")
        self.eye_sizes = sizes = self.session.eye_sizes()
        self.eyes = StereoCameras(self.base, self.tracking, sizes)
        self.mirror = HeadsetMirror(self.base, self.eyes.eyes[0].texture, sizes[0])
        self.base.taskMgr.add(self._begin_task, "headset-begin", sort=HEADSET_BEGIN_SORT)
        self.base.taskMgr.add(self._end_task, "headset-end", sort=HEADSET_END_SORT)

    def place_space(self, space):
        """Put the room where a core.play_space.PlaySpace says it is in the world."""
        self.space.setPos(space.x, space.y, space.z + space.height)
        self.space.setH(space.yaw)
        self.tracking.setPos(-space.centre_x, -space.centre_y, 0)

    # --- the frame loop -------------------------------------------------------------------------------
    def _begin_task(self, task):
        self.frame = frame = self.session.begin_frame()
        if self.session.ended:
            self._ended()
            return task.done
        drawing = frame is not None and frame.should_render and bool(frame.views)
        self.eyes.set_drawing(drawing)
        if drawing:
            self.eyes.place(frame.views)
            if frame.head is not None:
                self.head.setPos(*frame.head.position)
                self.head.setQuat(LQuaternion(*frame.head.orientation))
        if frame is None:
            time.sleep(IDLE_SLEEP_S)
        self.mirror.fit()
        return task.cont

    def _end_task(self, task):
        if self.session.frame is not None:
            self.session.end_frame(self.eyes.textures() if self.eyes.drawing else ())
        return task.cont

    def _ended(self):
        self.frame = None
        self.eyes.set_drawing(False)
        self.base.taskMgr.remove("headset-end")
        if not self.finished:
            self.on_end(self.session.lost)

    # --- the end ------------------------------------------------------------------------------------
    def finish(self):
        """End the session the clean way and let go of the runtime; True when it ended cleanly."""
        if self.finished:
            return self.clean
        self.finished = True
        self.base.taskMgr.remove("headset-begin")
        self.base.taskMgr.remove("headset-end")
        self.clean = self.session.finish()
        self.session.close()
        return self.clean

    def stats(self):
        summary = self.session.stats.summary()
        summary.update(runtime=self.session.name, eye_size=list(self.eye_sizes[0]),
                       interaction_profiles=dict(self.session.interaction_profiles), ended_cleanly=self.clean)
        return summary

    def destroy(self):
        self.finish()
        if self.mirror is not None:
            self.mirror.destroy()
        if self.eyes is not None:
            self.eyes.destroy()
        self.space.removeNode()
