"""Surfaces and dancheong colour schemes for traditional Korean buildings.

Colours: noerok, yangnok, hayeop and black are the Munsell values of the 1992 MMCA dancheong standard
converted to hex; the seokganju column red and the roof-tile grey are estimates (see the places notes).
Painted timber uses one white material with vertex colours (COLOR_0), so columns, brackets and
rafters of every colour merge into one primitive; beams carry a moro-dancheong texture whose
decorated ends sit at u = 0 and u = 1 (beam UVs run 0..1 along the member).
"""

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import texgen as tg
from ..materials import granite_ashlar, hex_rgb, plain, srgb_to_linear, textured


@dataclass(frozen=True)
class DancheongScheme:
    """Named sRGB colours of one painting scheme. `painted` False = bare timber (e.g. Seogeodang)."""
    name: str
    noerok: str = "#467B6B"      # blue-green ground of beams and brackets
    yangnok: str = "#40B87A"     # bright green
    hayeop: str = "#375D4D"      # dark green
    black: str = "#343437"
    column: str = "#8A4B38"      # seokganju, red-pine-bark brown (est.)
    red: str = "#B23A2E"         # jupyo red for outlines (est.)
    blue: str = "#2F5E9E"        # samcheong blue (est.)
    yellow: str = "#E3B23C"      # (est.)
    white: str = "#EDEAE0"
    painted: bool = True

    def rgba(self, key):
        return srgb_to_linear(hex_rgb(getattr(self, key))) + (1.0,)


MORO = DancheongScheme("moro")  # palace norm: member ends decorated, bodies noerok
BARE_TIMBER = DancheongScheme("bare", noerok="#8C6A4A", yangnok="#8C6A4A", hayeop="#6E5036", black="#4A3A2C",
                              column="#7A5A3E", red="#7A5A3E", blue="#6E5036", yellow="#A88A62",
                              white="#B89C78", painted=False)


def vertex_rgba(scheme, key):
    """Vertex colours are multiplied with the white painted_wood base; they are linear RGBA."""
    return scheme.rgba(key)


@lru_cache(maxsize=None)
def painted_wood():
    """White base for vertex-coloured timber (columns, brackets, rafters, frames)."""
    return plain("painted_wood", (1.0, 1.0, 1.0), roughness=0.75)


@lru_cache(maxsize=None)
def dancheong_beam(scheme=MORO):
    """Beam painting along u (0..1 = one member), v = round the section. Moro: decorated heads
    (meorichho: bands, a lotus roundel) at both ends, plain noerok body with a thin outline."""
    w, h = 512, 64
    xs = np.arange(w)[None, :].repeat(h, 0) / w
    ys = np.arange(h)[:, None].repeat(w, 1) / h
    col = {k: np.array(hex_rgb(getattr(scheme, k))) for k in ("noerok", "yangnok", "hayeop", "black", "red",
                                                             "blue", "yellow", "white")}
    img = np.empty((h, w, 3))
    img[:] = col["noerok"]
    if scheme.painted:
        end = np.minimum(xs, 1 - xs)  # distance to the nearer end, in beam lengths
        bands = [(0.0, 0.02, "black"), (0.02, 0.035, "white"), (0.035, 0.06, "red"), (0.06, 0.075, "white"),
                 (0.075, 0.16, "blue"), (0.16, 0.172, "white"), (0.172, 0.19, "red"), (0.19, 0.2, "white")]
        for lo, hi, key in bands:
            img[(end >= lo) & (end < hi)] = col[key]
        # A lotus roundel in the blue field of each head.
        for cx in (0.1175, 0.8825):
            r = np.hypot((xs - cx) * w / h, ys - 0.5)
            img[r < 0.36] = col["yellow"]
            img[r < 0.26] = col["red"]
            img[r < 0.12] = col["white"]
        edge = (ys < 0.06) | (ys > 0.94)
        img[edge & (end >= 0.2)] = col["hayeop"]
    grain = tg.fbm(64, 4, 3, 101)
    img *= (0.92 + 0.16 * np.tile(grain, (1, 8)))[..., None]
    return textured(f"dancheong_beam_{scheme.name}", img, size=(1.0, 1.0), roughness=0.7)


