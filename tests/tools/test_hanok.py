"""The Korean-architecture parts library builds sound, symmetric, in-budget geometry."""

import numpy as np
import pytest

from tools import hanok
from tools.assembly import Assembly
from tools.hanok import palette as pal
from tools.hanok.masonry import arch_outline

from glb_reader import Glb


def _points(parts):
    return np.concatenate([m.positions for meshes in parts.items.values() for m in meshes])


@pytest.mark.parametrize("kind", ["hipped", "hip_gable", "gable"])
def test_roofs_are_symmetric_and_lift_at_the_corners(kind):
    spec = hanok.RoofSpec(half_length=8.0, half_depth=5.0, eave_z=5.0, ridge_z=9.0, kind=kind)
    parts = hanok.roof(spec)
    lo, hi = parts.bounds()
    assert np.allclose(lo[:2], -hi[:2], atol=1e-6)  # symmetric about the centre in plan
    assert hi[2] > spec.ridge_z  # ridge and ornaments stand on the tiles
    tiles = np.concatenate([m.positions for m in parts.items[pal.giwa_roof()]])
    eave = tiles[np.abs(tiles[:, 1]) >= spec.half_depth - 1e-6]  # the front and back eave rows
    corner_z, middle_z = eave[np.argmax(np.abs(eave[:, 0])), 2], eave[np.argmin(np.abs(eave[:, 0])), 2]
    if kind != "gable":
        assert corner_z > middle_z + 0.5 * spec.angok  # angok: the eave lifts towards the corners
    for mesh in parts.items[pal.giwa_roof()]:
        assert mesh.normals[:, 2].min() > 0  # every tile face looks up


def test_roof_spec_refuses_bad_input():
    with pytest.raises(ValueError, match="kind must be one of"):
        hanok.RoofSpec(8, 5, 5, 9, kind="pagoda")
    with pytest.raises(ValueError, match="ridge_z must be above eave_z"):
        hanok.RoofSpec(8, 5, 5, 4)
    with pytest.raises(ValueError, match="half_length must be >= half_depth"):
        hanok.RoofSpec(4, 5, 5, 9)


def test_stairs_climb_to_the_given_height_with_a_royal_path():
    parts = hanok.stairs(5.0, 1.36, step_rise=0.17, royal_path_width=1.4)
    lo, hi = parts.bounds()
    assert 1.36 <= hi[2] < 1.36 + 0.3  # the top step, with the stringers a little above it
    assert lo[1] < -8 * 0.33 and -0.1 < lo[2] <= 0.0  # eight steps of 0.17 m, 0.33 m deep; stringers sunk a little


def test_hongye_platform_leaves_the_arch_open():
    width, depth, height, arch_w, spring = 16.0, 9.0, 6.0, 4.4, 3.0
    pts = _points(hanok.hongye_platform(width, depth, height, arch_w, spring))
    # No geometry inside the passage (inset a little from its walls), from one face to the other.
    r = arch_w / 2 - 0.05
    inside = (np.abs(pts[:, 0]) < r) & (pts[:, 2] > 0.05) & (pts[:, 2] < spring) & (np.abs(pts[:, 1]) < depth / 2)
    assert not inside.any()
    outline = arch_outline(arch_w, spring)
    assert np.isclose(outline[:, 1].max(), spring + arch_w / 2)


def test_city_wall_follows_the_ground_and_carries_a_parapet():
    path = np.array([(0.0, 0.0, 0.0), (0.0, 20.0, 2.0), (3.0, 40.0, 5.0)])
    wall, top_edge, walkway = hanok.city_wall(path, 5.0)
    assert np.allclose(top_edge[:, 2], path[:, 2] + 5.0)
    parapet = hanok.parapet(top_edge)
    assert _points(parapet)[:, 2].max() > 5.0 + 5.0 + 0.9
    assert walkway.shape == path.shape


def test_pavilion_writes_a_valid_small_model(tmp_path):
    spec = hanok.PavilionSpec([3.9, 4.8, 3.9], [3.3, 3.3], brackets="ikgong", walls="lattice", floor_height=0.6)
    parts, summary = hanok.pavilion(spec)
    assert summary["column_line"] == [12.6, 6.6] and summary["ridge_z"] > summary["eave_z"] > 3.6
    assembly = Assembly("pavilion")
    parts.into(assembly, "Pavilion")
    hanok.tiled_wall(np.array([(-10.0, -8.0), (10.0, -8.0)])).into(assembly, "Wall")
    stats = assembly.write(tmp_path / "p.glb")
    assert stats["triangles"] < 30_000 and stats["geoms"] <= 16
    glb = Glb((tmp_path / "p.glb").read_bytes())
    assert {"Pavilion", "Wall"} <= {n["name"] for n in glb.json["nodes"]}


def test_bracket_kinds_and_schemes():
    for kind in hanok.timber.BRACKET_KINDS:
        parts, top = hanok.bracket_set(kind, 0.15, 2)
        assert top > 0.3 and parts.triangle_count > 20
    with pytest.raises(ValueError, match="bracket_set: kind"):
        hanok.bracket_set("gothic")
    assert pal.dancheong_beam(hanok.BARE_TIMBER) is not pal.dancheong_beam(hanok.MORO)
