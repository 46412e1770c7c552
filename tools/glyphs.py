"""Rasterise short texts (plaques, signs) into numpy masks from the project's OpenType font.

fontTools reads the glyph outlines; curves are flattened to polygons and filled with the even-odd rule
at pixel centres. Enough for a few large characters on a texture, with no extra dependencies.
"""

from pathlib import Path

import numpy as np
from fontTools.pens.basePen import BasePen
from fontTools.ttLib import TTFont

FONT = Path(__file__).resolve().parent.parent / "assets" / "fonts" / "NotoSansCJK-Subset.otf"


class _PolygonPen(BasePen):
    """Collects a glyph's contours as lists of points, with curves flattened into short segments."""

    def __init__(self, glyph_set, steps=8):
        super().__init__(glyph_set)
        self.contours, self.current, self.steps = [], [], steps

    def _moveTo(self, pt):
        self.current = [pt]

    def _lineTo(self, pt):
        self.current.append(pt)

    def _curveToOne(self, p1, p2, p3):
        p0 = self.current[-1]
        for t in np.linspace(0, 1, self.steps + 1)[1:]:
            u = 1 - t
            self.current.append(tuple(u ** 3 * np.array(p0) + 3 * u * u * t * np.array(p1)
                                      + 3 * u * t * t * np.array(p2) + t ** 3 * np.array(p3)))

    def _qCurveToOne(self, p1, p2):
        p0 = self.current[-1]
        for t in np.linspace(0, 1, self.steps + 1)[1:]:
            u = 1 - t
            self.current.append(tuple(u * u * np.array(p0) + 2 * u * t * np.array(p1) + t * t * np.array(p2)))

    def _closePath(self):
        if len(self.current) > 2:
            self.contours.append(np.array(self.current, dtype=np.float64))
        self.current = []

    _endPath = _closePath


def _fill(contours, xs, ys):
    """Even-odd fill: True where a pixel centre (xs, ys) is inside the contours."""
    inside = np.zeros(xs.shape, dtype=bool)
    for contour in contours:
        a, b = contour, np.roll(contour, -1, axis=0)
        for (x0, y0), (x1, y1) in zip(a, b):
            if y0 == y1:
                continue
            crosses = (ys >= min(y0, y1)) & (ys < max(y0, y1))
            x_at = x0 + (ys - y0) * (x1 - x0) / (y1 - y0)
            inside ^= crosses & (xs < x_at)
    return inside


def text_mask(text, width, height, margin=0.12, font_path=FONT):
    """A (height, width) float mask (1 = ink) of `text` laid out left to right, each character in an
    equal cell, scaled to fit inside the margin (a fraction of the height)."""
    font = TTFont(str(font_path))
    cmap, glyph_set = font.getBestCmap(), font.getGlyphSet()
    missing = [c for c in text if ord(c) not in cmap]
    if missing:
        raise ValueError(f"text_mask: the font has no glyph for {''.join(missing)!r}")
    upm = font["head"].unitsPerEm
    cell = min(width / len(text), height) * (1 - 2 * margin)
    scale = cell / upm
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float64) + 0.5
    mask = np.zeros((height, width))
    pitch = width / len(text)
    descent = -font["OS/2"].sTypoDescender
    for i, char in enumerate(text):
        pen = _PolygonPen(glyph_set)
        glyph_set[cmap[ord(char)]].draw(pen)
        left = pitch * i + (pitch - cell) / 2
        # Font units: y up from the baseline; image rows run down from the top.
        contours = [np.column_stack([left + c[:, 0] * scale,
                                     height / 2 + cell / 2 - (c[:, 1] + descent) * scale]) for c in pen.contours]
        mask = np.maximum(mask, _fill(contours, xs, ys).astype(np.float64))
    return mask
