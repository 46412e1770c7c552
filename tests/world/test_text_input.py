"""Typed text in the app (world/text_input.py): where the XIM pump applies, what it does with the
input method's messages (on a stand-in for Xlib's queue), and a window's keystrokes fed in where the
window system puts them. A real input method with xdotool: tests/realwindow."""

import logging
from types import SimpleNamespace

import pytest

from metaverse_seoul.world.engine import configure_engine, start_showbase
from metaverse_seoul.world.text_input import KEYSTROKE_EVENT, XimPump, enable_text_input, why_no_xim_pump


@pytest.mark.parametrize("platform, pipe, threads, reason", [
    ("linux", "glxGraphicsPipe", "", None),
    ("freebsd14", "glxGraphicsPipe", "", None),
    ("linux", "eglGraphicsPipe", "", "pipe eglGraphicsPipe is not an X11 window"),
    ("linux", "", "", "pipe none is not an X11 window"),
    ("linux", "glxGraphicsPipe", "Cull/Draw", "threaded pipeline 'Cull/Draw'"),
    ("win32", "wglGraphicsPipe", "", "no XIM on win32"),
    ("darwin", "CocoaGraphicsPipe", "", "no XIM on darwin"),
])
def test_the_pump_applies_to_an_x11_window_on_the_single_threaded_pipeline(platform, pipe, threads, reason):
    assert why_no_xim_pump(platform, pipe, threads) == reason


class FakeQueue:
    """Xlib's event queue as the pump sees it. Filtering a message ("xim", hands_back) puts the key it
    hands back at the head of the queue, as XPutBackEvent does."""

    def __init__(self, events, ready=True):
        self.events = list(events)
        self.is_ready = ready
        self.filtered = []

    def ready(self):
        return self.is_ready

    def take_xim_message(self):
        for event in self.events:
            if event[0] == "xim":
                self.events.remove(event)
                return event
        return None

    def filter(self, message):
        self.filtered.append(message)
        if message[1] is not None:
            self.events.insert(0, ("key", message[1]))

    def first(self):
        return self.events[0] if self.events else None


def test_each_handed_back_key_is_read_before_the_next_message_is_filtered():
    # 등 is committed by the Space that follows it: filtering both at once would put the Space
    # (pushed back last, so read first) before 등.
    queue = FakeQueue([("xim", "등"), ("xim", " "), ("xim", None)])
    pump = XimPump(queue)
    assert pump.pump() == 1 and queue.events[0] == ("key", "등")
    queue.events.pop(0)  # Panda3D reads it
    assert pump.pump() == 1 and queue.events[0] == ("key", " ")


def test_messages_that_hand_nothing_back_are_all_filtered_in_one_frame():
    queue = FakeQueue([("xim", None), ("other", None), ("xim", None), ("xim", "가")])
    assert XimPump(queue).pump() == 3
    assert queue.events == [("key", "가"), ("other", None)]  # the app's own events stay for Panda3D


def test_a_message_that_only_changes_the_queue_behind_its_head_does_not_stop_the_pump():
    queue = FakeQueue([("other", None), ("xim", None), ("xim", "가")])
    original_filter = queue.filter

    def filter_reading_more(message):  # Xlib read another event from the server while filtering
        original_filter(message)
        queue.events.append(("other", "read meanwhile"))

    queue.filter = filter_reading_more
    assert XimPump(queue).pump() == 2


def test_the_pump_waits_for_the_window_to_be_drawn():
    queue = FakeQueue([("xim", "가")], ready=False)
    assert XimPump(queue).pump() == 0 and queue.filtered == []


def test_an_offscreen_buffer_gets_no_pump_and_one_debug_line_says_why(caplog):
    # What ShowBase has for an offscreen buffer (p3headlessgl): no input devices, an EGL pipe.
    offscreen = SimpleNamespace(
        buttonThrowers=None, pipe=SimpleNamespace(getType=lambda: SimpleNamespace(getName=lambda: "eglGraphicsPipe")),
        graphicsEngine=SimpleNamespace(getThreadingModel=lambda: SimpleNamespace(isSingleThreaded=lambda: True)),
        taskMgr=None)
    with caplog.at_level(logging.DEBUG, logger="metaverse_seoul.world.text_input"):
        assert enable_text_input(offscreen) is None
    [line] = caplog.messages
    assert "no XIM pump" in line and "eglGraphicsPipe is not an X11 window" in line


def open_window():
    """A bare window (on the display tests/world/conftest.py starts), with the app's text input."""
    configure_engine(320, 240, offscreen=False, vsync=False, title="text input test")
    base = start_showbase()
    return base, enable_text_input(base)


@pytest.fixture
def window():
    base, pump = open_window()
    yield base, pump
    base.destroy()


def test_the_pump_goes_with_its_window():
    # The task manager is the process's: a pump left behind would read an X connection since closed.
    base, _ = open_window()
    task_manager = base.taskMgr
    base.destroy()
    assert not task_manager.hasTaskNamed("xim-pump")


def test_an_x11_window_gets_the_pump_and_every_thrower_throws_keystrokes(window):
    base, pump = window
    assert pump is not None and base.taskMgr.hasTaskNamed("xim-pump")
    assert [t.node().getKeystrokeEvent() for t in base.buttonThrowers] == [KEYSTROKE_EVENT] * len(base.buttonThrowers)


def test_characters_the_window_reports_arrive_as_keystroke_events(window):
    base, _ = window
    typed = []
    base.accept(KEYSTROKE_EVENT, typed.append)
    try:
        device = base.win.getInputDevice(0)  # where the window puts what X11 (or the input method) delivers
        for char in "가a中":
            device.keystroke(ord(char))
        for _ in range(3):
            base.taskMgr.step()
    finally:
        base.ignore(KEYSTROKE_EVENT)
    assert typed == ["가", "a", "中"]
