"""The Deoksugung model and its manifest fit together: the route from outside Daehanmun to the throne
hall's terrace is walkable step by step, the terrace walls and the Geumcheon channel are not."""

import math

import numpy as np
import pytest

from glb_reader import Glb
from scene_checks import blocked, within_bounds

from metaverse_seoul.core.locomotion import MAX_STEP_UP
from metaverse_seoul.core.manifest import load_manifest
from tools import build_deoksugung as dk
from tools.build_all import ROOT


JUNGHWAJEON_HALF_DEPTH = sum(dk.JUNGHWAJEON_SIDE_BAYS) / 2


def _manifest():
    return load_manifest(ROOT / "scenes" / "deoksugung.yaml", ROOT / "assets")


class GroundField:
    """Height of the walkable ground as the app finds it: the highest triangle of any node named
    Ground (and its children) straight below a point; None where there is none."""

    def __init__(self, glb):
        nodes = glb.json["nodes"]
        walkable = set()

        def collect(index):
            walkable.add(index)
            for child in nodes[index].get("children", []):
                collect(child)

        for i, node in enumerate(nodes):
            if node["name"] == "Ground":
                collect(i)
        tris = []
        for i in walkable:
            if "mesh" not in nodes[i]:
                continue
            for prim in glb.json["meshes"][nodes[i]["mesh"]]["primitives"]:
                p = glb.accessor(prim["attributes"]["POSITION"]).astype(np.float64)
                world = np.column_stack([p[:, 0], -p[:, 2], p[:, 1]])      # glTF Y up -> x east, y north, z up
                tris.append(world[glb.accessor(prim["indices"]).reshape(-1, 3)])
        self.tris = np.concatenate(tris)
        a, b, c = self.tris[:, 0], self.tris[:, 1], self.tris[:, 2]
        self.det = (b[:, 1] - c[:, 1]) * (a[:, 0] - c[:, 0]) + (c[:, 0] - b[:, 0]) * (a[:, 1] - c[:, 1])
        self.flat = np.abs(self.det) > 1e-9        # vertical faces are never hit from above

    def __call__(self, x, y):
        t = self.tris[self.flat]
        det = self.det[self.flat]
        a, b, c = t[:, 0], t[:, 1], t[:, 2]
        l1 = ((b[:, 1] - c[:, 1]) * (x - c[:, 0]) + (c[:, 0] - b[:, 0]) * (y - c[:, 1])) / det
        l2 = ((c[:, 1] - a[:, 1]) * (x - c[:, 0]) + (a[:, 0] - c[:, 0]) * (y - c[:, 1])) / det
        l3 = 1.0 - l1 - l2
        hit = (l1 >= -1e-9) & (l2 >= -1e-9) & (l3 >= -1e-9)
        if not hit.any():
            return None
        z = l1 * a[:, 2] + l2 * b[:, 2] + l3 * c[:, 2]
        return float(z[hit].max())


@pytest.fixture(scope="module")
def ground(fresh_build):
    out, _ = fresh_build
    return GroundField(Glb((out / "deoksugung.glb").read_bytes()))


def _route(*points, step=0.1):
    """Points every `step` metres along a polyline of (x, y) corners."""
    out = []
    for (x0, y0), (x1, y1) in zip(points[:-1], points[1:]):
        n = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / step))
        out += [(x0 + (x1 - x0) * k / n, y0 + (y1 - y0) * k / n) for k in range(n)]
    return out + [points[-1]]


def test_model_has_the_named_parts(fresh_build):
    out, _ = fresh_build
    glb = Glb((out / "deoksugung.glb").read_bytes())
    names = {node["name"] for node in glb.json["nodes"]}
    assert {"Ground", "Daehanmun", "Geumcheongyo", "Junghwamun", "Court", "RankStones", "Junghwajeon", "Hall",
            "Corridor", "Jeukjodang", "Seokjojeon", "Fountain", "Walls", "Trees", "Portal"} <= names
    materials = {m["name"] for m in glb.json["materials"]}
    assert {"giwa_roof", "bakseok", "lattice_flower", "pale_stone", "plaque_daehanmun", "plaque_junghwajeon",
            "plaque_junghwamun", "dancheong_beam_moro"} <= materials
    assert glb.node("Junghwajeon")["extras"]["label"]["en"].startswith("Junghwajeon")


