"""The Seoul Plaza model and its home-scene manifest fit together."""

import math

from glb_reader import Glb
from scene_checks import blocked, within_bounds

from metaverse_seoul.core.manifest import load_manifest
from tools import build_plaza
from tools.build_all import ROOT

SCENE = ROOT / "scenes" / "seoul-plaza.yaml"


def _manifest():
    return load_manifest(SCENE, ROOT / "assets")


def test_model_has_the_named_parts(fresh_build):
    out, _ = fresh_build
    glb = Glb((out / "seoul_plaza.glb").read_bytes())
    names = {node["name"] for node in glb.json["nodes"]}
    assert {"Ground", "OldCityHall", "NewCityHall", "Trees", "Benches", "Lamps", "Glow", "Portals"} <= names
    assert glb.node("Glow")["extras"] == {"lamp_glow": True}
    materials = {m["name"] for m in glb.json["materials"]}
    assert {"granite_paving", "lawn", "curtain_glass", "window_glass"} <= materials


def test_manifest_loads_with_the_builders_colliders():
    manifest = _manifest()
    assert manifest.id == "seoul-plaza" and manifest.lighting.preset == "day"
    assert manifest.model_files[0].name == "seoul_plaza.glb"
    assert len(manifest.colliders) > 50  # buildings, trees, benches, lamps, gate posts
    assert 3 <= len(manifest.narration) <= 6


def test_spawn_is_free_and_the_kiosks_are_near_it():
    manifest = _manifest()
    sx, sy, _ = manifest.spawn.position
    assert not blocked(manifest, sx, sy) and within_bounds(manifest, sx, sy)
    assert {k.kind for k in manifest.kiosks} >= {"complaint", "reservation", "information", "events"}
    for kiosk in manifest.kiosks:
        kx, ky, _ = kiosk.position
        assert math.hypot(kx - sx, ky - sy) < 10, kiosk.id
        assert not blocked(manifest, kx, ky), kiosk.id


def test_portals_stand_in_the_gates_the_model_draws():
    manifest = _manifest()
    drawn = {p["to"]: p["position"] for p in build_plaza.PORTALS}
    assert {p.to: p.position for p in manifest.portals} == drawn
    assert {p.to for p in manifest.portals} == {"deoksugung", "donuimun", "mayors-office", "120-center"}
    for portal in manifest.portals:
        x, y, _ = portal.position
        assert not blocked(manifest, x, y, margin=0.5), portal.to  # the visitor can walk into it
        assert portal.heading == build_plaza.PORTAL_HEADING
