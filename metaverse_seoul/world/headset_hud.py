"""The HUD in a headset: the same texts (hud.Hud) on a plane fixed to the head, not on the screen;
a caption whose speaker is in view hangs above the speaker instead (core.caption_placement)."""

from panda3d.core import Point3, Vec3

from ..core.caption_placement import CaptionPlacement, anchor_above
from ..core.world_panel import metres_per_unit
from .headset_mode import OVERLAY_LINE_UNITS
from .hud import Hud

CAPTION_AT = (0, -0.8)   # where a head-locked caption sits, in the HUD's units (as on the screen)


class HeadsetHud(Hud):
    def __init__(self, overlay, font, strings, text_scale, high_contrast, task_mgr, render, head):
        """`overlay`: the head-locked node the HUD is drawn on (headset_mode); `head`: the tracked head."""
        super().__init__(overlay, font, strings, text_scale, high_contrast, task_mgr)
        self.head = head
        self.render = render
        self.placement = CaptionPlacement()
        self.speaker = None
        self.anchor = render.attachNewNode("caption-by-speaker")
        self.anchor.setBillboardPointEye()
        self.anchor.setDepthTest(False)  # drawn over the scene, like the head-locked text
        self.anchor.setDepthWrite(False)
        self.anchor.setBin("fixed", 50)
        self.anchor.setLightOff(1)
        self.anchor.setShaderOff(1)
        task_mgr.add(self._place_caption, "headset-captions", sort=-40)  # after the head moved, before the draw

    def show_caption(self, text, speaker=None):
        super().show_caption(text, speaker)
        self.speaker = tuple(speaker) if speaker is not None else None
        self.placement.mode = "head"
        self._place_caption()

    @property
    def caption_node(self):
        """The caption's node while one is shown, else None."""
        item = self.shown.get("caption")
        return item[-1] if item is not None else None

    @property
    def caption_mode(self):
        """"world" (by the speaker) or "head" (fixed in the view), for the caption shown now."""
        return self.placement.mode

    def _place_caption(self, task=None):
        caption = self.caption_node
        if caption is not None:
            eyes = self.head.getPos(self.render)
            looking = self.render.getRelativeVector(self.head, Vec3(0, 1, 0))
            if self.placement.update(self.speaker, tuple(eyes), tuple(looking)) == "world":
                self._by_speaker(caption, eyes)
            else:
                caption.reparentTo(self.root)
                caption.setPos(CAPTION_AT[0], 0, CAPTION_AT[1])
                caption.setScale(self.scale)
        return task.cont if task is not None else None

    def _by_speaker(self, caption, eyes):
        """Above the speaker, as large in the view as a head-locked caption would be."""
        point = Point3(*anchor_above(self.speaker))
        self.anchor.setPos(point)
        caption.reparentTo(self.anchor)
        caption.setPos(0, 0, 0)
        distance = max(0.5, (point - eyes).length())
        caption.setScale(self.scale * metres_per_unit(OVERLAY_LINE_UNITS, distance=distance))

    def destroy(self):
        self.task_mgr.remove("headset-captions")
        self.anchor.removeNode()
        super().destroy()
