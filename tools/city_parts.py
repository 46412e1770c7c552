"""Street furniture and small building parts shared by the city scenes: trees, benches, lamps, portal
gates, windows, ellipse and ring surfaces. All in the world frame (x east, y north, z up, metres);
every function returns Meshes (or (surface, mesh) pairs) for tools.assembly, never writes files.
"""

import math

import numpy as np

from .meshkit import Mesh, box, concat, faceted, grid_surface, icosphere, lathe, quad, rotate_z, \
    scale, translate
from .texgen import cell_random


def heading_towards(from_xy, to_xy):
    """Manifest heading (degrees, 0 = north, 90 = west) of the direction from one point to another."""
    dx, dy = to_xy[0] - from_xy[0], to_xy[1] - from_xy[1]
    return round(math.degrees(math.atan2(-dx, dy)), 1)


# --- ground shapes --------------------------------------------------------------------------------

def ellipse_points(a, b, angles):
    return np.column_stack([a * np.cos(angles), b * np.sin(angles)])


def rectangle_points(rect, angles):
    """Where rays from the origin at the given angles leave the rectangle ((xmin, ymin), (xmax, ymax))."""
    (x0, y0), (x1, y1) = rect
    c, s = np.cos(angles), np.sin(angles)
    with np.errstate(divide="ignore"):
        tx = np.where(c > 1e-12, x1 / c, np.where(c < -1e-12, x0 / c, np.inf))
        ty = np.where(s > 1e-12, y1 / s, np.where(s < -1e-12, y0 / s, np.inf))
    t = np.minimum(tx, ty)
    return np.column_stack([t * c, t * s])


def ring(outer, inner, z=0.0):
    """A flat band between two loops sampled at the same angles (both counter-clockwise, open or
    closed as given: the last point is not joined back to the first). UVs: world x, y in metres."""
    pts = np.stack([outer, inner])
    grid = np.concatenate([pts, np.full(pts.shape[:2] + (1,), z)], axis=2)
    mesh = grid_surface(grid, uvs=pts.copy())
    mesh.normals[:] = (0.0, 0.0, 1.0)
    return mesh


def closed(points):
    return np.vstack([points, points[:1]])


def dashed_ellipse(a, b, angle_from, angle_to, dash, gap, width, z=0.012):
    """Road-marking dashes along an ellipse between two angles (radians, counter-clockwise)."""
    angles = np.arange(angle_from, angle_to, 0.01)
    pts = ellipse_points(a, b, angles)
    length = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    if gap <= 0:
        dash = length[-1]  # a solid line
    pieces = []
    start = 0.0
    while start + dash <= length[-1] + 1e-9:
        sel = (length >= start) & (length <= start + dash)
        if sel.sum() >= 2:
            seg = pts[sel]
            normal = np.column_stack([np.gradient(seg[:, 1]), -np.gradient(seg[:, 0])])
            normal /= np.maximum(np.linalg.norm(normal, axis=1, keepdims=True), 1e-12)
            pieces.append(ring(seg + normal * width / 2, seg - normal * width / 2, z))
        start += dash + gap
    return concat(pieces)


# --- trees -----------------------------------------------------------------------------------------

def _jittered_blob(radius, squash, seed):
    """A lumpy low-poly crown: an icosphere with its vertices pushed in and out deterministically."""
    sphere = icosphere(1.0, 1)
    k = np.arange(len(sphere.positions))
    bump = 0.82 + 0.3 * cell_random(k, seed, 5)
    sphere.positions *= bump[:, None]
    return sphere.transformed(scale(radius, radius, radius * squash))


def broadleaf_tree(x, y, height=8.0, seed=0):
    """A zelkova-like street tree: tapered trunk and three clustered crown lumps. -> (trunk, crown)."""
    trunk_h = height * 0.42
    trunk = lathe([(0.26, 0.0), (0.2, 0.4), (0.15, trunk_h), (0.08, trunk_h + 1.2)], 6, phase=seed * 17)
    crowns = []
    r = height * 0.3
    for i in range(3):
        angle = math.radians(seed * 47 + i * 120)
        offset = (math.cos(angle) * r * 0.45, math.sin(angle) * r * 0.45, height - r * (0.95 + 0.15 * i))
        shade = 0.85 + 0.3 * float(cell_random(seed, i, 7))
        color = (0.20 * shade, 0.36 * shade, 0.12 * shade, 1.0)
        crowns.append(faceted(_jittered_blob(r * (0.95 - 0.1 * i), 0.78, seed * 3 + i)
                              .transformed(translate(*offset))).colored(color))
    rot = translate(x, y, 0) @ rotate_z(seed * 37.0)
    return trunk.transformed(rot), concat(crowns).transformed(rot)


