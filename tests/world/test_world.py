"""Tests of the running app in a real window: a small generated world walked with keys pressed on the
window's input device (window_input.py), as a person at a keyboard presses them."""

import json

import numpy as np
import pytest
import yaml

from metaverse_seoul import __version__
from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import Settings
from metaverse_seoul.world.app import HINT_LINES, MetaverseApp, RunOptions
from tools.assembly import Assembly
from tools.materials import plain
from tools.meshkit import box

from .screenshots import screenshot_pixels
from .window_input import button, device, hold, press

TITLE = {"ko": "시험 마당", "en": "Test yard", "zh": "测试", "ja": "テスト"}
TITLE_TWO = {"ko": "두 번째", "en": "Second", "zh": "第二", "ja": "二番目"}


def build_world(assets):
    """A 40 m square yard (node Ground) with a 1.2 m terrace and a wall the builder marks as a collider."""
    world = Assembly("test-yard")
    stone, brick = plain("stone", (0.6, 0.59, 0.55)), plain("brick", (0.61, 0.29, 0.23))
    world.add("Ground", stone, box((-20, -20, -0.2), (20, 20, 0)))
    world.add("Ground", stone, box((8, -20, 0), (20, 20, 1.2)))      # terrace east of x = 8
    world.add("Wall", brick, box((-10, 6, 0), (6, 6.4, 3)))          # wall across the north
    world.set_extras("Wall", {"collider": "box"})
    (assets / "models").mkdir(parents=True)
    world.write(assets / "models" / "yard.glb")


def write_scene(folder, scene_id, title, extra):
    data = {"id": scene_id, "title": title, "models": [{"path": "models/yard.glb"}],
            "spawn": {"position": [0, 0, 0], "heading": 0},
            "ground": {"height": 0, "mesh": "Ground", "bounds": [[-19, -19], [19, 19]]},
            "lighting": {"preset": "day", "presets": ["day", "dusk", "night"]}}
    data.update(extra)
    path = folder / f"{scene_id}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    root = tmp_path_factory.mktemp("world")
    assets = root / "assets"
    build_world(assets)
    scenes = {
        "test-yard": write_scene(root, "test-yard", TITLE, {
            "kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0], "heading": 0}],
            "portals": [{"to": "test-two", "position": [-15, -15, 0], "radius": 1.5},
                        {"to": "not-built-yet", "position": [15, -15, 0]}],
            "narration": [dict(TITLE, seconds=2)]}),
        "test-two": write_scene(root, "test-two", TITLE_TWO, {"spawn": {"position": [0, -10, 0]}}),
    }
    catalog = {sid: load_manifest(path, assets) for sid, path in scenes.items()}
    settings = Settings()
    settings.graphics.pbr = True
    settings.home_scene = "test-yard"
    app = MetaverseApp(settings, RunOptions(size=(480, 270)), catalog)
    yield app
    app.destroy()


def open_yard(app):
    app.open_scene("test-yard")
    assert app.loading is not None  # the loading screen is up while the worker thread loads
    app.wait_until_loaded(timeout=60)
    return app




def test_scene_renders_something(app, tmp_path):
    open_yard(app)
    for _ in range(3):
        app.step()
    pixels = screenshot_pixels(app, tmp_path)
    assert pixels.std() > 0.05  # not a blank frame
    # sky above, the brick wall ahead at eye height, paving below: three different colours
    sky, wall, ground = (pixels[rows].reshape(-1, 3).mean(axis=0)
                         for rows in (slice(0, 3), slice(31, 37), slice(-2, None)))
    for a, b in ((sky, wall), (wall, ground), (sky, ground)):
        assert np.abs(a - b).max() > 0.08


def test_spawn_is_on_the_ground_at_eye_height(app):
    open_yard(app)
    app.step()
    assert app.base.camera.getZ() == pytest.approx(1.6, abs=0.01)


def test_w_key_walks_forward_at_walking_speed(app):
    open_yard(app)
    start = app.controls.pose
    hold(app, "w", 20)
    moved = app.controls.pose
    assert moved.y > start.y + 0.05
    assert moved.x == pytest.approx(start.x, abs=1e-6)
    assert app.base.camera.getY() == pytest.approx(moved.y)


def test_arrow_keys_turn_and_shift_runs(app):
    open_yard(app)
    heading = app.controls.pose.heading
    hold(app, "arrow_left", 10)
    assert app.controls.pose.heading > heading
    app.controls.pose.heading = 0
    walk_start = app.controls.pose.y
    device(app).buttonDown(button("shift"))
    hold(app, "w", 10)
    device(app).buttonUp(button("shift"))
    app.step()
    assert app.controls.held["run"] == 0
    assert app.controls.pose.y > walk_start


