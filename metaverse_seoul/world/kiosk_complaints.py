"""Filing a complaint at a kiosk, wired to Panda3D: key events in, work on threads, lines out.

What each key means and what is shown is decided in core/complaint_flow.py; this module only
listens to keys while it has the keyboard, runs what the flow asks for (the city's lists, the
outbox) on threads so no frame waits, and hands the answers back on the main thread in poll().
"""

import queue
import sqlite3
import threading

from direct.showbase.DirectObject import DirectObject

from ..services.errors import CityServicesError, one_line
from ..services.kiosk_content import open311_locale
from ..services.outbox import PENDING

KEYS = {"arrow_up": "up", "arrow_down": "down", "tab": "tab", "enter": "enter", "escape": "escape",
        "backspace": "backspace"}
REPEATING = ("arrow_up", "arrow_down", "backspace")  # held down, these repeat
WATCH_SECONDS = 0.3  # how often a just-submitted item is looked at until the city has answered
CONNECT_TIMEOUT_S = 30


class ComplaintSession:
    def __init__(self, flow, connection, lang, redraw, close):
        """`redraw()` draws flow.screen(); `close()` closes the kiosk panel (and so this session)."""
        self.flow = flow
        self.connection = connection
        self.locale = open311_locale(lang)
        self.redraw = redraw
        self.close = close
        self.answers = queue.Queue()
        self.stopped = threading.Event()
        self.watch_ended = threading.Event()
        self.events = DirectObject()
        for key, name in KEYS.items():
            self.events.accept(key, self.press, [name])
            if key in REPEATING:
                self.events.accept(f"{key}-repeat", self.press, [name])
        # Panda3D sends each typed character (a Hangul syllable once the input method commits it).
        self.events.accept("keystroke", self.type)
        self._in_background(self._load_home, True)

    # --- keys ---------------------------------------------------------------------------------
    def press(self, name):
        effect = self.flow.press(name)
        if effect is not None and effect.kind == "close":
            self.close()
            return
        if effect is not None:
            self._carry_out(effect)
        self.redraw()

    def type(self, text):
        self.flow.type(text)
        self.redraw()

    def _carry_out(self, effect):
        if effect.kind == "home":
            self.watch_ended.set()
            self._in_background(self._load_home, False)
        elif effect.kind == "load_form":
            self._in_background(self._load_form, effect.service)
        elif effect.kind == "submit":
            self._in_background(self._submit, effect.payload)

    # --- work on threads (no engine calls; answers go through the queue) ------------------------
    def _in_background(self, job, *args):
        def run():
            try:
                job(*args)
            except (CityServicesError, OSError, ValueError, sqlite3.Error) as exc:
                self._answer(self.flow.failed, one_line(exc))
        threading.Thread(target=run, name="kiosk-complaints", daemon=True).start()

    def _answer(self, method, *args):
        if not self.stopped.is_set():
            self.answers.put((method, args))

    def _connected(self):
        if not self.connection.wait(timeout=CONNECT_TIMEOUT_S):
            raise CityServicesError(self.connection.error or "not connected")
        return self.connection

    def _load_home(self, with_services):
        city = self._connected()
        self._answer(self.flow.loaded_recent, city.outbox.items())  # local: shown even when offline
        if with_services:
            self._answer(self.flow.loaded_services, city.client.services(locale=self.locale))

    def _load_form(self, service):
        definition = self._connected().client.service_definition(service.service_code, locale=self.locale)
        self._answer(self.flow.loaded_definition, service, definition)

    def _submit(self, payload):
        city = self._connected()
        # The outbox, never the API directly: stored first, the complaint survives an outage or a crash.
        item = city.outbox.submit("complaint", payload)
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
