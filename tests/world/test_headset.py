"""Headset mode in a real window, against the scripted runtime (xr/fake.py): both eyes drawn with their
own pose and field of view, frames handed over in the runtime's order, the controllers, teleport, turns,
comfort, kiosks used with the laser (Hangul typed on the on-screen keyboard), captions, and the end.

The fake runtime stands where OpenXR puts input: head and hand poses and controller values, read by
the app through its actions each frame, exactly as from a headset. Names typed here are made up."""

import math

import numpy as np
import pytest
from panda3d.core import Point3

from metaverse_seoul.core.app_menu import Change
from metaverse_seoul.core.play_space import PlaySpace, to_world
from metaverse_seoul.core.rotations import from_heading
from metaverse_seoul.core.teleport import find_landing
from metaverse_seoul.world.shapes import MeshBuilder
from metaverse_seoul.xr.fake import LEFT_EYE_FOV, FakeRuntime, aim_at, mirrored
from metaverse_seoul.xr.session import HeadsetSession
from metaverse_seoul.xr.types import HandInput, Pose, SessionState

from .kiosk_keys import TWO_KIOSKS, kiosk_app, panel_text, step_until
from .screen_keyboard import region, type_on_screen

MARKER = (0.2, 2.5, 1.6)       # a small magenta box ahead of the visitor at eye height
HAND = (0.2, 0.15, 1.3)        # where the right hand is held in the room
EYE_SIZE = (320, 240)


@pytest.fixture(scope="module")
def fake():
    return FakeRuntime()


@pytest.fixture(scope="module")
def app(tmp_path_factory, city, fake):
    app = kiosk_app(tmp_path_factory.mktemp("headset"), city, TWO_KIOSKS, headset=HeadsetSession(fake))
    marker = MeshBuilder("marker").box((0, 0, 0), (0.1, 0.1, 0.1), (1, 0, 1, 1)).node()
    marker.reparentTo(app.base.render)
    marker.setPos(*MARKER)
    marker.setLightOff(1)
    yield app
    app.destroy()


def steps(app, frames=1):
    for _ in range(frames):
        app.step()


def steps_until(app, done, frames=2000):
    for _ in range(frames):
        if done():
            return
        app.step()
    raise AssertionError("not reached in time")


def stand(app, x, y, heading=0.0):
    """Put the visitor at (x, y) facing `heading`, the room centred on them (as after a recentre)."""
    app.controls.space = PlaySpace(x, y, 0.0, heading)
    app.controls.centred = True
    steps(app, 2)


def hold(fake, hand="right", origin=HAND, target=None, **buttons):
    """The hand at `origin` (room metres) pointing at `target` (room; default straight ahead)."""
    target = target or (origin[0], origin[1] + 1.0, origin[2])
    pose = aim_at(origin, target)
    fake.hands[hand] = HandInput(active=True, aim=pose, grip=pose, **buttons)


def room_point(app, world):
    return tuple(app.headset.mode.tracking.getRelativePoint(app.base.render, Point3(*world)))


# --- the eyes -----------------------------------------------------------------------------------------

def magenta_columns(image):
    pixels = np.array([[image.getXel(x, y) for x in range(image.getXSize())] for y in range(image.getYSize())])
    mask = (pixels[..., 0] > 0.8) & (pixels[..., 1] < 0.25) & (pixels[..., 2] > 0.8)
    return np.nonzero(mask)[1]


def expected_column(eye_x, fov):
    """Where the marker's centre falls across an eye's image: its tangent within the eye's field."""
    tangent = (MARKER[0] - eye_x) / MARKER[1]
    left, right = math.tan(fov.left), math.tan(fov.right)
    return (tangent - left) / (right - left) * EYE_SIZE[0]


def test_each_eye_sees_the_scene_from_itself_with_its_own_field_of_view(app, fake):
    stand(app, 0, 0)
    fake.hands.clear()
    steps(app, 3)
    eyes = app.headset.mode.eyes.eyes
    images = [eye.image() for eye in eyes]
    for image in images:
        grey = np.array([[sum(image.getXel(x, y)) for x in range(0, 320, 8)] for y in range(0, 240, 8)])
        assert grey.std() > 0.05  # not blank: sky, ground, kiosks
    left_cols, right_cols = (magenta_columns(image) for image in images)
    assert len(left_cols) and len(right_cols)
    # The marker is where each eye's own pose and asymmetric frustum put it, to a pixel.
    assert left_cols.mean() == pytest.approx(expected_column(-0.0315, LEFT_EYE_FOV), abs=1.0)
    assert right_cols.mean() == pytest.approx(expected_column(0.0315, mirrored(LEFT_EYE_FOV)), abs=1.0)
    # Different projections: the frusta lean outwards, each its own way.
    offsets = [eye.lens.getFilmOffset()[0] for eye in eyes]
    assert offsets[0] < 0 < offsets[1] and offsets[0] == pytest.approx(-offsets[1])


