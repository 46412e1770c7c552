"""Desktop controls: walking with keys, looking with a captured mouse pointer or the keyboard.

Key names and speeds come from settings.controls; the walking itself is core.locomotion. Events
(not polling) drive the key state, so tests can press keys with messenger.send("w").
"""

from dataclasses import fields

from direct.showbase.DirectObject import DirectObject
from panda3d.core import ClockObject, ModifierButtons, WindowProperties

from ..core.locomotion import look, motion

HELD_ACTIONS = ("forward", "back", "strafe_left", "strafe_right", "turn_left", "turn_right",
                "look_up", "look_down", "run")
APP_ACTIONS = ("settings", "speech")  # keys the app listens to itself, even while a kiosk has the keyboard
LOOK_KEY_SPEED = 60.0  # degrees per second for Page Up/Down


class DesktopControls:
    def __init__(self, base, controls, pose, walker, on_action):
        """`on_action(name)` gets the one-shot actions: interact, next_lighting, help, home."""
        self.base = base
        self.settings = controls
        self.pose = pose
        self.walker = walker
        self.on_action = on_action
        self.held = {action: 0 for action in HELD_ACTIONS}
        self.captured = False
        self.pointer_free = False  # a kiosk panel is open: the pointer stays free to click it
        self.events = DirectObject()
        self.keys = DirectObject()  # the key bindings alone, so a kiosk form can borrow the keyboard
        # Without this, holding Shift turns "w" into "shift-w" and running would stop walking.
        for thrower in base.buttonThrowers or []:
            thrower.node().setModifierButtons(ModifierButtons())
        if base.mouseWatcherNode is not None:
            base.mouseWatcherNode.setModifierButtons(ModifierButtons())
        self._bind_keys()
        self.events.accept("mouse1", self.capture_pointer)
        base.taskMgr.add(self._update, "desktop-controls", sort=-50)

    def _bind_keys(self):
        keys = self.settings.keys
        for binding in fields(keys):
            action = binding.name
            for key in getattr(keys, action):
                if action in HELD_ACTIONS:
                    self.keys.accept(key, self._set_held, [action, 1])
                    self.keys.accept(f"{key}-up", self._set_held, [action, 0])
                elif action not in APP_ACTIONS:
                    self.keys.accept(key, self.on_action, [action])

    def set_keys_enabled(self, enabled):
        """Off while a kiosk form or the menu has the keyboard: typing a 'w' must not walk, nor Esc open the
        menu; on again, the keys are bound as the settings say now (they may have been changed)."""
        self.keys.ignoreAll()
        self.held = dict.fromkeys(self.held, 0)  # a key held when the form opened is let go
        if enabled:
            self._bind_keys()

    def _set_held(self, action, value):
        self.held[action] = value

    def _axis(self, positive, negative):
        return (1 if self.held[positive] else 0) - (1 if self.held[negative] else 0)

    # --- mouse pointer -----------------------------------------------------------------------
    def _has_pointer(self):
        win = self.base.win
        return win is not None and hasattr(win, "movePointer") and win.getNumInputDevices() > 0 \
            and win.getProperties().getForeground()

    def capture_pointer(self):
        if self.captured or self.pointer_free or not self._has_pointer():
            return
        props = WindowProperties()
        props.setCursorHidden(True)
        props.setMouseMode(WindowProperties.M_confined)
        self.base.win.requestProperties(props)
        self._recenter()
        self.captured = True

    def set_pointer_free(self, free):
        """While a panel is open the pointer is released and a click does not capture it again."""
        self.pointer_free = free
        if free and self.captured:
            self.release_pointer(quietly=True)

    def release_pointer(self, quietly=False):
        if not self.captured:
            return
        props = WindowProperties()
        props.setCursorHidden(False)
        props.setMouseMode(WindowProperties.M_absolute)
        self.base.win.requestProperties(props)
        self.captured = False
        if not quietly:
            self.on_action("pointer_released")

    def _recenter(self):
        win = self.base.win
        self.base.win.movePointer(0, win.getXSize() // 2, win.getYSize() // 2)

    def _mouse_delta(self):
        if not self.captured:
            return 0.0, 0.0
        win = self.base.win
        pointer = win.getPointer(0)
        dx = pointer.getX() - win.getXSize() // 2
        dy = pointer.getY() - win.getYSize() // 2
        self._recenter()
        return dx, dy

    # --- per frame ---------------------------------------------------------------------------
    def _update(self, task):
        dt = min(ClockObject.getGlobalClock().getDt(), 0.1)  # a stalled frame must not become a long jump
        s = self.settings
        dx, dy = self._mouse_delta()
        invert = -1 if s.invert_y else 1
        yaw = -dx * s.mouse_sensitivity - self._axis("turn_right", "turn_left") * s.turn_speed * dt
        pitch = -dy * s.mouse_sensitivity * invert + self._axis("look_up", "look_down") * LOOK_KEY_SPEED * dt
        self.pose = look(self.pose, yaw, pitch)
        speed = s.walk_speed * (s.run_multiplier if self.held["run"] else 1.0)
        mx, my = motion(self.pose.heading, self._axis("forward", "back"),
                        self._axis("strafe_right", "strafe_left"), speed, dt)
        if mx or my:
            self.pose = self.walker.walk(self.pose, mx, my)
        self.place_camera()
        return task.cont

    def place_camera(self):
        p = self.pose
        self.base.camera.setPos(p.x, p.y, p.z + self.settings.eye_height)
        self.base.camera.setHpr(p.heading, p.pitch, 0)

    def destroy(self):
        self.release_pointer(quietly=True)  # the scene is going; the next one captures it again
        self.base.taskMgr.remove("desktop-controls")
        self.keys.ignoreAll()
        self.events.ignoreAll()
