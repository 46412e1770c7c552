"""Parts: a bag of meshes keyed by surface, moved as one and poured into an Assembly group.

Every builder in tools.hanok returns Parts built about its own pivot (see tools/hanok/__init__.py),
so a caller can place, turn and combine them before adding them to a scene.
"""

import numpy as np

from ..meshkit import Mesh, concat, rotate_z, translate


class Parts:
    def __init__(self):
        self.items = {}  # Surface -> [Mesh], insertion ordered

    def add(self, surface, mesh):
        if mesh is not None and mesh.triangle_count:
            self.items.setdefault(surface, []).append(mesh)
        return self

    def extend(self, other):
        for surface, meshes in other.items.items():
            for mesh in meshes:
                self.add(surface, mesh)
        return self

    def transformed(self, matrix):
        out = Parts()
        for surface, meshes in self.items.items():
            out.items[surface] = [m.transformed(matrix) for m in meshes]
        return out

    def moved(self, x=0.0, y=0.0, z=0.0, heading=0.0):
        """Rotate about z by heading degrees (counter-clockwise from above), then translate."""
        return self.transformed(translate(x, y, z) @ rotate_z(heading))

    def into(self, assembly, group):
        for surface, meshes in self.items.items():
            assembly.add(group, surface, concat(meshes))

    @property
    def triangle_count(self):
        return sum(m.triangle_count for meshes in self.items.values() for m in meshes)

    def bounds(self):
        pts = np.concatenate([m.positions for meshes in self.items.values() for m in meshes])
        return pts.min(axis=0), pts.max(axis=0)


def sweep(path, width, height, up=(0.0, 0.0, 1.0), base_offset=0.0, caps=True):
    """A rectangular section (width across, height along `up`) swept along a 3D polyline (K, 3): ridges,
    copings, rails. The section sits on the path (its bottom at base_offset along up). UVs: u = metres
    along the path, v = metres round the section."""
    pts = np.asarray(path, dtype=np.float64)
    up = np.asarray(up, dtype=np.float64)
    tangent = np.gradient(pts, axis=0)
    tangent /= np.maximum(np.linalg.norm(tangent, axis=1, keepdims=True), 1e-12)
    side = np.cross(up, tangent)
    side /= np.maximum(np.linalg.norm(side, axis=1, keepdims=True), 1e-12)
    normal_up = np.cross(tangent, side)
    corners = [(-0.5, 0.0), (0.5, 0.0), (0.5, 1.0), (-0.5, 1.0)]  # (across, up) fractions, counter-clockwise
    along = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(pts, axis=0), axis=1))])
    ring = [pts + side * (a * width) + normal_up * (base_offset + b * height) for a, b in corners]
    faces = []
    round_v = 0.0
    for k in range(4):
        p0, p1 = ring[k], ring[(k + 1) % 4]
        edge = float(np.linalg.norm(p1[0] - p0[0]))
        positions = np.concatenate([p0, p1])
        n = len(pts)
        face_normal = np.cross(tangent, p1 - p0)
        face_normal /= np.maximum(np.linalg.norm(face_normal, axis=1, keepdims=True), 1e-12)
        face_normal = -face_normal
        uvs = np.concatenate([np.column_stack([along, np.full(n, round_v)]),
                              np.column_stack([along, np.full(n, round_v + edge)])])
        tris = [(i, n + i + 1, i + 1) for i in range(n - 1)] + [(i, n + i, n + i + 1) for i in range(n - 1)]
        faces.append(Mesh(positions, np.concatenate([face_normal, face_normal]), uvs, tris))
        round_v += edge
    if caps:
        for end, sign in ((0, -1.0), (len(pts) - 1, 1.0)):
            quad_pts = np.array([ring[k][end] for k in range(4)])
            cap_tris = [(0, 1, 2), (0, 2, 3)] if sign > 0 else [(0, 2, 1), (0, 3, 2)]
            uv = np.array([corners[k] for k in range(4)]) * [width, height]
            faces.append(Mesh(quad_pts, np.tile(tangent[end] * sign, (4, 1)), uv, cap_tris))
    return concat(faces)
