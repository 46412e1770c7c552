"""Triangle meshes for the procedural builders, in the app's world frame: x east, y north, z up, metres.

Every Mesh carries positions, normals, UVs and optional vertex colours. UVs are in metres of surface
(u along the surface, v up or across it); a material's texture size turns them into texture
coordinates when the scene is assembled, so every part built from the same material shows the same
texel density. Builders compose simple generators (box, prism, lathe, grid surface, blob) with the
matrix helpers below, then hand the results to tools.assembly.
"""

import math

import numpy as np


class Mesh:
    def __init__(self, positions, normals, uvs, triangles, colors=None):
        self.positions = np.asarray(positions, dtype=np.float64).reshape(-1, 3)
        self.normals = np.asarray(normals, dtype=np.float64).reshape(-1, 3)
        self.uvs = np.asarray(uvs, dtype=np.float64).reshape(-1, 2)
        self.triangles = np.asarray(triangles, dtype=np.int64).reshape(-1, 3)
        self.colors = None if colors is None else np.asarray(colors, dtype=np.float64).reshape(-1, 4)

    @property
    def triangle_count(self):
        return len(self.triangles)

    def copy(self):
        return Mesh(self.positions.copy(), self.normals.copy(), self.uvs.copy(), self.triangles.copy(),
                    None if self.colors is None else self.colors.copy())

    def transformed(self, matrix):
        """A copy moved by a 4x4 matrix; normals follow the inverse transpose."""
        m = np.asarray(matrix, dtype=np.float64)
        positions = self.positions @ m[:3, :3].T + m[:3, 3]
        normal_matrix = np.linalg.inv(m[:3, :3]).T
        normals = self.normals @ normal_matrix.T
        normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
        triangles = self.triangles
        if np.linalg.det(m[:3, :3]) < 0:  # a mirror flips the winding
            triangles = triangles[:, ::-1]
        return Mesh(positions, normals, self.uvs.copy(), triangles.copy(),
                    None if self.colors is None else self.colors.copy())

    def moved(self, x=0.0, y=0.0, z=0.0, heading=0.0):
        """Rotate about the z axis by heading degrees (counter-clockwise from above), then translate."""
        return self.transformed(translate(x, y, z) @ rotate_z(heading))

    def colored(self, rgba):
        rgba = tuple(rgba) + (1.0,) * (4 - len(rgba))
        out = self.copy()
        out.colors = np.tile(np.asarray(rgba, dtype=np.float64), (len(self.positions), 1))
        return out

    def flipped(self):
        """The same surface seen from the other side."""
        return Mesh(self.positions.copy(), -self.normals, self.uvs.copy(), self.triangles[:, ::-1].copy(),
                    None if self.colors is None else self.colors.copy())

    def double_sided(self):
        return concat([self, self.flipped()])

    def bounds(self):
        return self.positions.min(axis=0), self.positions.max(axis=0)


def concat(meshes):
    """One mesh holding all the given ones (vertex colours default to white where some have none)."""
    meshes = [m for m in meshes if m is not None and m.triangle_count]
    if not meshes:
        return Mesh(np.zeros((0, 3)), np.zeros((0, 3)), np.zeros((0, 2)), np.zeros((0, 3)))
    offsets = np.cumsum([0] + [len(m.positions) for m in meshes[:-1]])
    colors = None
    if any(m.colors is not None for m in meshes):
        colors = np.concatenate([m.colors if m.colors is not None else np.ones((len(m.positions), 4))
                                 for m in meshes])
    return Mesh(np.concatenate([m.positions for m in meshes]), np.concatenate([m.normals for m in meshes]),
                np.concatenate([m.uvs for m in meshes]),
                np.concatenate([m.triangles + off for m, off in zip(meshes, offsets)]), colors)


# --- matrices -------------------------------------------------------------------------------------

def translate(x=0.0, y=0.0, z=0.0):
    m = np.eye(4)
    m[:3, 3] = (x, y, z)
    return m


def scale(sx, sy=None, sz=None):
    sy = sx if sy is None else sy
    sz = sx if sz is None else sz
    return np.diag([sx, sy, sz, 1.0])


