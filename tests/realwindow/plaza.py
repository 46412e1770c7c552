"""A new resident in Seoul Plaza, scripted: from where the app puts them, turn towards a kiosk
with the mouse, walk there with keys held down, press Enter, and use the kiosk with the keys the
README's controls table gives. Shared by the real-window tests and benchmarks/new_user.py.

The app has no test channel, so each step waits on something a person could notice: the view
moving while they walk, the city server being asked for the kiosk's list (its access log), the
kiosk panel's marked line moving to the next entry or step. No step waits a fixed time for the app:
llvmpipe draws about five frames a second here, far fewer when the machine is busy.
"""

import math
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from metaverse_seoul.core.locomotion import forward_vector
from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.core.settings import load_settings
from metaverse_seoul.paths import ASSETS_DIR, DEFAULT_CONFIG, SCENES_DIR
from metaverse_seoul.world.kiosk_panel import REACH

from .screen import Box

PLAZA = load_manifest(SCENES_DIR / "seoul-plaza.yaml", ASSETS_DIR)
CONTROLS = load_settings(DEFAULT_CONFIG).controls  # the app's own defaults: speeds, mouse sensitivity
OPEN311 = "/open311/v2"
RESERVATIONS = "/reservations/v1"
FIRST_REQUEST = {"complaint": ("GET", f"{OPEN311}/services.json"),
                 "reservation": ("GET", f"{RESERVATIONS}/facilities")}

RUN_KEYS = ("shift", "w")  # running: Shift with forward, as the controls table says
RUN_SPEED = CONTROLS.walk_speed * CONTROLS.run_multiplier  # m/s at most
MAX_FRAME_S = 0.1  # the app moves a frame by at most 0.1 s of speed (controls.py), however long it took
FRAME_STEP = RUN_SPEED * MAX_FRAME_S  # metres a frame when the app draws fewer than 10 frames a second
STAND_OFF = 1.5  # metres short of the kiosk's middle: where a person stands to use it
VIEW = (160, 120)  # pixels in the middle of the window watched for the view moving
FIELD_ROWS = 220  # pixel rows from a focused list field's label down over its choices
MAX_FIELDS = 8  # Enter presses from the last field typed into to the review, at most

PROBE_WAIT_S = 5.0     # after Enter: how long the kiosk may take to ask the city for its list
WALK_TIMEOUT_S = 90
ANSWER_TIMEOUT_S = 45  # for the city's answer to be drawn, on a busy machine
KEY_EFFECT_S = 12      # for a key's effect to show: through an input method keys are read one a frame
TYPING_TIMEOUT_S = 120  # for the first key after typing: it is read once everything typed before is


@dataclass(frozen=True)
class Route:
    """From the spawn point to a kiosk: the mouse move that turns towards it (pixels, negative is
    to the left) and how far it is."""
    turn_px: int
    distance: float


def route_to(kiosk_id):
    kiosk = next(k for k in PLAZA.kiosks if k.id == kiosk_id)
    sx, sy, _ = PLAZA.spawn.position
    kx, ky, _ = kiosk.position
    facing = math.degrees(math.atan2(-(kx - sx), ky - sy))
    assert np.allclose(forward_vector(facing), np.array([kx - sx, ky - sy]) / math.hypot(kx - sx, ky - sy))
    turn = (facing - PLAZA.spawn.heading + 180) % 360 - 180  # to the left is positive
    # The app turns by -dx * mouse_sensitivity degrees for a pointer move of dx pixels.
    return Route(turn_px=round(-turn / CONTROLS.mouse_sensitivity), distance=math.hypot(kx - sx, ky - sy))


def kiosk_kind(kiosk_id):
    return next(k.kind for k in PLAZA.kiosks if k.id == kiosk_id)


