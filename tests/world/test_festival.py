"""The festival scenes running in a real window: thousands of lanterns in a handful of geoms, the
level of detail following the visitor, and the New Year bell driven by a chosen clock (33 strikes,
their captions in step, the sound on or off, no sound device)."""

from datetime import datetime, timedelta

import numpy as np
import pytest

from benchmarks.scaled_scene import write_scaled
from metaverse_seoul.core.clock import SEOUL
from metaverse_seoul.core.manifest import list_manifests, load_manifest
from metaverse_seoul.core.settings import Settings
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR
from metaverse_seoul.world.app import MetaverseApp, RunOptions
from metaverse_seoul.world.scene import count_geometry

from .screenshots import screenshot_pixels

MAX_LANTERN_GEOMS = 10
NEW_YEAR = datetime(2027, 1, 1, tzinfo=SEOUL)


class Clock:
    """The app's clock, moved by the test."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def clock():
    return Clock(NEW_YEAR - timedelta(seconds=10))


@pytest.fixture(scope="module")
def app(tmp_path_factory, clock):
    catalog = {m.id: m for m in list_manifests(SCENES_DIR, ASSETS_DIR)}
    big = load_manifest(write_scaled(tmp_path_factory.mktemp("scenes"), 10_000), ASSETS_DIR)
    catalog[big.id] = big
    settings = Settings()
    settings.language, settings.show_hints = "en", False
    app = MetaverseApp(settings, RunOptions(size=(400, 225)), catalog, clock=clock)
    yield app
    app.destroy()


@pytest.fixture
def played(app, monkeypatch):
    """The sound files the app asked to play (whether or not this machine has a sound device)."""
    calls = []
    original = app.sound.play

    def play(path, *args, **kwargs):
        calls.append(path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(app.sound, "play", play)
    return calls


def open_scene(app, scene_id):
    app.open_scene(scene_id)
    app.wait_until_loaded(timeout=120)
    app.step()
    return app




def test_the_lantern_festival_glows_at_night(app, tmp_path):
    open_scene(app, "lantern-festival")
    for _ in range(2):
        app.step()
    shot = screenshot_pixels(app, tmp_path, every=2)
    brightness = shot.mean(axis=2)
    assert brightness.std() > 0.05                       # not a blank frame
    assert np.median(brightness) < 0.45                  # night
    assert (brightness > 0.8).mean() > 0.005             # lit paper and glow
    saturated = shot.max(axis=2) - shot.min(axis=2) > 0.3
    assert saturated.mean() > 0.005                      # coloured lanterns, not only white light
    field = app.extras.lanterns.stats()
    assert field["lanterns"] == app.extras.lanterns.layout.count > 3000 and field["geoms"] <= MAX_LANTERN_GEOMS


def test_ten_thousand_lanterns_take_at_most_ten_geoms(app):
    open_scene(app, "lanterns-10000")
    field = app.extras.lanterns
    stats = field.stats()
    assert stats["lanterns"] == 10_000
    geoms, _ = count_geometry(field.root)
    assert geoms <= MAX_LANTERN_GEOMS and stats["geoms"] == geoms
    assert 0 < stats["models_drawn"] <= field.settings.max_models
    app.options.stats_file = None


def test_the_models_follow_the_visitor_and_the_rest_are_impostors(app):
    open_scene(app, "lantern-festival")
    field = app.extras.lanterns
    small_kinds = [field.layout.kinds.index(k) for k in ("round", "cylinder", "lotus")]
    small = set(np.flatnonzero(np.isin(field.layout.kind, small_kinds)))
    near_start = set(field.chosen.tolist())
    assert near_start and field.near_flags.sum() == len(near_start)
    app.controls.pose.x, app.controls.pose.y = 200.0, -7.5
    app.step()
    app.step()
    near_there = set(field.chosen.tolist())
    assert near_there & small and not near_start & near_there & small  # the small ones near the visitor only
    assert np.all(np.abs(field.layout.position[list(near_there & small), 0] - 200.0) < field.settings.lod_distance)


def test_the_bell_is_struck_33_times_from_midnight_with_its_captions_in_step(app, clock, played):
    clock.now = NEW_YEAR - timedelta(seconds=10)
    open_scene(app, "bosingak-new-year")
    assert app.hud.text_of("countdown") == "0:00:10 to the New Year bell"
    view = app.extras.ceremony
    striker, rest = view.striker, view.striker.getPos()
    heard, swing = [], 0.0
    for _ in range(70):  # 10 s a frame: no frame spans two strikes (20 s apart)
        clock.now += timedelta(seconds=10)
        app.step()
        caption = app.hud.text_of("sound")
        if view.rung and (not heard or heard[-1][0] != view.rung[-1]):
            heard.append((view.rung[-1], caption))
        swing = max(swing, (striker.getPos() - rest).length())
    assert swing > 0.005  # the log was drawn back to strike
    assert [n for n, _ in heard] == list(range(1, 34))
    assert heard[11] == (12, "[the bell rings — 12 of 33]")
    assert all(caption == f"[the bell rings — {n} of 33]" for n, caption in heard)
    bell = app.catalog["bosingak-new-year"].ceremony.sound_file
    assert played.count(bell) == 33
    assert app.hud.text_of("countdown") == "Happy New Year!"


def test_arriving_mid_ceremony_rings_the_next_strike_not_the_past_ones(app, clock):
    clock.now = NEW_YEAR + timedelta(seconds=20 * 11 + 5)   # strike 12 rang 5 s ago
    open_scene(app, "bosingak-new-year")
    assert app.extras.ceremony.rung == []
    clock.now += timedelta(seconds=20)
    app.step()
    assert app.extras.ceremony.rung == [13]


def test_sound_off_and_no_device_are_silent_and_still_captioned(app, clock, played, monkeypatch):
    app.settings.sound.enabled = False
    try:
        clock.now = NEW_YEAR - timedelta(seconds=1)
        open_scene(app, "bosingak-new-year")
        clock.now += timedelta(seconds=2)
        app.step()
        assert played == [] and app.hud.text_of("sound") == "[the bell rings — 1 of 33]"
    finally:
        app.settings.sound.enabled = True
    monkeypatch.setattr(app.sound, "_open", lambda: None)   # a machine with no sound device
    clock.now = NEW_YEAR - timedelta(seconds=1)
    open_scene(app, "bosingak-new-year")
    clock.now += timedelta(seconds=2)
    app.step()
    assert app.extras.ceremony.rung == [1] and app.hud.text_of("sound") == "[the bell rings — 1 of 33]"
    assert played and all(path is not None for path in played)  # asked, and nothing came of it


def test_the_place_sounds_loop_and_are_captioned_in_the_visitors_language(app, played):
    open_scene(app, "lantern-festival")
    files = {s.file for s in app.catalog["lantern-festival"].sounds}
    assert files <= set(played)
    assert app.hud.text_of("sound") == "[shallow water running over the stones] [a crowd talking, music far off]"


def test_with_reduced_motion_the_lanterns_hold_still(app):
    from metaverse_seoul.core.app_menu import Change
    open_scene(app, "lantern-festival")
    field = app.extras.lanterns
    assert not field.still
    app.apply_setting(Change("accessibility.reduce_motion", True))
    try:
        assert field.still and app.extras.lanterns is field  # at once, in the scene the visitor is in
        app.step()
    finally:
        app.apply_setting(Change("accessibility.reduce_motion", False))
    assert not field.still
