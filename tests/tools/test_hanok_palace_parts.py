"""The palace parts added to tools.hanok for Deoksugung: stonework of courts and bridges, gate halls,
corridors, per-bay bracket counts, name boards and the classical orders of Seokjojeon."""

import numpy as np
import pytest

from tools import hanok
from tools.hanok import classical
from tools.hanok import palette as pal
from tools.hanok.timber import bracket_set


def _points(parts, surface=None):
    items = parts.items.items() if surface is None else [(surface, parts.items[surface])]
    return np.concatenate([m.positions for _, meshes in items for m in meshes])


def test_arch_bridge_has_a_flat_deck_and_open_arches():
    length, width, depth = 7.0, 9.0, 2.6
    pts = _points(hanok.arch_bridge(length, width, depth, arches=2, arch_width=2.4, spring=0.8))
    assert np.isclose(pts[:, 2].max(), 0.0) and np.isclose(pts[:, 2].min(), -depth)
    # Nothing inside either passage, from one face to the other, below the springing.
    pier = (length - 2 * 2.4) / 3
    for centre in (-length / 2 + pier + 1.2, length / 2 - pier - 1.2):
        inside = (np.abs(pts[:, 0] - centre) < 1.15) & (pts[:, 2] > -depth + 0.05) & (pts[:, 2] < -depth + 0.8) \
            & (np.abs(pts[:, 1]) < width / 2 - 0.01)
        assert not inside.any()


def test_arch_bridge_refuses_arches_that_do_not_fit():
    with pytest.raises(ValueError, match="do not fit"):
        hanok.arch_bridge(4.0, 6.0, 3.0, arches=2, arch_width=2.2)
    with pytest.raises(ValueError, match="below the deck"):
        hanok.arch_bridge(8.0, 6.0, 1.5, arches=2, arch_width=2.4, spring=0.8)


def test_royal_path_is_walkable_and_raised_in_the_middle():
    pts = _points(hanok.royal_path(30.0, centre_width=2.0, side_width=1.5))
    centre = pts[np.abs(pts[:, 0]) <= 1.0 + 1e-9]
    side = pts[np.abs(pts[:, 0]) > 1.0 + 1e-9]
    assert centre[:, 2].max() > side[:, 2].max() > 0.0
    assert pts[:, 2].max() < 0.4      # every lane is a step the app's walker climbs
    assert np.isclose(np.abs(pts[:, 0]).max(), 2.5) and np.isclose(np.abs(pts[:, 1]).max(), 15.0)


def test_rank_stones_stand_in_two_symmetric_rows():
    parts = hanok.rank_stones(count=12, spacing=3.0, row_offset=5.0)
    meshes = parts.items[pal.granite()]
    assert len(meshes) == 24
    centres = np.array([m.positions.mean(axis=0) for m in meshes])
    assert sorted(np.round(np.abs(centres[:, 0]), 1)) == [5.0] * 24
    assert np.isclose(centres[:, 1].min(), -centres[:, 1].max(), atol=0.05)
    assert 0.5 < _points(parts)[:, 2].max() < 1.0


def test_stone_balustrade_follows_its_path():
    path = np.array([(0.0, 0.0, 1.0), (10.0, 0.0, 1.0)])
    pts = _points(hanok.stone_balustrade(path, height=0.8, post_spacing=2.0))
    assert pts[:, 2].min() >= 1.0 - 1e-9 and 1.8 < pts[:, 2].max() < 2.2
    assert pts[:, 0].min() < 0.0 < 10.0 < pts[:, 0].max() and np.abs(pts[:, 1]).max() < 0.3


