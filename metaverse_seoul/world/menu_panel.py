"""The app's menu (Esc) and settings (F10), on the screen or in a headset (its menu button and the
laser): core/app_menu.py drawn by panel_view.PanelView, with the keyboard while it is open (a kiosk's
flow under it waits). What the menu asks for goes to `on_effect`: the app applies a Change, closes,
quits, shows the help or the resident's requests.

Choosing a key for an action listens to every key pressed, as the window's button thrower names it.
"""

from direct.showbase.DirectObject import DirectObject

from ..core.app_menu import BINDING, MENU, AppMenu
from ..core.kiosk_effects import Close
from ..core.panel_layout import Rect, place_panel
from .panel_view import TEXT_SIZE, panel_for

KEYS = {"arrow_up": "up", "arrow_down": "down", "arrow_left": "left", "arrow_right": "right",
        "enter": "enter", "escape": "escape"}
ANY_KEY_EVENT = "menu-any-key"
MENU_COLUMNS = 30


class MenuPanel:
    def __init__(self, base, font, strings, settings, on_effect, on_close=None, speak=None, notes=None,
                 requests=None, surface=None):
        """`on_effect(effect)`: the app carries out Change and MenuAction; Close closes the panel here,
        and `on_close()` is told; `speak(text)` reads changes aloud; `notes()`: {setting: a line under it};
        `requests`: the RequestsWatcher whose list "My requests" shows; `surface`: where the panel is
        drawn and what points at it (panel_in_world.PanelInWorld in a headset; default the screen and
        the mouse)."""
        self.surface = surface
        self.speak = speak
        self.notes = notes
        self.requests = requests
        if requests is not None:
            requests.listeners.append(self.redraw)
        self.base = base
        self.font = font
        self.t = strings
        self.settings = settings
        self.on_effect = on_effect
        self.on_close = on_close or (lambda: None)
        self.menu = None
        self.view = None
        self.events = DirectObject()

    @property
    def visible(self):
        return self.view is not None

    def open(self, step=MENU):
        self.close()
        watcher = self.requests
        self.menu = AppMenu(self.settings, self.t, step, self.notes,
                            requests=(lambda: (watcher.records, watcher.error)) if watcher else None)
        self._make_view()
        for key, name in KEYS.items():
            self.events.accept(key, self.press, [name])
            self.events.accept(f"{key}-repeat", self.press, [name])
        thrower = self.base.buttonThrowers[0].node() if self.base.buttonThrowers else None
        if thrower is not None:
            thrower.setButtonDownEvent(ANY_KEY_EVENT)
            self.events.accept(ANY_KEY_EVENT, self._any_key)

    def _make_view(self):
        a11y = self.settings.accessibility
        width = MENU_COLUMNS * TEXT_SIZE * a11y.text_scale
        parent = pointer = None
        if self.surface is not None:
            parent, pointer, rect = self.surface.open_ahead("menu-panel", width)
        else:
            aspect = self.base.getAspectRatio()
            rect = place_panel(Rect(-aspect, aspect, -1, 1), None, width=width, height=2)
        self.view = panel_for(self.base, self.font, a11y, rect, parent, pointer, self.speak)
        self.view.on_target = self.click
        self.view.on_button = self.press
        self.redraw()

    def redraw(self):
        if self.view is not None and self.menu is not None:
            self.view.draw(self.menu.screen(), self.menu.buttons())

    def press(self, name):
        if self.menu is not None and self.menu.step != BINDING:
            self._carry_out(self.menu.press(name))

    def _any_key(self, name):
        if self.menu is not None and self.menu.step == BINDING:
            self._carry_out(self.menu.captured(name))

    def click(self, target):
        self._carry_out(self.menu.click(target))

    def _carry_out(self, effect):
        if isinstance(effect, Close):
            self.close()
            return
        if effect is not None:
            self.on_effect(effect)
        self.redraw()

    def set_strings(self, strings):
        """Another language: the menu is written again in it."""
        self.t = strings
        if self.menu is not None:
            self.menu.t = strings
            self.redraw()

    def restyle(self):
        """Another text size or contrast: the panel is drawn again with it."""
        if self.view is not None:
            self.view.destroy()
            self._make_view()  # (in a headset, opened again where the visitor looks now)

    def close(self):
        if self.base.buttonThrowers:
            self.base.buttonThrowers[0].node().setButtonDownEvent("")
        self.events.ignoreAll()
        self.menu = None
        if self.view is not None:
            self.view.destroy()
            self.view = None
            if self.surface is not None:
                self.surface.close()
            self.on_close()
