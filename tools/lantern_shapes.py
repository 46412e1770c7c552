"""Shapes for hanji lanterns: rounded blobs, tubes along a curve, petals and fins, all painted with
vertex colours.

A lantern's vertex colour says two things: rgb is the paint on the hanji (or the colour of the frame)
and alpha is how much light shines through there: 1 for lit paper, 0 for the opaque wire frame, the
cap and the poles. The app's lantern shader multiplies the paint by the instance's colour and lights
the paper from inside; a lantern without the app's shader (the model viewer) still shows the paint.
"""

import numpy as np

from .meshkit import Mesh, lathe, smooth_normals

PAPER = 1.0   # alpha: lit from inside
FRAME = 0.0   # alpha: opaque wire, cap, pole


def painted(mesh, rgb, glow=PAPER):
    """The mesh with one paint colour and glow."""
    out = mesh.copy()
    out.colors = np.tile([*rgb, glow], (len(mesh.positions), 1)).astype(np.float64)
    return out


def paint_by(mesh, paint):
    """The mesh with per-vertex colours from paint(positions, normals) -> (N, 4) rgba."""
    out = mesh.copy()
    out.colors = np.asarray(paint(out.positions, out.normals), dtype=np.float64)
    return out


def blob(centre, radii, rings=7, segments=10):
    """An ellipsoid around `centre` with semi-axes `radii` (x, y, z)."""
    angles = np.linspace(-np.pi / 2, np.pi / 2, rings + 1)
    profile = np.column_stack([np.cos(angles), np.sin(angles)])
    profile[0, 0] = profile[-1, 0] = 0.0
    unit = lathe(profile, segments)
    positions = unit.positions * np.asarray(radii, dtype=np.float64) + np.asarray(centre, dtype=np.float64)
    return Mesh(positions, smooth_normals(positions, unit.triangles), unit.uvs, unit.triangles)


def tube(path, radii, sides=8):
    """A tube along a polyline (K, 3) with a radius per point (K,); the ends are left open (a taper to
    zero closes them). Sections are turned with the curve (parallel transport), so it never twists."""
    path = np.asarray(path, dtype=np.float64)
    radii = np.broadcast_to(np.asarray(radii, dtype=np.float64), (len(path),))
    tangents = np.gradient(path, axis=0)
    tangents /= np.maximum(np.linalg.norm(tangents, axis=1, keepdims=True), 1e-12)
    normal = np.cross(tangents[0], [0.0, 0.0, 1.0])
    if np.linalg.norm(normal) < 1e-6:
        normal = np.cross(tangents[0], [1.0, 0.0, 0.0])
    normal /= np.linalg.norm(normal)
    angles = np.linspace(0.0, 2 * np.pi, sides + 1)
    rings = []
    for tangent, radius in zip(tangents, radii):
        normal = normal - tangent * np.dot(normal, tangent)
        normal /= max(np.linalg.norm(normal), 1e-12)
        binormal = np.cross(tangent, normal)
        rings.append(radius * (np.cos(angles)[:, None] * normal + np.sin(angles)[:, None] * binormal))
    offsets = np.array(rings)
    positions = (path[:, None, :] + offsets).reshape(-1, 3)
    cols = sides + 1
    idx = np.arange(len(path) * cols).reshape(len(path), cols)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    triangles = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
    uvs = np.stack(np.meshgrid(angles / (2 * np.pi), along), axis=-1).reshape(-1, 2)
    normals = offsets.reshape(-1, 3)
    normals = normals / np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    return Mesh(positions, normals, uvs, triangles)


def leaf(base, tip, width, bend=0.0, rows=1):
    """A curved, pointed leaf (or petal, or fin) from `base` to `tip`, `width` across at its widest,
    its middle pushed out by `bend` along its normal. One-sided: lanterns are drawn two-sided."""
    base, tip = np.asarray(base, dtype=np.float64), np.asarray(tip, dtype=np.float64)
    along = tip - base
    side = np.cross(along, [0.0, 0.0, 1.0])
    if np.linalg.norm(side) < 1e-6:
        side = np.array([1.0, 0.0, 0.0])
    side /= np.linalg.norm(side)
    out = np.cross(side, along)
    out /= max(np.linalg.norm(out), 1e-12)
    t = np.linspace(0.0, 1.0, rows + 2)
    half = width / 2 * np.sin(np.pi * np.clip(t, 0, 1) ** 0.8)
    centre = base + t[:, None] * along + (bend * np.sin(np.pi * t))[:, None] * out
    grid = np.stack([centre - half[:, None] * side, centre, centre + half[:, None] * side], axis=1)
    rows_n, cols_n = grid.shape[:2]
    idx = np.arange(rows_n * cols_n).reshape(rows_n, cols_n)
    a, b, c, d = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel(), idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    triangles = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    positions = grid.reshape(-1, 3)
    uvs = np.stack(np.meshgrid(np.linspace(0, 1, cols_n), t), axis=-1).reshape(-1, 2)
    return Mesh(positions, smooth_normals(positions, triangles), uvs, triangles)
