"""Stonework of palace courts and approaches: the three-lane royal path (eodo / samdo), rank stones
(pumgyeseok), stone balustrades (dolnangan), twin-arch stone bridges (hongyegyo) and bronze water vats
(deumeu).

Pivots: the royal path and the rank-stone rows are centred on the origin and run along y (towards the
hall = +y); a bridge's deck is centred on the origin with its top at z = 0 and runs along x, its arches
piercing it along y; a balustrade follows a polyline given in world coordinates.
"""

import math

import numpy as np

from ..meshkit import box, concat, flat_polygon, grid_surface, lathe, prism, rotate_x
from . import palette as pal
from .masonry import arch_outline
from .parts import Parts, sweep


def royal_path(length, centre_width=2.0, side_width=1.5, centre_raise=0.14, side_raise=0.07):
    """The three-lane stone path across a palace court: a raised centre lane (for the king, eodo)
    between two lower lanes for the officials. Every top is a step of under 0.15 m, so it is walkable."""
    parts = Parts()
    stone = pal.granite()
    h = length / 2
    c = centre_width / 2
    parts.add(stone, box((-c, -h, 0.0), (c, h, centre_raise), "nsewt"))
    for sign in (-1, 1):
        x0, x1 = sorted((sign * c, sign * (c + side_width)))
        parts.add(stone, box((x0, -h, 0.0), (x1, h, side_raise), "nsewt"))
    return parts


def rank_stone(height=0.62, width=0.34, thickness=0.2):
    """One rank stone: a small stele with a pointed top on a square footing slab, standing at the
    origin, its face to -y."""
    outline = [(-width / 2, 0.0), (width / 2, 0.0), (width / 2, height * 0.78), (0.0, height),
               (-width / 2, height * 0.78)]
    # Extrude the outline (drawn in x-z) through the thickness, then stand it up: z -> -y.
    body = prism(outline, -thickness / 2, thickness / 2, top=True, bottom=True).transformed(rotate_x(90))
    footing = box((-width * 0.9, -thickness * 1.4, 0.0), (width * 0.9, thickness * 1.4, 0.1), "nsewt")
    return concat([footing, body.moved(0.0, 0.0, 0.1)])


def rank_stones(count=12, spacing=3.0, row_offset=4.5):
    """Two rows of `count` rank stones either side of the court's axis (x = +-row_offset), running along
    y and centred on the origin, their faces turned to the axis."""
    parts = Parts()
    stone = pal.granite()
    stele = rank_stone()
    ys = (np.arange(count) - (count - 1) / 2) * spacing
    for sign in (-1, 1):
        for y in ys:
            parts.add(stone, stele.moved(sign * row_offset, float(y), 0.0, 90.0 if sign < 0 else -90.0))
    return parts


def stone_balustrade(path, height=0.75, post_spacing=2.0):
    """A stone railing along a polyline (K, 3) (its foot line): a kerb (jidaeseok), posts with
    bud-shaped caps, a round-ish top rail (dolnangdae) and a short baluster (dongjaju) mid-span."""
    parts = Parts()
    stone = pal.granite()
    p = np.asarray(path, dtype=np.float64)
    parts.add(stone, sweep(p, 0.34, 0.16))
    rail_z = height - 0.2
    parts.add(stone, sweep(p + [0.0, 0.0, rail_z], 0.16, 0.14))
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(p, axis=0), axis=1))])
    count = max(1, round(along[-1] / post_spacing))
    cap = lathe([(0.12, 0.0), (0.14, 0.06), (0.1, 0.16), (0.0, 0.24)], 8)
    baluster = lathe([(0.07, 0.0), (0.1, 0.12), (0.06, 0.24), (0.09, rail_z - 0.16), (0.0, rail_z - 0.16)], 6)

    def at(dist):
        return np.array([np.interp(dist, along, p[:, k]) for k in range(3)])

    for k in range(count + 1):
        c = at(along[-1] * k / count)
        parts.add(stone, box((c[0] - 0.11, c[1] - 0.11, c[2]), (c[0] + 0.11, c[1] + 0.11, c[2] + height), "nsew"))
        parts.add(stone, cap.moved(c[0], c[1], c[2] + height))
        if k < count:
            m = at(along[-1] * (k + 0.5) / count)
            parts.add(stone, baluster.moved(m[0], m[1], m[2] + 0.16))
    return parts