class NewUser:
    """Drives the app through `person` (keys, mouse), watching `screen` and the city's `log`;
    screenshots go to `shots_dir` as NN-name.png (none when it is None)."""

    def __init__(self, person, screen, log, shots_dir, walk_keys=RUN_KEYS):
        self.person, self.screen, self.log = person, screen, log
        self.shots_dir = Path(shots_dir) if shots_dir else None
        self.walk_keys = walk_keys
        self.type_keys = person.type  # how form fields are typed into (a benchmark times each key)
        self.typed = False  # keys typed may still be on their way to the app
        self.frame_times = []  # when the view changed while walking: one frame each
        self.kiosk_open_at = None  # when the kiosk's list was drawn (time.monotonic())
        self.answered_at = None  # when the city answered the submission
        self.shots = []

    def shot(self, name):
        if self.shots_dir is None:
            return None
        path = self.shots_dir / f"{len(self.shots) + 1:02d}-{name}.png"
        self.shots.append(self.screen.save(path))
        return path

    # --- getting there ----------------------------------------------------------------------
    def look_towards(self, kiosk_id):
        """Click into the window (the app takes the pointer for looking) and turn with the mouse."""
        self.person.click()
        self.person.move_mouse(route_to(kiosk_id).turn_px, 0)

    def walk(self, metres, arrived=lambda: False):
        """Hold the walk keys until the app has moved about `metres`, or `arrived()`.

        A frame moves RUN_SPEED times its length, counted as at most MAX_FRAME_S. Below 10 frames a
        second each frame so moves FRAME_STEP, and each changes the view: count changes. Above, the
        app moves RUN_SPEED m/s: count seconds. Holding until both counts are reached is right in
        either case (grabs of the view take a few milliseconds, so no frame goes uncounted)."""
        frames_needed, seconds_needed = metres / FRAME_STEP, metres / RUN_SPEED
        view = self.screen.box.middle(*VIEW)
        with self.person.holding(*self.walk_keys):
            start, before, frames = time.monotonic(), self.screen.grab(view), 0
            while frames < frames_needed or time.monotonic() - start < seconds_needed:
                if arrived():
                    return
                now = self.screen.grab(view)
                if not np.array_equal(now, before):
                    frames, before = frames + 1, now
                    self.frame_times.append(time.monotonic())
                if time.monotonic() - start > WALK_TIMEOUT_S:
                    raise AssertionError(f"the view moved {frames} times in {WALK_TIMEOUT_S} s of walking")
                time.sleep(0.005)

    def walk_to(self, kiosk_id):
        """Walk up to the kiosk, press Enter and wait for its list; returns the seconds it took."""
        self.log.skip_past()
        opened = Request(self.log, *FIRST_REQUEST[kiosk_kind(kiosk_id)])  # the kiosk asks for its list
        start = time.monotonic()
        self.walk(route_to(kiosk_id).distance - STAND_OFF)
        while not opened():  # (an Enter may be answered late)
            if self.press("Return", until=opened, tries=1, timeout=PROBE_WAIT_S):
                break
            if time.monotonic() - start > WALK_TIMEOUT_S:
                self.shot("lost")
                raise AssertionError(f"{kiosk_id} did not open in {WALK_TIMEOUT_S} s")
            # Short of it still: a step that cannot carry past its reach. Once the kiosk is open it
            # has the keyboard and the view stops moving, so its opening ends the step.
            self.walk(REACH / 2, arrived=opened)
        self.screen.wait_for_marked_line(ANSWER_TIMEOUT_S)  # the city's list, drawn
        self.kiosk_open_at = time.monotonic()
        return self.kiosk_open_at - start

    # --- at a kiosk ---------------------------------------------------------------------------
    def type(self, keys):
        self.type_keys(keys)
        self.typed = True

    def press(self, key, until, tries=3, timeout=KEY_EFFECT_S):
        """Press `key` and wait until `until()` (checked again and again): True once it is, False if
        it never was. A person whose key did nothing presses it again, up to `tries` times in all:
        through an input method on slow frames the app can miss a press (text_input.py, Limits).
        The first key after typing is read only after all that was typed, so it is pressed once and
        waited for longer (pressed again, it would act twice)."""
        if self.typed:
            tries, timeout, self.typed = 1, TYPING_TIMEOUT_S, False
        for _ in range(tries):
            self.person.press(key)
            if _wait_until(until, timeout):
                return True
        return False

    def _marked_row(self):
        mask = self.screen.marked_line()
        return None if mask is None else int(np.nonzero(mask.any(axis=1))[0][0])

    def press_to_move(self, key, what):
        """A key that moves the panel's marked line: the next entry of a list, the next field."""
        row = self._marked_row()
        moved = self.press(key, until=lambda: self._marked_row() not in (None, row))
        assert moved, f"{what}: the marked line stayed at row {row} after {key}"

    def press_to_pick(self, key, what):
        """A key that picks a choice in the focused list field: the field and its choices change."""
        window, top = self.screen.box, max(0, self._marked_row() - 10)
        field = Box(window.x, window.y + top, window.width, min(FIELD_ROWS, window.height - top))
        before = self.screen.grab(field)
        picked = self.press(key, until=lambda: not np.array_equal(self.screen.grab(field), before))
        assert picked, f"{what}: nothing changed on the focused field after {key}"

    def press_to_load(self, key, method, path, what):
        """A key after which the kiosk asks the city for the next step (`method path`, from the
        access log) and draws it."""
        self.log.skip_past()
        chosen = self.screen.marked_line()
        loaded = Request(self.log, method, path)
        assert self.press(key, until=loaded), f"{what}: the app never asked for {method} {path}"
        assert loaded.status == 200, f"{what}: {method} {path} answered {loaded.status}"
        # The request can come before the frame that took the key is on screen: wait for the next
        # step's marked line, not the chosen entry's still shown.
        self.screen.wait_for_marked_line(ANSWER_TIMEOUT_S, unlike=chosen)

    def choose(self, position):
        """Move the panel's marked line down to the entry at `position` (0 is the first), one key
        at a time as someone watching it would."""
        self.screen.wait_for_marked_line(ANSWER_TIMEOUT_S)
        for _ in range(position):
            self.press_to_move("Down", "choosing from the list")

    def open_complaint_form(self, service_code, services):
        """At the complaint kiosk, its list shown: choose the kind `service_code` from `services`
        (the codes in the order the city lists them: what the screen shows)."""
        self.shot("complaint-kinds")
        self.choose(services.index(service_code))
        self.press_to_load("Return", "GET", f"{OPEN311}/services/{service_code}.json", "the complaint form")
        self.shot("complaint-form")

    def fill_streetlight_form(self, pole_keys, description_keys):
        """Pole number, the first kind of fault, a description, then the review; `*_keys` are the
        keys to press (the text itself, or 2-beolsik keys for an input method). The fields follow
        the kind's own questions as complaint_form.py lays them out: where (here, chosen), an address
        (not needed here), the description, then contact details a resident may leave out."""
        self.type(pole_keys)
        self.press_to_move("Return", "after the pole number")   # on to "what is wrong?"
        self.press_to_pick("Down", "the kind of fault")         # the first: not lit at night
        self.press_to_move("Return", "after the kind of fault")  # on to "where?"
        self.press_to_move("Return", "where: here")             # on to the address
        self.press_to_move("Return", "no address")              # on to the description
        self.type(description_keys)
        self.press_to_review()

    def book_first_slot(self, facility_id, name_keys, phone_keys):
        """At the reservation kiosk, its list shown: the first facility (`facility_id`), its first
        free time, the smallest group (filled in), then name and phone; then the review."""
        self.shot("facilities")
        self.choose(0)
        self.press_to_load("Return", "GET", f"{RESERVATIONS}/facilities/{facility_id}/slots", "the times")
        self.shot("times")
        self.press_to_move("Return", "the first free time")     # the form, on the number of people
        self.press_to_move("Return", "the number of people")    # kept as filled in; on to the name
        self.type(name_keys)
        self.press_to_move("Return", "after the name")
        self.type(phone_keys)
        self.press_to_review()                                  # past the email, which is optional

    def press_to_review(self):
        """Enter field by field past the optional ones: on the last, the form is checked and the
        review drawn. The review has no marked line, so once it is gone every key typed before has
        been read."""
        for _ in range(MAX_FIELDS):
            row = self._marked_row()
            moved = self.press("Return", until=lambda: self._marked_row() != row)
            assert moved, f"Enter on the field at row {row} did nothing (a problem with the form?)"
            if self._marked_row() is None:
                self.shot("review")
                return
        raise AssertionError(f"no review after Enter on {MAX_FIELDS} fields")

    def submit(self, method, path, what):
        """Enter on the review: the app's outbox sends it; returns once the city has answered."""
        self.log.skip_past()
        answered = Request(self.log, method, path)
        assert self.press("Return", until=answered), f"{what}: the app never sent {method} {path}"
        self.answered_at = time.monotonic()
        assert answered.status in (200, 201), f"{what}: the city answered {answered.status}"  # Open311: 200
        self.screen.settle(quiet_s=2.0)  # the panel follows the outbox item: waiting, then sent
        self.shot("sent")


class Request:
    """A request the app is expected to make, looked for in the city server's access log; called,
    says whether it has come (its status is then in `status`)."""

    def __init__(self, log, method, path):
        self.log, self.method, self.path = log, method, path
        self.status = None

    def __call__(self):
        if self.status is None:
            self.status = self.log.wait_for(self.method, self.path, timeout=0)
        return self.status is not None


def _wait_until(condition, timeout):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True
