"""tools.interior: the flags are drawn right, text is proportional, signs land in their atlas regions,
rooms block at walls and windows but not at doors, furniture stands on the floor in its footprint."""

import math

import numpy as np
import pytest

from scene_checks import inside_collider

from metaverse_seoul.core.manifest import Collider
from tools import interior as it
from tools.assembly import Assembly
from tools.meshkit import box

RED, BLUE = np.array([0xCD, 0x2E, 0x3A]) / 255, np.array([0x00, 0x47, 0xA0]) / 255


@pytest.fixture(scope="module")
def flag():
    return it.taegukgi_image(height=240, supersample=1)


def _pixel(image, x, y):
    """The colour at flag coordinates (centre 0, 3 units wide, 2 high, y up)."""
    h, w, _ = image.shape
    return image[int((1.0 - y) / 2.0 * h), int((x + 1.5) / 3.0 * w)]


def test_taeguk_red_above_blue_below_with_the_heads_on_the_diagonal(flag):
    assert np.allclose(_pixel(flag, 0.0, 0.4), RED) and np.allclose(_pixel(flag, 0.0, -0.4), BLUE)
    diag = np.array([3.0, -2.0]) / math.sqrt(13.0)      # top hoist -> bottom fly
    below = np.array([-diag[1], diag[0]]) * -0.05         # a step to the lower side of the diagonal
    red_head = -diag * 0.25 + below                      # a quarter diameter towards the hoist, just below
    blue_head = diag * 0.25 - below                      # a quarter towards the fly, just above
    assert np.allclose(_pixel(flag, *red_head), RED)
    assert np.allclose(_pixel(flag, *blue_head), BLUE)


@pytest.mark.parametrize("corner, bars", [((-1, 1), "111"), ((1, 1), "010"), ((1, -1), "000"), ((-1, -1), "101")])
def test_trigrams_stand_in_their_corners(flag, corner, bars):
    """geon top hoist, gam top fly, gon bottom fly, ri bottom hoist: sampled where a bar is broken."""
    out = np.array([corner[0] * 1.5, corner[1] * 1.0])
    out /= np.linalg.norm(out)
    for k, solid in enumerate(bars):
        along = 0.5 + 0.25 + k * (1 / 12 + 1 / 24) + 1 / 24    # middle of bar k
        middle = _pixel(flag, *(out * along))
        side = _pixel(flag, *(out * along + np.array([-out[1], out[0]]) * 0.15))
        assert np.allclose(side, 0.0), (corner, k)           # every bar is inked off-centre
        assert np.allclose(middle, 0.0) == (solid == "1"), (corner, k)


def test_text_is_proportional_and_missing_glyphs_are_refused():
    narrow, wide = it.text_line("iiii", 40), it.text_line("WWWW", 40)
    assert narrow.shape[0] == wide.shape[0] == 40 and narrow.shape[1] < wide.shape[1] / 2
    hangul = it.text_line("민원", 40)
    assert hangul.max() > 0.9 and 0.05 < hangul.mean() < 0.6
    with pytest.raises(ValueError, match="no glyph"):
        it.text_line("\U0001F600", 40)


def test_signs_are_mapped_into_their_own_atlas_regions():
    faces = {"a": it.SignFace((it.Line("민원 접수", 0.5), it.Line("Civil Complaints", 0.4)), (2.0, 0.5), "#1F5FA8"),
             "b": it.SignFace((it.Line("1", 0.8),), (0.5, 0.5), "#FFFFFF")}
    atlas = it.SignAtlas("test_signs", faces, width_px=512, px_per_m=100)
    for key in faces:
        x, y, w, h = atlas.regions[key]
        uv = atlas.quad(key).uvs
        width_px, height_px = atlas.size_px
        assert np.allclose(sorted(set(np.round(uv[:, 0] * width_px))), [x, x + w])
        assert np.allclose(sorted(set(np.round(-uv[:, 1] * height_px))), [y, y + h])
    with pytest.raises(ValueError, match="too wide"):
        it.SignAtlas("too_wide", {"c": it.SignFace((it.Line("x", 1.0),), (9.0, 0.5))}, width_px=512, px_per_m=100)


def test_room_walls_block_except_at_doors():
    a = Assembly("room")
    plain = it.painted()
    it.room_shell(a, "Room", ((-5.0, -4.0), (5.0, 4.0)), 3.0, plain, plain, plain,
                  [it.Opening("s", -4.0, 4.0, 0.0, 2.5), it.Opening("n", -1.0, 1.0, 0.0, 2.2, door=True)])
    colliders = [Collider(**c) for c in a.colliders]

    def blocked(x, y):
        return any(inside_collider(c, x, y) for c in colliders)

    assert blocked(0.0, -4.1)             # a floor-to-ceiling window still blocks
    assert not blocked(0.0, 4.1)          # the door does not
    assert blocked(-3.0, 4.1) and blocked(5.1, 0.0) and blocked(-5.1, 2.0)
    assert not blocked(0.0, 0.0)


@pytest.mark.parametrize("parts, footprint", [
    (it.desk(1.8, 0.8), (1.8, 0.8)), (it.office_chair(high_back=True), (0.8, 0.8)), (it.side_chair(), (0.5, 0.5)),
    (it.round_table(0.6), (1.2, 1.2)), (it.rect_table(1.6, 0.8), (1.6, 0.8)), (it.bookshelf(1.2, 2.0, 0.4), (1.2, 0.4)),
    (it.service_counter(2.0, 0.8), (2.03, 0.9)), (it.bench_seating(4, pitch=0.6), (2.4, 0.6)),
    (it.potted_plant(1.4), (1.2, 1.2)), (it.flag_on_pole(it.painted(), flag_width=1.2), (2.6, 0.5)),
])
def test_furniture_stands_on_the_floor_within_its_footprint(parts, footprint):
    lo, hi = parts.bounds()
    assert abs(lo[2]) < 1e-6 and hi[2] > 0.3
    assert hi[0] - lo[0] <= footprint[0] + 1e-6 and hi[1] - lo[1] <= footprint[1] + 1e-6


def test_bookcase_books_face_the_front():
    shelf = it.bookshelf(1.2, 2.0, 0.4, seed=3)
    books = shelf.items[it.painted()]
    fronts = np.concatenate([m.positions[:, 1] for m in books])
    assert fronts.min() < -0.05 and fronts.max() <= 0.2   # open face at -y, back panel at +y


def test_scenery_moves_parts_and_drops_colliders():
    a = Assembly("view")
    view = it.Scenery(a, "View", (10.0, -20.0, -5.0))
    view.add("Ground", it.painted(), box((0.0, 0.0, 0.0), (1.0, 1.0, 1.0)))
    view.collider_box(0.0, 0.0, 1.0, 1.0)
    view.collider_circle(0.0, 0.0, 1.0)
    view.set_extras("Ground", {"label": "x"})
    (node,) = a.nodes()
    assert node.name == "View" and node.children[0].name == "Ground" and a.colliders == []
    positions = node.children[0].primitives[0].positions       # glTF frame: (x, z, -y)
    assert np.allclose(positions.min(axis=0), [10.0, -5.0, 19.0])
