"""The Donuimun model and its manifest fit together: walkable arch, walls that block, four lighting presets."""

import numpy as np

from glb_reader import Glb
from scene_checks import blocked, within_bounds

from metaverse_seoul.core.manifest import load_manifest
from tools import build_donuimun as dn
from tools.build_all import ROOT


def _manifest():
    return load_manifest(ROOT / "scenes" / "donuimun.yaml", ROOT / "assets")


def test_model_has_terrain_gate_and_walls(fresh_build):
    out, _ = fresh_build
    glb = Glb((out / "donuimun.glb").read_bytes())
    names = {node["name"] for node in glb.json["nodes"]}
    assert {"Terrain", "Donuimun", "Platform", "Pavilion", "Plaque", "Parapets", "CityWall", "North", "South"} <= names
    assert _manifest().ground.mesh == "Terrain"
    materials = {m["name"] for m in glb.json["materials"]}
    assert {"giwa_roof", "wall_stone", "grey_brick", "donuimun_plaque", "dancheong_beam_moro"} <= materials


def test_manifest_offers_four_times_of_day_and_narration():
    manifest = _manifest()
    assert manifest.lighting.presets == ["dawn", "day", "dusk", "night"]
    assert 3 <= len(manifest.narration) <= 6


def test_spawn_stands_on_the_terrain_and_the_portal_matches_the_model():
    manifest = _manifest()
    x, y, z = manifest.spawn.position
    assert (x, y) == dn.SPAWN and abs(z - float(dn.ground_height(x, y))) < 0.05
    assert not blocked(manifest, x, y) and within_bounds(manifest, x, y)
    (portal,) = manifest.portals
    assert portal.to == "seoul-plaza" and portal.position[:2] == dn.PORTAL["position"]
    assert abs(portal.position[2] - float(dn.ground_height(*dn.PORTAL["position"]))) < 0.05


def test_the_arch_is_walkable_and_the_wall_is_not():
    manifest = _manifest()
    road = [(x, 0.0) for x in np.arange(-40.0, 40.0, 0.5)]
    assert not [p for p in road if blocked(manifest, *p, margin=0.3)]  # straight through the gate
    for y in (-60.0, -20.0, 20.0, 60.0):  # crossing the wall anywhere else is blocked
        crossing = [(x, y) for x in np.arange(-6.0, 6.0, 0.25)]
        assert any(blocked(manifest, *p) for p in crossing), y
