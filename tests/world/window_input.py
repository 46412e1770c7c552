"""Input for the app under test, put where the operating system puts it: the window's input device.

A key is a button press and release (and, for a key that writes, the character it types, as the
window system reports it); text an input method commits arrives as characters alone; the pointer is
a position in the window and mouse-button presses. Panda3D's mouse watcher and button thrower read
them from there on the next frame, exactly as in a session at a keyboard. Nothing here sends the
app's own event names.
"""

import time

from panda3d.core import ButtonRegistry, KeyboardButton, MouseButton

# Characters the keys write, as an X11 window reports them (Enter, Tab, Backspace write control codes).
KEY_CHARACTERS = {"enter": "\r", "tab": "\t", "backspace": "\b", "space": " ", "escape": "\x1b"}


def device(app):
    return app.base.win.getInputDevice(0)


def button(name):
    handle = ButtonRegistry.ptr().findButton(name)
    if handle == ButtonRegistry.ptr().findButton("none") or handle.getName() != name:
        raise ValueError(f"no key named {name!r}")
    return handle


def press(app, *names, frames=1):
    """Press and release each key (Panda3D's names: enter, arrow_down, escape, a, ...), a frame after each."""
    for name in names:
        handle = button(name)
        device(app).buttonDown(handle)
        char = KEY_CHARACTERS.get(name, name if len(name) == 1 else None)
        if char is not None:
            device(app).keystroke(ord(char))
        device(app).buttonUp(handle)
        step(app, frames)


def hold(app, name, frames):
    """Hold a key down as a person walking does: for `frames` frames and at least as long as those take
    at 60 frames a second. Walking follows the clock, so on a fast machine ten frames alone would be a
    tap, and how far it walked would depend on the machine."""
    handle = button(name)
    device(app).buttonDown(handle)
    started = time.monotonic()
    step(app, frames)
    while time.monotonic() - started < frames / 60:
        step(app, 1)
    device(app).buttonUp(handle)
    step(app, 1)


def type_text(app, text):
    """Type `text`: a plain ASCII character as its key (press, character, release); anything else as an
    input method commits it (the character alone)."""
    for char in text:
        if char.isascii() and char.isprintable():
            handle = KeyboardButton.space() if char == " " else KeyboardButton.asciiKey(char.lower())
            device(app).buttonDown(handle)
            device(app).keystroke(ord(char))
            device(app).buttonUp(handle)
        else:
            device(app).keystroke(ord(char))
    step(app, 1)


def pixel_of(app, x, y):
    """The window pixel of an aspect2d point."""
    width, height = app.base.win.getXSize(), app.base.win.getYSize()
    aspect = app.base.getAspectRatio()
    return round((x / aspect + 1) / 2 * width), round((1 - y) / 2 * height)


def move_pointer(app, x, y):
    """The pointer to the aspect2d point (x, y)."""
    device(app).setPointerInWindow(*pixel_of(app, x, y))
    step(app, 1)


def click(app, x, y):
    """Move the pointer to the aspect2d point (x, y) and click there (mouse button 1)."""
    move_pointer(app, x, y)
    device(app).buttonDown(MouseButton.one())
    step(app, 1)
    device(app).buttonUp(MouseButton.one())
    step(app, 1)


def drag(app, start, end, frames=6):
    """Press at `start`, move to `end` in `frames` steps, release: a finger dragging on a touch screen."""
    move_pointer(app, *start)
    device(app).buttonDown(MouseButton.one())
    step(app, 1)
    for i in range(1, frames + 1):
        x = start[0] + (end[0] - start[0]) * i / frames
        y = start[1] + (end[1] - start[1]) * i / frames
        move_pointer(app, x, y)
    device(app).buttonUp(MouseButton.one())
    step(app, 1)


def wheel(app, direction, times=1):
    """Turn the mouse wheel `direction` ('up' or 'down') over where the pointer is."""
    handle = MouseButton.wheelUp() if direction == "up" else MouseButton.wheelDown()
    for _ in range(times):
        device(app).buttonDown(handle)
        device(app).buttonUp(handle)
        step(app, 1)


def step(app, frames):
    for _ in range(frames):
        app.step()
