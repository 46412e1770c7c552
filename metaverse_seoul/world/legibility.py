"""Legibility measured on what is drawn: each text's colour against the pixels behind it, rendered with
the text itself made invisible, and whether each text stays inside its panel. Used by the tests and
the benchmark; the app itself never runs it.
"""

import numpy as np

from ..core.contrast import contrast_ratio, luminance


def _pixels(app):
    """The window's pixels as rows from the top, RGB from 0 to 1."""
    texture = app.base.win.getScreenshot()
    height, width = texture.getYSize(), texture.getXSize()
    rgb = np.frombuffer(bytes(texture.getRamImageAs("RGB")), np.uint8).reshape(height, width, 3)
    return rgb[::-1] / 255.0


def _pixel_box(app, path):
    """The text's box in window pixels (left, top, right, bottom); None for a text with nothing drawn."""
    bounds = path.getTightBounds(app.base.render2d)
    if bounds is None:
        return None
    low, high = bounds
    width, height = app.base.win.getXSize(), app.base.win.getYSize()
    left, right = (low.x + 1) / 2 * width, (high.x + 1) / 2 * width
    top, bottom = (1 - high.z) / 2 * height, (1 - low.z) / 2 * height
    # Inset by a pixel or two: the box's edge pixels are shared with whatever is next to it (a card's
    # edge is antialiased with the scene).
    return (max(0, int(left) + 2), max(0, int(top) + 2), min(width, int(right) - 1), min(height, int(bottom) - 1))


def lowest_contrasts(app, texts, frames=2):
    """[(ratio, text)] for each (NodePath, RGBA) of `texts`: the lowest contrast of the text's colour
    against any pixel behind it (the worst case, not an average)."""
    saved = []
    for path, _ in texts:
        node = path.node()
        saved.append((node, node.getTextColor()))
        node.setTextColor(0, 0, 0, 0)  # the text goes; its card, the panel and the scene stay
    for _ in range(frames):
        app.step()
    pixels = _pixels(app)
    for node, colour in saved:
        node.setTextColor(colour)
    found = []
    for path, colour in texts:
        box = _pixel_box(app, path)
        if box is None:
            continue
        left, top, right, bottom = box
        behind = pixels[top:bottom, left:right].reshape(-1, 3)
        if not len(behind):
            continue
        sample = behind[:: max(1, len(behind) // 2000)]
        # The worst pixel is the one whose luminance is nearest the text's.
        nearest = np.argmin(np.abs(np.array([luminance(pixel) for pixel in sample]) - luminance(colour)))
        found.append((contrast_ratio(colour, sample[nearest]), path.node().getText()))
    return found


def outside(panel_rect, texts, aspect2d):
    """The texts of `texts` whose box is not inside `panel_rect` (aspect2d units)."""
    stray = []
    for path, _ in texts:
        bounds = path.getTightBounds(aspect2d)
        if bounds is None:
            continue
        low, high = bounds
        if low.x < panel_rect.left - 1e-3 or high.x > panel_rect.right + 1e-3 or \
                low.z < panel_rect.bottom - 1e-3 or high.z > panel_rect.top + 1e-3:
            stray.append(path.node().getText())
    return stray
