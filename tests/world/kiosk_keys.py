"""Using a kiosk of the running app with simulated keys: shared by the complaint and booking tests."""

import time

from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import Settings
from metaverse_seoul.world.app import MetaverseApp, RunOptions

from .test_world import TITLE, build_world, write_scene


def kiosk_app(root, city, scene_extra):
    """The app, offscreen, on a small generated yard with the kiosks of `scene_extra`, connected to
    `city`; the caller destroys it."""
    build_world(root / "assets")
    path = write_scene(root, "test-yard", TITLE, scene_extra)
    settings = Settings()
    settings.graphics.pbr = False
    settings.show_hints = False
    app = MetaverseApp(settings, RunOptions(offscreen=True, size=(640, 360)),
                       {"test-yard": load_manifest(path, root / "assets")}, city)
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    return app


def panel_text(app):
    return app.kiosk_panel.node.node().getText() if app.kiosk_panel.visible else ""


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


def press(app, *keys):
    for key in keys:
        app.base.messenger.send(key)
        app.step()


def type_text(app, text):
    for char in text:  # Panda3D sends typed characters, Hangul syllables included, as keystrokes
        app.base.messenger.send("keystroke", [char])
    app.step()


def use_kiosk(app, scene_id, kiosk_id, x, y):
    """Walk up to the kiosk at (x, y) in a freshly opened scene and press Enter: its flow has the keyboard."""
    app.open_scene(scene_id)
    app.wait_until_loaded(timeout=60)
    app.controls.pose.x, app.controls.pose.y = x, y
    app.step()
    assert app._near_kiosk is not None and app._near_kiosk.id == kiosk_id
    press(app, "enter")
    assert app.kiosk_panel.has_keyboard
    step_until(app, "▶")
