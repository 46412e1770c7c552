"""KHR_draco_mesh_compression: one primitive's attributes and indices decoded with DracoPy."""

from __future__ import annotations

import DracoPy
import numpy as np

from .errors import DecodeError


def decode_primitive(data: bytes, attribute_ids: dict) -> tuple[dict[str, np.ndarray], np.ndarray | None]:
    """({glTF attribute name: values, shape (count, n)}, triangle indices or None for points)."""
    try:
        decoded = DracoPy.decode(bytes(data))
    except Exception as exc:  # DracoPy raises its own and plain exceptions for bad streams
        raise DecodeError(f"Draco data does not decode ({type(exc).__name__}: {exc})") from None
    by_id = {item["unique_id"]: item["data"] for item in decoded.attributes}
    arrays = {}
    for name, unique_id in attribute_ids.items():
        if unique_id not in by_id:
            raise DecodeError(f"Draco data has no attribute {unique_id} for {name}")
        values = np.asarray(by_id[unique_id])
        arrays[name] = values.reshape(len(values), -1)
    faces = getattr(decoded, "faces", None)
    indices = None if faces is None or len(faces) == 0 else np.asarray(faces, dtype=np.uint32).reshape(-1)
    return arrays, indices
