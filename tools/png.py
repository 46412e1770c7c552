"""A minimal, deterministic PNG encoder for procedural textures (numpy + zlib, no timestamps).

Only what the asset builders need: 8-bit greyscale, RGB or RGBA images, no ancillary chunks, so the
same pixels always give the same bytes.
"""

import struct
import zlib

import numpy as np

_COLOR_TYPES = {1: 0, 3: 2, 4: 6}  # channels -> PNG colour type (grey, RGB, RGBA)


def _chunk(kind, data):
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)


def encode_png(pixels):
    """PNG bytes for an (H, W), (H, W, 1), (H, W, 3) or (H, W, 4) uint8 array, top row first."""
    pixels = np.asarray(pixels)
    if pixels.dtype != np.uint8:
        raise ValueError(f"encode_png: expected uint8 pixels, got {pixels.dtype}")
    if pixels.ndim == 2:
        pixels = pixels[:, :, None]
    if pixels.ndim != 3 or pixels.shape[2] not in _COLOR_TYPES:
        raise ValueError(f"encode_png: expected (H, W[, 1|3|4]) pixels, got shape {pixels.shape}")
    height, width, channels = pixels.shape
    # Each scanline starts with filter type 1 (Sub): smooth procedural images compress much better.
    rows = pixels.reshape(height, width * channels).astype(np.int16)
    filtered = rows.copy()
    filtered[:, channels:] = rows[:, channels:] - rows[:, :-channels]
    raw = np.empty((height, width * channels + 1), dtype=np.uint8)
    raw[:, 0] = 1
    raw[:, 1:] = (filtered & 0xFF).astype(np.uint8)
    header = struct.pack(">IIBBBBB", width, height, 8, _COLOR_TYPES[channels], 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw.tobytes(), 6)) + _chunk(b"IEND", b""))