@lru_cache(maxsize=None)
def giwa_roof():
    """Roof tiles: rows of half-round sukiwa running down the slope (along v) over the concave amkiwa,
    spaced 0.3 m (the CHA 1994 spec puts sukiwa at 14-18 cm wide), with a lap every 0.33 m along v."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64)
    period = size / 8                                  # 8 rows across 2.4 m
    phase = (xs % period) / period                      # 0..1 across one row
    su = np.clip(1 - ((phase - 0.5) / 0.27) ** 2, 0, None) ** 0.5       # half-round cover tile
    am = 0.25 * (1 - np.cos(2 * np.pi * phase))                          # channel between
    lap = (ys % (size / 8)) / (size / 8)
    lap_step = 0.12 * lap                               # each course overlaps the next one down
    height = np.maximum(su * 0.85 + lap_step, am * 0.35 + lap_step * 0.5)
    tone = tg.fbm(size, 8, 3, 111)
    albedo = tg.colorize(0.35 + 0.3 * height + 0.3 * tone, (0.16, 0.17, 0.19), (0.40, 0.41, 0.44))
    return textured("giwa_roof", albedo, height, size=(2.4, 2.4), roughness=0.6, normal_strength=6.0)


@lru_cache(maxsize=None)
def ridge_tile():
    return plain("ridge_tile", (0.24, 0.25, 0.27), roughness=0.55)


@lru_cache(maxsize=None)
def lime_plaster():
    """White lime plaster (yangseong) of palace ridges and of wall panels."""
    size = 128
    albedo = tg.colorize(tg.fbm(size, 4, 4, 121), (0.84, 0.83, 0.80), (0.95, 0.94, 0.91))
    return textured("lime_plaster", albedo, size=(2.0, 2.0), roughness=0.9)


@lru_cache(maxsize=None)
def eave_soffit(scheme=MORO):
    """The underside of the eaves: round rafters (seokarae) every 0.3 m running up the slope (v), painted
    noerok with the boards between them in red (est., the usual palace scheme)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64)
    phase = (xs % 32) / 32
    rafter = np.abs(phase - 0.5) < 0.22
    img = np.empty((size, size, 3))
    img[:] = hex_rgb(scheme.red) if scheme.painted else hex_rgb(scheme.white)
    img[rafter] = hex_rgb(scheme.noerok)
    shade = np.where(rafter, np.cos((phase - 0.5) / 0.22 * np.pi / 2), 0.0)
    img *= (0.75 + 0.25 * shade)[..., None]
    return textured(f"eave_soffit_{scheme.name}", img, shade, size=(1.2, 1.2), roughness=0.8, normal_strength=4.0)


@lru_cache(maxsize=None)
def lattice(pattern="grid"):
    """Lattice (sal) over hanji paper: 'grid' (jeongjasal), 'bars' (ttisal, vertical bars with three
    horizontal rails) or 'flower' (dense diagonal bitkkotsal of throne halls). One texture repeat covers
    1.2 x 1.2 m."""
    size = 256
    ys, xs = np.mgrid[0:size, 0:size]
    if pattern == "grid":
        bar = ((xs % 32) < 5) | ((ys % 32) < 5)
    elif pattern == "bars":
        bar = ((xs % 16) < 5) | (np.abs((ys % 128) - 64) < 4)
    elif pattern == "flower":   # bitkkotsal: diagonal bars crossing over vertical ones, as on throne halls
        bar = (((xs + ys) % 32) < 10) | (((xs - ys) % 32) < 10) | ((xs % 32) < 5)
    else:
        raise ValueError(f"lattice: unknown pattern {pattern!r} (expected 'grid', 'bars' or 'flower')")
    img = np.empty((size, size, 3))
    img[:] = (0.93, 0.90, 0.82)                      # hanji paper
    img[bar] = hex_rgb("#7A4A32")                     # oiled wood
    return textured(f"lattice_{pattern}", img, np.where(bar, 1.0, 0.0), size=(1.2, 1.2), roughness=0.8,
                    normal_strength=3.0)


@lru_cache(maxsize=None)
def grey_brick():
    """Fired grey brick (jeon) of parapets and wall copings; 0.3 x 0.1 m courses."""
    size = 256
    row, col, dist = tg.blocks(size, rows=16, cols_per_row=5, stagger=0.5)
    tone = tg.cell_random(col, row, 131)
    albedo = tg.colorize(0.3 + 0.5 * tone + 0.2 * tg.fbm(size, 8, 3, 132), (0.32, 0.32, 0.33), (0.55, 0.55, 0.56))
    joint = tg.joint_profile(dist, 2.0, 1.5)
    albedo = albedo * (0.55 + 0.45 * joint)[..., None] + (1 - joint)[..., None] * 0.35
    return textured("grey_brick", albedo, joint, size=(1.6, 1.6), roughness=0.85)


