"""Where meshoptimizer is missing (an installation without it: PyPI has only its source), a meshopt-
compressed view is one clear error and models simply get no generated levels."""

import numpy as np
import pytest

from metaverse_seoul.core.gltf import lod, meshopt
from metaverse_seoul.core.gltf.errors import DecodeError


def test_without_meshoptimizer_compressed_views_are_refused_and_levels_are_not_made(monkeypatch):
    monkeypatch.setattr(meshopt, "meshoptimizer", None)
    monkeypatch.setattr(lod, "meshoptimizer", None)
    ext = {"byteLength": 4, "count": 1, "byteStride": 4, "mode": "ATTRIBUTES"}
    with pytest.raises(DecodeError, match="needs the meshoptimizer package"):
        meshopt.decode_view(ext, memoryview(b"\0" * 4))
    positions = np.zeros((3, 3), dtype=np.float32)
    assert lod.simplify(positions, np.arange(3, dtype=np.uint32)) == []
