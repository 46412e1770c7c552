"""Procedural, tileable textures (numpy only): noise, masonry, paving, tiles, normal maps.

Randomness comes from an integer hash of the cell coordinates and a seed, not from numpy's random
generators, whose streams may change between numpy versions: the same seed gives the same pixels.
Every image tiles seamlessly (noise periods divide the image size), because materials repeat them.
Colours here are sRGB 0..1; `to_rgb8` converts to the uint8 pixels that png.encode_png expects.
"""

import numpy as np


def _hash(ix, iy, seed):
    """A float in [0, 1) per integer cell (ix, iy): a 32-bit integer mix (xorshift-multiply)."""
    h = (np.asarray(ix, dtype=np.uint64) * np.uint64(0x8DA6B343) + np.asarray(iy, dtype=np.uint64)
         * np.uint64(0xD8163841) + np.uint64(seed * 0x9E3779B1 & 0xFFFFFFFF)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(15)
    h = (h * np.uint64(0x2C1B3C6D)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(12)
    h = (h * np.uint64(0x297A2D39)) & np.uint64(0xFFFFFFFF)
    h ^= h >> np.uint64(15)
    return h.astype(np.float64) / 4294967296.0


def cell_random(ix, iy, seed):
    """Public form of the cell hash: one stable random number per (ix, iy) integer pair."""
    return _hash(np.asarray(ix) % (1 << 31), np.asarray(iy) % (1 << 31), seed)


def value_noise(size, cells, seed):
    """(size, size) smooth noise in [0, 1], periodic with `cells` cells across (cells divides size)."""
    coords = np.arange(size) * cells / size
    i0 = np.floor(coords).astype(np.int64)
    f = coords - i0
    f = f * f * (3.0 - 2.0 * f)  # smoothstep
    i1 = (i0 + 1) % cells
    iy0, ix0 = np.meshgrid(i0, i0, indexing="ij")
    iy1, ix1 = np.meshgrid(i1, i1, indexing="ij")
    fy, fx = np.meshgrid(f, f, indexing="ij")
    v00, v10 = _hash(ix0, iy0, seed), _hash(ix1, iy0, seed)
    v01, v11 = _hash(ix0, iy1, seed), _hash(ix1, iy1, seed)
    top = v00 + (v10 - v00) * fx
    bottom = v01 + (v11 - v01) * fx
    return top + (bottom - top) * fy


def fbm(size, base_cells=4, octaves=4, seed=0, gain=0.5):
    """Fractal sum of value noise octaves, normalised to [0, 1]."""
    total = np.zeros((size, size))
    amplitude, norm = 1.0, 0.0
    cells = base_cells
    for octave in range(octaves):
        if cells > size:
            break
        total += amplitude * value_noise(size, cells, seed * 31 + octave)
        norm += amplitude
        amplitude *= gain
        cells *= 2
    return total / norm


def speckle(size, seed, density=0.5):
    """Per-pixel grain in [0, 1] (granite crystals, sand)."""
    ys, xs = np.mgrid[0:size, 0:size]
    return (_hash(xs, ys, seed + 977) < density).astype(np.float64) * _hash(xs, ys, seed + 1999)


def blocks(size, rows, cols_per_row, stagger=0.5, seed=0):
    """Running-bond masonry layout: returns (row, col) index maps and the distance in pixels to the
    nearest joint, for ashlar, brick and paving. Every row has cols_per_row blocks; odd rows shift by
    stagger of a block."""
    ys, xs = np.mgrid[0:size, 0:size].astype(np.float64)
    row_h = size / rows
    col_w = size / cols_per_row
    row = np.floor(ys / row_h).astype(np.int64)
    shift = np.where(row % 2 == 1, stagger * col_w, 0.0)
    xx = (xs + shift) % size
    col = np.floor(xx / col_w).astype(np.int64)
    dy = np.minimum(ys - row * row_h, (row + 1) * row_h - ys)
    dx = np.minimum(xx - col * col_w, (col + 1) * col_w - xx)
    return row, col, np.minimum(dx, dy)


def mix(a, b, t):
    t = np.asarray(t)[..., None] if np.ndim(t) == 2 else t
    return np.asarray(a) * (1 - t) + np.asarray(b) * t


def colorize(value, dark, light):
    """Map a [0, 1] field to colours between two sRGB colours -> (H, W, 3)."""
    return mix(np.asarray(dark, dtype=np.float64), np.asarray(light, dtype=np.float64), np.clip(value, 0, 1))


def to_rgb8(image):
    return np.round(np.clip(image, 0.0, 1.0) * 255.0).astype(np.uint8)


def normal_map(height, strength=2.0):
    """Tangent-space normal map (glTF convention: +X right = +u, +Y up in the image, +Z out) from a
    tileable height field in [0, 1]; strength scales the slopes (height units per pixel)."""
    du = (np.roll(height, -1, axis=1) - np.roll(height, 1, axis=1)) * 0.5 * strength
    drow = (np.roll(height, -1, axis=0) - np.roll(height, 1, axis=0)) * 0.5 * strength
    # Image rows run downwards, so "up" in the image is -row: the slope along +Y is -drow.
    n = np.stack([-du, drow, np.ones_like(height)], axis=-1)
    n /= np.linalg.norm(n, axis=-1, keepdims=True)
    return to_rgb8(n * 0.5 + 0.5)


def joint_profile(distance, width, bevel):
    """Height 1 on a block face, falling to 0 in a joint `width` pixels wide with a `bevel` wide edge."""
    return np.clip((distance - width / 2) / max(bevel, 1e-6), 0.0, 1.0)