def test_frames_reach_the_headset_with_located_views_and_synced_actions(app, fake):
    before = app.headset.stats()
    steps(app, 5)
    stats = app.headset.stats()
    assert stats["frames_submitted"] - before["frames_submitted"] == 5
    assert stats["views_located"] - before["views_located"] == 5
    assert stats["actions_synced"] - before["actions_synced"] == 5
    last = fake.submitted[-1]
    assert len(last["views"]) == 2 and [size for _, size in last["eyes"]] == [EYE_SIZE, EYE_SIZE]
    assert all(texture > 0 for texture, _ in last["eyes"])
    assert stats["states"][:5] == ["IDLE", "READY", "SYNCHRONIZED", "VISIBLE", "FOCUSED"]


def test_the_window_mirrors_the_left_eye(app):
    mirror = app.headset.mode.mirror
    assert mirror.card.getTexture() == app.headset.mode.eyes.eyes[0].texture
    assert not app.base.camNode.isActive()  # the window draws no third view


# --- hands and moving about ---------------------------------------------------------------------------

def test_controllers_are_drawn_at_their_grip_pose_and_hidden_untracked(app, fake):
    stand(app, 1.0, -2.0, heading=90)
    hold(fake, "right")
    fake.hands["left"] = HandInput()
    steps(app)
    nodes = app.controls.hands
    expected = to_world(app.controls.space, HAND)
    assert tuple(nodes["right"].model.getPos(app.base.render)) == pytest.approx(expected, abs=1e-4)
    assert nodes["left"].grip.isStashed() and not nodes["right"].grip.isStashed()


@pytest.mark.parametrize("hand", ["right", "left"])
def test_a_teleport_is_aimed_with_an_arc_and_lands_where_it_showed(app, fake, hand):
    stand(app, 0, -6)
    fake.hands.clear()
    origin = (0.2 if hand == "right" else -0.2, 0.15, 1.3)
    hold(fake, hand, origin, stick=(0.0, 1.0))
    steps(app, 2)
    assert app.controls.arc.shown and app.controls.landing.ok
    walker = app.scene.walker
    expected = find_landing(walker, (0, -6, 0), to_world(app.controls.space, origin), (0, 1, 0))
    hold(fake, hand, origin, stick=(0.0, 0.0))  # let go: jump
    steps(app, 2)
    assert not app.controls.arc.shown
    assert (app.controls.pose.x, app.controls.pose.y) == pytest.approx((expected.x, expected.y), abs=0.01)
    assert 2.5 < app.controls.pose.y + 6 < 4.5


def test_a_teleport_through_the_wall_is_refused(app, fake):
    stand(app, 0, 4.0)  # the wall's near face is at y = 6
    hold(fake, "right", target=(0.2, 2.0, 1.8), stick=(0.0, 1.0))
    steps(app, 2)
    assert app.controls.arc.shown  # drawn, in the refusing colour, up to the wall
    assert not app.controls.landing.ok and app.controls.landing.reason == "wall"
    hold(fake, "right", target=(0.2, 2.0, 1.8), stick=(0.0, 0.0))
    steps(app, 2)
    assert (app.controls.pose.x, app.controls.pose.y) == pytest.approx((0, 4.0), abs=1e-6)


def test_a_flick_snap_turns_45_degrees_about_the_head(app, fake):
    stand(app, 2, -3, heading=10)
    fake.head = Pose((0.3, 0.2, 1.6))  # stepped aside in the room
    steps(app)
    head_before = to_world(app.controls.space, fake.head.position)
    hold(fake, "left", (-0.2, 0.15, 1.3), stick=(1.0, 0.0))
    steps(app, 3)
    hold(fake, "left", (-0.2, 0.15, 1.3))
    steps(app)
    assert app.controls.space.heading == pytest.approx(10 - 45)
    assert to_world(app.controls.space, fake.head.position) == pytest.approx(head_before, abs=1e-6)
    fake.head = Pose((0.0, 0.0, 1.6))