def _rotation(axis, degrees):
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    i, j = [(1, 2), (2, 0), (0, 1)][axis]
    m = np.eye(4)
    m[i, i], m[i, j], m[j, i], m[j, j] = c, -s, s, c
    return m


def rotate_x(degrees):
    return _rotation(0, degrees)


def rotate_y(degrees):
    return _rotation(1, degrees)


def rotate_z(degrees):
    return _rotation(2, degrees)


# --- normals and shading --------------------------------------------------------------------------

def smooth_normals(positions, triangles):
    """Area-weighted vertex normals."""
    p0, p1, p2 = (positions[triangles[:, k]] for k in range(3))
    face = np.cross(p1 - p0, p2 - p0)
    normals = np.zeros_like(positions)
    for k in range(3):
        np.add.at(normals, triangles[:, k], face)
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    return np.where(length > 1e-12, normals / np.maximum(length, 1e-12), [[0.0, 0.0, 1.0]])


def faceted(mesh):
    """Unshare the vertices so every triangle is flat shaded (the low-poly look)."""
    tri = mesh.triangles.reshape(-1)
    positions = mesh.positions[tri]
    p = positions.reshape(-1, 3, 3)
    face = np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0])
    face /= np.maximum(np.linalg.norm(face, axis=1, keepdims=True), 1e-12)
    normals = np.repeat(face, 3, axis=0)
    colors = None if mesh.colors is None else mesh.colors[tri]
    return Mesh(positions, normals, mesh.uvs[tri], np.arange(len(tri)).reshape(-1, 3), colors)


# --- generators -----------------------------------------------------------------------------------

def quad(p0, p1, p2, p3, uv=None):
    """A flat quad p0-p1-p2-p3 (counter-clockwise seen from its front). UVs default to metres along
    p0->p1 (u) and p0->p3 (v)."""
    pts = np.array([p0, p1, p2, p3], dtype=np.float64)
    normal = np.cross(pts[1] - pts[0], pts[3] - pts[0])
    normal /= max(np.linalg.norm(normal), 1e-12)
    if uv is None:
        u_axis = pts[1] - pts[0]
        u_axis /= max(np.linalg.norm(u_axis), 1e-12)
        v_axis = np.cross(normal, u_axis)
        rel = pts - pts[0]
        uv = np.stack([rel @ u_axis, rel @ v_axis], axis=1)
    return Mesh(pts, np.tile(normal, (4, 1)), uv, [[0, 1, 2], [0, 2, 3]])


def box(lo, hi, faces="nsewtb"):
    """Axis-aligned box between corners lo and hi. faces picks sides: n s e w t(op) b(ottom).
    UVs: metres, u horizontal along the face, v up (top/bottom: x, y)."""
    (x0, y0, z0), (x1, y1, z1) = lo, hi
    sides = {
        "s": ((x0, y0, z0), (x1, y0, z0), (x1, y0, z1), (x0, y0, z1)),
        "e": ((x1, y0, z0), (x1, y1, z0), (x1, y1, z1), (x1, y0, z1)),
        "n": ((x1, y1, z0), (x0, y1, z0), (x0, y1, z1), (x1, y1, z1)),
        "w": ((x0, y1, z0), (x0, y0, z0), (x0, y0, z1), (x0, y1, z1)),
        "t": ((x0, y0, z1), (x1, y0, z1), (x1, y1, z1), (x0, y1, z1)),
        "b": ((x0, y1, z0), (x1, y1, z0), (x1, y0, z0), (x0, y0, z0)),
    }
    parts = []
    for key in "sentwb":
        if key in faces:
            p = sides[key]
            if key in "tb":
                uv = [(q[0], q[1]) for q in p]
            else:
                horizontal = [0.0, abs(x1 - x0) if key in "sn" else abs(y1 - y0)]
                uv = [(horizontal[0], z0), (horizontal[1], z0), (horizontal[1], z1), (horizontal[0], z1)]
            parts.append(quad(*p, uv=np.array(uv, dtype=np.float64)))
    return concat(parts)


def box_at(cx, cy, z0, width, depth, height, heading=0.0, faces="nsewtb"):
    """A box standing on z0, centred on (cx, cy), width along x and depth along y before the heading."""
    return box((-width / 2, -depth / 2, z0), (width / 2, depth / 2, z0 + height), faces).moved(cx, cy, 0, heading)


