"""Without PBR (graphics.pbr: false): colours come out as with PBR, and kiosk labels show their text.

Once, vertex-coloured glTF parts (tree crowns) and the app's own props were drawn white, lit
surfaces clipped to white under lights meant for simplepbr, and a kiosk's label was a dark box with
no writing (its card hid the text in Mesa's 32-bit depth buffer)."""

import pytest
from panda3d.core import Point2, Point3, PNMImage

from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import Settings
from metaverse_seoul.world.app import MetaverseApp, RunOptions
from tools.assembly import Assembly
from tools.materials import plain
from tools.meshkit import box

from .test_world import TITLE, write_scene

SIZE = (480, 270)
CROWN = (-1.6, 5.0)   # a white material with green vertex colours, like the tree crowns
RED = (1.6, 5.0)      # a plain red material (a baseColorFactor and no texture)
KIOSK = (0.0, 4.0)    # facing the visitor, its label above it


def build_world(assets):
    world = Assembly("test-yard")
    world.add("Ground", plain("stone", (0.6, 0.59, 0.55)), box((-20, -20, -0.2), (20, 20, 0)))
    x, y = CROWN
    world.add("Crown", plain("leaves", (1.0, 1.0, 1.0)),
              box((x - 0.5, y - 0.5, 0), (x + 0.5, y + 0.5, 1.2)).colored((0.05, 0.3, 0.04, 1.0)))
    x, y = RED
    world.add("Red", plain("red", (0.8, 0.2, 0.15)), box((x - 0.5, y - 0.5, 0), (x + 0.5, y + 0.5, 1.2)))
    (assets / "models").mkdir(parents=True)
    world.write(assets / "models" / "yard.glb")


@pytest.fixture(scope="module")
def frame(tmp_path_factory):
    """The app without PBR, the yard drawn from the spawn point (looking north); yields
    (app, picture)."""
    root = tmp_path_factory.mktemp("plain")
    build_world(root / "assets")
    path = write_scene(root, "test-yard", TITLE, {
        "kiosks": [{"id": "k1", "kind": "complaint", "position": [*KIOSK, 0], "heading": 180}]})
    settings = Settings()
    settings.graphics.pbr = False
    settings.show_hints = False
    settings.accessibility.captions = False
    app = MetaverseApp(settings, RunOptions(size=SIZE),
                       {"test-yard": load_manifest(path, root / "assets")})
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    for _ in range(3):
        app.step()
    picture = tmp_path_factory.mktemp("shot") / "plain.png"
    app.save_screenshot(picture)
    yield app, PNMImage(str(picture))
    app.destroy()


def pixel_of(app, point):
    """Where a world point is drawn, in pixels."""
    on_film = Point2()
    assert app.base.camLens.project(app.base.cam.getRelativePoint(app.base.render, Point3(*point)), on_film)
    return round((on_film.x + 1) / 2 * SIZE[0]), round((1 - on_film.y) / 2 * SIZE[1])


def colour_at(frame, point):
    app, image = frame
    x, y = pixel_of(app, point)
    return tuple(image.getXel(x, y))


def test_vertex_colours_show_through_a_gltf_material(frame):
    r, g, b = colour_at(frame, (CROWN[0], CROWN[1] - 0.5, 0.6))  # its sunlit south face
    assert g > r + 0.15 and g > b + 0.15, (r, g, b)


def test_material_colour_is_lit_without_clipping(frame):
    r, g, b = colour_at(frame, (RED[0], RED[1] - 0.5, 0.6))
    assert r > g + 0.3 and r > b + 0.3, (r, g, b)
    assert r < 0.95, (r, g, b)  # simplepbr's sun (3.0) drove this to white


def test_kiosk_body_is_light_grey_not_white(frame):
    colour = colour_at(frame, (KIOSK[0], KIOSK[1] - 0.1, 0.6))
    assert all(0.5 < c < 0.95 for c in colour), colour


def test_kiosk_label_shows_its_text(frame):
    app, image = frame
    label = app.scene.kiosks[0].find("label")
    assert label.node().getText() == app.strings("kiosk_complaint")
    left, right, bottom, top = label.node().getFrameActual()
    scale, (x, y, z) = label.getSz(), label.getPos(app.base.render)
    x0, y0 = pixel_of(app, (x - right * scale, y, z + top * scale))
    x1, y1 = pixel_of(app, (x + right * scale, y, z + bottom * scale))
    bright = [image.getBright(px, py) for px in range(x0, x1 + 1) for py in range(y0, y1 + 1)]
    assert len(bright) > 200, "the label is too small to judge"
    # white strokes on the dark card: both must be there
    assert sum(v > 0.7 for v in bright) / len(bright) > 0.05
    assert sum(v < 0.3 for v in bright) / len(bright) > 0.3
