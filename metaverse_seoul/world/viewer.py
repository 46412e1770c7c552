"""The model viewer (--model): frame any model in view and orbit around it."""

import math

from direct.showbase.DirectObject import DirectObject
from panda3d.core import ClockObject, Point3

ORBIT_KEY_SPEED = 60.0   # degrees per second
ZOOM_STEP = 1.15


def framing(bounds, fov_degrees):
    """Centre and camera distance that fit a bounding box (low, high corners) in the view."""
    (lx, ly, lz), (hx, hy, hz) = bounds
    center = ((lx + hx) / 2, (ly + hy) / 2, (lz + hz) / 2)
    radius = max(1e-4, 0.5 * math.sqrt((hx - lx) ** 2 + (hy - ly) ** 2 + (hz - lz) ** 2))
    distance = radius / math.sin(math.radians(fov_degrees) / 2) * 1.05
    return center, radius, distance


class OrbitControls:
    def __init__(self, base, model):
        self.base = base
        self.model = model
        bounds = model.getTightBounds(base.render)
        if bounds is None:
            bounds = ((-1, -1, -1), (1, 1, 1))
        lens = base.camLens
        self.center, self.radius, self.distance = framing(bounds, min(lens.getFov()))
        lens.setNearFar(max(self.radius / 500, 1e-4), self.distance + self.radius * 20)
        self.yaw, self.pitch = 30.0, -20.0
        self.held = {"left": 0, "right": 0, "up": 0, "down": 0}
        self.drag_from = None
        self.events = DirectObject()
        for key, name in (("arrow_left", "left"), ("arrow_right", "right"), ("arrow_up", "up"),
                          ("arrow_down", "down"), ("a", "left"), ("d", "right"), ("w", "up"), ("s", "down")):
            self.events.accept(key, self.held.__setitem__, [name, 1])
            self.events.accept(f"{key}-up", self.held.__setitem__, [name, 0])
        for key, factor in (("wheel_up", 1 / ZOOM_STEP), ("wheel_down", ZOOM_STEP), ("=", 1 / ZOOM_STEP),
                            ("+", 1 / ZOOM_STEP), ("-", ZOOM_STEP)):
            self.events.accept(key, self.zoom, [factor])
        self.events.accept("mouse1", self._start_drag)
        self.events.accept("mouse1-up", self._end_drag)
        base.taskMgr.add(self._update, "orbit-controls", sort=-50)
        self.place_camera()

    def zoom(self, factor):
        self.distance = min(max(self.distance * factor, self.radius * 0.2), self.radius * 50)

    def _pointer(self):
        watcher = self.base.mouseWatcherNode
        return (watcher.getMouseX(), watcher.getMouseY()) if watcher and watcher.hasMouse() else None

    def _start_drag(self):
        self.drag_from = self._pointer()

    def _end_drag(self):
        self.drag_from = None

    def _update(self, task):
        dt = min(ClockObject.getGlobalClock().getDt(), 0.1)
        self.yaw += (self.held["left"] - self.held["right"]) * ORBIT_KEY_SPEED * dt
        self.pitch += (self.held["up"] - self.held["down"]) * ORBIT_KEY_SPEED * dt
        if self.drag_from is not None:
            now = self._pointer()
            if now is not None:
                self.yaw -= (now[0] - self.drag_from[0]) * 180
                self.pitch -= (now[1] - self.drag_from[1]) * 90
                self.drag_from = now
        self.pitch = min(max(self.pitch, -89.0), 89.0)
        self.place_camera()
        return task.cont

    def place_camera(self):
        yaw, pitch = math.radians(self.yaw), math.radians(self.pitch)
        cx, cy, cz = self.center
        offset = (math.sin(yaw) * math.cos(pitch), -math.cos(yaw) * math.cos(pitch), -math.sin(pitch))
        self.base.camera.setPos(cx + offset[0] * self.distance, cy + offset[1] * self.distance,
                                cz + offset[2] * self.distance)
        self.base.camera.lookAt(Point3(*self.center))

    def destroy(self):
        self.base.taskMgr.remove("orbit-controls")
        self.events.ignoreAll()
        self.model.removeNode()