def triangulate(polygon):
    """Ear-clipping triangulation of a simple counter-clockwise polygon (K, 2) -> (K-2, 3) indices."""
    pts = np.asarray(polygon, dtype=np.float64)
    remaining = list(range(len(pts)))
    triangles = []

    def cross(o, a, b):
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    guard = 0
    while len(remaining) > 3 and guard < 10000:
        guard += 1
        for k in range(len(remaining)):
            i, j, l = remaining[k - 1], remaining[k], remaining[(k + 1) % len(remaining)]
            a, b, c = pts[i], pts[j], pts[l]
            if cross(a, b, c) <= 1e-12:
                continue  # reflex or flat corner: not an ear
            inside = False
            for m in remaining:
                if m in (i, j, l):
                    continue
                p = pts[m]
                if cross(a, b, p) >= 0 and cross(b, c, p) >= 0 and cross(c, a, p) >= 0:
                    inside = True
                    break
            if not inside:
                triangles.append((i, j, l))
                remaining.pop(k)
                break
        else:
            break  # degenerate input: fan the rest
    for k in range(1, len(remaining) - 1):
        triangles.append((remaining[0], remaining[k], remaining[k + 1]))
    return np.array(triangles, dtype=np.int64)


def polygon_area(polygon):
    pts = np.asarray(polygon, dtype=np.float64)
    x, y = pts[:, 0], pts[:, 1]
    return 0.5 * float(np.sum(x * np.roll(y, -1) - np.roll(x, -1) * y))


def flat_polygon(polygon, z=0.0, up=True):
    """A horizontal polygon at height z; UVs are the x, y coordinates in metres."""
    pts = np.asarray(polygon, dtype=np.float64)
    if polygon_area(pts) < 0:
        pts = pts[::-1]
    tris = triangulate(pts)
    positions = np.column_stack([pts, np.full(len(pts), z)])
    mesh = Mesh(positions, np.tile([0.0, 0.0, 1.0], (len(pts), 1)), pts.copy(), tris)
    return mesh if up else mesh.flipped()


def prism(polygon, z0, z1, top=True, bottom=False, smooth=False):
    """Extrude a polygon (K, 2) from z0 to z1. Sides: u = metres along the outline, v = height."""
    pts = np.asarray(polygon, dtype=np.float64)
    if polygon_area(pts) < 0:
        pts = pts[::-1]
    nxt = np.roll(pts, -1, axis=0)
    if smooth:
        ring = np.vstack([pts, pts[:1]])
        seg = np.linalg.norm(np.diff(ring, axis=0), axis=1)
        u = np.concatenate([[0.0], np.cumsum(seg)])
        tangent = np.roll(pts, -1, axis=0) - np.roll(pts, 1, axis=0)
        normal2 = np.column_stack([tangent[:, 1], -tangent[:, 0]])
        normal2 /= np.maximum(np.linalg.norm(normal2, axis=1, keepdims=True), 1e-12)
        normal2 = np.vstack([normal2, normal2[:1]])
        n = len(ring)
        positions = np.concatenate([np.column_stack([ring, np.full(n, z0)]), np.column_stack([ring, np.full(n, z1)])])
        normals = np.concatenate([np.column_stack([normal2, np.zeros(n)])] * 2)
        uvs = np.concatenate([np.column_stack([u, np.full(n, z0)]), np.column_stack([u, np.full(n, z1)])])
        tris = [(i, i + 1, n + i + 1) for i in range(n - 1)] + [(i, n + i + 1, n + i) for i in range(n - 1)]
        sides = Mesh(positions, normals, uvs, tris)
    else:
        parts = []
        u = 0.0
        for a, b in zip(pts, nxt):
            length = float(np.linalg.norm(b - a))
            if length < 1e-9:
                continue
            parts.append(quad((a[0], a[1], z0), (b[0], b[1], z0), (b[0], b[1], z1), (a[0], a[1], z1),
                              uv=np.array([(u, z0), (u + length, z0), (u + length, z1), (u, z1)])))
            u += length
        sides = concat(parts)
    caps = []
    if top:
        caps.append(flat_polygon(pts, z1))
    if bottom:
        caps.append(flat_polygon(pts, z0, up=False))
    return concat([sides] + caps)


