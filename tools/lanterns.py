"""Hanji lanterns of the Seoul Lantern Festival, one mesh per kind, in the lantern's own frame: x east
(a figure's head points +x), y north, z up, metres; origin = the middle of the lantern's foot (where it
hangs from a line, floats, or stands on its frame in the stream).

Small lanterns (round, cylinder, lotus) are strung over walkways and floated on the stream by the
hundred; figure lanterns (tiger, dragon, haechi) are the festival's large works, several metres long,
standing in the stream on their frames. Shapes follow published descriptions (hanji on wire frames,
lit by LED; octagonal and lotus lanterns; tiger and other animal figures: assets/models/lanterns.json);
their proportions are drawn, not measured. Paint and glow are vertex colours (tools/lantern_shapes.py).
"""

import numpy as np

from .lantern_shapes import FRAME, PAPER, blob, leaf, paint_by, painted, tube
from .meshkit import concat, cylinder, lathe

HANJI = (1.0, 0.97, 0.9)          # undyed mulberry paper: the instance colour tints it
WIRE = (0.12, 0.1, 0.09)
CAP_RED = (0.55, 0.08, 0.06)
CHEONG, HONG = (0.16, 0.3, 0.75), (0.85, 0.16, 0.12)   # cheongsachorong: blue below, red above


def round_lantern():
    """A globe of hanji 0.44 m across on a red foot ring, with a dark cap: about 120 triangles (it is
    drawn by the hundred near the visitor)."""
    angles = np.linspace(-np.pi / 2, np.pi / 2, 7)
    globe = lathe(np.column_stack([0.22 * np.cos(angles), 0.27 + 0.21 * np.sin(angles)])[1:-1], 10)
    foot = cylinder(0.09, 0.0, 0.07, segments=10, cap_top=False, cap_bottom=True)
    cap = lathe([(0.09, 0.46), (0.07, 0.52), (0.0, 0.53)], 10)
    return concat([painted(globe, HANJI), painted(foot, CAP_RED, 0.3), painted(cap, WIRE, FRAME)])


def cylinder_lantern():
    """An octagonal paper lantern 0.38 m across and 0.5 m tall, blue below and red above in the way of
    the cheongsachorong, with a dark lid and foot."""
    body = lathe([(0.19, 0.05), (0.19, 0.16), (0.19, 0.39), (0.19, 0.5)], 8)

    def bands(positions, normals):
        z = positions[:, 2:3]
        rgb = np.where(z < 0.15, CHEONG, np.where(z > 0.4, HONG, HANJI))
        return np.column_stack([rgb, np.full(len(z), PAPER)])

    lid = lathe([(0.21, 0.5), (0.21, 0.53), (0.08, 0.58), (0.0, 0.59)], 8)
    foot = cylinder(0.2, 0.0, 0.05, segments=8, cap_top=False, cap_bottom=True)
    return concat([paint_by(body, bands), painted(lid, WIRE, FRAME), painted(foot, WIRE, FRAME)])


def lotus_lantern():
    """A lotus lantern (yeondeung): two tiers of eight petals, white at the heart and pink at the
    tips, on a ring of green leaves, 0.5 m across."""
    parts = []
    for tier, (radius, rise, length, width) in enumerate(((0.07, 0.5, 0.21, 0.13), (0.12, 0.2, 0.23, 0.16))):
        for k in range(8):
            angle = 2 * np.pi * (k + 0.5 * tier) / 8
            out = np.array([np.cos(angle), np.sin(angle), 0.0])
            base = out * radius + [0.0, 0.0, 0.08]
            tip = base + out * length * np.cos(rise) + [0.0, 0.0, length * (0.35 + rise)]
            parts.append(leaf(base, tip, width, bend=-0.03))

    def blush(positions, normals):
        reach = np.clip((positions[:, 2] - 0.08) / 0.3, 0.0, 1.0)[:, None]
        rgb = (1 - reach) * np.array([1.0, 0.96, 0.94]) + reach * np.array([0.98, 0.45, 0.62])
        return np.column_stack([rgb, np.full(len(rgb), PAPER)])

    petals = paint_by(concat(parts), blush)
    leaves = concat([leaf([0.06 * np.cos(a), 0.06 * np.sin(a), 0.06], [0.27 * np.cos(a), 0.27 * np.sin(a), 0.02],
                          0.16, bend=0.02) for a in np.linspace(0, 2 * np.pi, 8, endpoint=False)])
    heart = blob((0.0, 0.0, 0.12), (0.07, 0.07, 0.06), rings=3, segments=6)
    return concat([petals, painted(leaves, (0.25, 0.62, 0.3), 0.8), painted(heart, (1.0, 0.85, 0.3))])


