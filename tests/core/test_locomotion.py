import math

import pytest
from hypothesis import given, settings, strategies as st

from metaverse_seoul.core.locomotion import (BODY_RADIUS, Box, Circle, Pose, Walker, forward_vector, look,
                                             motion, push_out)
from metaverse_seoul.core.lighting import PRESETS, next_preset


def flat(x, y):
    return 0.0


def walk_for(walker, pose, seconds, forward=1.0, strafe=0.0, speed=1.4, dt=1 / 30):
    for _ in range(int(seconds / dt)):
        dx, dy = motion(pose.heading, forward, strafe, speed, dt)
        pose = walker.walk(pose, dx, dy)
    return pose


def test_heading_zero_faces_north_and_ninety_faces_west():
    assert forward_vector(0) == pytest.approx((0, 1))
    assert forward_vector(90) == pytest.approx((-1, 0))


def test_walking_speed_is_respected_and_diagonals_are_not_faster():
    assert math.hypot(*motion(0, 1, 0, 1.4, 1.0)) == pytest.approx(1.4)
    assert math.hypot(*motion(0, 1, 1, 1.4, 1.0)) == pytest.approx(1.4)
    assert motion(0, 0, 0, 1.4, 1.0) == (0.0, 0.0)
    # strafing right while facing north goes east
    assert motion(0, 0, 1, 1.0, 1.0) == pytest.approx((1, 0))


def test_a_wall_stops_the_visitor():
    wall = Box(0, 5, 10, 0.1)  # 20 m wide, 0.2 m thick, its near face at y = 4.9
    pose = walk_for(Walker([wall], flat), Pose(0, 0, 0, 0), seconds=10)
    assert pose.y == pytest.approx(4.9 - BODY_RADIUS)


def test_walking_into_a_wall_at_an_angle_slides_along_it():
    pose = walk_for(Walker([Box(0, 5, 50, 0.1)], flat), Pose(0, 0, 0, 45), seconds=10)
    assert pose.y == pytest.approx(4.9 - BODY_RADIUS)
    assert pose.x < -5  # kept moving west along the wall


def test_a_rotated_wall_stops_the_visitor():
    wall = Box(0, 5, 10, 0.1, heading=30)
    pose = walk_for(Walker([wall], flat), Pose(0, 0, 0, 0), seconds=10)
    # never on the far side: in the wall's own frame the visitor stays south of it
    a = math.radians(-30)
    local_y = (pose.x - 0) * math.sin(a) + (pose.y - 5) * math.cos(a)
    assert local_y < 0
    # the body does not overlap the wall
    assert push_out(pose.x, pose.y, BODY_RADIUS, wall) == pytest.approx((pose.x, pose.y))


def test_a_column_is_walked_around_not_through():
    pose = walk_for(Walker([Circle(0.05, 3, 0.4)], flat), Pose(0, 0, 0, 0), seconds=5)
    assert math.hypot(pose.x - 0.05, pose.y - 3) >= 0.7 - 1e-6


def test_fast_movement_does_not_tunnel_through_thin_walls():
    wall = Box(0, 2, 5, 0.02)
    pose = Walker([wall], flat).walk(Pose(0, 0, 0, 0), 0, 6)  # a 6 m jump in one frame
    assert pose.y < 2


def test_bounds_keep_the_visitor_in():
    walker = Walker([], flat, bounds=((-5, -5), (5, 5)))
    pose = walk_for(walker, Pose(0, 0, 0, 0), seconds=20)
    assert pose.y == pytest.approx(5 - BODY_RADIUS)


def test_steps_are_climbed_but_terrace_walls_are_not():
    def stairs(x, y):  # 0.3 m risers every 0.5 m north of y = 2
        return 0.0 if y < 2 else min(1.5, 0.3 * (1 + int((y - 2) / 0.5)))

    pose = walk_for(Walker([], stairs), Pose(0, 0, 0, 0), seconds=10)
    assert pose.z == pytest.approx(1.5) and pose.y > 5

    def terrace(x, y):  # a 1.2 m stone wall
        return 0.0 if y < 2 else 1.2

    pose = walk_for(Walker([], terrace), Pose(0, 0, 0, 0), seconds=10)
    assert pose.z == 0.0 and pose.y < 2


def test_leaving_the_walkable_ground_is_refused():
    def island(x, y):
        return 0.0 if x * x + y * y < 25 else None

    pose = walk_for(Walker([], island), Pose(0, 0, 0, 0), seconds=10)
    assert math.hypot(pose.x, pose.y) < 5


def test_look_clamps_pitch_and_wraps_heading():
    pose = look(Pose(0, 0, 0, 170, 80), 20, 30)
    assert pose.pitch == 85 and pose.heading == pytest.approx(-170)


def test_next_preset_cycles():
    assert next_preset("day", ["dawn", "day", "dusk"]) == "dusk"
    assert next_preset("dusk", ["dawn", "day", "dusk"]) == "dawn"
    assert next_preset("night", ["day"]) == "day"
    assert next_preset("day", []) == "day"
    assert set(PRESETS) == {"dawn", "day", "dusk", "night"}


shapes = st.one_of(
    st.builds(Box, st.floats(-5, 5), st.floats(-5, 5), st.floats(0.05, 3), st.floats(0.05, 3), st.floats(-180, 180)),
    st.builds(Circle, st.floats(-5, 5), st.floats(-5, 5), st.floats(0.05, 2)),
)


@settings(max_examples=200, deadline=None)
@given(shape=shapes, x=st.floats(-8, 8), y=st.floats(-8, 8))
def test_push_out_always_leaves_the_shape(shape, x, y):
    px, py = push_out(x, y, BODY_RADIUS, shape)
    # once pushed out, a second push does not move it any more
    assert push_out(px, py, BODY_RADIUS, shape) == pytest.approx((px, py), abs=1e-6)
