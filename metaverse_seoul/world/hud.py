"""What is drawn over the 3D view: loading screen, controls hint, captions and short notices.

Everything sits under aspect2d and uses the app font; sizes follow accessibility.text_scale and
high_contrast puts an opaque panel behind every text.
"""

from panda3d.core import CardMaker

from .text import text_node

PANEL = (0.05, 0.07, 0.1, 0.72)
PANEL_SOLID = (0, 0, 0, 1)


class Hud:
    def __init__(self, aspect2d, font, strings, text_scale=1.0, high_contrast=False, task_mgr=None):
        self.root = aspect2d.attachNewNode("hud")
        self.font = font
        self.t = strings
        self.scale = 0.06 * text_scale
        self.panel = PANEL_SOLID if high_contrast else PANEL
        self.task_mgr = task_mgr
        self._notice = None
        self._hint = None
        self._caption = None

    def text(self, name, text, pos, scale=1.0, align="center", wordwrap=None):
        """A text on a panel (opaque in high contrast) at `pos` (aspect2d x, z), scaled with text_scale."""
        node = text_node(name, text, self.font, align=align, wordwrap=wordwrap, card=self.panel)
        path = self.root.attachNewNode(node)
        path.setScale(self.scale * scale)
        path.setPos(pos[0], 0, pos[1])
        return path

    # --- controls hint -------------------------------------------------------------------
    def show_hint(self, lines):
        self.hide_hint()
        text = "\n".join([self.t("controls_title")] + [self.t(key) for key in lines])
        self._hint = self.text("hint", text, (0, 0.55), scale=0.9, wordwrap=36)

    def hide_hint(self):
        if self._hint is not None:
            self._hint.removeNode()
            self._hint = None

    def toggle_hint(self, lines):
        if self._hint is None:
            self.show_hint(lines)
        else:
            self.hide_hint()

    @property
    def hint_visible(self):
        return self._hint is not None

    # --- captions (narration) --------------------------------------------------------------
    def show_caption(self, text):
        self.hide_caption()
        if text:
            self._caption = self.text("caption", text, (0, -0.8), wordwrap=34)

    def hide_caption(self):
        if self._caption is not None:
            self._caption.removeNode()
            self._caption = None

    @property
    def caption_text(self):
        return self._caption.node().getText() if self._caption is not None else None

    # --- short notices (lighting changed, pointer released) --------------------------------
    def notice(self, text, seconds=3.0):
        if self._notice is not None:
            self._notice.removeNode()
        self._notice = self.text("notice", text, (0, 0.88), scale=0.8)
        if self.task_mgr is not None:
            self.task_mgr.remove("hud-notice")
            self.task_mgr.doMethodLater(seconds, self._clear_notice, "hud-notice")

    def _clear_notice(self, task=None):
        if self._notice is not None:
            self._notice.removeNode()
            self._notice = None

    def destroy(self):
        if self.task_mgr is not None:
            self.task_mgr.remove("hud-notice")
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