def test_the_wall_stops_the_visitor(app):
    open_yard(app)
    app.controls.pose.y = 4.0
    app.controls.settings.walk_speed = 5.0  # get there in a few frames
    try:
        hold(app, "w", 60)
    finally:
        app.controls.settings.walk_speed = 1.4
    assert app.controls.pose.y < 6.0 - 0.25  # the wall's south face is at y = 6


def test_the_terrace_edge_stops_the_visitor(app):
    open_yard(app)
    app.controls.pose.heading = -90  # east
    app.controls.settings.walk_speed = 5.0
    try:
        hold(app, "w", 60)
    finally:
        app.controls.settings.walk_speed = 1.4
    assert app.controls.pose.x < 8.0
    assert app.controls.pose.z == pytest.approx(0.0, abs=0.01)


def test_lighting_key_cycles_the_presets(app):
    open_yard(app)
    assert app.lighting.preset == "day"
    press(app, "l")
    assert app.lighting.preset == "dusk"


def test_help_key_toggles_the_controls_hint(app):
    open_yard(app)
    shown = app.hud.hint_visible
    press(app, "f1")
    assert app.hud.hint_visible != shown


def test_kiosk_and_only_real_portals_are_placed(app):
    open_yard(app)
    assert [k.getTag("kiosk") for k in app.scene.kiosks] == ["k1"]
    assert [p.to for p, _ in app.scene.portals] == ["test-two"]


def test_walking_into_a_portal_opens_the_other_scene(app):
    open_yard(app)
    app.controls.pose.x, app.controls.pose.y = -15, -15
    app.step()
    app.wait_until_loaded(timeout=60)
    assert app.scene.manifest.id == "test-two"
    assert app.base.camera.getY() == pytest.approx(-10, abs=0.01)


def test_narration_captions_show(app):
    open_yard(app)
    for _ in range(200):
        app.step()
        if app.hud.caption_text:
            break
    assert app.hud.caption_text == TITLE["ko"]


def test_stats_are_written(app, tmp_path):
    open_yard(app)
    for _ in range(4):
        app.step()
    app.options.stats_file = tmp_path / "stats.json"
    app._write_stats()
    stats = json.loads((tmp_path / "stats.json").read_text())
    assert stats["geoms"] > 0 and stats["triangles"] > 0
    assert stats["frame_ms"]["median"] > 0
    assert stats["load_s"] > 0 and stats["scene"] == "test-yard"


def test_a_kiosk_opens_a_panel_with_the_citys_services(app, tmp_path):
    from metaverse_seoul.core.settings import ApiSettings
    from metaverse_seoul.services.connection import CityConnection

    connection = CityConnection(ApiSettings(), data_dir=tmp_path).start()
    try:
        assert connection.wait(timeout=60), connection.error
        app.kiosk_panel.connection = connection
        open_yard(app)
        app.controls.pose.x, app.controls.pose.y = -3, 0.5  # in front of the complaint kiosk
        app.step()
        assert app._near_kiosk is not None and app._near_kiosk.id == "k1"
        press(app, "enter")
        assert app.kiosk_panel.visible
        for _ in range(300):
            app.step()
            text = app.kiosk_panel.shown_text
            if "·" in text:
                break
        assert "민원" in text or "·" in text  # the services list arrived, in Korean
        assert "내 제출" in text               # with the resident's own outbox status
        press(app, "escape")
        assert not app.kiosk_panel.visible
    finally:
        app.kiosk_panel.connection = None
        connection.stop()


def test_without_a_connection_the_kiosk_says_so(app):
    open_yard(app)
    app.controls.pose.x, app.controls.pose.y = -3, 0.5
    app.step()
    press(app, "enter")
    assert "연결할 수 없습니다" in app.kiosk_panel.shown_text
    press(app, "enter")
    assert not app.kiosk_panel.visible


def test_within_reach_a_kiosk_says_what_it_does_in_the_ui_language(app):
    open_yard(app)
    assert app.hud.prompt_text is None
    app.controls.pose.x, app.controls.pose.y = -3, 0.5  # in front of the complaint kiosk
    app.step()
    assert app.hud.prompt_text == "Enter — 민원 신청하기"
    press(app, "enter")  # the panel opens: the prompt makes way
    assert app.kiosk_panel.visible and app.hud.prompt_text is None
    press(app, "escape")
    assert app.hud.prompt_text == "Enter — 민원 신청하기"
    app.controls.pose.x, app.controls.pose.y = 5, -5  # walked away
    app.step()
    assert app.hud.prompt_text is None


def test_the_first_start_help_names_the_kiosks(app):
    open_yard(app)
    app.hud.show_hint(HINT_LINES)
    assert "키오스크: 다가가서 Enter" in app.hud.text_of("hint")
    assert app.hud.text_of("hint").endswith(f"메타버스 서울 {__version__}")  # which version to name
    app.hud.hide_hint()