def lathe(profile, segments=16, cap_top=False, cap_bottom=False, phase=0.0, sweep=360.0):
    """Revolve a profile [(radius, z), ...] (bottom to top) about the z axis, smooth shaded.
    UVs: u = metres around the widest radius, v = metres along the profile."""
    prof = np.asarray(profile, dtype=np.float64)
    closed = abs(sweep - 360.0) < 1e-9
    count = segments + 1
    angles = np.radians(phase + np.linspace(0.0, sweep, count))
    r, z = prof[:, 0], prof[:, 1]
    # Profile normals in the (r, z) plane from the neighbouring points.
    dr = np.gradient(r) if len(r) > 2 else np.full_like(r, r[-1] - r[0])
    dz = np.gradient(z) if len(z) > 2 else np.full_like(z, z[-1] - z[0])
    pn = np.column_stack([dz, -dr])
    pn /= np.maximum(np.linalg.norm(pn, axis=1, keepdims=True), 1e-12)
    v = np.concatenate([[0.0], np.cumsum(np.hypot(np.diff(r), np.diff(z)))])
    ca, sa = np.cos(angles), np.sin(angles)
    positions = np.stack([r[:, None] * ca, r[:, None] * sa, np.repeat(z[:, None], count, 1)], axis=-1)
    normals = np.stack([pn[:, 0:1] * ca, pn[:, 0:1] * sa, np.repeat(pn[:, 1:2], count, 1)], axis=-1)
    circumference = math.radians(sweep) * max(float(r.max()), 1e-6)
    uvs = np.stack([np.tile(np.linspace(0, circumference, count), (len(r), 1)),
                    np.repeat(v[:, None], count, 1)], axis=-1)
    rows, cols = len(r), count
    idx = np.arange(rows * cols).reshape(rows, cols)
    a, b = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel()
    c, d = idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    tris = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    mesh = Mesh(positions.reshape(-1, 3), normals.reshape(-1, 3), uvs.reshape(-1, 2), tris)
    # Drop triangles that collapse on the axis (radius 0 rows).
    p = mesh.positions[mesh.triangles]
    area = np.linalg.norm(np.cross(p[:, 1] - p[:, 0], p[:, 2] - p[:, 0]), axis=1)
    mesh.triangles = mesh.triangles[area > 1e-12]
    parts = [mesh]
    if closed and cap_top and r[-1] > 1e-9:
        parts.append(disk(r[-1], z[-1], segments, phase))
    if closed and cap_bottom and r[0] > 1e-9:
        parts.append(disk(r[0], z[0], segments, phase).flipped())
    return concat(parts)


def disk(radius, z=0.0, segments=16, phase=0.0, rx=None, ry=None):
    """A horizontal disk (or ellipse with rx, ry) facing up."""
    rx = radius if rx is None else rx
    ry = radius if ry is None else ry
    angles = np.radians(phase + np.arange(segments) * 360.0 / segments)
    outline = np.column_stack([rx * np.cos(angles), ry * np.sin(angles)])
    centre = np.zeros((1, 2))
    pts = np.vstack([centre, outline])
    tris = [(0, 1 + i, 1 + (i + 1) % segments) for i in range(segments)]
    positions = np.column_stack([pts, np.full(len(pts), z)])
    return Mesh(positions, np.tile([0.0, 0.0, 1.0], (len(pts), 1)), pts.copy(), tris)


def cylinder(radius, z0, z1, segments=12, cap_top=True, cap_bottom=False, radius_top=None):
    rt = radius if radius_top is None else radius_top
    return lathe([(radius, z0), (rt, z1)], segments, cap_top=cap_top, cap_bottom=cap_bottom)


