"""The Mayor's office and the 120 civil service hall: models and manifests fit together (spawn, kiosks
and portal where the builders put them, walls and glass that block), and the model carries the flags,
the view of the plaza and the bilingual signs."""

import math

import pytest

from glb_reader import Glb
from scene_checks import blocked, within_bounds

from metaverse_seoul.core.manifest import load_manifest
from tools import build_120_center as center
from tools import build_mayors_office as office
from tools.build_all import ROOT

SCENES = {"mayors-office": office, "120-center": center}
REACH = 2.5   # metres within which the app offers a kiosk (world/kiosk_panel.py)


def _manifest(scene_id):
    return load_manifest(ROOT / "scenes" / f"{scene_id}.yaml", ROOT / "assets")


def _nodes_and_materials(out, module):
    glb = Glb((out / f"{module.MODEL_NAME}.glb").read_bytes())
    return {n["name"] for n in glb.json["nodes"]}, {m["name"] for m in glb.json["materials"]}


def test_the_office_has_its_furniture_flags_and_the_plaza_outside(fresh_build):
    nodes, materials = _nodes_and_materials(fresh_build[0], office)
    assert {"Office", "Walls", "Windows", "Lights", "Desk", "Flags", "Bookcases", "MeetingTable", "Screen",
            "View", "OldCityHall"} <= nodes
    assert {"taegukgi", "seoul_flag", "light_panel", "window_glass_clear", "lawn", "mayors_office_signs"} <= materials


def test_the_hall_has_counters_seating_and_signs(fresh_build):
    nodes, materials = _nodes_and_materials(fresh_build[0], center)
    assert {"Hall", "Counters", "Seating", "Signs", "Outside"} <= nodes
    assert {"civil_center_signs", "light_panel", "floor_tiles"} <= materials
    texts = " ".join(line.text for face in center.SIGNS.values() for line in face.lines)
    for words in ("민원 접수", "Civil Complaints", "대기 번호", "Now serving", "창구", "Counter"):
        assert words in texts
    assert [f"counter-{k}" in center.SIGNS for k in range(1, 7)] == [True] * 6


@pytest.mark.parametrize("scene_id", SCENES)
def test_manifest_matches_the_builder(scene_id):
    module, manifest = SCENES[scene_id], _manifest(scene_id)
    assert manifest.id == scene_id and manifest.models[0].path == f"models/{module.MODEL_NAME}.glb"
    assert manifest.lighting.preset == "day" and manifest.ground.height == 0
    assert 3 <= len(manifest.narration) <= 6
    assert list(manifest.spawn.position) == module.SPAWN["position"] and manifest.spawn.heading == module.SPAWN["heading"]
    (portal,) = manifest.portals
    assert portal.to == "seoul-plaza" and list(portal.position) == module.PORTAL["position"]
    assert portal.radius == module.PORTAL["radius"] and portal.heading == module.PORTAL["heading"]
    expected = getattr(module, "KIOSKS", None) or [module.KIOSK]
    assert [(k.id, k.kind, list(k.position), k.heading) for k in manifest.kiosks] == \
        [(k["id"], k["kind"], k["position"], k["heading"]) for k in expected]


@pytest.mark.parametrize("scene_id", SCENES)
def test_spawn_kiosks_and_portal_are_reachable_and_apart(scene_id):
    manifest = _manifest(scene_id)
    sx, sy, _ = manifest.spawn.position
    assert not blocked(manifest, sx, sy) and within_bounds(manifest, sx, sy)
    (portal,) = manifest.portals
    px, py, _ = portal.position
    assert not blocked(manifest, px, py, margin=0.3) and within_bounds(manifest, px, py)
    assert math.hypot(px - sx, py - sy) > portal.radius + 0.5      # arriving does not send the visitor back
    for kiosk in manifest.kiosks:
        kx, ky, _ = kiosk.position
        # The visitor stands a step in front of the screen, which faces the kiosk's heading.
        h = math.radians(kiosk.heading)
        fx, fy = kx - 0.8 * math.sin(h), ky + 0.8 * math.cos(h)
        assert not blocked(manifest, fx, fy) and within_bounds(manifest, fx, fy), kiosk.id
        assert math.hypot(kx - sx, ky - sy) > REACH, kiosk.id        # no kiosk prompt on arrival


def test_the_office_windows_and_walls_hold_the_visitor_in():
    manifest = _manifest("mayors-office")
    (x0, y0), (x1, y1) = office.ROOM
    for x in (-6.0, -2.0, 0.0, 3.0, 6.0):
        assert blocked(manifest, x, y0 + 0.1), x          # the glazing
        assert blocked(manifest, x, y1 - 0.1), x          # the north wall, bookcases and screen
    assert blocked(manifest, office.ROOM[0][0] + 0.1, 0.0) and blocked(manifest, x1 - 0.1, -4.0)


def test_the_hall_counters_keep_the_staff_side_closed():
    manifest = _manifest("120-center")
    for x in center.COUNTER_XS:
        assert blocked(manifest, x, center.COUNTER_Y + 0.8), x
        assert not blocked(manifest, x, center.COUNTER_Y - 1.6), x     # the customers' side is free
    (x0, y0), _ = center.HALL
    for x in (-8.0, 0.0, 8.0):
        assert blocked(manifest, x, y0 + 0.1), x
