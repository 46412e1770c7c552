"""The festival scenes and their models fit together: spawn and kiosks free, the striker marked for
the app to move, and every scene within its budget with its lanterns counted."""

import pytest

from glb_reader import Glb
from scene_checks import blocked, within_bounds

from metaverse_seoul.core.manifest import load_manifest
from tools.build_all import ROOT
from tools.lanterns import KINDS

SCENES = ("lantern-festival", "bosingak-new-year")
BUDGET_GEOMS = 150


def _manifest(scene):
    return load_manifest(ROOT / "scenes" / f"{scene}.yaml", ROOT / "assets")


@pytest.mark.parametrize("scene", SCENES)
def test_spawn_and_kiosks_are_free_and_inside(scene):
    manifest = _manifest(scene)
    for x, y, _ in [manifest.spawn.position] + [k.position for k in manifest.kiosks]:
        assert not blocked(manifest, x, y) and within_bounds(manifest, x, y), (scene, x, y)
    kinds = {k.kind for k in manifest.kiosks}
    assert {"information", "events"} <= kinds
    assert all(len(k.info) >= 2 for k in manifest.kiosks if k.kind == "information")
    assert len(manifest.narration) >= 3


@pytest.mark.parametrize("scene", SCENES)
def test_the_scene_with_its_lanterns_stays_within_the_geom_budget(scene, fresh_build):
    _, stats = fresh_build
    manifest = _manifest(scene)
    models = sum(stats[path.stem]["geoms"] for path in manifest.model_files)
    lantern_geoms = len(KINDS) + 2  # one per kind, the glow and impostors, the light on the water
    assert models + lantern_geoms <= BUDGET_GEOMS


def test_the_bell_striker_is_a_node_the_app_may_move(fresh_build):
    out, _ = fresh_build
    glb = Glb((out / "bosingak.glb").read_bytes())
    assert glb.node("Striker")["extras"] == {"moves": "swing"}
    assert _manifest("bosingak-new-year").ceremony.striker == "Striker"


def test_the_festivals_are_night_scenes():
    for scene in SCENES:
        assert _manifest(scene).lighting.preset == "night"
