"""The menu (Esc) and the settings panel (F10) as keys and clicks, and the user's settings file."""

import yaml

from metaverse_seoul.core.app_menu import BINDING, MENU, REQUESTS, SETTINGS, AppMenu, Change, MenuAction
from metaverse_seoul.core.i18n import load_strings
from metaverse_seoul.core.kiosk_effects import CLOSE
from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, PROBLEM, Pick
from metaverse_seoul.core.settings import Settings, load_settings
from metaverse_seoul.core.settings_store import UserSettingsFile
from metaverse_seoul.paths import ASSETS_DIR, DEFAULT_CONFIG

KO = load_strings(ASSETS_DIR / "i18n", "ko")
EN = load_strings(ASSETS_DIR / "i18n", "en")


def focused(menu):
    return [line.text for line in menu.screen() if line.style == FOCUS]


def test_the_menu_resumes_opens_settings_and_names_its_actions():
    menu = AppMenu(Settings(), KO)
    assert focused(menu) == ["▶ 계속하기"] and menu.press("enter") is CLOSE
    menu.press("down")
    assert menu.press("enter") is None and menu.step == SETTINGS
    menu.press("escape")
    assert menu.step == MENU
    assert menu.click(Pick(2)) == MenuAction("requests") and menu.step == REQUESTS
    assert [line.style for line in menu.screen()][1] == DIM  # asking the city
    menu.press("escape")
    assert menu.click(Pick(4)) == MenuAction("quit")
    assert menu.press("escape") is CLOSE


def test_settings_step_their_values_and_enter_cycles():
    settings = Settings()
    menu = AppMenu(settings, EN, SETTINGS)
    assert focused(menu) == ["▶ Language: ◀ 한국어 ▶"]
    assert menu.press("right") == Change("language", "en")
    assert menu.press("left") == Change("language", "ko")  # (the menu changes nothing itself: the app does)
    menu.press("down")
    assert menu.press("right") == Change("accessibility.text_scale", 1.25)
    settings.accessibility.text_scale = 2.0
    assert menu.press("right") == Change("accessibility.text_scale", 2.0)  # at the end it stays
    assert menu.press("enter") == Change("accessibility.text_scale", 0.75)  # Enter goes round
    menu.press("down")
    assert menu.press("enter") == Change("accessibility.high_contrast", True)
    settings.controls.walk_speed = 1.3  # a value between the panel's steps: the nearest one counts
    walk = next(i for i, entry in enumerate(menu.entries.entries) if getattr(entry, "path", "") == "controls.walk_speed")
    assert menu.click(Pick(walk)) == Change("controls.walk_speed", 1.8)


def test_a_key_binding_takes_the_next_key_pressed_unless_it_is_taken_or_reserved():
    settings = Settings()
    menu = AppMenu(settings, EN, SETTINGS)
    forward = menu.entries.entries.index("forward")
    assert menu.click(Pick(forward)) is None and menu.step == BINDING
    assert "Press the key for ‘Walk forward’" in focused(menu)
    assert menu.captured("l") is None  # the lighting key
    assert [line.text for line in menu.screen() if line.style == PROBLEM] == ["l is already used for ‘Time of day’"]
    assert menu.captured("f10") is None and menu.step == BINDING
    assert menu.captured("i") == Change("controls.keys.forward", ["i"]) and menu.step == SETTINGS
    menu.press("enter")  # the same entry again; Esc keeps the old key
    assert menu.captured("escape") is None and menu.step == SETTINGS


def test_only_what_differs_from_the_defaults_is_kept_in_the_users_file(tmp_path):
    path = tmp_path / "settings.yaml"
    path.write_text("controls:\n  invert_y: true\n", encoding="utf-8")
    defaults = load_settings(DEFAULT_CONFIG)
    settings = load_settings(DEFAULT_CONFIG, [path], {"language": "en"})  # --lang en: not the user's choice
    store = UserSettingsFile(path, defaults)
    store.change(settings, "accessibility.text_scale", 1.5)
    store.change(settings, "controls.keys.forward", ["i"])
    assert settings.accessibility.text_scale == 1.5 and settings.controls.keys.forward == ["i"]
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == {
        "accessibility": {"text_scale": 1.5}, "controls": {"invert_y": True, "keys": {"forward": ["i"]}}}
    store.change(settings, "accessibility.text_scale", 1.0)  # back to the default: out of the file
    again = load_settings(DEFAULT_CONFIG, [path])
    assert "accessibility" not in yaml.safe_load(path.read_text(encoding="utf-8"))
    assert again.controls.keys.forward == ["i"] and again.controls.invert_y and again.language == "ko"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.yaml"]  # no temporary file left
