"""EXT_meshopt_compression (and its KHR_ twin): a buffer view decoded with meshoptimizer's decoder.

The view's own bytes may not exist (its buffer can be a fallback with no data); the compressed
bytes live in the extension's buffer range and decode to `count` elements of `byteStride` bytes.
"""

from __future__ import annotations

import numpy as np

from .errors import DecodeError

try:
    import meshoptimizer
except ImportError:  # an installation without it (the Linux package ships it as files: packaged.py)
    meshoptimizer = None


def _filter(name):
    """meshoptimizer's decoder for a filter, or None for a name the extension does not define."""
    return {"OCTAHEDRAL": meshoptimizer.decode_filter_oct, "QUATERNION": meshoptimizer.decode_filter_quat,
            "EXPONENTIAL": meshoptimizer.decode_filter_exp}.get(name)


def _decode(mode: str, count: int, stride: int, data: np.ndarray) -> np.ndarray:
    if mode == "ATTRIBUTES":
        if stride % 4 or stride > 256:
            raise DecodeError(f"byteStride {stride} is not a multiple of 4 up to 256")
        return meshoptimizer.decode_vertex_buffer(count, stride, data, dtype=np.dtype((np.void, stride)))
    if stride not in (2, 4):
        raise DecodeError(f"byteStride {stride} for {mode.lower()} is not 2 or 4")
    decode = meshoptimizer.decode_index_buffer if mode == "TRIANGLES" else meshoptimizer.decode_index_sequence
    if mode == "TRIANGLES" and count % 3:
        raise DecodeError(f"{count} triangle indices are not a multiple of 3")
    decoded = decode(count, stride, data)
    # The binding hands back a uint32 array whatever the index size; the decoder wrote `stride`-byte
    # indices into the start of its memory, so read them back at that size.
    return decoded.view("<u2")[:count] if stride == 2 else decoded.astype("<u4")


def decode_view(ext: dict, source: memoryview) -> bytes:
    """The decoded bytes of one compressed buffer view; `source` is the whole buffer ext names."""
    if meshoptimizer is None:
        raise DecodeError("EXT_meshopt_compression needs the meshoptimizer package, which this installation lacks")
    start = ext.get("byteOffset", 0)
    data = np.frombuffer(source[start:start + ext["byteLength"]], dtype=np.uint8)
    count, stride, mode = ext["count"], ext["byteStride"], ext["mode"]
    try:
        decoded = np.frombuffer(_decode(mode, count, stride, data).tobytes(), dtype=np.uint8)
        flt = ext.get("filter", "NONE")
        if flt != "NONE":
            if _filter(flt) is None or mode != "ATTRIBUTES":
                raise DecodeError(f"filter {flt!r} does not apply to {mode.lower()}")
            decoded = _filter(flt)(decoded, count, stride)
    except (RuntimeError, ValueError) as exc:
        raise DecodeError(f"meshopt data does not decode ({exc})") from None
    return decoded.tobytes()