def test_smooth_movement_walks_where_the_head_looks_with_the_vignette(app, fake):
    app.settings.comfort.locomotion = "smooth"
    try:
        app.open_scene("test-yard")
        app.wait_until_loaded(timeout=60)
        stand(app, 0, -10)
        fake.head = Pose((0, 0, 1.6), from_heading(90))  # looking west
        hold(fake, "left", (-0.2, 0.15, 1.3), stick=(0.0, 1.0))
        steps_until(app, lambda: app.controls.pose.x < -0.4)  # walking takes real time: frames vary
        assert app.controls.pose.y == pytest.approx(-10, abs=0.01)
        assert app.controls.vignette.strength > 0.5
        hold(fake, "left", (-0.2, 0.15, 1.3))
        steps_until(app, lambda: app.controls.vignette.strength == 0.0)  # faded out once standing
    finally:
        app.settings.comfort.locomotion = "teleport"
        fake.head = Pose((0, 0, 1.6))
        app.open_scene("test-yard")
        app.wait_until_loaded(timeout=60)


def press_menu_button(app, fake, hand="right"):
    hold(fake, hand, menu=True)
    steps(app)
    hold(fake, hand)
    steps(app)


def test_the_menu_button_opens_the_menu_and_held_recentres(app, fake):
    stand(app, 0, 0)
    fake.head = Pose((0.4, -0.3, 1.6), from_heading(120))  # wandered and turned in the room
    steps(app)
    press_menu_button(app, fake)
    assert app.menu.visible
    press_menu_button(app, fake)
    assert not app.menu.visible
    hold(fake, "right", menu=True)  # held (the hold is timed by the frame clock: real seconds)
    steps_until(app, lambda: app.hud.notice_text is not None)
    hold(fake, "right")
    steps(app)
    assert app.hud.notice_text == "시점을 다시 맞췄습니다"
    assert not app.menu.visible  # a hold is no press
    forward = app.base.render.getRelativeVector(app.headset.mode.head, (0, 1, 0))
    assert math.degrees(math.atan2(-forward[0], forward[1])) == pytest.approx(0, abs=0.5)
    fake.head = Pose((0, 0, 1.6))


# --- kiosks ---------------------------------------------------------------------------------------------

def panel(app):
    return app.headset.panel_surface.node


def laser_click(app, fake, label, exact=False, hand="right", view=None, surface=None):
    """Point `hand`'s laser at the item `label` of a panel (the kiosk's, or `view` on `surface`) and pull
    the trigger, as a visitor does."""
    rect = region(app, label, exact).rect if view is None else next(r.rect for r in view.regions if label in r.label)
    node = panel(app) if surface is None else surface.node
    target = app.base.render.getRelativePoint(node, Point3((rect.left + rect.right) / 2, 0,
                                                           (rect.bottom + rect.top) / 2))
    origin = HAND if hand == "right" else (-HAND[0], HAND[1], HAND[2])
    hold(fake, hand, origin, room_point(app, target))
    steps(app)
    hold(fake, hand, origin, room_point(app, target), trigger=1.0)
    steps(app)
    hold(fake, hand, origin, room_point(app, target), trigger=0.0)
    steps(app)


@pytest.mark.parametrize("head_height, seated", [(1.62, False), (1.2, False), (1.15, True)])
def test_a_kiosk_panel_opens_before_the_eyes_at_their_height(app, fake, head_height, seated):
    app.settings.comfort.seated = seated
    app.open_scene("test-yard")
    app.wait_until_loaded(timeout=60)
    fake.head = Pose((0, 0, head_height))
    fake.hands.clear()
    steps(app, 2)
    stand(app, -3, 0.6)  # by the complaint kiosk at (-3, 2)
    app.controls.recentre(fake.head)
    hold(fake, "right", trigger=1.0)
    steps(app)
    hold(fake, "right")
    steps(app)
    try:
        assert app.kiosk_panel.visible
        eyes = app.headset.mode.head.getPos(app.base.render)
        assert eyes.z == pytest.approx(1.6 if seated else head_height, abs=0.01)
        centre = panel(app).getPos(app.base.render)
        assert centre.z == pytest.approx(eyes.z - 0.9 * math.sin(math.radians(12)), abs=0.01)
        assert (centre - eyes).length() == pytest.approx(0.9, abs=0.01)
        assert centre.y > eyes.y  # between the visitor and the kiosk
    finally:
        app.kiosk_panel.close()
        app.settings.comfort.seated = False
        fake.head = Pose((0, 0, 1.6))


