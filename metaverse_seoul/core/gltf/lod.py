"""Levels of detail generated at conversion with meshoptimizer's simplifier, and when to show each.

A level is kept only if the simplifier reached it within an error bound (a fraction of the mesh's
size): a scan does not turn into a blob. Each level comes with the smallest screen coverage (share
of the screen's height that the mesh's bounding sphere spans) at which it must still be drawn:
below it, the next coarser level's error stays under `PIXEL_ERROR` pixels on a `REFERENCE_HEIGHT`
screen. This is the same measure MSFT_lod's MSFT_screencoverage uses, so authored and generated
levels are switched by one rule.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

try:
    import meshoptimizer
except ImportError:  # an installation without it (the Linux package ships it as files: packaged.py)
    meshoptimizer = None

MIN_TRIANGLES = 20_000  # smaller meshes cost less than the switching
LEVEL_RATIOS = (0.25, 0.0625, 0.015)  # target share of the triangles at each level
LEVEL_ERRORS = (0.002, 0.01, 0.04)  # largest error allowed at each level, relative to the mesh's size
MIN_REDUCTION = 0.7  # a level that keeps more than 70% of the previous one is not worth its memory
REFERENCE_HEIGHT = 1080
PIXEL_ERROR = 1.0
MAX_COVERAGE = 1e4  # a level whose error is (nearly) zero: drawn only from very close


@dataclass(frozen=True)
class Level:
    indices: np.ndarray  # uint32 triangle list into the full vertex arrays
    error: float  # absolute, in the mesh's units


def simplify(positions: np.ndarray, indices: np.ndarray) -> list[Level]:
    """Coarser levels of one triangle list (LOD0 itself not included); may be empty (always, where
    meshoptimizer is not installed: the model is then drawn at its full detail)."""
    if meshoptimizer is None:
        return []
    positions = np.ascontiguousarray(positions, dtype=np.float32)
    indices = np.ascontiguousarray(indices, dtype=np.uint32)
    scale = meshoptimizer.simplify_scale(positions)
    levels, previous = [], len(indices)
    for ratio, bound in zip(LEVEL_RATIOS, LEVEL_ERRORS):
        target = max(3, int(len(indices) * ratio) // 3 * 3)
        out = np.zeros(len(indices), dtype=np.uint32)
        error = np.zeros(1, dtype=np.float32)
        count = meshoptimizer.simplify(out, indices, positions, target_index_count=target,
                                       target_error=bound, result_error=error)
        if count == 0 or count > previous * MIN_REDUCTION:
            break
        levels.append(Level(out[:count].copy(), float(error[0]) * scale))
        previous = count
    return levels


def bounding_radius(positions: np.ndarray) -> float:
    low, high = positions.min(axis=0), positions.max(axis=0)
    return float(np.linalg.norm(high - low) / 2)


def switch_coverages(radius: float, errors: list[float]) -> list[float]:
    """Per level (LOD0 first): the smallest coverage at which it is drawn; the last is 0 (always).
    Coverages above 1 are kept: a model bigger than the screen (a scan one walks on) still needs
    its finer levels only as the camera comes closer, not all at once."""
    coverages = [2 * radius / max(error * REFERENCE_HEIGHT / PIXEL_ERROR, 1e-12) for error in errors]
    return [min(c, MAX_COVERAGE) for c in coverages] + [0.0]
