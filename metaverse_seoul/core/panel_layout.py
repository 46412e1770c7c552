"""Where a kiosk panel goes on the screen: inside it, and clear of the kiosk's own sign.

Pure maths in the units of Panda3D's aspect2d (x from -aspect to +aspect, y from -1 to 1), so the
rules are tested without a window. The panel wants a width (its text at the chosen text size) and at
most a height; it is placed in the largest part of the screen beside or below the sign that takes it,
narrower if it must be (its text then wraps into more lines, and the lines scroll).

    screen = Rect(-1.78, 1.78, -1, 1)
    sign = Rect(-0.3, 0.3, 0.35, 0.6)                  # the sign, projected from the 3D scene
    place_panel(screen, sign, width=1.4, height=1.9)   # the left of the screen, under the top margin
"""

from dataclasses import dataclass

MARGIN = 0.03
MIN_WIDTH = 0.9  # narrower than this a panel of kiosk lines is no longer readable


@dataclass(frozen=True)
class Rect:
    left: float
    right: float
    bottom: float
    top: float

    @property
    def width(self):
        return self.right - self.left

    @property
    def height(self):
        return self.top - self.bottom

    def overlaps(self, other):
        return self.left < other.right and other.left < self.right and \
            self.bottom < other.top and other.bottom < self.top

    def inside(self, other):
        return other.left <= self.left and self.right <= other.right and \
            other.bottom <= self.bottom and self.top <= other.top

    def contains(self, x, y):
        return self.left <= x <= self.right and self.bottom <= y <= self.top


def _free_areas(screen, avoid):
    """The parts of the screen left, right of, below and above `avoid`, each inset by the margin."""
    inner = Rect(screen.left + MARGIN, screen.right - MARGIN, screen.bottom + MARGIN, screen.top - MARGIN)
    if avoid is None or not avoid.overlaps(screen):
        return [inner]
    return [Rect(inner.left, min(inner.right, avoid.left - MARGIN), inner.bottom, inner.top),
            Rect(max(inner.left, avoid.right + MARGIN), inner.right, inner.bottom, inner.top),
            Rect(inner.left, inner.right, inner.bottom, min(inner.top, avoid.bottom - MARGIN)),
            Rect(inner.left, inner.right, max(inner.bottom, avoid.top + MARGIN), inner.top)]


def place_panel(screen, avoid, width, height):
    """The panel's Rect: inside `screen`, not overlapping `avoid` (None: nothing to avoid), as wide as
    `width` and as tall as `height` where the room allows. Beside the sign is preferred to below it,
    and the left of the screen to the right (the panel's text starts on the left)."""
    best, best_score = None, None
    for area in _free_areas(screen, avoid):
        if area.width <= 0 or area.height <= 0:
            continue
        fitted = Rect(area.left, area.left + min(width, area.width), area.top - min(height, area.height), area.top)
        # Readable width first, then as much of the wanted size as possible.
        score = (fitted.width >= min(width, MIN_WIDTH), fitted.width * fitted.height)
        if best_score is None or score > best_score:
            best, best_score = fitted, score
    if best is None:  # the sign fills the screen: better over it than nowhere
        return _free_areas(screen, None)[0]
    return best
