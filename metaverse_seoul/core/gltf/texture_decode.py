"""KTX2 (Basis Universal, KHR_texture_basisu) and WebP (EXT_texture_webp) images decoded to what
Panda3D keeps in a texture's RAM image: rows bottom-up, pixels BGRA, or DXT blocks.

KTX2 goes through Basis Universal's transcoder (opengl_basisu): to BC1/BC3 blocks when the GPU
takes them (`compressed` lists the block formats it does), which keeps the texture compressed on
the GPU, else to RGBA8. WebP goes through Pillow's libwebp.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np

from .errors import DecodeError

BLOCK_BYTES = {"bc1": 8, "bc3": 16}


@dataclass(frozen=True)
class DecodedImage:
    width: int
    height: int
    levels: tuple[bytes, ...]  # level 0 first; one level for RGBA8 (the engine makes mipmaps)
    format: str  # "rgba8", "bc1" or "bc3"
    has_alpha: bool


def _bottom_up_bgra(rgba: np.ndarray) -> bytes:
    return np.ascontiguousarray(rgba[::-1, :, [2, 1, 0, 3]]).tobytes()


def decode_webp(data: bytes) -> DecodedImage:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data), formats=["WEBP"]) as image:
            has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
            rgba = np.asarray(image.convert("RGBA"))
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise DecodeError(f"WebP image does not decode ({exc})") from None
    return DecodedImage(rgba.shape[1], rgba.shape[0], (_bottom_up_bgra(rgba),), "rgba8", has_alpha)


def _flip_blocks(blocks: np.ndarray, fmt: str, width: int, height: int) -> bytes:
    """Turn a top-down DXT image upside down: block rows reversed, pixel rows inside each block too."""
    across, down = -(-width // 4), -(-height // 4)
    grid = blocks.reshape(down, across, BLOCK_BYTES[fmt])[::-1].copy()
    color = grid[..., -8:]
    color[..., 4:8] = color[..., 4:8][..., ::-1]  # one byte of 2-bit indices per pixel row
    if fmt == "bc3":  # alpha: 48 bits of 3-bit indices, 12 bits per pixel row
        bits = np.zeros(grid.shape[:2], dtype=np.uint64)
        for i in range(6):
            bits |= grid[..., 2 + i].astype(np.uint64) << np.uint64(8 * i)
        rows = [(bits >> np.uint64(12 * r)) & np.uint64(0xFFF) for r in range(4)]
        flipped = rows[3] | rows[2] << np.uint64(12) | rows[1] << np.uint64(24) | rows[0] << np.uint64(36)
        for i in range(6):
            grid[..., 2 + i] = ((flipped >> np.uint64(8 * i)) & np.uint64(0xFF)).astype(np.uint8)
    return grid.tobytes()


def _block_format(texture, compressed: tuple[str, ...]) -> str:
    wanted = "bc3" if texture.has_alpha else "bc1"
    fits = texture.height % 4 == 0 and texture.width % 4 == 0
    return wanted if wanted in compressed and fits else "rgba8"


def decode_ktx2(data: bytes, compressed: tuple[str, ...] = ()) -> DecodedImage:
    import opengl_basisu

    try:
        texture = opengl_basisu.open(bytes(data))
        fmt = _block_format(texture, compressed)
        if fmt == "rgba8":
            image = texture.transcode("rgba8")
            rgba = np.asarray(image.data, dtype=np.uint8).reshape(image.height, image.width, 4)
            levels = (_bottom_up_bgra(rgba),)
        else:
            images = [i for i in texture.transcode_levels(fmt) if i.width % 4 == 0 and i.height % 4 == 0]
            levels = tuple(_flip_blocks(np.asarray(i.data, dtype=np.uint8).reshape(-1), fmt, i.width, i.height)
                           for i in images)
    except (opengl_basisu.BasisuError, opengl_basisu.UnsupportedError, ValueError) as exc:
        raise DecodeError(f"KTX2 image does not decode ({exc})") from None
    return DecodedImage(texture.width, texture.height, levels, fmt, bool(texture.has_alpha))


def decode_image(fmt: str, data: bytes, compressed: tuple[str, ...] = ()) -> DecodedImage:
    return decode_ktx2(data, compressed) if fmt == "ktx2" else decode_webp(data)
