"""What an image's bytes are, and whether they can be drawn.

`sniff(data)` names the format by content (PNG, JPEG, KTX2, WebP) or returns None. `problem(data, fmt)`
says in a few words why an image of a known format cannot be drawn (truncated, corrupt, a coding
process the engine cannot decode, absurd dimensions), or None. A model whose image cannot be drawn
is still valid glTF: the image is left out with a warning, never a refusal.
"""

from __future__ import annotations

import struct
import zlib

MAX_IMAGE_BYTES = 256 << 20
MAX_IMAGE_PIXELS_SIDE = 16384

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KTX2_SIGNATURE = b"\xabKTX 20\xbb\r\n\x1a\n"
PNG_COLOR_DEPTHS = {0: {1, 2, 4, 8, 16}, 2: {8, 16}, 3: {1, 2, 4, 8}, 4: {8, 16}, 6: {8, 16}}
JPEG_DECODABLE_SOF = {0xC0: "baseline", 0xC1: "extended", 0xC2: "progressive"}
MIME_FORMATS = {"image/png": "png", "image/jpeg": "jpeg", "image/jpg": "jpeg",  # jpg: common misspelling
                "image/ktx2": "ktx2", "image/webp": "webp"}
FORMAT_MIMES = {"png": "image/png", "jpeg": "image/jpeg", "ktx2": "image/ktx2", "webp": "image/webp"}


def sniff(data: bytes) -> str | None:
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(KTX2_SIGNATURE):
        return "ktx2"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def problem(data: bytes, fmt: str) -> str | None:
    """Why an image of format `fmt` cannot be drawn, or None."""
    if fmt == "png":
        return _png_problem(data)
    if fmt == "jpeg":
        return _jpeg_problem(data)
    if fmt == "webp" and (len(data) < 12 or struct.unpack_from("<I", data, 4)[0] + 8 > len(data)):
        return "truncated WebP image"
    if fmt == "ktx2":
        if len(data) < 80:
            return "truncated KTX2 image"
        return _dimension_problem(*struct.unpack_from("<II", data, 20))
    return None


def _dimension_problem(width: int, height: int) -> str | None:
    if not (0 < width <= MAX_IMAGE_PIXELS_SIDE and 0 < height <= MAX_IMAGE_PIXELS_SIDE):
        return f"image is {width}x{height}; each side must be 1 to {MAX_IMAGE_PIXELS_SIDE}"
    return None


def _png_problem(data: bytes) -> str | None:
    """Walk every chunk and verify its CRC: catches truncation and flipped bytes anywhere."""
    offset, first = len(PNG_SIGNATURE), True
    while True:
        if offset + 12 > len(data):
            return "truncated PNG (no IEND chunk)"
        length, kind = struct.unpack_from(">I4s", data, offset)
        end = offset + 12 + length
        if end > len(data):
            return f"truncated PNG ({kind!r} chunk runs past the end)"
        if zlib.crc32(data[offset + 4:offset + 8 + length]) != struct.unpack_from(">I", data, end - 4)[0]:
            return f"corrupt PNG (bad CRC in {kind!r} chunk at byte {offset})"
        if first:
            if kind != b"IHDR" or length != 13:
                return "corrupt PNG (first chunk is not IHDR)"
            width, height, depth, color = struct.unpack_from(">IIBB", data, offset + 8)
            if (bad := _dimension_problem(width, height)) is not None:
                return bad
            if depth not in PNG_COLOR_DEPTHS.get(color, ()):
                return f"PNG has an invalid bit depth {depth} for color type {color}"
            first = False
        if kind == b"IEND":
            return None
        offset = end


def _jpeg_frame_problem(data: bytes, offset: int, marker: int, length: int) -> str | None:
    if marker not in JPEG_DECODABLE_SOF:
        return f"JPEG uses a coding process (SOF{marker - 0xC0}) the engine cannot decode"
    if length < 8:
        return "corrupt JPEG frame header"
    _, height, width, count = struct.unpack_from(">BHHB", data, offset + 4)
    if (bad := _dimension_problem(width, height)) is not None:
        return bad
    if count not in (1, 3, 4) or length != 8 + 3 * count:
        return f"corrupt JPEG frame header ({count} components)"
    return None


def _jpeg_problem(data: bytes) -> str | None:
    """Walk the marker segments up to the start of scan, checking the frame header on the way."""
    offset, frame = 2, None
    while True:
        while offset + 1 < len(data) and data[offset] == 0xFF and data[offset + 1] == 0xFF:
            offset += 1  # fill bytes
        if offset + 4 > len(data):
            return "truncated JPEG (no start of scan)"
        if data[offset] != 0xFF:
            return f"corrupt JPEG (expected a marker at byte {offset})"
        marker = data[offset + 1]
        length = struct.unpack_from(">H", data, offset + 2)[0]
        if length < 2 or offset + 2 + length > len(data):
            return f"truncated JPEG (segment at byte {offset} runs past the end)"
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if (bad := _jpeg_frame_problem(data, offset, marker, length)) is not None:
                return bad
            frame = marker
        elif marker == 0xDA:
            return None if frame is not None else "corrupt JPEG (scan before frame header)"
        elif marker in (0xD8, 0xD9) or 0xD0 <= marker <= 0xD7 or marker == 0x01:
            return f"corrupt JPEG (unexpected marker 0x{marker:02X} at byte {offset})"
        offset += 2 + length