def ginkgo_tree(x, y, height=9.0, seed=0):
    """A ginkgo (Seoul's commonest street tree): slim trunk and a narrow conical crown. -> (trunk, crown)."""
    trunk = lathe([(0.22, 0.0), (0.14, height * 0.5), (0.06, height * 0.95)], 6, phase=seed * 13)
    profile = [(0.0, height * 0.25), (height * 0.2, height * 0.32), (height * 0.24, height * 0.5),
               (height * 0.17, height * 0.75), (0.0, height * 1.02)]
    crown = lathe(profile, 7, phase=seed * 29)
    k = np.arange(len(crown.positions))
    crown.positions[:, :2] *= (0.85 + 0.3 * cell_random(k, seed, 9))[:, None]
    shade = 0.9 + 0.2 * float(cell_random(seed, 1, 11))
    crown = faceted(crown).colored((0.30 * shade, 0.45 * shade, 0.14 * shade, 1.0))
    return trunk.moved(x, y), crown.moved(x, y)


def pine_tree(x, y, height=9.0, seed=0):
    """A Korean red pine (sonamu): a leaning red-brown trunk and a flat, layered crown. -> (trunk, crown)."""
    lean = 0.06 + 0.06 * float(cell_random(seed, 2, 17))
    trunk = lathe([(0.24, 0.0), (0.18, height * 0.5), (0.1, height * 0.9)], 6, phase=seed * 11)
    trunk.positions[:, 0] += trunk.positions[:, 2] * lean
    crowns = []
    for i, (frac, radius) in enumerate(((0.68, 0.32), (0.85, 0.24), (0.97, 0.15))):
        shade = 0.8 + 0.3 * float(cell_random(seed, i, 19))
        blob = _jittered_blob(height * radius, 0.38, seed * 5 + i)
        centre = (height * frac * lean, 0.0, height * frac)
        crowns.append(faceted(blob.transformed(translate(*centre))).colored((0.11 * shade, 0.22 * shade, 0.10 * shade, 1.0)))
    turn = translate(x, y, 0) @ rotate_z(seed * 53.0)
    return trunk.transformed(turn), concat(crowns).transformed(turn)


# --- furniture -------------------------------------------------------------------------------------

def bench(x, y, heading):
    """A granite-legged bench with wooden slats, 2 m long; heading = the direction a sitter faces."""
    legs = concat([box((sx - 0.09, -0.22, 0.0), (sx + 0.09, 0.22, 0.40)) for sx in (-0.75, 0.75)])
    slats = concat([box((-1.0, sy - 0.05, 0.40), (1.0, sy + 0.05, 0.45)) for sy in (-0.17, -0.05, 0.07, 0.19)])
    back = concat([box((-1.0, 0.22, z), (1.0, 0.27, z + 0.09)) for z in (0.55, 0.7)])
    posts = concat([box((sx - 0.04, 0.2, 0.4), (sx + 0.04, 0.28, 0.82)) for sx in (-0.75, 0.75)])
    # Built facing -y (south); turn so the sitter faces `heading`.
    turn = translate(x, y, 0) @ rotate_z(heading + 180.0)
    return legs.transformed(turn), concat([slats, back]).transformed(turn), posts.transformed(turn)


def lamp_post(x, y, height=5.0):
    """A slim street lamp. -> (metal, glow)."""
    pole = lathe([(0.12, 0.0), (0.1, 0.3), (0.06, 0.35), (0.05, height - 0.4), (0.08, height - 0.3)], 8)
    cap = lathe([(0.0, height + 0.28), (0.26, height + 0.2), (0.2, height + 0.12)], 8)
    globe = lathe([(0.0, height - 0.32), (0.16, height - 0.28), (0.22, height - 0.05), (0.18, height + 0.12),
                   (0.0, height + 0.14)], 8)
    return concat([pole, cap]).moved(x, y), globe.moved(x, y)


