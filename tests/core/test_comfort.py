"""Comfort in a headset: snap and smooth turns, the vignette, captions' placement, the panel in the world."""

import math

import pytest

from metaverse_seoul.core.caption_placement import CaptionPlacement
from metaverse_seoul.core.comfort_vignette import eased, opening_degrees, target_strength
from metaverse_seoul.core.turning import SnapTurn, dead_zone, smooth_turn
from metaverse_seoul.core.world_panel import LINE_DEGREES, place_panel, ray_hit


def test_a_flick_turns_once_by_the_chosen_angle():
    snap = SnapTurn(45)
    turns = [snap.update(x) for x in (0.0, 0.5, 0.8, 1.0, 0.9, 0.5, 0.2, 0.9, -0.1, -0.95)]
    assert turns == [0, 0, -45, 0, 0, 0, 0, -45, 0, 45]


def test_a_stick_resting_at_the_threshold_does_not_turn_twice():
    snap = SnapTurn(30)
    assert sum(abs(snap.update(x)) for x in (0.72, 0.69, 0.71, 0.68, 0.75)) == 30


def test_smooth_turning_follows_the_stick_past_its_dead_zone():
    assert smooth_turn(0.1, 90, 1.0) == 0.0
    assert smooth_turn(1.0, 90, 0.5) == pytest.approx(-45)
    assert smooth_turn(-1.0, 90, 0.5) == pytest.approx(45)
    assert dead_zone(0.6) == pytest.approx(0.5)


def test_the_vignette_follows_motion_and_fades_out_gently():
    assert target_strength(0, 0) == 0
    assert target_strength(1.0, 0) == pytest.approx(0.5)
    assert target_strength(0, 180) == 1.0
    assert target_strength(3, 0, enabled=False) == 0.0
    strength = 0.0
    for _ in range(11):
        strength = eased(strength, 1.0, 1 / 60)
    assert strength == 1.0  # within about 0.17 s
    assert eased(1.0, 0.0, 1 / 60) > 0.9  # no flash when stopping
    assert opening_degrees(1) < opening_degrees(0.5) < opening_degrees(0)


def test_a_caption_is_beside_its_speaker_only_while_the_speaker_is_in_view():
    placement = CaptionPlacement()
    eyes, ahead = (0, 0, 1.6), (0, 1, 0)
    assert placement.update(None, eyes, ahead) == "head"
    assert placement.update((0.5, 5, 1.6), eyes, ahead) == "world"
    assert placement.update((5, 5, 1.6), eyes, ahead) == "head"   # 45 degrees aside: out of view
    assert placement.update((3, 5, 1.6), eyes, ahead) == "head"   # 31: not yet back in
    assert placement.update((2.5, 5, 1.6), eyes, ahead) == "world"
    assert placement.update((3.4, 5, 1.6), eyes, ahead) == "world"  # 34: kept while within 40
    assert placement.update((0, 50, 1.6), eyes, ahead) == "head"  # too far to read


@pytest.mark.parametrize("eye_z", [1.15, 1.25, 1.7, 1.9])  # seated, wheelchair, standing, tall
def test_the_kiosk_panel_comes_to_the_visitors_eyes_at_a_readable_size(eye_z):
    placement = place_panel((0, 0, eye_z), (0, 2.0), line_height_units=0.06)
    assert placement.z == pytest.approx(eye_z - 0.9 * math.sin(math.radians(12)))
    assert placement.y == pytest.approx(0.9 * math.cos(math.radians(12)))
    assert placement.heading == pytest.approx(0)
    line_metres = 0.06 * placement.scale
    assert math.degrees(2 * math.atan(line_metres / 2 / 0.9)) == pytest.approx(LINE_DEGREES)


def test_the_panel_faces_the_visitor_from_any_side():
    placement = place_panel((0, 0, 1.6), (-2, 0), line_height_units=0.06)
    assert placement.heading == pytest.approx(90)
    assert placement.x < 0 and placement.y == pytest.approx(0)


def test_a_visitor_right_at_the_kiosk_gets_the_panel_in_front_of_it():
    placement = place_panel((0, 0, 1.6), (0, 0.5), line_height_units=0.06)
    assert 0 < placement.y < 0.5


def test_a_ray_meets_the_panel_plane_in_panel_units():
    assert ray_hit((0, -1, 0), (0, 1, 0)) == pytest.approx((0, 0))
    assert ray_hit((0.1, -1, 0.2), (0.5, 1, -0.25)) == pytest.approx((0.6, -0.05))
    assert ray_hit((0, -1, 0), (0, -1, 0)) is None   # pointing away
    assert ray_hit((0, 1, 0), (0, -1, 0)) is None    # from behind the panel
