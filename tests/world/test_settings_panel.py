"""The settings panel (F10) and the menu (Esc) in a real window, with keys put into the window's input
device: the language switched while the app runs changes every visible text (the HUD, an open kiosk,
the caption, the kiosks' and portals' signs, the panel itself); a setting changed there is in effect
at once and kept in the user's file (only what differs from the defaults); a key binding chosen there
walks."""

import time

import pytest
import yaml

from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import Settings, load_settings
from metaverse_seoul.core.settings_store import UserSettingsFile
from metaverse_seoul.paths import DEFAULT_CONFIG
from metaverse_seoul.world.app import MetaverseApp, RunOptions

from .kiosk_keys import LOCATION, SIZE, panel_text, step_until
from .test_world import TITLE, TITLE_TWO, build_world, write_scene
from .window_input import hold, press

CAPTION = {"ko": "여기는 시험 마당입니다.", "en": "This is the test yard.", "zh": "这里是测试场。",
           "ja": "ここはテスト広場です。", "seconds": 60}
# What each language writes where (the UI strings of assets/i18n).
EXPECTED = {
    "en": {"hint": "Controls", "kiosk": "Civil complaint", "choose": "choose what it is about", "menu": "Settings",
           "portal": "Second", "service": "Broken streetlight"},
    "zh": {"hint": "操作说明", "kiosk": "民意投诉", "choose": "请选择类别", "menu": "设置", "portal": "第二",
           "service": "Broken streetlight"},  # the city names its services in Korean and English
    "ja": {"hint": "操作方法", "kiosk": "苦情・要望の申請", "choose": "種類を選んでください", "menu": "設定",
           "portal": "二番目", "service": "Broken streetlight"},
}


@pytest.fixture(scope="module")
def app(tmp_path_factory, city):
    root = tmp_path_factory.mktemp("settings")
    build_world(root / "assets")
    yard = write_scene(root, "test-yard", TITLE, {
        "location": LOCATION, "narration": [CAPTION],
        "kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0], "heading": 180}],
        "portals": [{"to": "test-two", "position": [6, -6, 0], "heading": 0, "radius": 1.0}]})
    two = write_scene(root, "test-two", TITLE_TWO, {})
    catalog = {"test-yard": load_manifest(yard, root / "assets"), "test-two": load_manifest(two, root / "assets")}
    settings = Settings()
    settings.graphics.pbr = False
    settings.show_hints = False
    store = UserSettingsFile(root / "config" / "settings.yaml", load_settings(DEFAULT_CONFIG))
    app = MetaverseApp(settings, RunOptions(size=SIZE), catalog, city, settings_file=store)
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    yield app
    app.destroy()


def scene_signs(app):
    kiosk = app.scene.kiosks[0].find("label").node().getText()
    portal = app.scene.portals[0][1].find("label").node().getText()
    return kiosk, portal


def menu_text(app):
    return "\n".join(line.text for line in app.menu.view.shown[0])


def test_the_language_changes_every_visible_text_while_the_app_runs(app):
    app.controls.pose.x, app.controls.pose.y = -3, 0.5  # at the complaint kiosk
    deadline = time.monotonic() + 10
    while not app.hud.caption_text and time.monotonic() < deadline:  # the first caption comes after a second
        app.step()
    assert app.hud.caption_text == CAPTION["ko"]
    press(app, "f1")
    assert app.hud.hint_visible
    press(app, "enter")  # the kiosk opens
    step_until(app, "민원 종류를 고르세요")
    press(app, "f10")  # the settings, over the kiosk: its language is the first entry
    assert app.menu.visible and "언어: ◀ 한국어 ▶" in menu_text(app)
    for lang in ("en", "zh", "ja"):
        press(app, "arrow_right")
        words = EXPECTED[lang]
        assert app.settings.language == lang
        assert app.hud.caption_text == CAPTION[lang]
        assert app.hud.text_of("hint").startswith(words["hint"])
        assert panel_text(app).startswith(words["kiosk"]) and words["choose"] in panel_text(app)
        step_until(app, words["service"])  # the kinds, fetched again in that language
        kiosk_sign, portal_sign = scene_signs(app)
        assert kiosk_sign == words["kiosk"] and words["portal"] in portal_sign
        assert menu_text(app).startswith(words["menu"])
    press(app, "escape", "escape")  # settings, then the menu, close; the kiosk has the keys again
    assert not app.menu.visible and app.kiosk_panel.has_keyboard
    press(app, "escape")
    assert not app.kiosk_panel.visible and app.hud.prompt_text == "Enter — 苦情・要望を申請する"
    press(app, "f10")
    press(app, "arrow_left", "arrow_left", "arrow_left", "escape", "escape")  # back to Korean
    assert app.settings.language == "ko" and scene_signs(app)[0] == "민원 신청"


def test_a_setting_takes_effect_at_once_and_is_kept_in_the_users_file(app):
    press(app, "escape")  # Esc in the world: the menu
    assert app.menu.visible and menu_text(app).startswith("메뉴")
    press(app, "arrow_down", "enter", "arrow_down", "arrow_right")  # Settings, then text size up a step
    assert app.settings.accessibility.text_scale == 1.25
    assert app.hud.scale == pytest.approx(0.06 * 1.25) and app.menu.view.size == pytest.approx(0.05 * 1.25)
    press(app, "escape", "escape")
    path = app.settings_file.path
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {"accessibility": {"text_scale": 1.25}}
    assert load_settings(DEFAULT_CONFIG, [path]).accessibility.text_scale == 1.25  # read back at the next start
    press(app, "f10", "arrow_down", "arrow_left", "escape", "escape")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) in (None, {})  # the default again: nothing kept


def test_a_key_chosen_in_the_settings_walks(app):
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    press(app, "f10")
    forward = app.menu.menu.entries.entries.index("forward")
    press(app, *["arrow_down"] * forward, "enter")
    assert "‘앞으로 걷기’에 쓸 키를 누르세요" in menu_text(app)
    press(app, "i")
    assert app.settings.controls.keys.forward == ["i"]
    press(app, "escape", "escape")
    start = app.controls.pose.y
    hold(app, "i", 10)
    assert app.controls.pose.y > start + 0.05
    hold(app, "w", 10)  # no longer a walking key
    moved = app.controls.pose.y
    hold(app, "w", 10)
    assert app.controls.pose.y == moved
    press(app, "f10", *["arrow_down"] * forward, "enter", "w", "escape", "escape")  # as it was
    assert app.settings.controls.keys.forward == ["w"]
