"""What is on the X display: PNG screenshots of the root window for people to look at, and quick
grabs of the app's window for the tests to wait on (the app has no test channel; the screen is
what a person sees too)."""

import os
import subprocess
import time
from dataclasses import dataclass

import numpy as np

from .xpixels import RootPixels

# The kiosk panel draws its marked line (the chosen entry, the focused field) in this colour
# (metaverse_seoul/world/text.py STYLE_COLOURS["focus"], 1.0 0.85 0.35); the plaza has no such
# saturated yellow, so its pixels mean a marked line is on screen.
FOCUS_MIN = (225, 170, 0)
FOCUS_MAX = (255, 240, 140)
FOCUS_MIN_PIXELS = 40
POLL_S = 0.05


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    width: int
    height: int

    def middle(self, width, height):
        """A box of that size around this one's centre."""
        return Box(self.x + (self.width - width) // 2, self.y + (self.height - height) // 2, width, height)


class Screen:
    def __init__(self, env, box):
        """`box`: the app window's place on the root window."""
        self.env = {**os.environ, **env}
        self.box = box
        self.pixels = RootPixels(self.env["DISPLAY"])

    def save(self, path):
        """A PNG of the whole root window (zlib level 1: fast to write, a little larger)."""
        subprocess.run(["import", "-window", "root", "-quality", "10", str(path)], env=self.env, check=True)
        return path

    def grab(self, box=None):
        """The pixels of `box` (default: the app window), rows of RGB."""
        box = box or self.box
        return self.pixels.grab(box.x, box.y, box.width, box.height)

    def marked_line(self, pixels=None):
        """The pixels of the kiosk panel's marked line (a mask of the window), or None if there is none."""
        pixels = self.grab() if pixels is None else pixels
        mask = np.all((pixels >= FOCUS_MIN) & (pixels <= FOCUS_MAX), axis=2)
        return mask if np.count_nonzero(mask) >= FOCUS_MIN_PIXELS else None

    def wait_for_marked_line(self, timeout, unlike=None, absent=False):
        """Wait until the panel shows a marked line other than `unlike` (a mask from marked_line):
        another entry chosen, another field focused, or the next step drawn; returns the new mask.
        With `absent`, wait until there is no marked line (a step without one is drawn)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            mask = self.marked_line()
            if absent and mask is None:
                return None
            if not absent and mask is not None and (unlike is None or not np.array_equal(mask, unlike)):
                return mask
            time.sleep(POLL_S)
        wanted = "no" if absent else "a new" if unlike is not None else "a"
        raise TimeoutError(f"the kiosk panel showed {wanted} marked line in {timeout} s")

    def settle(self, quiet_s=1.0, timeout=30.0):
        """Wait until the window has not changed for `quiet_s` seconds. Only for pictures (a step's
        screenshot): on a busy machine a frame can take longer than quiet_s."""
        deadline = time.monotonic() + timeout
        last, since = self.grab(), time.monotonic()
        while time.monotonic() < deadline:
            time.sleep(POLL_S)
            now = self.grab()
            if not np.array_equal(now, last):
                last, since = now, time.monotonic()
            elif time.monotonic() - since >= quiet_s:
                return

    def wait_for_change(self, before, timeout, box=None):
        """Seconds until `box` differs from the pixels `before`; TimeoutError if it never does."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            if not np.array_equal(self.grab(box), before):
                return time.monotonic() - start
            time.sleep(0.005)
        raise TimeoutError(f"the screen did not change in {timeout} s")

    def close(self):
        self.pixels.close()
