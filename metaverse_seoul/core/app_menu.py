"""The app's menu (Esc) and its settings panel (F10), as pure logic drawn by the same panel as kiosks.

Keys: ↑/↓ move, Enter picks (a setting: its next value; a key binding: press the new key), ←/→ step a
setting's value, Esc goes back (from the menu: closes). A click on a line picks it, as Enter does.
Every change is an effect, Change(path, value), which the app applies at once (the language of every
visible text, the text size, the keys...) and keeps in the user's settings file.

    menu = AppMenu(settings, strings, SETTINGS)
    menu.press("down"); effect = menu.press("right")     # Change("accessibility.text_scale", 1.25)
"""

from dataclasses import dataclass
from typing import Callable

from .i18n import LANGUAGE_NAMES, LANGUAGES
from .kiosk_effects import CLOSE
from .kiosk_flow import DIM, FOCUS, PROBLEM, Button, Chooser, Line, Pick
from .my_requests import requests_screen
from .settings import KEY_NAMES
from .settings_store import get_path

MENU, SETTINGS, BINDING, REQUESTS = "menu", "settings", "binding", "requests"
# The keys the menu itself needs; they cannot be given to another action.
RESERVED_KEYS = ("escape", "f10", "enter", "arrow_up", "arrow_down")
BINDABLE_ACTIONS = ("forward", "back", "strafe_left", "strafe_right", "turn_left", "turn_right", "look_up",
                    "look_down", "run", "interact", "next_lighting", "help", "home", "go_event", "speech")


@dataclass(frozen=True)
class Change:
    """Set the setting at `path` (dotted, as in the settings file) to `value`."""

    path: str
    value: object


@dataclass(frozen=True)
class MenuAction:
    """A menu entry's own effect: "requests" (My requests), "help", "quit"."""

    name: str


def _on_off(value, t):
    return t("settings_on") if value else t("settings_off")


def _percent(value, t):
    return f"{round(value * 100)}%"


def _times(value, t):
    return f"×{value:g}"


@dataclass(frozen=True)
class Option:
    path: str
    label: str  # its UI string's key
    values: tuple
    shown: Callable = _on_off  # shown(value, strings) -> text


OPTIONS = (
    Option("language", "settings_language", LANGUAGES, lambda value, t: LANGUAGE_NAMES[value]),
    Option("accessibility.text_scale", "settings_text_size", (0.75, 1.0, 1.25, 1.5, 2.0), _percent),
    Option("accessibility.high_contrast", "settings_high_contrast", (False, True)),
    Option("accessibility.captions", "settings_captions", (False, True)),
    Option("speech.enabled", "settings_speech", (False, True)),
    Option("speech.rate", "settings_speech_rate", (0.75, 1.0, 1.25, 1.5, 2.0), _times),
    Option("sound.enabled", "settings_sound", (False, True)),
    Option("accessibility.reduce_motion", "settings_reduce_motion", (False, True)),
    Option("controls.mouse_sensitivity", "settings_mouse", (0.05, 0.1, 0.15, 0.25, 0.4), _times),
    Option("controls.walk_speed", "settings_walk_speed", (0.8, 1.1, 1.4, 1.8, 2.2), lambda v, t: f"{v:g} m/s"),
)
MENU_ENTRIES = (("menu_resume", CLOSE), ("menu_settings", SETTINGS), ("menu_requests", MenuAction("requests")),
                ("menu_help", MenuAction("help")), ("menu_quit", MenuAction("quit")))


KEY_LABELS = {"arrow_up": "↑", "arrow_down": "↓", "arrow_left": "←", "arrow_right": "→", "page_up": "Page Up",
              "page_down": "Page Down", "space": "Space", "enter": "Enter", "escape": "Esc", "backspace": "Backspace",
              "delete": "Delete", "home": "Home", "end": "End", "insert": "Insert", "tab": "Tab", "shift": "Shift",
              "lshift": "Shift (L)", "rshift": "Shift (R)", "control": "Ctrl", "alt": "Alt"}


def key_label(name):
    """A key as its keycap reads: 'w' -> 'W', 'arrow_up' -> '↑', 'f1' -> 'F1'."""
    return KEY_LABELS.get(name, name.upper())


def _nearest(values, value):
    """The index of the choice nearest `value` (a file may hold a value between the panel's steps)."""
    if value in values:
        return values.index(value)
    return min(range(len(values)), key=lambda i: abs(values[i] - value)) if isinstance(value, (int, float)) else 0