def _arch_face(length, depth, centres, arch_width, spring, segments):
    """The outline (x, z) of a bridge face: the deck line on top and `len(centres)` arches springing
    from the channel bed (z = -depth) below; a simple polygon, since the arches open at the bottom."""
    outline = [(-length / 2, -depth)]
    for cx in centres:
        arch = arch_outline(arch_width, spring, segments)
        outline += [(cx + x, z - depth) for x, z in arch]
    outline += [(length / 2, -depth), (length / 2, 0.0), (-length / 2, 0.0)]
    return np.array(outline)


def arch_bridge(length, width, depth, arches=2, arch_width=2.8, spring=0.9, segments=10):
    """A stone bridge with `arches` rainbow arches (hongye): its deck (top at z = 0) runs along x over a
    channel running along y whose bed is at z = -depth; the arches pierce the bridge along y. Spandrels
    in hewn stone, voussoir rings, vaults and deck in dressed granite, a pointed cutwater on each pier.
    Returns Parts; the deck top is a flat walkable surface."""
    if arch_width * arches >= length:
        raise ValueError("arch_bridge: the arches do not fit in the bridge's length")
    crown = spring + arch_width / 2
    if crown > depth - 0.3:
        raise ValueError(f"arch_bridge: arch crown {crown:.2f} m leaves under 0.3 m below the deck")
    parts = Parts()
    stone, granite = pal.wall_stone(), pal.granite()
    pier = (length - arch_width * arches) / (arches + 1)
    centres = [-length / 2 + pier * (k + 1) + arch_width * (k + 0.5) for k in range(arches)]
    outline = _arch_face(length, depth, centres, arch_width, spring, segments)
    face = flat_polygon(outline).transformed(rotate_x(90))          # plane y = 0, facing -y
    parts.add(stone, face.moved(0.0, -width / 2))
    parts.add(stone, face.moved(0.0, -width / 2).transformed(np.diag([1.0, -1.0, 1.0, 1.0])))
    parts.add(granite, box((-length / 2, -width / 2, -0.25), (length / 2, width / 2, 0.0), "nsewt"))
    r0, r1 = arch_width / 2, arch_width / 2 + 0.45
    angles = np.linspace(math.pi, 0.0, segments + 1)
    for cx in centres:
        hole = arch_outline(arch_width, spring, segments) + [cx, -depth]
        grid = np.array([[(x, y, z) for y in (-width / 2, width / 2)] for x, z in hole])
        vault = grid_surface(grid)
        if vault.normals[0, 0] < 0:       # the left jamb faces into the passage (+x)
            vault = vault.flipped()
        parts.add(granite, vault)
        inner = np.column_stack([cx + r0 * np.cos(angles), spring - depth + r0 * np.sin(angles)])
        outer = np.column_stack([cx + r1 * np.cos(angles), spring - depth + r1 * np.sin(angles)])
        for y, facing in ((-width / 2 - 0.05, -1.0), (width / 2 + 0.05, 1.0)):
            ring = grid_surface(np.stack([np.column_stack([outer[:, 0], np.full(len(outer), y), outer[:, 1]]),
                                          np.column_stack([inner[:, 0], np.full(len(inner), y), inner[:, 1]])]),
                                uvs=np.stack([outer, inner]))
            if ring.normals[:, 1].mean() * facing < 0:
                ring = ring.flipped()
            parts.add(granite, ring)
    # Cutwaters: a pointed prism on each pier, both faces, from the bed to the springing.
    for k in range(arches - 1):
        px = (centres[k] + centres[k + 1]) / 2
        half = pier / 2
        for sign in (-1, 1):
            y0 = sign * width / 2
            nose = [(px - half, y0), (px, y0 + sign * half * 1.2), (px + half, y0)]
            parts.add(stone, prism(nose, -depth, spring - depth + 0.3, top=True))
    return parts


def deumeu(diameter=1.3, height=0.8):
    """A bronze water vat (deumeu) on a stone footing, set by palace halls against fire."""
    parts = Parts()
    r = diameter / 2
    pot = lathe([(r * 0.55, 0.32), (r * 0.9, 0.4), (r, 0.32 + height * 0.5), (r * 0.96, 0.32 + height * 0.9),
                 (r * 1.04, 0.32 + height), (r * 0.9, 0.32 + height), (r * 0.86, 0.32 + height * 0.9),
                 (r * 0.86, 0.5), (0.0, 0.5)], 16, cap_bottom=True)
    parts.add(pal.bronze(), pot)
    parts.add(pal.granite(), box((-r * 0.95, -r * 0.95, 0.0), (r * 0.95, r * 0.95, 0.32), "nsewt"))
    return parts
