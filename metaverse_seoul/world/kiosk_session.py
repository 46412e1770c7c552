"""A keyboard-driven kiosk flow (core/kiosk_flow.py) wired to Panda3D: key events in, work on
threads, answers applied on the main thread, lines out.

What each key means and what is shown is decided by the flow; a session only listens to keys
while it has the keyboard, runs what the flow asks for (an Effect) on a thread so no frame waits,
and hands the answers back on the main thread in poll(). A subclass says what opening the kiosk
loads (`_open`) and carries out its flow's own effects: `_<effect kind>(effect)`, run on a thread.
"""

import queue
import sqlite3
import threading

from direct.showbase.DirectObject import DirectObject

from ..services.errors import CityServicesError, one_line
from ..services.outbox import PENDING

WATCH_SECONDS = 0.3  # how often a just-submitted item is looked at until the city has answered
CONNECT_TIMEOUT_S = 30


class KioskSession:
    KEYS = {"arrow_up": "up", "arrow_down": "down", "tab": "tab", "enter": "enter", "escape": "escape",
            "backspace": "backspace"}
    REPEATING = ("arrow_up", "arrow_down", "backspace")  # held down, these repeat

    def __init__(self, flow, connection, redraw, close):
        """`redraw()` draws flow.screen(); `close()` closes the kiosk panel (and so this session)."""
        self.flow = flow
        self.connection = connection
        self.redraw = redraw
        self.close = close
        self.answers = queue.Queue()
        self.stopped = threading.Event()
        self.watch_ended = threading.Event()
        self.events = DirectObject()
        for key, name in self.KEYS.items():
            self.events.accept(key, self.press, [name])
            if key in self.REPEATING:
                self.events.accept(f"{key}-repeat", self.press, [name])
        # Panda3D sends each typed character (a Hangul syllable once the input method commits it).
        self.events.accept("keystroke", self.type)
        self._in_background(self._open)

    # --- keys ---------------------------------------------------------------------------------
    def press(self, name):
        effect = self.flow.press(name)
        if effect is not None and effect.kind == "close":
            self.close()
            return
        if effect is not None:
            if effect.kind == "home":
                self.watch_ended.set()  # the status step is left: stop watching its item
            self._in_background(getattr(self, f"_{effect.kind}"), effect)
        self.redraw()

    def type(self, text):
        self.flow.type(text)
        self.redraw()

    # --- work on threads (no engine calls; answers go through the queue) ------------------------
    def _in_background(self, job, *args):
        def run():
            try:
                job(*args)
            except (CityServicesError, OSError, ValueError, sqlite3.Error) as exc:
                self._answer(self.flow.failed, one_line(exc))
        threading.Thread(target=run, name=f"kiosk-{self.flow.outbox_kind}", daemon=True).start()

    def _answer(self, method, *args):
        if not self.stopped.is_set():
            self.answers.put((method, args))

    def _connected(self):
        if not self.connection.wait(timeout=CONNECT_TIMEOUT_S):
            raise CityServicesError(self.connection.error or "not connected")
        return self.connection

    def _open(self):
        """What the kiosk shows first (on a thread)."""
        raise NotImplementedError

    def _home(self, effect):
        """Back at the first step after a submission: what it shows, fresh."""
        self._open()

    def _submit(self, effect):
        city = self._connected()
        # The outbox, never the API directly: stored first, a submission survives an outage or a crash.
        item = city.outbox.submit(self.flow.outbox_kind, effect.payload)
        city.worker.wake()
        self.watch_ended.clear()
        self._answer(self.flow.submitted, item)
        while item.status == PENDING and not (self.stopped.is_set() or self.watch_ended.wait(WATCH_SECONDS)):
            latest = city.outbox.item(item.id)
            if latest != item:
                item = latest
                self._answer(self.flow.item_changed, item)

    # --- main thread --------------------------------------------------------------------------
    def poll(self):
        """Every frame: apply the answers that have arrived, and redraw if there were any."""
        answered = False
        while True:
            try:
                method, args = self.answers.get_nowait()
            except queue.Empty:
                break
            method(*args)
            answered = True
        if answered:
            self.redraw()

    def stop(self):
        self.stopped.set()
        self.watch_ended.set()
        self.events.ignoreAll()
