"""The one binary buffer of a plain model: each array tightly packed in a buffer view of its own."""

from __future__ import annotations

import numpy as np

from .primitives import PlainPrimitive

COMPONENTS = {np.dtype(np.float32): 5126, np.dtype(np.uint16): 5123, np.dtype(np.uint32): 5125}
KINDS = {1: "SCALAR", 2: "VEC2", 3: "VEC3", 4: "VEC4", 16: "MAT4"}


class PlainBuffer:
    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0
        self.views: list[dict] = []
        self.accessors: list[dict] = []

    def blob(self, data: bytes) -> int:
        """Append bytes (4-byte aligned) as a new buffer view; return its index."""
        padding = -self.size % 4
        if padding:
            self.chunks.append(b"\x00" * padding)
            self.size += padding
        self.views.append({"buffer": 0, "byteOffset": self.size, "byteLength": len(data)})
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(self.views) - 1

    def accessor(self, values: np.ndarray, kind: str | None = None, with_bounds: bool = False) -> int:
        values = np.ascontiguousarray(values)
        rows = values.reshape(len(values), -1)
        accessor = {"bufferView": self.blob(values.tobytes()), "componentType": COMPONENTS[values.dtype],
                    "count": len(rows), "type": kind or KINDS[rows.shape[1]]}
        if with_bounds and len(rows):
            accessor["min"], accessor["max"] = rows.min(axis=0).tolist(), rows.max(axis=0).tolist()
        self.accessors.append(accessor)
        return len(self.accessors) - 1

    def indices(self, indices: np.ndarray, vertex_count: int) -> int:
        small = vertex_count <= 0xFFFF
        return self.accessor(indices.astype(np.uint16 if small else np.uint32), "SCALAR")

    def primitive(self, made: PlainPrimitive, original: dict) -> dict:
        """The JSON of a plain primitive, keeping the original's material and extras."""
        out = {key: original[key] for key in ("material", "extras") if key in original}
        out["mode"] = made.mode
        out["attributes"] = {name: self.accessor(values, with_bounds=name == "POSITION")
                             for name, values in made.attributes.items()}
        if made.indices is not None:
            out["indices"] = self.indices(made.indices, made.vertex_count)
        if made.targets:
            out["targets"] = [{name: self.accessor(values) for name, values in target.items()}
                              for target in made.targets]
        return out

    def json(self) -> dict:
        return {"buffers": [{"byteLength": self.size}], "bufferViews": self.views, "accessors": self.accessors}

    def bytes(self) -> bytes:
        return b"".join(self.chunks)