def _stripes(base, dark, frequency, axis=0, belly=None):
    """Paint: `base` with `dark` bands across `axis` (and an optional pale belly under the body)."""
    def paint(positions, normals):
        wave = np.sin(positions[:, axis] * frequency + 1.7 * positions[:, 2])
        rgb = np.where((wave > 0.55)[:, None], dark, base)
        if belly is not None:
            rgb = np.where((normals[:, 2] < -0.45)[:, None], belly, rgb)
        return np.column_stack([rgb, np.full(len(rgb), PAPER)])
    return paint


def _legs(feet, hip_height, radius):
    return [tube([(x, y, 0.05), (x, y, hip_height * 0.5), (x * 0.95, y * 0.8, hip_height)],
                 [radius * 0.8, radius * 0.9, radius], sides=7) for x, y in feet]


def tiger_lantern():
    """A striding tiger about 4 m long, orange with black stripes (figure lanterns stand on frames in
    the stream; the legs carry this one)."""
    orange, black = (1.0, 0.56, 0.12), (0.08, 0.06, 0.05)
    body = blob((0.0, 0.0, 1.3), (1.45, 0.5, 0.52), rings=10, segments=12)
    chest = blob((1.1, 0.0, 1.4), (0.6, 0.5, 0.6), rings=7, segments=10)
    head = blob((1.95, 0.0, 1.85), (0.5, 0.46, 0.44), rings=8, segments=10)
    muzzle = blob((2.38, 0.0, 1.7), (0.26, 0.27, 0.2), rings=5, segments=8)
    ears = [blob((1.85, side * 0.3, 2.27), (0.1, 0.12, 0.13), rings=4, segments=6) for side in (-1, 1)]
    tail = tube([(-1.4, 0.0, 1.45), (-2.0, 0.1, 1.75), (-2.4, 0.25, 2.2), (-2.45, 0.35, 2.5)],
                [0.13, 0.11, 0.09, 0.04], sides=7)
    legs = _legs([(1.1, -0.3), (1.05, 0.3), (-0.95, -0.3), (-1.0, 0.3)], 1.2, 0.2)
    coat = paint_by(concat([body, chest, head, tail] + ears + legs), _stripes(orange, black, 7.0,
                                                                                 belly=(1.0, 0.93, 0.8)))
    eyes = [painted(blob((2.37, side * 0.2, 1.95), (0.05, 0.07, 0.06), rings=3, segments=6), (1.0, 0.95, 0.4))
            for side in (-1, 1)]
    return concat([coat, painted(muzzle, (1.0, 0.95, 0.88))] + eyes)


def dragon_path(count=44):
    """The dragon's spine from tail (x = -4.5) to neck (x = 3.6): it swims in waves, rising to the head."""
    x = np.linspace(-4.5, 3.6, count)
    y = 0.7 * np.sin(x * 1.1 + 0.4)
    z = 2.0 + 0.6 * np.sin(x * 1.4 + 1.0) + 0.12 * (x + 4.5)
    return np.column_stack([x, y, z])


