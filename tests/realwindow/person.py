"""A person at the keyboard and mouse of an X display, through the X server (XTest, by xdotool):
the app gets what it would get from real hands. Every key press and click is counted."""

import os
import subprocess
from contextlib import contextmanager

from .keysyms import KeysymBinder

TYPING_DELAY_MS = 30  # between the keys of `type`: quick typing, still one X event at a time
KEY_DELAY_MS = 60     # between separate keys such as Down, Down, Enter


class Person:
    def __init__(self, env):
        self.env = {**os.environ, **env}
        self.keysyms = KeysymBinder(env)
        self.key_presses = 0
        self.clicks = 0

    def _xdotool(self, *args):
        subprocess.run(["xdotool", *args], env=self.env, check=True)

    def press(self, *keys):
        """Press and release each key in turn (X keysym names: Return, Down, Escape, space...)."""
        self._xdotool("key", "--delay", str(KEY_DELAY_MS), *keys)
        self.key_presses += len(keys)

    @contextmanager
    def holding(self, *keys):
        """Keys held down (in order) for the body of the with-statement, then let go."""
        self._xdotool("keydown", *keys)
        self.key_presses += len(keys)
        try:
            yield
        finally:
            self._xdotool("keyup", *reversed(keys))

    def type(self, text):
        """Type `text` key by key; characters no key produces are bound to keys first."""
        self.keysyms.bind(text)
        self._xdotool("type", "--delay", str(TYPING_DELAY_MS), "--", text)
        self.key_presses += len(text)

    def move_mouse(self, dx, dy):
        self._xdotool("mousemove_relative", "--", str(dx), str(dy))

    def click(self, button=1):
        self._xdotool("click", str(button))
        self.clicks += 1
