"""Where the kiosk panel goes: inside the screen, clear of the kiosk's sign, as wide as it can be."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from metaverse_seoul.core.panel_layout import MIN_WIDTH, Rect, place_panel

SCREEN = Rect(-16 / 9, 16 / 9, -1, 1)


def test_with_nothing_to_avoid_the_panel_takes_the_top_left_at_its_size():
    panel = place_panel(SCREEN, None, width=1.7, height=2)
    assert panel.inside(SCREEN) and panel.left < -1.7 and panel.top > 0.9
    assert panel.width == pytest.approx(1.7) and panel.height < 2


def test_a_sign_in_the_middle_sends_the_panel_beside_it_narrower_if_it_must():
    sign = Rect(-0.6, 0.6, 0.3, 0.6)
    panel = place_panel(SCREEN, sign, width=1.7, height=2)
    assert panel.inside(SCREEN) and not panel.overlaps(sign)
    assert panel.width >= MIN_WIDTH and panel.height > 1.9  # beside it: the full height


def test_a_wide_sign_sends_a_large_panel_below_it():
    sign = Rect(-1.5, 1.5, 0.5, 0.9)
    panel = place_panel(SCREEN, sign, width=2.6, height=2)
    assert not panel.overlaps(sign) and panel.top < 0.5 and panel.width == pytest.approx(2.6)


@given(st.floats(-2.5, 2.5), st.floats(-1.5, 1.5), st.floats(0.05, 1.5), st.floats(0.05, 1.0),
       st.floats(0.5, 4.0))
def test_the_panel_is_always_on_screen_and_never_over_the_sign_when_room_is_left(x, y, w, h, width):
    sign = Rect(x, x + w, y, y + h)
    panel = place_panel(SCREEN, sign, width=width, height=2)
    assert panel.inside(SCREEN) and panel.width > 0 and panel.height > 0
    assert not panel.overlaps(sign)