def dragon_lantern():
    """A blue-green dragon about 9 m long with a yellow belly, red spine fins, horns and whiskers,
    held up by two dark poles."""
    spine = dragon_path()
    radii = 0.12 + 0.3 * np.sin(np.linspace(0.15, np.pi * 0.78, len(spine)))
    body = paint_by(tube(spine, radii, sides=10), _stripes((0.12, 0.62, 0.55), (0.08, 0.4, 0.45), 9.0,
                                                           belly=(1.0, 0.85, 0.3)))
    neck = spine[-1]
    head = blob(neck + [0.45, 0.0, 0.15], (0.55, 0.36, 0.34), rings=7, segments=10)
    snout = blob(neck + [0.95, 0.0, 0.05], (0.35, 0.24, 0.2), rings=5, segments=8)
    horns = [tube([neck + [0.3, s * 0.2, 0.4], neck + [0.0, s * 0.35, 0.9], neck + [-0.35, s * 0.45, 1.1]],
                  [0.07, 0.05, 0.01], sides=5) for s in (-1, 1)]
    whiskers = [tube([neck + [1.1, s * 0.2, 0.05], neck + [1.5, s * 0.6, 0.0], neck + [1.7, s * 1.0, -0.3]],
                     [0.03, 0.02, 0.005], sides=4) for s in (-1, 1)]
    fins = [leaf(p + [0, 0, r * 0.8], p + [-0.2, 0.0, r * 0.8 + 0.35], 0.22)
            for p, r in zip(spine[4:-2:3], radii[4:-2:3])]
    legs = [tube([spine[i] + [0, 0, -radii[i] * 0.5], spine[i] + [0.2, s * 0.45, -0.5],
                  spine[i] + [0.4, s * 0.55, -0.8]], [0.09, 0.07, 0.03], sides=6)
            for i, s in ((12, 1), (14, -1), (30, 1), (32, -1))]
    poles = [cylinder(0.05, 0.0, float(spine[i][2]), segments=6, cap_top=False).moved(*spine[i][:2])
             for i in (12, 34)]
    eyes = [painted(blob(neck + [0.85, s * 0.24, 0.3], (0.06, 0.05, 0.06), rings=3, segments=6), (1.0, 0.9, 0.2))
            for s in (-1, 1)]
    return concat([body, painted(concat([head, snout]), (0.15, 0.7, 0.6)), painted(concat(horns), (1.0, 0.9, 0.55)),
                   painted(concat(whiskers + legs), (1.0, 0.75, 0.3)), painted(concat(fins), (0.95, 0.25, 0.15)),
                   painted(concat(poles), WIRE, FRAME)] + eyes)


def haechi_lantern():
    """A seated haechi, Seoul's guardian and symbol, about 3 m tall: golden body, a curly mane, a
    single horn and a raised tail."""
    gold, mane_red = (1.0, 0.78, 0.25), (0.9, 0.35, 0.15)
    body = blob((-0.2, 0.0, 0.9), (0.8, 0.6, 0.7), rings=8, segments=12)
    chest = blob((0.35, 0.0, 1.45), (0.55, 0.55, 0.75), rings=8, segments=10)
    head = blob((0.65, 0.0, 2.35), (0.5, 0.48, 0.45), rings=8, segments=10)
    muzzle = blob((1.05, 0.0, 2.2), (0.25, 0.3, 0.2), rings=5, segments=8)
    forelegs = _legs([(0.65, -0.3), (0.65, 0.3)], 1.3, 0.17)
    haunches = [blob((-0.4, side * 0.5, 0.45), (0.5, 0.22, 0.42), rings=6, segments=8) for side in (-1, 1)]
    tail = tube([(-0.95, 0.0, 0.8), (-1.35, 0.0, 1.3), (-1.2, 0.0, 1.9), (-0.9, 0.0, 2.1)], [0.14, 0.12, 0.1, 0.03], 7)
    mane = [blob((0.45 + 0.25 * np.cos(a), 0.52 * np.sin(a), 2.35 + 0.42 * np.cos(a) * 0.6), (0.2, 0.14, 0.2), 4, 6)
            for a in np.linspace(-2.4, 2.4, 9)]
    horn = tube([(0.7, 0.0, 2.75), (0.65, 0.0, 3.0), (0.55, 0.0, 3.15)], [0.08, 0.05, 0.01], sides=6)
    eyes = [painted(blob((1.05, s * 0.22, 2.45), (0.06, 0.07, 0.07), rings=3, segments=6), (0.15, 0.5, 0.9))
            for s in (-1, 1)]
    coat = painted(concat([body, chest, head] + forelegs + haunches), gold)
    return concat([coat, painted(muzzle, (1.0, 0.92, 0.7)), painted(concat(mane + [tail]), mane_red),
                   painted(horn, (0.45, 0.85, 0.65))] + eyes)


KINDS = {
    "round": round_lantern,
    "cylinder": cylinder_lantern,
    "lotus": lotus_lantern,
    "tiger": tiger_lantern,
    "dragon": dragon_lantern,
    "haechi": haechi_lantern,
}
