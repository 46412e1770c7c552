"""The kiosk panel on the screen: the wheel and a drag scroll a long list, the item under the pointer is
lit (also after the settings were opened over it and closed), and the panel stays inside the screen and clear of the kiosk's sign at every text size and in
high contrast. Each test opens its own window (its own settings)."""

import pytest
from panda3d.core import MouseButton

from metaverse_seoul.core.panel_layout import Rect
from metaverse_seoul.core.settings import Settings

from .kiosk_keys import SIZE, TWO_KIOSKS, kiosk_app, open_by_click, step_until
from .screen_keyboard import click_on, region
from .window_input import click, device, drag, move_pointer, press, wheel


def test_the_wheel_and_a_drag_scroll_a_long_list_and_the_pointer_lights_what_it_is_over(tmp_path, city):
    settings = Settings()
    settings.accessibility.text_scale = 1.5  # a week of tennis times does not fit: the list scrolls
    app = kiosk_app(tmp_path, city, TWO_KIOSKS, settings)
    try:
        open_by_click(app, 3, 0.5)
        step_until(app, "잠원한강공원 테니스장 1면")
        click_on(app, "잠원한강공원 테니스장 1면")
        step_until(app, "자리 남음")
        view = app.kiosk_panel.view
        assert view.more_below and view.scroll == 0
        press(app, "f10", "escape", "escape")  # the settings over the kiosk, and closed: the kiosk's panel
        assert not app.menu.visible           # still follows the pointer (its tasks were its own)
        first = region(app, "자리 남음")
        centre = ((first.rect.left + first.rect.right) / 2, (first.rect.bottom + first.rect.top) / 2)
        move_pointer(app, *centre)
        assert [node.getName() for node in view.content.findAllMatches("hover")] == ["hover"]
        wheel(app, "down", 2)
        assert view.scroll == 6 and view.more_above
        wheel(app, "up")
        assert view.scroll == 3
        drag(app, centre, (centre[0], centre[1] + 5 * view.line_height))  # a finger pushes the lines up
        assert view.scroll >= 7
        assert app.kiosk_panel.session.flow.step == "slots"  # a drag is no click: nothing was chosen
    finally:
        app.destroy()


def test_a_click_counts_when_the_panel_is_drawn_again_between_press_and_release(tmp_path, city):
    app = kiosk_app(tmp_path, city, TWO_KIOSKS)
    try:
        open_by_click(app, 3, 0.5)
        step_until(app, "잠원한강공원 테니스장 1면")
        item = region(app, "잠원한강공원 테니스장 1면").rect
        move_pointer(app, (item.left + item.right) / 2, (item.bottom + item.top) / 2)
        device(app).buttonDown(MouseButton.one())
        app.step()
        app.kiosk_panel.view.redraw()  # e.g. the city's answer to something else came in meanwhile
        device(app).buttonUp(MouseButton.one())
        app.step()
        step_until(app, "자리 남음")  # the facility was chosen: its times are listed
    finally:
        app.destroy()


@pytest.mark.parametrize("text_scale, high_contrast", [(1.0, False), (1.5, False), (1.5, True)])
def test_the_panel_stays_on_screen_and_clear_of_the_kiosk_sign(tmp_path, city, text_scale, high_contrast):
    settings = Settings()
    settings.accessibility.text_scale = text_scale
    settings.accessibility.high_contrast = high_contrast
    app = kiosk_app(tmp_path, city, TWO_KIOSKS, settings)
    try:
        app.open_scene("test-yard")
        app.wait_until_loaded(timeout=60)
        app.controls.pose.x, app.controls.pose.y = -3, -0.3  # 2.3 m from the kiosk, looking up at its sign
        app.controls.pose.pitch = 20
        app.step()
        sign = app.scene.kiosk_sign_on_screen(app._near_kiosk, app.base.cam, app.base.getAspectRatio())
        aspect = SIZE[0] / SIZE[1]
        assert sign is not None and sign.inside(Rect(-aspect, aspect, -1, 1))  # the sign is in view
        click(app, 0, -0.9)  # on the ground in front: opens the kiosk
        step_until(app, "민원 종류를 고르세요")
        drawn = app.kiosk_panel.view.drawn
        assert drawn.inside(Rect(-aspect, aspect, -1, 1)) and not drawn.overlaps(sign)
        click_on(app, "가로등 고장")
        step_until(app, "전신주(등주) 번호*")
        click_on(app, "전신주(등주) 번호")  # with the on-screen keyboard, the panel is at its tallest
        drawn = app.kiosk_panel.view.drawn
        assert drawn.inside(Rect(-aspect, aspect, -1, 1)) and not drawn.overlaps(sign)
        keys = [r for r in app.kiosk_panel.view.regions if r.label in ("ㅂ", "Enter")]
        assert len(keys) == 2 and all(key.rect.inside(drawn) for key in keys)
    finally:
        app.destroy()
