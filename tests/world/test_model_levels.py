"""A scan-like model (a small version of the benchmark's) through the converter: its generated levels
become an LODNode that switches by distance, drawn counts follow the level, a far view stays in the
scene budget, and loading reports progress as its bytes are hashed and converted. No window needed."""

import json

import pytest
from panda3d.core import Camera, NodePath, PerspectiveLens

from metaverse_seoul.core.gltf.plain import plain_model
from metaverse_seoul.world.convert_model import build_node
from metaverse_seoul.world.drawn import active_level, drawn_geometry
from metaverse_seoul.world.lod_groups import coverage_distance, set_lod_fov
from metaverse_seoul.world.model_loader import ModelLoader
from tests.core.gltf_fixtures import BoxModel
from tests.core.test_gltf_plain import grid_model

SCENE_TRIANGLE_BUDGET = 300_000  # as the home scene's (tests/test_cli.py)


@pytest.fixture(scope="module")
def scan(tmp_path_factory):
    path = grid_model(160).write_glb(tmp_path_factory.mktemp("scan"))  # 51,200 triangles
    root = NodePath("render")
    build_node(plain_model(path), path).reparentTo(root)
    return path, root


def camera_at(root, distance):
    """A camera `distance` away from the level group's centre, looking at it."""
    lod = root.find("**/+LODNode")
    center = root.getRelativePoint(lod, lod.node().getCenter())
    camera = root.attachNewNode(Camera("camera", PerspectiveLens()))
    camera.node().getLens().setFov(60 * 16 / 9, 60)
    camera.setPos(center.x, center.y - distance, center.z)
    camera.lookAt(center)
    return camera


def test_levels_switch_with_distance(scan):
    _, root = scan
    lods = root.findAllMatches("**/+LODNode")
    assert lods.getNumPaths() == 1 and lods[0].node().getNumSwitches() >= 3
    switches = [lods[0].node().getIn(i) for i in range(lods[0].node().getNumSwitches())]
    assert switches == sorted(set(switches))  # no level's range is empty
    counts = []
    for distance in (0.4, 2, 8, 60, 3000):
        camera = camera_at(root, distance)
        counts.append(drawn_geometry(root, camera)[1])
        camera.removeNode()
    assert counts[0] == 51_200 and counts[-1] < counts[0] / 20
    assert counts == sorted(counts, reverse=True)


def test_far_view_stays_in_the_scene_budget(scan):
    _, root = scan
    camera = camera_at(root, 400)
    assert active_level(root.find("**/+LODNode"), camera) >= 1
    assert drawn_geometry(root, camera)[1] <= SCENE_TRIANGLE_BUDGET


def test_a_narrower_field_of_view_keeps_the_finer_level_longer(scan):
    _, root = scan
    lod = root.find("**/+LODNode")
    camera = camera_at(root, lod.node().getIn(0) * 1.2)  # just past the first switch at 60 degrees
    coarse = active_level(lod, camera)
    set_lod_fov(camera, 20)  # zoomed in: the model spans more of the screen
    assert active_level(lod, camera) < coarse


def test_coverage_distance():
    assert coverage_distance(1.0, 0.0) > 1e8
    assert coverage_distance(2.0, 0.5) == pytest.approx(2 * coverage_distance(1.0, 0.5))


def test_progress_follows_hashing_and_conversion(scan, tmp_path):
    path, _ = scan
    seen = []
    prepared = ModelLoader(tmp_path / "cache").prepare(path, seen.append)
    assert not prepared.from_cache and seen[-1] == 1.0
    assert seen == sorted(seen) and len(set(seen)) >= 5 and 0 < seen[0] < 0.5
    again = []
    assert ModelLoader(tmp_path / "cache").prepare(path, again.append).from_cache and again[-1] == 1.0


def test_cache_key_follows_the_gpu_block_formats(tmp_path):
    path = BoxModel.make().write_glb(tmp_path)
    plain = ModelLoader(tmp_path / "cache").prepare(path)
    blocks = ModelLoader(tmp_path / "cache", ("bc1", "bc3")).prepare(path)
    assert plain.bam != blocks.bam and not blocks.from_cache
    assert json.loads(json.dumps(list(blocks.summary.extensions))) == []
