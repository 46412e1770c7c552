"""Legible everywhere (measured on rendered pixels in a window): every text of the kiosk panel, the
on-screen keyboard, the settings panel and the HUD meets WCAG 2.2 AA contrast (4.5:1) against what is
behind it, in both themes and at each text size; and no text leaves its panel, at any size, in any
language."""

import pytest

from metaverse_seoul.core.app_menu import Change
from metaverse_seoul.core.contrast import AA_TEXT, contrast_ratio
from metaverse_seoul.core.i18n import LANGUAGES
from metaverse_seoul.world.app import HINT_LINES
from metaverse_seoul.world.legibility import lowest_contrasts, outside

from .kiosk_keys import TWO_KIOSKS, kiosk_app, open_by_click, step_until
from .screen_keyboard import click_on
from .window_input import move_pointer, press

SIZES = (0.75, 1.0, 1.25, 1.5, 2.0)


@pytest.fixture(scope="module")
def app(tmp_path_factory, city):
    app = kiosk_app(tmp_path_factory.mktemp("legible"), city, TWO_KIOSKS)
    yield app
    app.destroy()


def test_contrast_ratio_follows_wcag():
    assert contrast_ratio((1, 1, 1), (0, 0, 0)) == pytest.approx(21)
    assert contrast_ratio((0.463, 0.463, 0.463), (1, 1, 1)) == pytest.approx(4.5, abs=0.05)


def panel_texts(app):
    return app.kiosk_panel.view.texts


def hud_texts(app):
    return [(item[-1], tuple(item[-1].node().getTextColor())) for item in app.hud.shown.values()]


def screens(app):
    """Open, one after the other, what a resident reads: yields (name, texts, panel rect or None)."""
    app.hud.show_hint(HINT_LINES)
    app.hud.show_caption("여기는 시험 마당입니다. 가로등이 꺼져 있으면 키오스크에서 신고할 수 있습니다.")
    app.step()
    yield "hud", hud_texts(app), None
    app.hud.hide_hint()
    app.hud.hide_caption()
    open_by_click(app, -3, 0.5)
    flow = app.kiosk_panel.session.flow
    step_until(app, "streetlight" if app.lang != "ko" else "가로등")
    move_pointer(app, 1.7, -0.95)  # off the panel: no item lit
    yield "kiosk", panel_texts(app), app.kiosk_panel.view.drawn
    click_on(app, next(s.service_name for s in flow.services if s.service_code == "broken-streetlight"))
    step_until(app, "*")
    click_on(app, flow.form.fields[0].label)  # the pole's number: a text field
    click_on(app, "⇧")  # Shift on: the lit key's label is measured too
    move_pointer(app, 1.7, -0.95)
    app.kiosk_panel.view._caret.hide()
    yield "form", panel_texts(app), app.kiosk_panel.view.drawn
    press(app, "f10")
    yield "settings", app.menu.view.texts, app.menu.view.drawn
    press(app, "escape", "escape")
    app.kiosk_panel.close()


def set_look(app, text_scale, high_contrast):
    app.apply_setting(Change("accessibility.text_scale", text_scale))
    app.apply_setting(Change("accessibility.high_contrast", high_contrast))


@pytest.mark.parametrize("high_contrast", [False, True])
def test_every_text_meets_aa_contrast_at_every_size(app, high_contrast):
    lowest = []
    try:
        for size in SIZES:
            set_look(app, size, high_contrast)
            for name, texts, _ in screens(app):
                app.controls.pose.pitch = 25  # the bright sky behind the panels: the hardest background
                ratios = lowest_contrasts(app, texts)
                assert ratios, name
                ratio, text = min(ratios)
                lowest.append((round(ratio, 2), size, name, text))
    finally:
        set_look(app, 1.0, False)
    worst = min(lowest)
    print(f"lowest contrast (high_contrast={high_contrast}): {worst}")
    assert worst[0] >= AA_TEXT, worst


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_text_leaves_its_panel_at_any_size(app, lang):
    app.apply_setting(Change("language", lang))
    try:
        for size in SIZES:
            app.apply_setting(Change("accessibility.text_scale", size))
            for name, texts, panel in screens(app):
                if panel is not None:
                    assert outside(panel, texts, app.base.aspect2d) == [], (lang, size, name)
    finally:
        app.apply_setting(Change("language", "ko"))
        app.apply_setting(Change("accessibility.text_scale", 1.0))
