"""One primitive's geometry made plain: decoded, dequantized, as lists the converter draws.

Strips, fans and loops become triangle and line lists (panda3d-gltf builds strips and fans without
their lengths, which trips Panda3D), a partial last triangle or line is dropped, indices are
checked against the vertex count, and every attribute but JOINTS becomes float32.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .errors import DecodeError
from .tables import LINE_LOOP, LINE_STRIP, LINES, POINTS, TRIANGLE_FAN, TRIANGLE_STRIP, TRIANGLES

MAX_COORDINATE = 1e9


@dataclass
class PlainPrimitive:
    attributes: dict[str, np.ndarray]  # name -> (count, n) float32, or uint16 for JOINTS_n
    indices: np.ndarray | None  # uint32
    mode: int  # POINTS, LINES or TRIANGLES
    targets: list[dict[str, np.ndarray]] = field(default_factory=list)

    @property
    def vertex_count(self) -> int:
        return len(self.attributes["POSITION"])

    @property
    def triangles(self) -> int:
        if self.mode != TRIANGLES:
            return 0
        return (len(self.indices) if self.indices is not None else self.vertex_count) // 3


def attribute_values(name: str, values: np.ndarray) -> np.ndarray:
    """JOINTS as uint16 (the converter's blend table needs integers), all else as float32."""
    if name.startswith("JOINTS_"):
        return np.ascontiguousarray(values, dtype=np.uint16)
    return np.ascontiguousarray(values, dtype=np.float32)


def _strip_triangles(s: np.ndarray) -> np.ndarray:
    i = np.arange(len(s) - 2)
    odd = i % 2 == 1
    a, b = np.where(odd, s[i + 1], s[i]), np.where(odd, s[i], s[i + 1])
    return np.stack([a, b, s[i + 2]], axis=1).reshape(-1)


def _fan_triangles(s: np.ndarray) -> np.ndarray:
    i = np.arange(1, len(s) - 1)
    return np.stack([np.full(len(i), s[0]), s[i], s[i + 1]], axis=1).reshape(-1)


def _line_pairs(s: np.ndarray, closed: bool) -> np.ndarray:
    ends = np.append(s[1:], s[:1]) if closed else s[1:]
    return np.stack([s[:len(ends)], ends], axis=1).reshape(-1)


def as_list(mode: int, indices: np.ndarray | None, vertex_count: int) -> tuple[int, np.ndarray | None]:
    """(mode, indices) with strips, fans and loops turned into lists and partial groups dropped."""
    if mode == POINTS:
        return mode, indices
    sequence = indices if indices is not None else np.arange(vertex_count, dtype=np.uint32)
    if mode in (TRIANGLE_STRIP, TRIANGLE_FAN):
        if len(sequence) < 3:
            return TRIANGLES, np.zeros(0, np.uint32)
        build = _strip_triangles if mode == TRIANGLE_STRIP else _fan_triangles
        return TRIANGLES, build(sequence).astype(np.uint32)
    if mode in (LINE_STRIP, LINE_LOOP):
        if len(sequence) < 2:
            return LINES, np.zeros(0, np.uint32)
        return LINES, _line_pairs(sequence, mode == LINE_LOOP).astype(np.uint32)
    group = 3 if mode == TRIANGLES else 2
    whole = len(sequence) - len(sequence) % group
    if indices is None and whole == len(sequence):
        return mode, None
    return mode, sequence[:whole].astype(np.uint32)


def check_decoded(primitive: PlainPrimitive):
    """What a decoder produced must be as sound as what the checker reads from plain files."""
    count = primitive.vertex_count
    for name, values in primitive.attributes.items():
        if len(values) != count:
            raise DecodeError(f"{name} has {len(values)} values but POSITION has {count}")
    if primitive.indices is not None and primitive.indices.size and int(primitive.indices.max()) >= count:
        raise DecodeError(f"an index is past the {count} vertices")
    with np.errstate(invalid="ignore"):
        if not (np.abs(primitive.attributes["POSITION"]) <= MAX_COORDINATE).all():
            raise DecodeError(f"a position is not a finite number within ±{MAX_COORDINATE:g}")
