"""Binding characters that are not on the keyboard map before `xdotool type` sends them.

xdotool types a character that no key produces by binding it to a scratch keycode for the length
of one key press, then binds the next character to the same keycode. The app turns a keycode into
a character only when it reads the event, so a busy app (llvmpipe draws a frame in 200 ms) reads
whatever was bound last. Binding every such character to a keycode of its own first makes typing
exact at any frame rate. Keycodes with no symbols are used first, then those that only carry
XF86 media keys; each keycode takes two characters (plain and with Shift, which xdotool adds).
"""

import os
import re
import subprocess

_KEYCODE_LINE = re.compile(r"\s*(\d+)\s*(.*)$")
_KEYSYM_NAMES = re.compile(r"\(([^)]*)\)")


def keysym(char):
    """The X keysym of a Unicode character, as xmodmap writes it."""
    return f"0x{0x1000000 + ord(char):07x}"


def needs_binding(char):
    return ord(char) > 0x7E


def spare_keycodes(keymap_table):
    """Keycodes of `xmodmap -pk` output that can be rebound: empty first, then XF86-only ones."""
    empty, media = [], []
    for line in keymap_table.splitlines():
        match = _KEYCODE_LINE.match(line)
        if not match:
            continue
        names = _KEYSYM_NAMES.findall(match.group(2))
        if all(name == "NoSymbol" for name in names):
            empty.append(int(match.group(1)))
        elif all(name.startswith("XF86") or name == "NoSymbol" for name in names):
            media.append(int(match.group(1)))
    return empty + media[::-1]


class KeysymBinder:
    """Binds the characters of a text to keycodes of their own on one X display (kept until the
    display ends; switching an input method's keyboard layout clears them)."""

    def __init__(self, env):
        self.env = {**os.environ, **env}
        self.bound = set()
        self.spare = None

    def bind(self, text):
        chars = sorted({char for char in text if needs_binding(char)} - self.bound)
        if not chars:
            return
        if self.spare is None:
            self.spare = spare_keycodes(self._keymap())
        pairs = [chars[i:i + 2] for i in range(0, len(chars), 2)]
        if len(pairs) > len(self.spare):
            raise RuntimeError(f"no spare keycodes left for {len(chars)} more characters")
        args = []
        for pair in pairs:
            args += ["-e", f"keycode {self.spare.pop(0)} = " + " ".join(keysym(char) for char in pair)]
        subprocess.run(["xmodmap", *args], env=self.env, check=True)
        table = self._keymap()
        missing = [char for char in chars if keysym(char) not in table]
        if missing:
            raise RuntimeError(f"xmodmap did not bind {missing!r} (an X server started without -noreset?)")
        self.bound.update(chars)

    def _keymap(self):
        return subprocess.run(["xmodmap", "-pk"], env=self.env, capture_output=True, text=True, check=True).stdout
