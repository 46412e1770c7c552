"""Using a kiosk of the running app, in a real window, with keys, typing and clicks put where the
operating system puts them (window_input.py): shared by the complaint and booking tests."""

import time

from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import Settings
from metaverse_seoul.world.app import MetaverseApp, RunOptions

from .test_world import TITLE, build_world, write_scene
from .window_input import click, press, type_text  # noqa: F401 - the kiosk tests' input, in one place

SIZE = (800, 450)
LOCATION = {"lat": 37.5656, "long": 126.9781, "source": "test"}
TWO_KIOSKS = {"location": LOCATION, "kiosks": [
    {"id": "k1", "kind": "complaint", "position": [-3, 2, 0], "heading": 180},
    {"id": "k2", "kind": "reservation", "position": [3, 2, 0], "heading": 180}]}




def kiosk_app(root, city, scene_extra, settings=None, headset=None):
    """The app in a window, on a small generated yard with the kiosks of `scene_extra`, connected to
    `city` (and rendering to `headset`, an xr HeadsetSession, if given); the caller destroys it."""
    build_world(root / "assets")
    path = write_scene(root, "test-yard", TITLE, scene_extra)
    settings = settings or Settings()
    settings.graphics.pbr = False
    settings.show_hints = False
    app = MetaverseApp(settings, RunOptions(size=SIZE), {"test-yard": load_manifest(path, root / "assets")}, city,
                       headset=headset)
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    return app


def panel_text(app):
    return app.kiosk_panel.shown_text


def step_until(app, wanted, frames=1000, private=False):
    """Step frames (the city answers on threads) until `wanted` is on the panel.

    `private`: the panel may show personal data, so a failure names only the panel's first line."""
    for _ in range(frames):
        app.step()
        if wanted in panel_text(app):
            return
        time.sleep(0.005)
    shown = panel_text(app).splitlines()[:1] if private else panel_text(app)
    raise AssertionError(f"{wanted!r} never shown; the panel says {shown!r}")


def use_kiosk(app, scene_id, kiosk_id, x, y):
    """Stand at (x, y) by the kiosk in a freshly opened scene and press Enter: its flow has the keyboard."""
    app.open_scene(scene_id)
    app.wait_until_loaded(timeout=60)
    app.controls.pose.x, app.controls.pose.y = x, y
    app.step()
    assert app._near_kiosk is not None and app._near_kiosk.id == kiosk_id
    press(app, "enter")
    assert app.kiosk_panel.has_keyboard
    step_until(app, "▶")


def open_by_click(app, x, y, click_at=click):
    """Stand at (x, y), facing the kiosk, and click (`click_at(app, x, y)`, the window's input device by
    default): the kiosk opens, as Enter would open it."""
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    app.controls.pose.x, app.controls.pose.y, app.controls.pose.heading = x, y, 0
    app.step()
    click_at(app, 0, 0)
    assert app.kiosk_panel.visible
    step_until(app, "▶")
