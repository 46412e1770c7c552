"""Impostors for distant lanterns: each kind drawn from the side into one cell of an atlas, so the app
can show a far lantern as a single camera-facing quad instead of its mesh.

A cell covers the kind's bounding box seen from -y (x across, z up) exactly, whatever its aspect: the
app sizes the quad from the same box, so the picture fits it. Drawn here, at build time, by a small
orthographic rasteriser with a depth buffer and 2x2 supersampling (deterministic: numpy only).
RGB is the paint, shaded a little by how the surface faces the viewer; alpha is coverage.
"""

import numpy as np

CELL = 128
COLUMNS, ROWS = 4, 2
SUPERSAMPLE = 2


def _rasterise(mesh, lo, hi, size):
    """(size, size, 4) float image of `mesh` seen from -y, its x range lo..hi[0] and z range across it."""
    scale = np.array([(size - 1) / max(hi[0] - lo[0], 1e-9), (size - 1) / max(hi[2] - lo[2], 1e-9)])
    px = (mesh.positions[:, 0] - lo[0]) * scale[0]
    py = (hi[2] - mesh.positions[:, 2]) * scale[1]  # image rows run down
    depth = mesh.positions[:, 1]
    facing = np.clip(-mesh.normals[:, 1], 0.0, 1.0)
    colours = mesh.colors if mesh.colors is not None else np.ones((len(px), 4))
    shade = colours[:, :3] * (0.7 + 0.3 * facing)[:, None]
    image = np.zeros((size, size, 4))
    zbuf = np.full((size, size), np.inf)
    for tri in mesh.triangles:
        _fill(tri, px, py, depth, shade, image, zbuf)
    return image


def _fill(tri, px, py, depth, shade, image, zbuf):
    xs, ys = px[tri], py[tri]
    x0, x1 = int(max(np.floor(xs.min()), 0)), int(min(np.ceil(xs.max()), image.shape[1] - 1))
    y0, y1 = int(max(np.floor(ys.min()), 0)), int(min(np.ceil(ys.max()), image.shape[0] - 1))
    if x1 < x0 or y1 < y0:
        return
    area = (xs[1] - xs[0]) * (ys[2] - ys[0]) - (xs[2] - xs[0]) * (ys[1] - ys[0])
    if abs(area) < 1e-9:
        return
    gy, gx = np.mgrid[y0:y1 + 1, x0:x1 + 1] + 0.0
    w0 = ((xs[1] - gx) * (ys[2] - gy) - (xs[2] - gx) * (ys[1] - gy)) / area
    w1 = ((xs[2] - gx) * (ys[0] - gy) - (xs[0] - gx) * (ys[2] - gy)) / area
    w2 = 1.0 - w0 - w1
    inside = (w0 >= 0) & (w1 >= 0) & (w2 >= 0)
    z = w0 * depth[tri[0]] + w1 * depth[tri[1]] + w2 * depth[tri[2]]
    region = zbuf[y0:y1 + 1, x0:x1 + 1]
    nearer = inside & (z < region)
    region[nearer] = z[nearer]
    colour = w0[..., None] * shade[tri[0]] + w1[..., None] * shade[tri[1]] + w2[..., None] * shade[tri[2]]
    target = image[y0:y1 + 1, x0:x1 + 1]
    target[nearer, :3] = colour[nearer]
    target[nearer, 3] = 1.0


def sprite(mesh):
    """One cell (CELL x CELL x 4, floats 0..1) of the mesh, framed by its bounds."""
    lo, hi = mesh.bounds()
    big = _rasterise(mesh, lo, hi, CELL * SUPERSAMPLE)
    blocks = big.reshape(CELL, SUPERSAMPLE, CELL, SUPERSAMPLE, 4)
    coverage = blocks[..., 3].mean(axis=(1, 3))
    covered = np.maximum(blocks[..., 3].sum(axis=(1, 3)), 1e-9)[..., None]
    colour = (blocks[..., :3] * blocks[..., 3:]).sum(axis=(1, 3)) / covered
    return np.concatenate([colour, coverage[..., None]], axis=-1)


def atlas(meshes):
    """(atlas image (ROWS*CELL, COLUMNS*CELL, 4) uint8, kind names in cell order, row-major from the top)."""
    if len(meshes) > COLUMNS * ROWS:
        raise ValueError(f"at most {COLUMNS * ROWS} lantern kinds fit the atlas, got {len(meshes)}")
    image = np.zeros((ROWS * CELL, COLUMNS * CELL, 4))
    for index, mesh in enumerate(meshes.values()):
        row, column = divmod(index, COLUMNS)
        image[row * CELL:(row + 1) * CELL, column * CELL:(column + 1) * CELL] = sprite(mesh)
    return np.round(np.clip(image, 0.0, 1.0) * 255.0).astype(np.uint8), list(meshes)
