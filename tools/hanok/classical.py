"""Western classical stone parts, for the neoclassical halls that Korean palaces gained around 1900
(Seokjojeon at Deoksugung): Ionic columns and colonnades, entablatures, pediments, balustrades and the
plum-blossom emblem of the Korean Empire.

Pivots: a column stands on the origin; a colonnade, entablature, balustrade or pediment runs along x,
centred on the origin, at z = 0, its front facing -y (as in every other tools.hanok module).
Proportions follow the usual Ionic canon: column height about 9 lower diameters, base 1/2 diameter,
capital about 1/3 diameter high with volutes reaching 1.5 diameters across.
"""

import math

import numpy as np

from ..meshkit import box, concat, cylinder, flat_polygon, lathe, prism, rotate_x
from . import palette as pal
from .parts import Parts, sweep


def ionic_column(height, diameter, segments=16):
    """An Ionic column from z = 0 to `height`: square plinth, Attic base (torus, scotia, torus), a shaft
    with entasis (tapering to 0.83 of its foot), an echinus, two volute rolls seen from the front
    (cylinders along y) and a thin square abacus. Returns one Mesh."""
    d = diameter
    r = d / 2
    plinth_h, base_h, capital_h = d * 0.14, d * 0.5, d * 0.38
    shaft_top = height - capital_h
    base = lathe([(r * 1.28, plinth_h), (r * 1.3, plinth_h + base_h * 0.12), (r * 1.16, plinth_h + base_h * 0.3),
                  (r * 1.02, plinth_h + base_h * 0.45), (r * 1.1, plinth_h + base_h * 0.62),
                  (r * 1.14, plinth_h + base_h * 0.8), (r * 1.0, plinth_h + base_h)], segments)
    shaft = lathe([(r, plinth_h + base_h), (r * 0.99, plinth_h + base_h + (shaft_top - base_h) * 0.3),
                   (r * 0.92, plinth_h + base_h + (shaft_top - base_h) * 0.75), (r * 0.83, shaft_top - d * 0.06),
                   (r * 0.9, shaft_top)], segments)
    echinus = lathe([(r * 0.9, shaft_top), (r * 1.02, shaft_top + capital_h * 0.45), (r * 0.95, shaft_top + capital_h * 0.6)],
                    segments)
    plinth = box((-r * 1.35, -r * 1.35, 0.0), (r * 1.35, r * 1.35, plinth_h), "nsewt")
    abacus = box((-r * 1.25, -r * 1.25, height - capital_h * 0.22), (r * 1.25, r * 1.25, height))
    volute_r = capital_h * 0.42
    roll = cylinder(volute_r, -r * 1.05, r * 1.05, segments=12, cap_top=True, cap_bottom=True).transformed(rotate_x(90))
    cushion = box((-r * 1.3, -r * 1.0, shaft_top + capital_h * 0.4), (r * 1.3, r * 1.0, height - capital_h * 0.22))
    volutes = [roll.moved(sign * r * 1.32, 0.0, shaft_top + capital_h * 0.35) for sign in (-1, 1)]
    return concat([plinth, base, shaft, echinus, cushion, abacus] + volutes)


def colonnade(xs, height, diameter, surface=None):
    """Ionic columns at x positions `xs` on the line y = 0. Returns Parts."""
    column = ionic_column(height, diameter)
    parts = Parts()
    surface = surface or pal.pale_stone()
    parts.add(surface, concat([column.moved(float(x), 0.0, 0.0) for x in xs]))
    return parts


def entablature(length, depth, height, surface=None):
    """Architrave in three fasciae, frieze and a projecting cornice over a colonnade, along x, from
    z = 0 to `height`; the front face at y = -depth / 2. Returns Parts."""
    parts = Parts()
    s = surface or pal.pale_stone()
    h2, d2 = length / 2, depth / 2
    arch_h, frieze_h = height * 0.42, height * 0.28
    z = 0.0
    for k in range(3):            # fasciae, each standing a little proud of the one below
        step = arch_h / 3
        parts.add(s, box((-h2, -d2 - 0.03 * k, z), (h2, d2 + 0.03 * k, z + step), "nsewb" if k == 0 else "nsew"))
        z += step
    parts.add(s, box((-h2, -d2 - 0.06, z), (h2, d2 + 0.06, z + frieze_h), "nsewb"))
    z += frieze_h
    corona = height - z
    parts.add(s, box((-h2 - 0.3, -d2 - 0.35, z), (h2 + 0.3, d2 + 0.35, z + corona * 0.35), "nsewb"))
    parts.add(s, box((-h2 - 0.45, -d2 - 0.5, z + corona * 0.35), (h2 + 0.45, d2 + 0.5, height)))
    return parts


def pediment(width, rise, depth=0.8, surface=None):
    """A triangular pediment: tympanum (a triangular block `depth` deep behind the plane y = 0) under
    two raking cornices. Its base runs along x from -width/2 to width/2 at z = 0. Returns Parts."""
    parts = Parts()
    s = surface or pal.pale_stone()
    w2 = width / 2
    triangle = [(-w2, 0.0), (w2, 0.0), (0.0, rise)]
    # Extrude the triangle (drawn in x-z) through y from 0 to depth: prism along z, then z -> y.
    block = prism(triangle, -depth, 0.0, top=True, bottom=True).transformed(rotate_x(90))
    parts.add(s, block)
    for sign in (-1, 1):
        slope = np.array([(sign * (w2 + 0.5), -0.25, -0.2), (0.0, -0.25, rise + 0.05)])
        parts.add(s, sweep(slope, 0.75, 0.45, up=(sign * rise, 0.0, w2 + 0.5), base_offset=-0.05))
    return parts


def balustrade(length, height=1.0, spacing=0.32, surface=None):
    """A balustrade along x, centred on the origin: plinth rail, vase-shaped balusters, hand rail,
    and square dies every 8 balusters. Returns Parts."""
    parts = Parts()
    s = surface or pal.pale_stone()
    h2 = length / 2
    parts.add(s, box((-h2, -0.18, 0.0), (h2, 0.18, 0.16), "nsewt"))
    parts.add(s, box((-h2, -0.22, height - 0.14), (h2, 0.22, height)))
    inner = height - 0.3
    baluster = lathe([(0.07, 0.0), (0.1, inner * 0.12), (0.13, inner * 0.35), (0.07, inner * 0.7),
                      (0.06, inner * 0.85), (0.09, inner)], 6)
    count = max(1, int(length / spacing))
    xs = (np.arange(count) - (count - 1) / 2) * (length / count)
    parts.add(s, concat([baluster.moved(float(x), 0.0, 0.16) for x in xs]))
    dies = np.linspace(-h2, h2, max(2, count // 8 + 1))
    parts.add(s, concat([box((x - 0.18, -0.2, 0.16), (x + 0.18, 0.2, height - 0.14), "nsew") for x in dies]))
    return parts


def plum_emblem(radius, petals=5):
    """The plum blossom (oyatkkot), emblem of the Korean Empire: a flat five-petalled flower on the
    plane y = 0 facing -y, centred on the origin. Returns one Mesh."""
    angles = np.linspace(0.0, 2 * math.pi, petals * 12, endpoint=False)
    rad = radius * (0.62 + 0.38 * np.abs(np.cos(angles * petals / 2)))
    outline = np.column_stack([rad * np.sin(angles), rad * np.cos(angles)])
    flower = flat_polygon(outline).transformed(rotate_x(90))
    heart = flat_polygon(outline * 0.3).transformed(rotate_x(90))
    return concat([flower, heart.moved(0.0, -0.02, 0.0)])
