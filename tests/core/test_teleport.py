"""Teleport arcs and landings: walkable ground only, never through a wall (core/teleport.py)."""

import math

import pytest
from hypothesis import given, settings, strategies as st

from metaverse_seoul.core.locomotion import BODY_RADIUS, Box, Circle, Walker, segment_hits
from metaverse_seoul.core.teleport import REASONS, arc_points, find_landing

HAND = 1.2  # metres: a controller held at hip-to-chest height


def yard(x, y):
    """A 40 m yard; a 1.2 m terrace east of x = 8; a pit (no ground) west of x = -12."""
    if x < -12:
        return None
    return 1.2 if x >= 8 else 0.0


WALL = Box(0, 6, 10, 0.2)  # across the north, 20 m wide, its near face at y = 5.8
BOUNDS = ((-20, -20), (20, 20))


def walker(shapes=(WALL,)):
    return Walker(list(shapes), yard, BOUNDS)


def throw(w, direction, body=(0.0, 0.0, 0.0)):
    return find_landing(w, body, (body[0], body[1], body[2] + HAND), direction)


def test_a_level_throw_lands_a_few_metres_ahead_on_the_ground():
    landing = throw(walker(()), (0, 1, 0))
    assert landing.ok and landing.reason == ""
    assert 2.5 < landing.y < 4.5 and landing.x == pytest.approx(0)
    assert landing.z == 0.0


def test_a_higher_aim_reaches_further_up_to_the_arcs_range():
    distances = [throw(walker(()), (0, math.cos(a), math.sin(a))).y for a in (0.0, 0.3, 0.6)]
    assert distances == sorted(distances)
    assert distances[-1] < 8.0  # a judgeable range


def test_the_arc_starts_at_the_hand_and_ends_where_it_lands():
    landing = throw(walker(()), (0, 1, 0.2))
    assert landing.arc[0] == pytest.approx((0, 0, HAND))
    assert landing.arc[-1] == pytest.approx((landing.x, landing.y, landing.z), abs=1e-6)


def test_an_arc_into_a_wall_is_refused_and_stops_at_the_wall():
    landing = throw(walker(), (0, 1, 0.5), body=(0, 3.0, 0))
    assert not landing.ok and landing.reason == "wall"
    assert landing.arc[-1][1] < 6.5  # drawn no further than just past the wall


def test_a_landing_beside_a_wall_is_nudged_clear_of_it():
    w = walker()
    landing = throw(w, (0, 1, 0), body=(0, 2.25, 0))  # comes down 0.1 m from the wall's face
    assert landing.ok
    assert landing.y == pytest.approx(5.8 - BODY_RADIUS)


def test_a_throw_over_a_thin_wall_is_refused_even_when_the_arc_clears_it_in_height():
    # Colliders reach from the ground to the sky: a teleport never passes a wall.
    landing = throw(walker([Box(0, 2, 10, 0.05)]), (0, 1, 1.0))
    assert not landing.ok and landing.reason == "wall"


def test_a_column_in_the_way_is_a_wall():
    landing = throw(walker([Circle(0, 2.0, 0.3)]), (0, 1, 0))
    assert not landing.ok and landing.reason == "wall"


def test_no_walkable_ground_is_refused():
    landing = throw(walker(()), (-1, 0, 0.2), body=(-10, 0, 0))
    assert not landing.ok and landing.reason == "no_ground"


def test_straight_up_comes_back_down_where_the_visitor_stands():
    landing = throw(walker(()), (0, 0, 1))
    assert landing.ok and math.hypot(landing.x, landing.y) < 0.01


def test_the_edge_of_a_terrace_is_not_level_enough_to_stand_on():
    landing = find_landing(walker(()), (6.0, 0, 0), (6.0, 0, HAND), (1, 0, -0.35))
    assert landing.x == pytest.approx(8.0, abs=0.35)
    assert not landing.ok and landing.reason == "not_level"


def test_on_top_of_a_terrace_is_fine():
    landing = throw(walker(()), (1, 0, 0.55), body=(5.5, 0, 0))
    assert landing.ok and landing.z == 1.2 and landing.x > 8.3


def test_beyond_the_scene_bounds_is_refused():
    landing = throw(walker(()), (0, -1, 0.6), body=(0, -18, 0))
    assert not landing.ok and landing.reason == "out_of_bounds"


def test_a_hand_reaching_through_a_wall_throws_nothing():
    landing = find_landing(walker(), (0, 5.6, 0), (0, 6.4, HAND), (0, 1, 0))
    assert not landing.ok and landing.reason == "wall" and len(landing.arc) == 1


def test_arc_points_follow_a_parabola():
    points = arc_points((0, 0, 1), (0, 2, 0), speed=5.0, gravity=10.0, step=0.1, max_time=0.2)
    expected = [(0, 0, 1), (0, 0.5, 0.95), (0, 1.0, 0.8)]
    assert [p == pytest.approx(e) for p, e in zip(points, expected)] == [True] * 3


def test_segment_hits_boxes_and_circles():
    box = Box(0, 0, 1, 1, heading=45)
    assert segment_hits(box, (-3, 0), (3, 0))
    assert not segment_hits(box, (-3, 2), (3, 2))
    assert segment_hits(box, (-3, 1.5), (3, 1.5), radius=0.2)  # the corner at y = 1.414 widened
    assert not segment_hits(Circle(0, 0, 1), (-3, 1.2), (3, 1.2))
    assert segment_hits(Circle(0, 0, 1), (-3, 1.2), (3, 1.2), radius=0.3)
    assert not segment_hits(Circle(0, 0, 1), (2, 0), (5, 0))  # ends before it


SHAPES = [WALL, Box(-6, -4, 1.5, 3, heading=30), Circle(5, -5, 1.2), Box(12, 10, 4, 0.15, heading=-60)]


@settings(max_examples=300, deadline=None)
@given(bx=st.floats(-11, 19), by=st.floats(-19, 19), heading=st.floats(-180, 180),
       up=st.floats(-0.9, 1.4))
def test_a_landing_is_always_on_walkable_ground_and_never_through_a_wall(bx, by, heading, up):
    w = walker(SHAPES)
    bx, by = w.settle(bx, by)
    body = (bx, by, yard(bx, by) or 0.0)
    if yard(bx, by) is None:
        return
    a = math.radians(heading)
    landing = throw(w, (-math.sin(a), math.cos(a), up), body=body)
    assert landing.reason in REASONS + ("",)
    if not landing.ok:
        return
    assert yard(landing.x, landing.y) == landing.z
    assert not any(segment_hits(s, (bx, by), (landing.x, landing.y)) for s in SHAPES)
    assert w.settle(landing.x, landing.y) == pytest.approx((landing.x, landing.y), abs=1e-6)
    assert BOUNDS[0][0] <= landing.x <= BOUNDS[1][0] and BOUNDS[0][1] <= landing.y <= BOUNDS[1][1]