def test_manifest_matches_the_builder():
    manifest = _manifest()
    assert manifest.ground.mesh == "Ground" and manifest.ground.bounds == dk.BOUNDS
    assert manifest.spawn.position == dk.SPAWN["position"] and manifest.spawn.heading == dk.SPAWN["heading"]
    (portal,) = manifest.portals
    assert portal.to == "seoul-plaza" and portal.position == dk.PORTAL["position"] and portal.heading == dk.PORTAL["heading"]
    assert {(k.id, k.kind, tuple(k.position)) for k in manifest.kiosks} == \
        {(k["id"], k["kind"], tuple(k["position"])) for k in dk.KIOSKS}
    assert manifest.lighting.presets == ["dawn", "day", "dusk", "night"]
    assert 3 <= len(manifest.narration) <= 6
    assert len(manifest.colliders) > 150   # walls, gates' columns, rank stones, halls, trees


def test_spawn_kiosks_and_portal_are_free_and_on_the_ground(ground):
    manifest = _manifest()
    sx, sy, sz = manifest.spawn.position
    assert not blocked(manifest, sx, sy) and within_bounds(manifest, sx, sy)
    assert abs(ground(sx, sy) - sz) < 0.05
    for kiosk in manifest.kiosks:
        kx, ky, kz = kiosk.position
        assert math.hypot(kx - sx, ky - sy) < 12 and not blocked(manifest, kx, ky), kiosk.id
        assert abs(ground(kx, ky) - kz) < 0.05, kiosk.id
    px, py, _ = manifest.portals[0].position
    assert not blocked(manifest, px, py, margin=0.5)
    # The visitor starts looking west, through the gate.
    assert manifest.spawn.heading == 90.0 and sx > dk.DAEHANMUN["x"] and abs(sy - dk.DAEHANMUN["y"]) < 1.0


def test_route_from_daehanmun_to_the_throne_hall_is_walkable(ground):
    """Through Daehanmun, over the bridge, through Junghwamun, up both terrace tiers (on a side lane of
    the front stairs, step by step) to the hall's doors."""
    manifest = _manifest()
    hall_front = -JUNGHWAJEON_HALF_DEPTH - 1.6   # just outside the hall's plinth (collider) and the body margin
    route = _route((174.0, dk.APPROACH_Y), (0.0, dk.APPROACH_Y), (0.0, -40.0), (2.6, -36.0), (2.6, hall_front))
    z = ground(*route[0])
    for x, y in route:
        assert not blocked(manifest, x, y), (x, y)
        h = ground(x, y)
        assert h is not None and h - z <= MAX_STEP_UP, (x, y, z, h)
        z = h
    assert z > 1.9   # on the upper terrace


def test_terrace_walls_and_the_channel_stop_the_visitor(ground):
    for (x0, y0), (x1, y1) in (((12.0, -31.0), (12.0, -28.0)), ((12.0, -20.0), (12.0, -16.0)),
                               ((-24.0, 0.0), (-18.0, 0.0))):
        rise = ground(x1, y1) - ground(x0, y0)
        assert rise > MAX_STEP_UP, ((x0, y0), rise)          # a terrace wall, not a step
    c = dk.CHANNEL
    beside_bridge = dk.APPROACH_Y - dk.BRIDGE_WIDTH / 2 - 2.0
    assert ground(c["x"], beside_bridge) is None              # the channel is not walkable ground
    assert abs(ground(c["x"], dk.APPROACH_Y) - 0.02) < 0.01   # the bridge deck is level with the path


def test_the_hall_and_the_rank_stones_block():
    manifest = _manifest()
    assert blocked(manifest, 0.0, 0.0)                         # inside Junghwajeon
    assert blocked(manifest, dk.RANK_OFFSET, dk.RANK_CENTRE_Y + dk.RANK_SPACING / 2)
    sx, sy = dk.SEOKJOJEON["x"], dk.SEOKJOJEON["y"]
    assert blocked(manifest, sx, sy)


def test_every_caption_and_title_is_in_the_font():
    from fontTools.ttLib import TTFont
    cmap = TTFont(ROOT / "assets" / "fonts" / "NotoSansCJK-Subset.otf").getBestCmap()
    manifest = _manifest()
    texts = [caption.text(lang) for caption in manifest.narration for lang in ("ko", "en", "zh", "ja")]
    texts += list(manifest.title.values()) + list(manifest.summary.values())
    assert {ch for text in texts for ch in text if not ch.isspace() and ord(ch) not in cmap} == set()