def ground_light(x, y):
    """A knee-high bollard light (the 48 lights ringing Seoul Plaza's lawn). -> (metal, glow)."""
    post = lathe([(0.09, 0.0), (0.09, 0.45)], 6, cap_top=False)
    glow = lathe([(0.09, 0.45), (0.085, 0.6), (0.0, 0.62)], 6)
    return post.moved(x, y), glow.moved(x, y)


def portal_gate(x, y, heading, width=3.2, height=3.4):
    """A simple stone gateway marking a portal: two posts and a lintel on a round pad. heading = the
    direction a visitor walking through faces. -> (stone, pad)"""
    posts = concat([box((-0.25, sx - 0.25, 0.0), (0.25, sx + 0.25, height)) for sx in (-width / 2, width / 2)])
    lintel = box((-0.35, -width / 2 - 0.55, height), (0.35, width / 2 + 0.55, height + 0.5))
    cap = box((-0.25, -width / 2 - 0.45, height + 0.5), (0.25, width / 2 + 0.45, height + 0.62))
    turn = translate(x, y, 0) @ rotate_z(heading + 90.0)  # built facing +x
    pad = lathe([(1.9, 0.0), (1.9, 0.02), (0.0, 0.02)], 24)
    return concat([posts, lintel, cap]).transformed(turn), pad.moved(x, y)


def portal_post_centres(x, y, heading, width=3.2):
    """Centres of the two gate posts (for colliders: the visitor walks between them)."""
    h = math.radians(heading + 90.0)
    across = (-math.sin(h), math.cos(h))
    return [(x + across[0] * s, y + across[1] * s) for s in (-width / 2, width / 2)]


# --- facade parts ----------------------------------------------------------------------------------

def facade_window(along, z0, width, height, depth=0.12, frame=0.18):
    """A window on a facade plane y = 0 facing -y (south), centred at x = along: the glass (UV 0..1 for
    the window texture) and a projecting stone surround with a sill. Rotate/move into place.
    -> (glass, surround)"""
    x0, x1, z1 = along - width / 2, along + width / 2, z0 + height
    glass = quad((x0, -0.02, z0), (x1, -0.02, z0), (x1, -0.02, z1), (x0, -0.02, z1),
                 uv=np.array([(0, 0), (1, 0), (1, 1), (0, 1)], dtype=np.float64))
    surround = concat([
        box((x0 - frame, -depth, z0 - frame), (x0, 0.0, z1 + frame), "swet"),
        box((x1, -depth, z0 - frame), (x1 + frame, 0.0, z1 + frame), "swet"),
        box((x0, -depth, z1), (x1, 0.0, z1 + frame), "swetb"),
        box((x0 - frame * 1.5, -depth * 2, z0 - frame * 1.4), (x1 + frame * 1.5, 0.0, z0), "swetb"),
    ])
    return glass, surround


def face_frame(face, plane):
    """Matrix taking a facade built on the plane y = 0 facing -y to the named face of a building:
    's' -> y = plane facing south, 'n' -> facing north, 'e'/'w' -> x = plane facing east/west."""
    heading = {"s": 0.0, "e": 90.0, "n": 180.0, "w": -90.0}[face]
    if face in "sn":
        return translate(0, plane, 0) @ rotate_z(heading)
    return translate(plane, 0, 0) @ rotate_z(heading)


def clock_dial(radius, z, depth=0.05, segments=24):
    """A round dial on the plane y = -depth facing -y, UVs 0..1 over the dial."""
    angles = np.radians(np.arange(segments) * 360.0 / segments)
    rim = np.column_stack([np.cos(angles), np.sin(angles)])
    positions = np.vstack([[0.0, -depth, z], np.column_stack([rim[:, 0] * radius, np.full(segments, -depth),
                                                              z + rim[:, 1] * radius])])
    uvs = np.vstack([[0.5, 0.5], rim * 0.5 + 0.5])
    tris = [(0, 1 + i, 1 + (i + 1) % segments) for i in range(segments)]
    return Mesh(positions, np.tile([0.0, -1.0, 0.0], (segments + 1, 1)), uvs, tris)

