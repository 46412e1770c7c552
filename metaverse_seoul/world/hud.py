"""What is drawn over the 3D view: loading screen, controls hint, captions and short notices.

Everything sits under aspect2d and uses the app font; sizes follow accessibility.text_scale and
high_contrast puts an opaque panel behind every text.
"""

from panda3d.core import CardMaker

from .. import __version__
from .text import text_node

PANEL = (0.05, 0.07, 0.1, 0.72)
PANEL_SOLID = (0, 0, 0, 1)


class Hud:
    """The texts over the view, each in a slot (hint, caption, notice, prompt): showing a slot again
    replaces its text, and restyle() redraws every shown text at another size or contrast."""

    def __init__(self, aspect2d, font, strings, text_scale=1.0, high_contrast=False, task_mgr=None):
        self.root = aspect2d.attachNewNode("hud")
        self.font = font
        self.t = strings
        self.task_mgr = task_mgr
        self.shown = {}  # slot -> (text, pos, scale, wordwrap, node)
        self._hint_lines = None
        self.restyle(text_scale, high_contrast)

    def restyle(self, text_scale, high_contrast):
        """A new text size or contrast: every text shown is drawn again with it."""
        self.scale = 0.06 * text_scale
        self.panel = PANEL_SOLID if high_contrast else PANEL
        for slot, (text, pos, scale, wordwrap, _node) in list(self.shown.items()):
            self._show(slot, text, pos, scale, wordwrap)

    def text(self, name, text, pos, scale=1.0, align="center", wordwrap=None):
        """A text on a panel (opaque in high contrast) at `pos` (aspect2d x, z), scaled with text_scale."""
        node = text_node(name, text, self.font, align=align, wordwrap=wordwrap, card=self.panel)
        path = self.root.attachNewNode(node)
        path.setScale(self.scale * scale)
        path.setPos(pos[0], 0, pos[1])
        return path

    def _show(self, slot, text, pos, scale=1.0, wordwrap=None):
        self._hide(slot)
        self.shown[slot] = (text, pos, scale, wordwrap, self.text(slot, text, pos, scale, wordwrap=wordwrap))

    def _hide(self, slot):
        item = self.shown.pop(slot, None)
        if item is not None:
            item[-1].removeNode()

    def text_of(self, slot):
        item = self.shown.get(slot)
        return item[0] if item is not None else None

    # --- controls hint -------------------------------------------------------------------
    def show_hint(self, lines):
        self._hint_lines = lines
        # The version closes the help, so a resident asking for help can say which one they have.
        text = "\n".join([self.t("controls_title")] + [self.t(key) for key in lines]
                         + [self.t("about_version", version=__version__)])
        self._show("hint", text, (0, 0.55), scale=0.9, wordwrap=36)

    def hide_hint(self):
        self._hide("hint")

    def toggle_hint(self, lines):
        if self.hint_visible:
            self.hide_hint()
        else:
            self.show_hint(lines)

    @property
    def hint_visible(self):
        return "hint" in self.shown

    def set_strings(self, strings):
        """Another language: the hint, made of UI strings, is written again in it."""
        self.t = strings
        if self.hint_visible:
            self.show_hint(self._hint_lines)

    # --- captions (narration) --------------------------------------------------------------
    def show_caption(self, text, speaker=None):
        """`speaker`: who says it (a point in the scene); on a screen captions stay at the bottom."""
        if text:
            self._show("caption", text, (0, -0.8), wordwrap=34)
        else:
            self.hide_caption()

    def hide_caption(self):
        self._hide("caption")

    @property
    def caption_text(self):
        return self.text_of("caption")

    # --- the prompt of what can be done here (a kiosk within reach) ----------------------------
    def show_prompt(self, text):
        if self.prompt_text != text:
            self._show("prompt", text, (0, -0.6), scale=0.95)

    def hide_prompt(self):
        self._hide("prompt")

    @property
    def prompt_text(self):
        return self.text_of("prompt")

    # --- short notices (lighting changed, pointer released) --------------------------------
    def notice(self, text, seconds=3.0):
        self._show("notice", text, (0, 0.88), scale=0.8)
        self._hide_later("notice", seconds)

    @property
    def notice_text(self):
        return self.text_of("notice")

    def _hide_later(self, slot, seconds):
        if self.task_mgr is not None:
            self.task_mgr.remove(f"hud-{slot}")
            self.task_mgr.doMethodLater(seconds, lambda task: self._hide(slot), f"hud-{slot}")

    # --- an event: what is on now, a countdown, and what is heard (for deaf visitors) ------------
    def show_banner(self, text):
        """'Now on: …' at the top of the view, until hidden."""
        if self.text_of("banner") != text:
            self._show("banner", text, (0, 0.6), scale=0.85, wordwrap=40)

    def hide_banner(self):
        self._hide("banner")

    def show_countdown(self, text):
        if self.text_of("countdown") != text:
            self._show("countdown", text, (0, 0.74), scale=1.1)

    def hide_countdown(self):
        self._hide("countdown")

    def show_sound_caption(self, text, seconds):
        """A caption of a sound ('[the bell rings — 12 of 33]'), above the narration, for `seconds`."""
        self._show("sound", text, (0, -0.47), scale=0.9, wordwrap=40)
        self._hide_later("sound", seconds)

    def destroy(self):
        if self.task_mgr is not None:
            for slot in ("notice", "sound"):
                self.task_mgr.remove(f"hud-{slot}")
        self.root.removeNode()


class LoadingScreen:
    """A full-screen panel with the place's title and a progress bar."""

    BAR_WIDTH = 1.2

    def __init__(self, aspect2d, font, title, status, text_scale=1.0):
        self.root = aspect2d.attachNewNode("loading")
        self.root.setBin("fixed", 100)
        backdrop = CardMaker("backdrop")
        backdrop.setFrame(-4, 4, -2, 2)
        backdrop.setColor(0.06, 0.08, 0.12, 1)
        self.root.attachNewNode(backdrop.generate())
        scale = 0.07 * text_scale
        heading = self.root.attachNewNode(text_node("loading-title", title, font))
        heading.setScale(scale)
        heading.setPos(0, 0, 0.15)
        self.status = text_node("loading-status", status, font, color=(0.8, 0.85, 0.9, 1))
        status_path = self.root.attachNewNode(self.status)
        status_path.setScale(scale * 0.6)
        status_path.setPos(0, 0, -0.2)
        frame = CardMaker("bar-frame")
        frame.setFrame(-self.BAR_WIDTH / 2 - 0.01, self.BAR_WIDTH / 2 + 0.01, -0.035, 0.035)
        frame.setColor(0.25, 0.3, 0.38, 1)
        self.root.attachNewNode(frame.generate())
        fill = CardMaker("bar-fill")
        fill.setFrame(0, self.BAR_WIDTH, -0.025, 0.025)
        fill.setColor(0.36, 0.68, 0.95, 1)
        self.fill = self.root.attachNewNode(fill.generate())
        self.fill.setX(-self.BAR_WIDTH / 2)
        self.set_progress(0.0)

    def set_progress(self, fraction, status=None):
        self.fraction = max(0.0, min(1.0, fraction))
        self.fill.setSx(max(self.fraction, 1e-3))
        if status is not None:
            self.status.setText(status)

    def destroy(self):
        self.root.removeNode()


