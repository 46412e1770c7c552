"""Where a caption goes in a headset: beside the one speaking, or fixed in the view.

A caption placed by its speaker tells who is talking and stays put while the head moves, which is
easier to read; but a caption whose speaker is out of sight would be out of sight too. So a caption
is world-placed while its speaker is in view, and head-locked (low in the view, where subtitles are)
otherwise, or when it has no speaker (narration). Two angles (hysteresis) keep a speaker at the edge
of the view from making the caption jump back and forth.
"""

from .rotations import angle_between

IN_VIEW_DEGREES = 30.0     # a speaker this close to the view's centre gets the caption beside them
OUT_OF_VIEW_DEGREES = 40.0  # and keeps it until they are this far out
MAX_DISTANCE = 12.0        # metres: further away, a caption by the speaker is too small to read
ABOVE_SPEAKER = 0.35       # metres above the speaker's point


class CaptionPlacement:
    """Decides, frame by frame, whether the caption is beside its speaker ("world") or in the view
    ("head")."""

    def __init__(self):
        self.mode = "head"

    def update(self, speaker, eyes, looking):
        """`speaker`: a world point or None; `eyes`: world point; `looking`: the view's direction."""
        if speaker is None:
            self.mode = "head"
            return self.mode
        to_speaker = tuple(s - e for s, e in zip(speaker, eyes))
        distance = sum(c * c for c in to_speaker) ** 0.5
        if distance < 1e-6 or distance > MAX_DISTANCE:
            self.mode = "head"
            return self.mode
        angle = angle_between(looking, to_speaker)
        limit = OUT_OF_VIEW_DEGREES if self.mode == "world" else IN_VIEW_DEGREES
        self.mode = "world" if angle <= limit else "head"
        return self.mode


def anchor_above(speaker):
    """The world point a speaker's caption hangs at."""
    x, y, z = speaker
    return x, y, z + ABOVE_SPEAKER