class AppMenu:
    def __init__(self, settings, t, step=MENU, notes=None, requests=None):
        """`settings`: the running Settings (read, never changed here); `t`: UI strings; `notes()`:
        {setting path: a line shown under it}, e.g. why reading aloud does not work here; `requests()`:
        (the resident's requests as the city last answered, or None; why it could not answer, or None)."""
        self.settings = settings
        self.notes = notes or dict
        self.requests = requests or (lambda: (None, None))
        self.t = t
        self.step = step
        self.menu = Chooser(MENU_ENTRIES)
        self.entries = Chooser(list(OPTIONS) + list(BINDABLE_ACTIONS))
        self.binding = None  # the action whose key is being chosen
        self.error = None

    # --- input --------------------------------------------------------------------------------
    def press(self, key):
        self.error = None
        if self.step == MENU:
            return self._menu_key(key)
        if self.step == SETTINGS:
            return self._settings_key(key)
        if self.step == REQUESTS:
            if key == "escape":
                self.step = MENU
            return None
        if key == "escape":  # choosing a key: Esc keeps the old one
            self.step, self.binding = SETTINGS, None
        return None

    def _menu_key(self, key):
        if key == "escape":
            return CLOSE
        if self.menu.press(key) or key != "enter":
            return None
        _, action = self.menu.chosen
        if action == SETTINGS:
            self.step = SETTINGS
            return None
        if action == MenuAction("requests"):
            self.step = REQUESTS  # shown at once; the app asks the city again (the effect)
        return action

    def _settings_key(self, key):
        if key == "escape":
            self.step = MENU
            return None
        if self.entries.press(key):
            return None
        chosen = self.entries.chosen
        if isinstance(chosen, Option):
            step = {"left": -1, "right": 1, "enter": 1}.get(key)
            return self._step_value(chosen, step, wrap=key == "enter") if step else None
        if key == "enter":
            self.step, self.binding = BINDING, chosen
        return None

    def _step_value(self, option, step, wrap):
        index = _nearest(option.values, get_path(self.settings, option.path)) + step
        index = index % len(option.values) if wrap else max(0, min(index, len(option.values) - 1))
        return Change(option.path, option.values[index])

    def captured(self, key_name):
        """A key pressed while a binding is being chosen (any key, by its name)."""
        if self.step != BINDING:
            return None
        if key_name == "escape":
            return self.press("escape")
        if key_name not in KEY_NAMES or key_name in RESERVED_KEYS:
            self.error = self.t("settings_key_not_allowed", name=key_name)
            return None
        keys = self.settings.controls.keys
        owner = next((action for action in BINDABLE_ACTIONS + ("menu", "settings")
                      if action != self.binding and key_name in getattr(keys, action)), None)
        if owner is not None:
            self.error = self.t("settings_key_taken", name=key_name, action=self.t(f"action_{owner}"))
            return None
        action, self.binding, self.step = self.binding, None, SETTINGS
        return Change(f"controls.keys.{action}", [key_name])

    def click(self, target):
        chooser = self.menu if self.step == MENU else self.entries if self.step == SETTINGS else None
        if isinstance(target, Pick) and chooser is not None and chooser.move_to(target.index):
            return self.press("enter")
        return None

    # --- drawing ------------------------------------------------------------------------------
    def screen(self):
        t = self.t
        if self.step == MENU:
            lines = [Line(None, t("menu_title"))] + self.menu.lines(lambda entry: t(entry[0]))
            return lines + [Line(None, ""), Line(DIM, t("menu_keys"))]
        if self.step == REQUESTS:
            return requests_screen(*self.requests(), t) + [Line(None, ""), Line(DIM, t("kiosk_back_key"))]
        lines = [Line(None, t("settings_title"))]
        notes = self.notes()
        for index, entry in enumerate(self.entries.entries):
            lines.append(self.entries.line(index, entry, self._entry_text(entry)))
            if isinstance(entry, Option) and entry.path in notes:
                lines.append(Line(DIM, "      " + notes[entry.path]))
        if self.step == BINDING:
            lines.append(Line(FOCUS, t("settings_press_key", action=t(f"action_{self.binding}"))))
        if self.error:
            lines.append(Line(PROBLEM, self.error))
        keys = "settings_binding_keys" if self.step == BINDING else "settings_keys"
        return lines + [Line(None, ""), Line(DIM, t(keys))]

    def _entry_text(self, entry):
        t = self.t
        if isinstance(entry, Option):
            return f"{t(entry.label)}: ◀ {entry.shown(get_path(self.settings, entry.path), t)} ▶"
        keys = ", ".join(key_label(key) for key in getattr(self.settings.controls.keys, entry))
        return f"{t('settings_key_for', action=t(f'action_{entry}'))}: {keys}"

    def buttons(self):
        if self.step == MENU:
            return [Button(self.t("button_close"), "escape")]
        return [Button(self.t("button_back"), "escape")]

    def keyboard_rows(self):
        return None

    def keyboard_lit(self):
        return frozenset()