def grid_surface(points, uvs=None):
    """A surface through a (R, C, 3) grid of points, smooth shaded. Front = counter-clockwise order of
    (row, col) -> (row, col+1) -> (row+1, col+1). UVs default to metres along columns and rows."""
    pts = np.asarray(points, dtype=np.float64)
    rows, cols = pts.shape[:2]
    if uvs is None:
        du = np.linalg.norm(np.diff(pts, axis=1), axis=2).mean(axis=0)
        dv = np.linalg.norm(np.diff(pts, axis=0), axis=2).mean(axis=1)
        u = np.concatenate([[0.0], np.cumsum(du)])
        v = np.concatenate([[0.0], np.cumsum(dv)])
        uvs = np.stack(np.meshgrid(u, v), axis=-1)
    idx = np.arange(rows * cols).reshape(rows, cols)
    a, b = idx[:-1, :-1].ravel(), idx[:-1, 1:].ravel()
    c, d = idx[1:, 1:].ravel(), idx[1:, :-1].ravel()
    tris = np.concatenate([np.stack([a, b, c], 1), np.stack([a, c, d], 1)])
    flat = pts.reshape(-1, 3)
    return Mesh(flat, smooth_normals(flat, tris), np.asarray(uvs, dtype=np.float64).reshape(-1, 2), tris)


def icosphere(radius=1.0, subdivisions=1):
    """A unit-ish icosphere (shared vertices, smooth normals); used for low-poly tree crowns."""
    t = (1.0 + 5 ** 0.5) / 2.0
    verts = [(-1, t, 0), (1, t, 0), (-1, -t, 0), (1, -t, 0), (0, -1, t), (0, 1, t), (0, -1, -t), (0, 1, -t),
             (t, 0, -1), (t, 0, 1), (-t, 0, -1), (-t, 0, 1)]
    faces = [(0, 11, 5), (0, 5, 1), (0, 1, 7), (0, 7, 10), (0, 10, 11), (1, 5, 9), (5, 11, 4), (11, 10, 2),
             (10, 7, 6), (7, 1, 8), (3, 9, 4), (3, 4, 2), (3, 2, 6), (3, 6, 8), (3, 8, 9), (4, 9, 5),
             (2, 4, 11), (6, 2, 10), (8, 6, 7), (9, 8, 1)]
    verts = [np.array(v, dtype=np.float64) / np.linalg.norm(v) for v in verts]
    for _ in range(subdivisions):
        cache = {}

        def midpoint(i, j):
            key = (min(i, j), max(i, j))
            if key not in cache:
                m = verts[i] + verts[j]
                verts.append(m / np.linalg.norm(m))
                cache[key] = len(verts) - 1
            return cache[key]

        new_faces = []
        for a, b, c in faces:
            ab, bc, ca = midpoint(a, b), midpoint(b, c), midpoint(c, a)
            new_faces += [(a, ab, ca), (b, bc, ab), (c, ca, bc), (ab, bc, ca)]
        faces = new_faces
    unit = np.array(verts)
    uv = np.column_stack([np.arctan2(unit[:, 1], unit[:, 0]) * radius, unit[:, 2] * radius])
    return Mesh(unit * radius, unit.copy(), uv, faces)


def frame_between(a, b, up=(0.0, 0.0, 1.0)):
    """A 4x4 matrix whose local z axis runs from point a to point b (length |b - a|), for beams and posts
    modelled along z from 0 to 1."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    axis = b - a
    length = np.linalg.norm(axis)
    z = axis / length
    ref = np.asarray(up, dtype=np.float64)
    if abs(np.dot(ref, z)) > 0.99:
        ref = np.array([1.0, 0.0, 0.0])
    x = np.cross(ref, z)
    x /= np.linalg.norm(x)
    y = np.cross(z, x)
    m = np.eye(4)
    m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = x, y, z * length, a
    return m


def beam_between(a, b, width, height, up=(0.0, 0.0, 1.0)):
    """A rectangular beam from point a to point b; width across, height along 'up'. UV u runs along it."""
    a, b = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    length = float(np.linalg.norm(b - a))
    # Built along local x, then rotated: x = along, y = across, z = up.
    body = box((0.0, -width / 2, -height / 2), (length, width / 2, height / 2), faces="nsewtb")
    along = (b - a) / length
    ref = np.asarray(up, dtype=np.float64)
    if abs(np.dot(ref, along)) > 0.99:
        ref = np.array([0.0, 1.0, 0.0])
    across = np.cross(ref, along)
    across /= np.linalg.norm(across)
    upward = np.cross(along, across)
    m = np.eye(4)
    m[:3, 0], m[:3, 1], m[:3, 2], m[:3, 3] = along, across, upward, a
    return body.transformed(m)