@lru_cache(maxsize=None)
def wall_stone():
    """Hewn granite of the city wall and gate platforms: big blocks of uneven tone in 0.8 m courses."""
    size = 512
    row, col, dist = tg.blocks(size, rows=5, cols_per_row=3, stagger=0.37)
    tone = tg.cell_random(col, row, 141)
    cloud = tg.fbm(size, 8, 4, 142)
    grain = tg.speckle(size, 144, 0.3)
    albedo = tg.colorize(0.2 + 0.45 * tone + 0.25 * cloud + 0.1 * grain, (0.36, 0.35, 0.33), (0.64, 0.62, 0.58))
    joint = tg.joint_profile(dist, 3.0, 10.0)
    pillow = joint * (0.7 + 0.3 * tg.fbm(size, 16, 3, 143))
    albedo *= (0.45 + 0.55 * joint)[..., None]
    return textured("wall_stone", albedo, pillow, size=(4.0, 4.0), roughness=0.85, normal_strength=5.0)


@lru_cache(maxsize=None)
def floor_boards():
    """Wooden floor boards (maru) of pavilions."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    board = (ys % 32) < 2
    grain = tg.fbm(size, 4, 4, 151)
    albedo = tg.colorize(0.4 + 0.4 * grain, (0.42, 0.30, 0.20), (0.62, 0.47, 0.32))
    albedo[board] *= 0.5
    return textured("floor_boards", albedo, np.where(board, 0.0, 1.0), size=(1.2, 1.2), roughness=0.7)


def granite():
    """Dressed granite for terraces, stairs, column bases and gate platforms (shared with the city)."""
    return granite_ashlar()


@lru_cache(maxsize=None)
def door_red():
    """Gate doors: red-painted planks (est.)."""
    size = 128
    ys, xs = np.mgrid[0:size, 0:size]
    plank = (xs % 32) < 2
    albedo = tg.colorize(0.5 + 0.3 * tg.fbm(size, 4, 3, 161), (0.45, 0.14, 0.10), (0.62, 0.22, 0.15))
    albedo[plank] *= 0.55
    return textured("door_red", albedo, np.where(plank, 0.0, 1.0), size=(1.2, 1.2), roughness=0.7)


@lru_cache(maxsize=None)
def rafter_ends(scheme=MORO):
    """The eave edge seen from outside: square flying-rafter ends (buyeon) above round rafter ends
    (seokarae), every 0.3 m, painted with their end patterns. u = metres along the eave (one repeat =
    0.6 m, two rafters), v = 0 at the bottom of the edge to 1 at the top."""
    w, h = 128, 64
    ys, xs = np.mgrid[0:h, 0:w].astype(np.float64)
    img = np.empty((h, w, 3))
    img[:] = hex_rgb(scheme.black) if scheme.painted else hex_rgb(scheme.hayeop)
    local_x = (xs % 64) / 64
    upper = ys < h * 0.45
    square = upper & (np.abs(local_x - 0.5) < 0.32) & (ys > h * 0.05)
    r = np.hypot((local_x - 0.5) * 64, (ys - h * 0.72))
    round_end = (~upper) & (r < h * 0.24)
    if scheme.painted:
        img[square] = hex_rgb(scheme.yellow)
        inner_sq = square & (np.abs(local_x - 0.5) < 0.2) & (ys > h * 0.12) & (ys < h * 0.38)
        img[inner_sq] = hex_rgb(scheme.noerok)
        img[round_end] = hex_rgb(scheme.blue)
        img[round_end & (r < h * 0.15)] = hex_rgb(scheme.white)
        img[round_end & (r < h * 0.07)] = hex_rgb(scheme.red)
    else:
        img[square | round_end] = hex_rgb(scheme.white)
    height = np.where(square | round_end, 1.0, 0.0)
    return textured(f"rafter_ends_{scheme.name}", img, height, size=(0.6, 1.0), roughness=0.75)


@lru_cache(maxsize=None)
def bakseok():
    """Bakseok: the rough, irregular granite flagstones that pave palace courts (Cellular noise:
    each pixel belongs to its nearest jittered seed; joints where two cells meet)."""
    size, cells = 256, 8
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64) / (size / cells)
    best, second = np.full((size, size), np.inf), np.full((size, size), np.inf)
    owner = np.zeros((size, size), dtype=np.int64)
    cx0, cy0 = np.floor(xs).astype(np.int64), np.floor(ys).astype(np.int64)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            cx, cy = cx0 + dx, cy0 + dy
            wx, wy = cx % cells, cy % cells          # wrap: the texture tiles
            sx = cx + 0.15 + 0.7 * tg.cell_random(wx, wy, 191)
            sy = cy + 0.15 + 0.7 * tg.cell_random(wx, wy, 192)
            d = np.hypot(xs - sx, ys - sy)
            closer = d < best
            second = np.where(closer, best, np.minimum(second, d))
            owner = np.where(closer, wy * cells + wx, owner)
            best = np.where(closer, d, best)
    edge = (second - best) * (size / cells)           # pixels to the joint, roughly
    joint = tg.joint_profile(edge, 2.0, 4.0)
    tone = tg.cell_random(owner, 7, 193)
    albedo = tg.colorize(0.25 + 0.4 * tone + 0.2 * tg.fbm(size, 8, 4, 194) + 0.15 * tg.speckle(size, 195, 0.4),
                         (0.46, 0.45, 0.42), (0.74, 0.72, 0.67))
    albedo *= (0.7 + 0.3 * joint)[..., None]
    height = joint * (0.7 + 0.3 * tg.fbm(size, 16, 3, 196))
    return textured("bakseok", albedo, height, size=(6.0, 6.0), roughness=0.85, normal_strength=4.0)


@lru_cache(maxsize=None)
def fine_gravel():
    """Masato: the pale decomposed-granite gravel of palace paths and yards."""
    size = 256
    grit = tg.speckle(size, 201, 0.55)
    value = 0.55 * tg.fbm(size, 8, 4, 202) + 0.45 * grit
    albedo = tg.colorize(value, (0.60, 0.56, 0.48), (0.80, 0.76, 0.68))
    return textured("fine_gravel", albedo, grit * 0.6, size=(3.0, 3.0), roughness=0.95)


@lru_cache(maxsize=None)
def bronze():
    """Dark patinated bronze (water vats, incense burners)."""
    return plain("bronze", (0.28, 0.24, 0.18), roughness=0.5, metallic=0.7)


@lru_cache(maxsize=None)
def plaque_surface(name, text, ground="black", ink="#E9D9A6", scheme=MORO):
    """A name board (hyeonpan): `text` (read right to left, as written on the board) in pale or gilded
    letters on a dark ground, framed in painted bands. UVs 0..1 over the board."""
    from ..glyphs import text_mask   # fontTools is only needed when a plaque is built
    w, h = 256, 128
    mask = text_mask(text, w - 40, h - 36, margin=0.06)
    # Thicken the strokes: calligraphy on plaques is far bolder than a text face.
    bold = mask.copy()
    for dy, dx in ((0, 1), (1, 0), (1, 1), (0, -1), (-1, 0)):
        bold = np.maximum(bold, np.roll(np.roll(mask, dy, 0), dx, 1))
    img = np.empty((h, w, 3))
    img[:] = hex_rgb(getattr(scheme, ground))
    inner = img[18:h - 18, 20:w - 20]
    img[18:h - 18, 20:w - 20] = inner * (1 - bold[..., None]) + np.array(hex_rgb(ink)) * bold[..., None]
    ys, xs = np.mgrid[0:h, 0:w]
    edge = np.minimum(np.minimum(xs, w - 1 - xs), np.minimum(ys, h - 1 - ys))
    for lo, hi, key in ((0, 5, "red"), (5, 9, "yellow"), (9, 13, "noerok")):
        img[(edge >= lo) & (edge < hi)] = hex_rgb(getattr(scheme, key))
    return textured(f"plaque_{name}", img, size=(1.0, 1.0), roughness=0.6)


@lru_cache(maxsize=None)
def pale_stone():
    """Smooth pale granite of classical columns, cornices and balustrades (Seokjojeon)."""
    return plain("pale_stone", (0.80, 0.78, 0.73), roughness=0.65)


@lru_cache(maxsize=None)
def still_water():
    """Still, dark water of palace channels and ponds (a plain glossy surface)."""
    return plain("still_water", (0.16, 0.24, 0.24), roughness=0.08)
