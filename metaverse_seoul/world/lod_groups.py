"""Level groups of a converted model (nodes tagged `lod_coverage`) made into Panda3D LODNodes.

A level is drawn while the group's bounding sphere spans at least its coverage of the screen's
height (MSFT_lod's measure). Panda3D switches by distance, so coverages become distances for a
reference field of view; `set_lod_fov` scales them for the camera's real one.
"""

import json
import math

from panda3d.core import LODNode, NodePath

COVERAGE_TAG = "lod_coverage"
REFERENCE_FOV_DEGREES = 60.0  # vertical
FAR_AWAY = 1e9


def coverage_distance(radius: float, coverage: float, fov_degrees: float = REFERENCE_FOV_DEGREES) -> float:
    """How far a sphere of `radius` is when it spans `coverage` of the screen's height."""
    if coverage <= 0:
        return FAR_AWAY
    return radius / (coverage * math.tan(math.radians(fov_degrees) / 2))


def _make_lod(group: NodePath) -> None:
    coverages = json.loads(group.getTag(COVERAGE_TAG))
    levels = group.getChildren()
    bounds = group.getBounds()
    radius = bounds.getRadius() if not bounds.isEmpty() else 1.0
    lod = LODNode(group.getName())
    lod.setCenter(bounds.getCenter() if not bounds.isEmpty() else (0, 0, 0))
    lod_path = group.getParent().attachNewNode(lod)
    lod_path.setTransform(group.getTransform())
    near = 0.0
    for level, coverage in zip(levels, coverages):
        far = coverage_distance(radius, coverage)
        lod.addSwitch(far, near)
        level.reparentTo(lod_path)
        near = far
    group.removeNode()


def make_lod_nodes(root: NodePath) -> int:
    """Replace every tagged group under `root`; return how many there were."""
    groups = list(root.findAllMatches(f"**/={COVERAGE_TAG}"))
    for group in groups:
        _make_lod(group)
    return len(groups)


def set_lod_fov(camera_np: NodePath, fov_degrees: float) -> None:
    """Switch levels at the same screen coverage whatever the camera's vertical field of view."""
    scale = math.tan(math.radians(REFERENCE_FOV_DEGREES) / 2) / math.tan(math.radians(fov_degrees) / 2)
    camera_np.node().setLodScale(scale)
