"""Accessor maths: how many bytes an element takes, and any accessor read as a NumPy array.

glTF lets an accessor be strided inside an interleaved buffer view, sparse (a few values replacing
those of a base, which may itself be all zeros when there is no bufferView), a matrix with padded
columns, or quantized (small integers, possibly normalized). `AccessorReader` turns all of these into
one dense array of shape (count, components), so nothing downstream needs to know.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from .tables import COMPONENT_DTYPES, COMPONENT_SIZES, INDEX_DTYPES, NORMALIZED_DIVISORS, TYPE_SHAPES


def column_bytes(component: int, kind: str) -> int:
    """Bytes of one matrix column (padded to 4) or of a whole vector."""
    columns, rows = TYPE_SHAPES[kind]
    size = COMPONENT_SIZES[component] * rows
    return size if columns == 1 else -(-size // 4) * 4


def element_size(component: int, kind: str) -> int:
    """Bytes from one element to where the next may start, matrix column padding included."""
    return column_bytes(component, kind) * TYPE_SHAPES[kind][0]


def element_extent(component: int, kind: str) -> int:
    """Bytes an element really needs: the padding after a matrix's last column need not exist."""
    columns, rows = TYPE_SHAPES[kind]
    return column_bytes(component, kind) * (columns - 1) + COMPONENT_SIZES[component] * rows


def accessor_end(offset: int, stride: int, count: int, component: int, kind: str) -> int:
    """The byte of its buffer view that an accessor reaches."""
    return offset + stride * (count - 1) + element_extent(component, kind)


def components(kind: str) -> int:
    columns, rows = TYPE_SHAPES[kind]
    return columns * rows


def strided_array(data, offset: int, count: int, stride: int, dtype: str, width: int) -> np.ndarray:
    """`count` elements of `width` values of `dtype`, `stride` bytes apart from `offset` (a copy)."""
    itemsize = np.dtype(dtype).itemsize
    view = np.ndarray((count, width), dtype=dtype, buffer=data, offset=offset, strides=(stride, itemsize))
    return view.copy()


class AccessorReader:
    """Reads accessors of one model; `view_bytes(i)` gives the bytes of bufferViews[i]."""

    def __init__(self, gltf: dict, view_bytes: Callable[[int], memoryview]):
        self.accessors = gltf.get("accessors", [])
        self.views = gltf.get("bufferViews", [])
        self.view_bytes = view_bytes

    def raw(self, index: int) -> np.ndarray:
        """The values as stored, shape (count, components), sparse substitution applied."""
        accessor = self.accessors[index]
        component, kind, count = accessor["componentType"], accessor["type"], accessor["count"]
        if "bufferView" in accessor:
            values = self._dense(accessor["bufferView"], accessor.get("byteOffset", 0), count, component, kind)
        else:
            values = np.zeros((count, components(kind)), dtype=COMPONENT_DTYPES[component])
        if "sparse" in accessor:
            self._apply_sparse(values, accessor["sparse"], component, kind)
        return values

    def floats(self, index: int) -> np.ndarray:
        """The values as float32: normalized integers mapped to [0, 1] or [-1, 1], others converted."""
        values = self.raw(index)
        accessor = self.accessors[index]
        if values.dtype == np.float32:
            return values
        if accessor.get("normalized"):
            divisor = NORMALIZED_DIVISORS.get(accessor["componentType"], 1.0)
            return np.maximum(values.astype(np.float32) / np.float32(divisor), np.float32(-1.0))
        return values.astype(np.float32)

    def indices(self, index: int) -> np.ndarray:
        return self.raw(index).reshape(-1).astype(np.uint32)

    def _dense(self, view_index: int, offset: int, count: int, component: int, kind: str) -> np.ndarray:
        view = self.views[view_index]
        data = self.view_bytes(view_index)
        columns, rows = TYPE_SHAPES[kind]
        stride = view.get("byteStride") or element_size(component, kind)
        dtype = COMPONENT_DTYPES[component]
        if columns == 1:
            return strided_array(data, offset, count, stride, dtype, rows)
        step = column_bytes(component, kind)
        parts = [strided_array(data, offset + c * step, count, stride, dtype, rows) for c in range(columns)]
        return np.concatenate(parts, axis=1)

    def _apply_sparse(self, values: np.ndarray, sparse: dict, component: int, kind: str):
        count = sparse["count"]
        indices_info, values_info = sparse["indices"], sparse["values"]
        index_dtype = INDEX_DTYPES[indices_info["componentType"]]
        where = strided_array(self.view_bytes(indices_info["bufferView"]), indices_info.get("byteOffset", 0),
                              count, np.dtype(index_dtype).itemsize, index_dtype, 1).reshape(-1)
        replacement = self._dense(values_info["bufferView"], values_info.get("byteOffset", 0), count,
                                  component, kind)
        values[where.astype(np.int64)] = replacement
