"""A new user in a real window: from launch to a submitted complaint and to a confirmed booking.

    python -m benchmarks.new_user [--runs 1]

Each run starts, for each errand, a fresh X server (Xvfb, Mesa llvmpipe through GLX), a fresh city
server on loopback and the app with empty user folders (`main.py --api-url ... --size 1280x720`, as
a resident starts it), then the scripted resident of the real-window tests (tests/realwindow/plaza.py)
turns with the mouse, walks to the kiosk with keys held down and uses it with the keyboard.
Prints JSON and writes benchmarks/results/new_user.json:

- complaint / booking: seconds from launch to the first frame, to the kiosk's list, and to the city's
  answer to the submission (the access log shows it); key presses and clicks it took.
- key_to_glyph: in the complaint's form every character is typed on its own and timed from the key
  press to the change of the panel's focused line on screen; in milliseconds and in frames (the frame
  time measured while walking, when every frame moves the view). The complaint's figures include
  this watched typing, about as fast as a person types; the booking is typed at xdotool's pace.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))  # the server launcher and X server, as the tests use them
RESULTS = ROOT / "benchmarks" / "results"

from benchmarks.report import write_report  # noqa: E402
from tests.realwindow import city_reads  # noqa: E402
from tests.realwindow.app_window import CityServer  # noqa: E402
from tests.realwindow.screen import Box  # noqa: E402
from tests.realwindow.visit import Visit  # noqa: E402
from xvfb import Xvfb  # noqa: E402

POLE, DESCRIPTION = "중구-0417", "가로등이 꺼졌어요"
NAME, PHONE = "김서울", "010-2345-6789"
GLYPH_TIMEOUT_S = 10
LINE_MARGIN = 12  # pixels above and below the focused line watched for a new glyph


class GlyphClock:
    """Types one key at a time and times each until the panel's focused line changes on screen."""

    def __init__(self, user):
        self.person, self.screen = user.person, user.screen
        self.seconds = []

    def type(self, text):
        self.person.keysyms.bind(text)  # bound before the clock starts
        for char in text:
            watched = self._focused_line()
            before = self.screen.grab(watched)
            pressed = time.monotonic()
            self.person.type(char)
            self.screen.wait_for_change(before, GLYPH_TIMEOUT_S, box=watched)
            self.seconds.append(time.monotonic() - pressed)

    def _focused_line(self):
        rows = np.nonzero(self.screen.marked_line().any(axis=1))[0]
        box = self.screen.box
        top = max(0, int(rows.min()) - LINE_MARGIN)
        bottom = min(box.height, int(rows.max()) + LINE_MARGIN)
        return Box(box.x, box.y + top, box.width, bottom - top)


def figures(visit):
    """Seconds from launch to the first frame, the kiosk's list and the city's answer; keys and clicks."""
    user, launched = visit.user, visit.app.started_at
    return {"seconds_to_first_frame": round(visit.ready_s, 2),
            "seconds_to_kiosk_list": round(user.kiosk_open_at - launched, 2),
            "seconds_to_answer": round(user.answered_at - launched, 2),
            "key_presses": user.person.key_presses, "clicks": user.person.clicks}


@contextmanager
def errand(folder):
    """A fresh X server and city server, and the app on them with empty user folders (not yet started)."""
    folder.mkdir(parents=True)
    xvfb = Xvfb(folder / "xvfb.log").start()
    city = CityServer(folder).wait_until_up()
    visit = Visit(folder, xvfb, city, shots=False)
    try:
        yield visit, city
    finally:
        try:
            visit.stop()
        finally:
            city.stop()
            xvfb.stop()


def complaint(folder):
    """Files a streetlight complaint; returns its figures, the key timings and the walk's frame times."""
    with errand(folder) as (visit, city):
        user = visit.start()
        services = city_reads.service_codes(city)
        user.look_towards("plaza-complaint")
        user.walk_to("plaza-complaint")
        clock = GlyphClock(user)
        user.type_keys = clock.type
        user.open_complaint_form("broken-streetlight", services)
        user.fill_streetlight_form(POLE, DESCRIPTION)
        user.submit("POST", "/open311/v2/requests.json", "the complaint")
        assert city_reads.sent_item(visit.app, "complaint").payload["description"] == DESCRIPTION
        return figures(visit), clock.seconds, user.frame_times


def booking(folder):
    with errand(folder) as (visit, city):
        user = visit.start()
        facility = city_reads.first_accepting_facility(city)
        user.look_towards("plaza-reservation")
        user.walk_to("plaza-reservation")
        user.book_first_slot(facility, NAME, PHONE)
        user.submit("POST", "/reservations/v1/reservations", "the booking")
        assert city_reads.reservation(city, city_reads.sent_item(visit.app, "reservation"))["name"] == NAME
        return figures(visit)


def summary(values, digits=1):
    values = sorted(values)
    return {"median": round(statistics.median(values), digits), "max": round(values[-1], digits),
            "count": len(values)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--out", type=Path, default=RESULTS / "new_user.json")
    parser.add_argument("--keep", type=Path, help="keep the runs' folders (screenshots, logs) here")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        complaints, bookings, key_s, frame_s = [], [], [], []
        for run in range(args.runs):
            found, seconds, frames = complaint(base / f"run{run}-complaint")
            complaints.append(found)
            key_s += seconds
            frame_s += list(np.diff(frames))
            bookings.append(booking(base / f"run{run}-booking"))
    frame_ms = statistics.median(frame_s) * 1000
    report = {
        "machine": {"cpus": os.cpu_count(), "platform": sys.platform, "load_average": os.getloadavg(),
                    "renderer": "Mesa llvmpipe via GLX on Xvfb", "window": "1280x720"},
        "complaint": complaints, "booking": bookings,
        "key_to_glyph": {"ms": summary([s * 1000 for s in key_s], 0),
                         "frames": summary([s * 1000 / frame_ms for s in key_s]),
                         "frame_ms_while_walking": round(frame_ms, 1)},
    }
    write_report(report, args.out, ascii_only=False)


if __name__ == "__main__":
    main()
