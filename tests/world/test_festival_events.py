"""Going to a festival from the city's schedule, in a real window: the "now on" banner and its key, and
the events kiosk's "go there", at instants the test chooses. A third event is added here from nothing
but a temporary manifest and a schedule entry, and launched like the others: no engine code."""

import shutil
from datetime import datetime

import pytest
import yaml

from city_services import seed_data
from metaverse_seoul.core.clock import SEOUL
from metaverse_seoul.core.kiosk_flow import FOCUS
from metaverse_seoul.core.manifest import list_manifests
from metaverse_seoul.core.settings import ApiSettings, Settings
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR
from metaverse_seoul.services.connection import CityConnection
from metaverse_seoul.world.app import MetaverseApp, RunOptions

from .window_input import press

PARADE = {"ko": "연등 행렬", "en": "Lotus Lantern Parade", "zh": "燃灯游行", "ja": "燃灯行列"}
PARADE_EVENT = {
    "id": "lotus-lantern-parade", "season": ((12, 19), (12, 21)),
    "names": PARADE, "places": {code: "Cheonggyecheon" for code in PARADE},
    "descriptions": {code: "Lotus lanterns on the stream." for code in PARADE},
    "daily_open": "18:00", "daily_close": "21:00",
    "scene_id": "lotus-lantern-parade", "lat": 37.5691, "lon": 126.9787,
}


def parade_manifest(folder):
    """A third event: the stream's model, the same lantern builders, a manifest of its own."""
    scene = {
        "id": "lotus-lantern-parade", "title": PARADE,
        "models": [{"path": "models/cheonggyecheon.glb"}],
        "spawn": {"position": [40, -7.6, 0.6], "heading": -90},
        "ground": {"mesh": "Terrain", "bounds": [[-40, -22], [318, 22]]},
        "collider_file": "models/cheonggyecheon.colliders.json",
        "lighting": {"preset": "night"},
        "lanterns": {"model": "models/lanterns.glb", "groups": [
            {"kind": "lotus", "count": 800, "area": [[5, -4.5], [318, 4.5]], "on_water": True, "bob": 0.03,
             "colours": ["#ffb3c7", "#ffffff"]},
            {"kind": "lotus", "count": 300, "along": [[2, -8.3, 3.0], [318, -8.3, 3.0]], "light": True}]},
        "narration": [dict(PARADE, seconds=3)],
    }
    (folder / "lotus-lantern-parade.yaml").write_text(yaml.safe_dump(scene, allow_unicode=True), encoding="utf-8")


class Clock:
    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=SEOUL)


@pytest.fixture(scope="module")
def clock():
    return Clock(at("2026-12-20 19:00"))


@pytest.fixture(scope="module")
def app(tmp_path_factory, clock):
    scenes = tmp_path_factory.mktemp("scenes")
    for manifest in SCENES_DIR.glob("*.yaml"):
        shutil.copy(manifest, scenes)
    parade_manifest(scenes)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(seed_data, "ANNUAL_EVENTS", seed_data.ANNUAL_EVENTS + [PARADE_EVENT])
        city = CityConnection(ApiSettings(), data_dir=tmp_path_factory.mktemp("data"), clock=clock)
        assert city.wait(timeout=60), city.error   # seeded now, with the third event in its schedule
    catalog = {m.id: m for m in list_manifests(scenes, ASSETS_DIR)}
    settings = Settings()
    settings.language, settings.show_hints = "en", False
    app = MetaverseApp(settings, RunOptions(size=(400, 225)), catalog, city=city, clock=clock)
    yield app
    app.destroy()
    city.stop()


def steps_until(app, done, frames=600):
    for _ in range(frames):
        app.step()
        if done():
            return True
    return False


def open_scene(app, scene_id):
    app.open_scene(scene_id)
    app.wait_until_loaded(timeout=120)
    app.step()


def banner_for(app, clock, instant):
    """The banner after asking the city what is on at `instant`."""
    clock.now = at(instant)
    app.banner.check()
    steps_until(app, lambda: app.banner._job is None)
    return app.hud.text_of("banner")


def test_at_start_the_banner_names_the_event_on_now_and_g_goes_there(app, clock):
    clock.now = at("2026-12-20 19:00")
    open_scene(app, "donuimun")   # the app's first frame asks the city what is on
    assert steps_until(app, lambda: app.hud.text_of("banner") is not None)
    # Both the parade and the lantern festival are on; the one ending soonest is named.
    assert app.hud.text_of("banner") == "Now on: Lotus Lantern Parade — press G to go there"
    press(app, "g")
    app.wait_until_loaded(timeout=120)
    assert app.scene.manifest.id == "lotus-lantern-parade" and app.extras.lanterns.layout.count == 1100
    assert app.hud.text_of("banner") == "Now on: Seoul Lantern Festival — press G to go there"


def test_on_new_years_eve_the_banner_leads_to_the_bell(app, clock):
    open_scene(app, "donuimun")
    assert banner_for(app, clock, "2026-12-31 23:30") == "Now on: New Year Bell at Bosingak — press G to go there"
    press(app, "g")
    app.wait_until_loaded(timeout=120)
    app.step()
    assert app.scene.manifest.id == "bosingak-new-year"
    assert app.hud.text_of("countdown") == "0:30:00 to the New Year bell"


def test_when_nothing_is_on_there_is_no_banner_and_g_does_nothing(app, clock):
    open_scene(app, "donuimun")
    assert banner_for(app, clock, "2026-12-07 11:30") is None
    press(app, "g")
    assert app.loading is None and app.scene.manifest.id == "donuimun"


def test_the_events_kiosk_opens_the_chosen_events_scene(app, clock):
    clock.now = at("2026-12-20 19:00")
    open_scene(app, "lantern-festival")
    kiosk = next(k for k in app.scene.manifest.kiosks if k.kind == "events")
    app.controls.pose.x, app.controls.pose.y = kiosk.position[0], kiosk.position[1] - 1.5
    app.step()
    assert app.hud.prompt_text == "Enter — Festivals and events"
    press(app, "enter")
    assert steps_until(app, lambda: "New Year Bell at Bosingak" in app.kiosk_panel.shown_text)
    focused = lambda: [line.text for line in app.kiosk_panel.view.shown[0] if line.style == FOCUS]  # noqa: E731
    assert focused()[0].startswith("▶ Seoul Lantern Festival") and focused()[0].endswith("on now")
    while "Bosingak" not in focused()[0]:
        press(app, "arrow_down")
    press(app, "enter")
    app.wait_until_loaded(timeout=120)
    assert app.scene.manifest.id == "bosingak-new-year" and not app.kiosk_panel.visible
