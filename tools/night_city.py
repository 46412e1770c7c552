"""The city at night around an event: blocks of buildings with lit windows, street lamps and railings,
shared by the festival scenes (Cheonggyecheon, Jongno). World frame x east, y north, z up, metres.

Buildings here are the backdrop, not reconstructions: their heights and widths are drawn from a seeded
generator, so the skyline is plausible for central Seoul and the same on every build.
"""

from functools import lru_cache

import numpy as np

from . import materials as mat
from . import texgen as tg
from .meshkit import box, concat, lathe

FLOOR_M = 3.6
WINDOW_M = 2.4


@lru_cache(maxsize=None)
def lit_facade():
    """Office and shop facades at night: a grid of windows, about half of them lit warm or cool.
    One texture repeat covers 4 windows x 4 floors."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size]
    cell_x, cell_y = xs // 64, ys // 64
    window = ((xs % 64) > 10) & ((xs % 64) < 58) & ((ys % 64) > 14) & ((ys % 64) < 54)
    tone = tg.cell_random(cell_x, cell_y, 301)
    lit = window & (tone > 0.45)
    warm = tg.cell_random(cell_x, cell_y, 302) > 0.35
    albedo = np.empty((size, size, 3))
    albedo[:] = (0.42, 0.42, 0.44)
    albedo[window] = (0.1, 0.12, 0.15)
    glow = np.zeros((size, size, 3))
    light = np.where(warm[..., None], [1.0, 0.78, 0.5], [0.75, 0.85, 1.0]) * (0.5 + 0.5 * tone[..., None])
    glow[lit] = light[lit]
    albedo[lit] = glow[lit] * 0.6
    return mat.textured("lit_facade", albedo, np.where(window, 0.0, 1.0), size=(4 * WINDOW_M, 4 * FLOOR_M),
                        roughness=0.6, glow=glow)


@lru_cache(maxsize=None)
def roof_slab():
    return mat.plain("roof_slab", (0.2, 0.2, 0.22), roughness=0.9)


def city_block(x0, x1, y_front, depth, facing, seed, heights=(18.0, 55.0), widths=(14.0, 30.0)):
    """Buildings side by side from x0 to x1, their fronts on the line y = y_front facing `facing`
    (+1 north, -1 south), `depth` deep. -> (facades, roofs)"""
    rng = np.random.default_rng(seed)
    facades, roofs = [], []
    x = x0
    while x < x1 - 4.0:
        width = min(float(rng.uniform(*widths)), x1 - x)
        height = float(rng.uniform(*heights))
        y_back = y_front - facing * depth
        lo, hi = (x, min(y_front, y_back), 0.0), (x + width - 0.6, max(y_front, y_back), height)
        facades.append(box(lo, hi, "nsew"))
        roofs.append(box((lo[0], lo[1], height), (hi[0], hi[1], height + 0.3), "nsewt"))
        x += width
    return concat(facades), concat(roofs)


def street_lamps(xs, y, z, height=6.0):
    """A row of street lamps at (x, y) for x in xs, standing on z. -> (poles, globes)"""
    poles, globes = [], []
    for x in xs:
        pole = lathe([(0.12, 0.0), (0.1, 0.3), (0.06, 0.35), (0.05, height - 0.4), (0.08, height - 0.3)], 8)
        globe = lathe([(0.0, height - 0.32), (0.18, height - 0.28), (0.24, height - 0.05), (0.2, height + 0.12),
                       (0.0, height + 0.14)], 8)
        poles.append(pole.moved(x, y, z))
        globes.append(globe.moved(x, y, z))
    return concat(poles), concat(globes)


def railing(x0, x1, y, z, height=1.1, spacing=2.0):
    """A metal railing along x at (y, z): a top rail, a mid rail and posts every `spacing` metres."""
    rails = [box((x0, y - 0.04, z + h - 0.05), (x1, y + 0.04, z + h), "nstb") for h in (height, height * 0.5)]
    posts = [box((x - 0.04, y - 0.04, z), (x + 0.04, y + 0.04, z + height), "nsew")
             for x in np.arange(x0, x1 + 1e-6, spacing)]
    return concat(rails + posts)
