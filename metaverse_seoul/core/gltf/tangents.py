"""Normals and tangents a primitive lacks, computed with NumPy before conversion.

glTF says a primitive without normals is drawn flat-shaded, and normal maps need tangents; panda3d-gltf
computes both itself, one vertex at a time in Python: about a minute for a two-million-triangle scan.
Here they take a second, and the converter then skips its own.
"""

from __future__ import annotations

import numpy as np


def flat_shaded(attributes: dict[str, np.ndarray], indices: np.ndarray | None):
    """Every triangle with vertices of its own and its face normal (glTF's rule without NORMAL)."""
    if indices is not None:
        attributes = {name: values[indices] for name, values in attributes.items()}
    corners = attributes["POSITION"].reshape(-1, 3, 3)
    normals = np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0])
    length = np.linalg.norm(normals, axis=1, keepdims=True)
    normals = np.where(length > 0, normals / np.maximum(length, 1e-30), np.float32([0, 0, 1]))
    attributes["NORMAL"] = np.repeat(normals, 3, axis=0).astype(np.float32)
    return attributes, None


def tangents(positions: np.ndarray, normals: np.ndarray, uvs: np.ndarray, indices: np.ndarray) -> np.ndarray:
    """Per-vertex tangents (xyz, handedness w) from triangle UV gradients, accumulated and made
    orthogonal to the normal; a vertex without a usable gradient gets any vector orthogonal to it."""
    triangles = indices.reshape(-1, 3)
    p0, p1, p2 = (positions[triangles[:, k]] for k in range(3))
    t0, t1, t2 = (uvs[triangles[:, k]] for k in range(3))
    e1, e2, d1, d2 = p1 - p0, p2 - p0, t1 - t0, t2 - t0
    det = d1[:, 0] * d2[:, 1] - d2[:, 0] * d1[:, 1]
    scale = np.where(np.abs(det) > 1e-20, 1.0 / np.where(det == 0, 1, det), 0.0)[:, None]
    sdir = (e1 * d2[:, 1:2] - e2 * d1[:, 1:2]) * scale
    tdir = (e2 * d1[:, 0:1] - e1 * d2[:, 0:1]) * scale
    tan, bit = np.zeros_like(positions), np.zeros_like(positions)
    for k in range(3):
        np.add.at(tan, triangles[:, k], sdir)
        np.add.at(bit, triangles[:, k], tdir)
    tan -= normals * np.sum(normals * tan, axis=1, keepdims=True)
    fallback = np.cross(normals, np.where(np.abs(normals[:, :1]) < 0.9, [[1, 0, 0]], [[0, 1, 0]]))
    fallback_length = np.linalg.norm(fallback, axis=1, keepdims=True)
    fallback = np.where(fallback_length > 1e-12, fallback / np.maximum(fallback_length, 1e-30), [[1, 0, 0]])
    length = np.linalg.norm(tan, axis=1, keepdims=True)
    tan = np.where(length > 1e-12, tan / np.maximum(length, 1e-30), fallback)
    handedness = np.where(np.sum(np.cross(normals, tan) * bit, axis=1) < 0, -1.0, 1.0)
    return np.concatenate([tan, handedness[:, None]], axis=1).astype(np.float32)
