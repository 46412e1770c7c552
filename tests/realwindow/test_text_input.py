"""What reaches a Panda3D window from the X server (metaverse_seoul/world/text_input.py): the
keystroke probe (a bare window with the app's text input) under Xvfb, typed at with xdotool and
through ibus-hangul."""

import json
import os
import subprocess
import sys
import time

import pytest

from metaverse_seoul.core.hangul import hangul_keys

from .app_window import ROOT
from .person import Person
from processes import stop_process  # scripts/, on the path from tests/conftest.py

START_TIMEOUT_S = 60
# A frame as long as llvmpipe's on a busy machine: keys and input-method messages pile up in it.
SLOW_FRAME_S = 0.25


class Probe:
    def __init__(self, folder, env, *args):
        self.out = folder / "probe.jsonl"
        self.log = folder / "probe.log"
        with open(self.out, "w") as out, open(self.log, "w") as log:
            self.process = subprocess.Popen([sys.executable, "-m", "tests.realwindow.keystroke_probe", *args],
                                            cwd=ROOT, env={**os.environ, "LC_ALL": "C.UTF-8", **env},
                                            stdout=out, stderr=log)

    def reports(self):
        return [json.loads(line) for line in self.out.read_text().splitlines() if line.strip()]

    def wait_until_ready(self):
        """Returns whether the XIM pump is installed."""
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            ready = [report["ready"] for report in self.reports() if "ready" in report]
            if ready:
                return ready[0]
            assert self.process.poll() is None, self.log.read_text()
            time.sleep(0.1)
        raise TimeoutError(f"the probe did not start: {self.log.read_text()}")

    def keystrokes_until(self, last, timeout=60):
        """The text of the keystrokes once `last` has arrived."""
        deadline = time.monotonic() + timeout
        while True:
            text = "".join(report["keystroke"] for report in self.reports() if "keystroke" in report)
            if text.endswith(last) or time.monotonic() > deadline:
                return text
            time.sleep(0.1)

    def stop(self):
        stop_process(self.process)


@pytest.fixture
def probe(tmp_path, xvfb):
    started = []

    def start(env=None, *args):
        started.append(Probe(tmp_path, {**xvfb.env, **(env or {})}, *args))
        return started[-1]

    yield start
    for each in started:
        each.stop()


def test_typed_characters_of_any_script_arrive_as_keystrokes(probe, xvfb):
    window = probe()
    assert window.wait_until_ready()  # an X11 window: the XIM pump is installed
    text = "Seoul 2026, 서울광장 中文 日本語 é ß!"
    Person(xvfb.env).type(text)  # each character on a key of its own first (keysyms.py)
    Person(xvfb.env).press("Return")
    assert window.keystrokes_until("\r") == text + "\r"


def test_syllables_committed_by_ibus_hangul_arrive_in_order_on_slow_frames(probe, xvfb, ibus_hangul):
    window = probe(ibus_hangul.app_env, "--frame-s", str(SLOW_FRAME_S))
    assert window.wait_until_ready()
    text = "중구-0417 가로등"
    Person(xvfb.env).type(hangul_keys(text))  # wndrn-0417 rkfhemd
    Person(xvfb.env).press("Return")  # commits 등, then arrives itself
    # "-", " " and Return end a syllable and arrive after it; without the XIM pump Panda3D 1.10 gets
    # the Latin keys, w n d r n - 0 4 1 7 ...
    assert window.keystrokes_until("\r") == text + "\r"
