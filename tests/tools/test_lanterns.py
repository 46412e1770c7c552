"""The lantern model: one primitive per kind (one instanced geom each in the app), painted, light
enough to draw by the hundred near the visitor, with an impostor atlas naming its cells."""

import numpy as np
import pytest

from glb_reader import Glb

from tools.lantern_sprites import CELL, COLUMNS, ROWS, sprite
from tools.lanterns import KINDS

SMALL = ("round", "cylinder", "lotus")


@pytest.fixture(scope="module")
def glb(fresh_build):
    out, _ = fresh_build
    return Glb((out / "lanterns.glb").read_bytes())


def test_every_kind_is_one_painted_primitive(glb):
    for kind in KINDS:
        node = glb.node(kind)
        (primitive,) = glb.json["meshes"][node["mesh"]]["primitives"]
        assert "COLOR_0" in primitive["attributes"], kind
        alpha = glb.accessor(primitive["attributes"]["COLOR_0"])[:, 3]
        assert alpha.max() > 0.9, kind  # some of it is lit paper


@pytest.mark.parametrize("kind", KINDS)
def test_kinds_stand_on_their_foot_and_stay_light(kind):
    mesh = KINDS[kind]()
    low, high = mesh.bounds()
    assert -0.01 <= low[2] <= 0.1 and high[2] > 0.2  # the origin is the foot
    limit = 400 if kind in SMALL else 2000
    assert mesh.triangle_count <= limit


def test_the_figures_are_long_and_the_small_ones_small():
    size = {kind: np.ptp(KINDS[kind]().positions, axis=0) for kind in KINDS}
    assert all(size[k].max() < 0.8 for k in SMALL)
    assert size["dragon"][0] > 8 and size["tiger"][0] > 4 and size["haechi"][2] > 3


def test_the_atlas_names_its_cells_and_each_cell_holds_its_kind(glb):
    sprites = glb.node("LanternSprites")
    assert sprites["extras"] == {"sprite_cells": " ".join(KINDS), "sprite_grid": f"{COLUMNS}x{ROWS}"}
    for kind in ("round", "dragon"):
        picture = sprite(KINDS[kind]())
        assert picture.shape == (CELL, CELL, 4)
        coverage = picture[..., 3].mean()
        assert 0.15 < coverage < 0.95, kind  # fills its frame without being a solid square
