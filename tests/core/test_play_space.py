"""The play space: tracked poses in the world, moves, turns about the head, recentring, seated height."""

import math

import pytest
from hypothesis import given, settings, strategies as st

from metaverse_seoul.core.play_space import (PlaySpace, body_pose, head_heading, move_body, recentre,
                                             seated_height, to_world, turn_about_head)
from metaverse_seoul.core.rotations import (angle_between, forward, from_heading, from_heading_pitch,
                                            heading_of, look_at, multiply, rotate)


def approx3(a, b, tol=1e-6):
    return all(abs(x - y) < tol for x, y in zip(a, b))


def test_rotations_follow_panda_headings():
    assert rotate(from_heading(90), (0, 1, 0)) == pytest.approx((-1, 0, 0))
    assert heading_of(from_heading(-30)) == pytest.approx(-30)
    assert forward(from_heading_pitch(0, 90)) == pytest.approx((0, 0, 1), abs=1e-9)
    assert forward(look_at((1, 1, 0))) == pytest.approx((math.sqrt(0.5), math.sqrt(0.5), 0))
    assert angle_between((1, 0, 0), (0, 3, 0)) == pytest.approx(90)
    q = multiply(from_heading(30), from_heading(15))
    assert heading_of(q) == pytest.approx(45)


def test_a_fresh_space_maps_the_room_onto_the_world_as_is():
    assert to_world(PlaySpace(), (0.5, 1, 1.6)) == pytest.approx((0.5, 1, 1.6))


def test_the_head_walking_in_the_room_walks_the_body_in_the_world():
    space = PlaySpace(x=10, y=20, z=2, heading=90)
    pose = body_pose(space, (0, 1, 1.7))  # a metre forward in the room
    assert (pose.x, pose.y, pose.z, pose.heading) == pytest.approx((9, 20, 2, 90))


def test_moving_the_body_puts_the_head_over_the_target():
    space = PlaySpace(heading=30, centre_x=0.2, centre_y=-0.1, centre_yaw=10)
    head = (0.7, 0.4, 1.6)
    moved = move_body(space, head, 5, 6, 1.2)
    assert approx3(to_world(moved, head), (5, 6, 1.2 + 1.6))


@settings(max_examples=100, deadline=None)
@given(heading=st.floats(-180, 180), turn=st.sampled_from([30, 45, 90, -45, 7.5]),
       hx=st.floats(-2, 2), hy=st.floats(-2, 2))
def test_turning_turns_about_the_head_which_stays_put(heading, turn, hx, hy):
    space = PlaySpace(x=3, y=-4, heading=heading, centre_x=0.3, centre_yaw=20)
    head = (hx, hy, 1.6)
    turned = turn_about_head(space, head, turn)
    assert approx3(to_world(turned, head), to_world(space, head))
    delta = (head_heading(turned, from_heading(5)) - head_heading(space, from_heading(5)) + 180) % 360 - 180
    assert delta == pytest.approx(turn)


def test_recentring_faces_the_visitor_along_their_heading_where_they_stand():
    space = PlaySpace(x=1, y=2, heading=60)
    head, looking = (1.5, -0.5, 1.6), from_heading(-100)  # wandered off and turned away in the room
    before = to_world(space, head)
    centred = recentre(space, head, looking, seated=False, eye_height=1.6, offset=0.0)
    assert approx3(to_world(centred, head), before)
    assert head_heading(centred, looking) == pytest.approx(60)


def test_seated_the_view_comes_up_to_standing_eye_height():
    assert seated_height(True, 1.6, 1.15, 0.0) == pytest.approx(0.45)
    assert seated_height(False, 1.6, 1.15, 0.0) == 0.0
    assert seated_height(True, 1.6, 1.15, -0.1) == pytest.approx(0.35)
    assert seated_height(True, 1.6, 1.8, 0.0) == 0.0  # never lowered below the tracked height
    centred = recentre(PlaySpace(z=0.5), (0, 0, 1.1), from_heading(0), seated=True, eye_height=1.6, offset=0)
    assert to_world(centred, (0, 0, 1.1))[2] == pytest.approx(0.5 + 1.6)