def test_gate_hall_has_doors_on_its_middle_row_and_walled_ends():
    spec = hanok.PavilionSpec([3.6, 4.2, 3.6], [3.0, 3.0], walls="gate", door_angle=0.0)
    parts, summary = hanok.pavilion(spec)
    doors = _points(parts, pal.door_red())
    assert np.abs(doors[:, 1]).max() < 0.2           # closed doors stand on the middle row (y = 0)
    assert 5.3 < np.abs(doors[:, 0]).max() < 5.7      # inside the outer columns (column line +-5.7)
    plaster = _points(parts, pal.lime_plaster())
    walls = plaster[plaster[:, 2] < 3.0]              # the end walls, not the roof's lime ridges
    assert np.isclose(np.abs(walls[:, 0]).max(), 5.7 + 0.14) and np.abs(walls[:, 0]).min() > 5.5


def test_corridor_is_open_to_the_front_and_walled_behind():
    parts, summary = hanok.corridor([3.0] * 4, (2.7, 2.7))
    assert summary["column_line"] == [12.0, 5.4]
    plaster = _points(parts, pal.lime_plaster())
    wall = plaster[plaster[:, 2] < 2.5]               # the wall panels, not the roof's lime ridge
    assert wall[:, 1].min() > 2.5                     # only on the back (+y) row
    assert pal.giwa_roof() in parts.items


def test_frame_takes_bracket_counts_per_front_bay():
    bays = [4.24, 4.24, 5.45, 4.24, 4.24]
    args = (bays, [3.9] * 4, 5.2, 0.6)
    plain, _, _ = hanok.frame(*args)                  # default: 2 sets in bays over 4.2 m, else 1
    per_bay, _, _ = hanok.frame(*args, intercolumnar=[2, 2, 3, 2, 2])
    one_set, _ = bracket_set("jusimpo", max(0.12, 0.6 * 0.32) * 0.92, 2)
    # One more set in the centre bay, front and back.
    assert per_bay.triangle_count - plain.triangle_count == 2 * one_set.triangle_count


def test_plaque_carries_its_text_texture():
    parts = hanok.plaque("test", "殿和中", 3.0, 1.35)
    surface = next(s for s in parts.items if s.material.name.startswith("plaque_"))
    assert surface.material.name == "plaque_test"
    pts = _points(parts)
    assert np.isclose(pts[:, 0].max() - pts[:, 0].min(), 3.0) and np.isclose(pts[:, 2].min(), -1.35)


def test_lattice_patterns():
    assert pal.lattice("flower") is not pal.lattice("grid")
    with pytest.raises(ValueError, match="'flower'"):
        pal.lattice("fretwork")


def test_ionic_order_parts():
    column = classical.ionic_column(10.0, 1.0)
    lo, hi = column.bounds()
    assert np.isclose(lo[2], 0.0) and np.isclose(hi[2], 10.0)
    assert hi[0] - lo[0] > 1.5                          # the volutes stand out beyond the shaft
    colonnade = classical.colonnade([0.0, 3.0, 6.0], 10.0, 1.0)
    xs = _points(colonnade)[:, 0]
    assert np.isclose((xs.min() + xs.max()) / 2, 3.0)
    pediment = _points(classical.pediment(16.0, 3.0))
    assert 3.0 < pediment[:, 2].max() < 3.6 and np.isclose(np.abs(pediment[:, 0]).max(), 8.5, atol=0.4)
    entablature = _points(classical.entablature(20.0, 1.6, 1.7))
    assert np.isclose(entablature[:, 2].max(), 1.7)
    balustrade = classical.balustrade(6.0, 1.0)
    assert np.isclose(_points(balustrade)[:, 2].max(), 1.0)
    emblem = classical.plum_emblem(0.9)
    assert np.allclose(emblem.normals[:, 1], -1.0) and np.abs(emblem.positions[:, [0, 2]]).max() <= 0.9 + 1e-9


def test_deumeu_stands_on_its_footing():
    parts = hanok.deumeu(1.3, 0.8)
    assert np.isclose(_points(parts, pal.granite())[:, 2].min(), 0.0)
    assert _points(parts, pal.bronze())[:, 2].max() > 1.0
