"""Clicks made through the X server, as a mouse or a touch screen makes them: xdotool moves the
pointer over the app's window and presses its button, and the app reads the events from X on its
next frames. Where window_input.py puts events into the window's input device, this goes one step
further out: nothing of the app is touched, not even its input device.

The app runs in this process, so each step waits, frame by frame, until the window reports what X
was told (the pointer where it was moved, the button down, then up): no fixed waits."""

import os
import subprocess
import time

from panda3d.core import MouseButton

from tests.realwindow.tools import require

from .screen_keyboard import region
from .window_input import pixel_of

MAX_FRAMES = 300


def _xdotool(*args):
    subprocess.run(["xdotool", *args], check=True, env=os.environ.copy())  # DISPLAY: the tests' Xvfb


def _step_until(app, done, what):
    for _ in range(MAX_FRAMES):
        app.step()
        if done():
            return
        time.sleep(0.005)
    raise AssertionError(f"{what} never reached the window in {MAX_FRAMES} frames")


def _pointer_at(app, x, y):
    pointer = app.base.win.getPointer(0)
    return pointer.getInWindow() and (round(pointer.getX()), round(pointer.getY())) == (x, y)


def _button_down(app):
    return app.base.mouseWatcherNode.isButtonDown(MouseButton.one())


def x_click(app, x, y):
    """Move the X pointer to the aspect2d point (x, y) of the app's window and click button 1 there."""
    require("xdotool")
    px, py = pixel_of(app, x, y)
    window = str(app.base.win.getWindowHandle().getIntHandle())
    _xdotool("mousemove", "--window", window, str(px), str(py))
    _step_until(app, lambda: _pointer_at(app, px, py), f"the pointer moved to ({px}, {py})")
    _xdotool("mousedown", "1")
    _step_until(app, lambda: _button_down(app), "the button pressed")
    _xdotool("mouseup", "1")
    _step_until(app, lambda: not _button_down(app), "the button let go")
    app.step()


def x_click_on(app, label, exact=False):
    """Click, through the X server, the panel's clickable region labelled `label` (screen_keyboard.region)."""
    rect = region(app, label, exact).rect
    x_click(app, (rect.left + rect.right) / 2, (rect.bottom + rect.top) / 2)