def test_a_complaint_is_typed_in_hangul_with_the_laser_from_either_hand(app, fake):
    stand(app, -3, 0.6)
    fake.hands.clear()
    hold(fake, "left", (-0.2, 0.15, 1.3), trigger=1.0)  # the left hand alone opens it
    steps(app)
    hold(fake, "left", (-0.2, 0.15, 1.3))
    steps(app)
    assert app.kiosk_panel.visible
    step_until(app, "가로등 고장")
    laser_click(app, fake, "가로등 고장", hand="left")
    step_until(app, "전신주(등주) 번호*")
    laser_click(app, fake, "전신주(등주) 번호")
    assert app.kiosk_panel.session.flow.keyboard is not None
    type_on_screen(app, "종로-12", click_key=lambda app_, label, exact=False: laser_click(app_, fake, label, exact))
    assert "전신주(등주) 번호*: 종로-12" in panel_text(app).replace("▶ ", "")
    laser = app.controls.hands["right"].laser
    assert not laser.isHidden() and 0.3 < laser.getSy() < 1.5  # drawn to the panel
    app.kiosk_panel.close()


def test_the_settings_are_changed_with_the_laser_over_an_open_kiosk(app, fake, tmp_path):
    stand(app, -3, 0.6)
    fake.hands.clear()
    hold(fake, "right", trigger=1.0)  # the kiosk opens
    steps(app)
    hold(fake, "right")
    steps(app)
    step_until(app, "가로등 고장")
    fake.head = Pose((0, 0, 1.6), from_heading(-30))  # looking away to the right
    steps(app)
    press_menu_button(app, fake, hand="left")
    menu, surface = app.menu, app.headset.menu_surface
    try:
        assert menu.visible and app.kiosk_panel.view.root.isHidden()  # the kiosk's panel waits under it
        eyes = app.headset.mode.head.getPos(app.base.render)
        centre = surface.node.getPos(app.base.render) - eyes
        assert centre.length() == pytest.approx(0.9, abs=0.01)
        assert math.degrees(math.atan2(-centre.x, centre.y)) == pytest.approx(-30, abs=0.5)  # where they look
        laser_click(app, fake, "설정", view=menu.view, surface=surface)
        app.save_screenshot(tmp_path / "settings-in-headset.png")  # the left eye, to look at
        laser_click(app, fake, "언어", view=menu.view, surface=surface)  # a click steps the language on
        assert app.settings.language == "en"
        laser_click(app, fake, "Text size", view=menu.view, surface=surface)  # both panels drawn again
        assert app.settings.accessibility.text_scale == 1.25
        assert app.headset.pointer.target is surface.node and app.kiosk_panel.view.root.isHidden()
        laser_click(app, fake, "◀ Back", view=menu.view, surface=surface)
        laser_click(app, fake, "× Close", view=menu.view, surface=surface)
        assert not menu.visible and surface.node is None
        # The laser is the kiosk panel's again, in the new language.
        assert app.headset.pointer.target is panel(app)
        laser_click(app, fake, "Broken streetlight")
        step_until(app, "Number on the pole")
    finally:
        app.apply_setting(Change("language", "ko"))
        app.apply_setting(Change("accessibility.text_scale", 1.0))
        menu.close()
        app.kiosk_panel.close()
        fake.head = Pose((0, 0, 1.6))


# --- captions and the end ---------------------------------------------------------------------------------

def test_a_caption_hangs_by_its_speaker_in_view_and_in_the_view_otherwise(app, fake):
    stand(app, 0, 0)
    fake.head = Pose((0, 0, 1.6))
    steps(app)
    app.hud.show_caption("안내 방송입니다", speaker=(0.5, 5.0, 1.8))
    steps(app)
    assert app.hud.caption_mode == "world"
    assert app.hud.caption_node.getParent() == app.hud.anchor
    fake.head = Pose((0, 0, 1.6), from_heading(180))  # turned away
    steps(app, 2)
    assert app.hud.caption_mode == "head"
    assert app.hud.caption_node.getParent() == app.hud.root
    app.hud.show_caption("해설", speaker=None)
    steps(app)
    assert app.hud.caption_mode == "head"
    app.hud.hide_caption()
    fake.head = Pose((0, 0, 1.6))


def test_a_lost_headset_ends_the_run_and_lets_go_of_the_session(app, fake):
    fake.schedule(SessionState.LOSS_PENDING, after=2)
    steps(app, 5)
    assert app.headset_ended == "lost"
    assert "destroy_session" in fake.calls
    assert app.headset.stats()["states"][-1] == "LOSS_PENDING"
