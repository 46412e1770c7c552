"""Lanterns placed from manifest groups: counts, areas, lines, spots, deterministic; the nearest chosen
as models within their reach."""

import numpy as np
import pytest

from metaverse_seoul.core.festival_manifest import LanternGroup, Lanterns
from metaverse_seoul.core.lantern_layout import lay_out, nearest, nearest_models
from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR

KINDS = ["round", "cylinder", "lotus", "tiger", "dragon", "haechi"]


def lanterns(*groups):
    return Lanterns(model="models/lanterns.glb", groups=list(groups))


def test_groups_give_their_counts_kinds_and_places():
    layout = lay_out(lanterns(
        LanternGroup(kind="lotus", count=500, area=[[0, -4], [100, 4]], height=[0.0, 0.1], on_water=True),
        LanternGroup(kind="round", count=10, along=[[0, 0, 3], [9, 0, 3], [9, 9, 3]]),
        LanternGroup(kind="tiger", at=[[50, 0, 0, 90]], light=True)), KINDS)
    assert layout.count == 511
    assert [KINDS[k] for k in layout.kind[[0, 500, 510]]] == ["lotus", "round", "tiger"]
    lotus = layout.position[:500]
    assert lotus[:, 0].min() >= 0 and lotus[:, 0].max() <= 100 and np.abs(lotus[:, 1]).max() <= 4
    assert 0 <= lotus[:, 2].min() and lotus[:, 2].max() <= 0.1 and layout.on_water[:500].all()
    string = layout.position[500:510]
    assert np.allclose(string[0], [0.9, 0, 3]) and np.allclose(string[-1], [9, 8.1, 3])  # 1.8 m apart
    assert np.allclose(layout.position[510], [50, 0, 0]) and layout.heading[510] == pytest.approx(np.pi / 2)
    assert layout.light.tolist() == [False] * 510 + [True]


def test_the_same_manifest_gives_the_same_festival_and_groups_do_not_move_each_other():
    lotus = LanternGroup(kind="lotus", count=50, area=[[0, 0], [10, 10]], seed=3, colours=["#ff0000", "#00ff00"])
    alone = lay_out(lanterns(lotus), KINDS)
    with_more = lay_out(lanterns(LanternGroup(kind="round", count=7, area=[[0, 0], [1, 1]]), lotus), KINDS)
    assert np.array_equal(alone.position, with_more.position[7:])
    assert np.array_equal(alone.colour, with_more.colour[7:])
    assert {tuple(np.round(c, 3)) for c in alone.colour} == {(1.0, 0.0, 0.0), (0.0, 1.0, 0.0)}  # linear


def test_nearest_models_are_those_within_reach_nearest_first_up_to_the_limit():
    position = np.array([[float(x), 0.0, 0.0] for x in range(100)])
    reach = np.full(100, 10.0)
    reach[90] = 95.0  # a large figure: a model from farther away
    assert nearest_models(position, reach, (0, 0, 0), 50).tolist() == list(range(10)) + [90]
    assert nearest_models(position, reach, (0, 0, 0), 4).tolist() == [0, 1, 2, 3]
    assert nearest_models(position, reach, (0, 0, 0), 0).tolist() == []
    assert nearest(position, np.array([5, 50, 90]), (60, 0, 0), 2).tolist() == [50, 90]


def test_the_lantern_festival_has_thousands_of_lanterns_of_six_kinds():
    manifest = load_manifest(SCENES_DIR / "lantern-festival.yaml", ASSETS_DIR)
    layout = lay_out(manifest.lanterns, KINDS)
    assert layout.count > 3000
    assert set(layout.kind.tolist()) == set(range(6))
    assert layout.on_water.sum() > 1000 and layout.light.any()
