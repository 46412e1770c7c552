"""A kiosk flow (core/kiosk_flow.py) wired to the running app: keys, typed text and clicks in; the
effects the flow returns carried out by the app's BackgroundWork; the answers handed back to the flow
on the main thread; the panel redrawn after each.

What each key means and what is shown is decided by the flow. A session only listens to keys while
it has the keyboard, and says how each effect is done:

    effect = flow.press("enter")          # LoadForm(service)
    session.carry_out(effect)             # a job fetches the definition; on the main thread:
    flow.loaded_definition(service, definition); redraw()

ComplaintSession and BookingSession (kiosk_complaints.py, kiosk_booking.py) add what opening their
kiosk loads and the effects only their flow has.
"""

import threading
from functools import partial

from direct.showbase.DirectObject import DirectObject

from ..core.kiosk_effects import Close, ShowHome, Submit
from ..services.errors import CityServicesError, one_line
from ..services.outbox import PENDING

WATCH_SECONDS = 0.3  # how often a just-submitted item is looked at until the city has answered
CONNECT_TIMEOUT_S = 30


class KioskSession:
    # Keys (as the window's button thrower names them) and the flow's name for each.
    KEYS = {"arrow_up": "up", "arrow_down": "down", "arrow_left": "left", "arrow_right": "right",
            "home": "home", "end": "end", "tab": "tab", "enter": "enter", "escape": "escape",
            "backspace": "backspace", "delete": "delete"}
    REPEATING = ("arrow_up", "arrow_down", "arrow_left", "arrow_right", "backspace", "delete")  # held, they repeat

    def __init__(self, flow, connection, work, redraw, close, locale=None):
        """`work`: the app's BackgroundWork; `redraw()` draws the flow; `close()` closes the kiosk panel
        (and so this session); `locale`: the language asked of the city's services."""
        self.flow = flow
        self.connection = connection
        self.work = work
        self.redraw = redraw
        self.close = close
        self.locale = locale
        self.jobs = []
        self.stopped = threading.Event()
        self.watch_ended = threading.Event()
        self.events = DirectObject()
        self.listen()

    def listen(self, listening=True):
        """Take the keyboard (or, with False, let it go while the app's menu is over the kiosk)."""
        self.events.ignoreAll()
        if not listening:
            return
        for key, name in self.KEYS.items():
            self.events.accept(key, self.press, [name])
            if key in self.REPEATING:
                self.events.accept(f"{key}-repeat", self.press, [name])
        # Each typed character, as the window sends it (a Hangul syllable once the input method commits it).
        self.events.accept("keystroke", self.type)

    # --- input --------------------------------------------------------------------------------
    def press(self, name):
        self._after_input(self.flow.press(name))

    def type(self, text):
        self.flow.type(text)
        self.redraw()

    def click(self, target):
        self._after_input(self.flow.click(target))

    def keyboard_press(self, key):
        self._after_input(self.flow.keyboard_press(key))

    def _after_input(self, effect):
        if effect is not None:
            self.carry_out(effect)
        if not self.stopped.is_set():
            self.redraw()

    # --- effects ------------------------------------------------------------------------------
    def carry_out(self, effect):
        """Do what the flow asked for; a subclass handles its own flow's effects and passes on the rest."""
        match effect:
            case Close():
                self.close()
            case ShowHome():
                self.watch_ended.set()  # the status step is left: stop following its item
                self.open()
            case Submit(kind=kind, payload=payload):
                self.run(lambda: self._connected().outbox.submit(kind, payload), done=self._stored)
            case _:
                raise ValueError(f"no way to carry out {effect!r}")

    def open(self):
        """Load what the kiosk's first step shows."""
        raise NotImplementedError

    def run(self, work, done=None):
        """Run work() with no argument as a job; done(result) and then a redraw on the main thread; a
        failure goes to the flow as one line."""
        job = self.work.start(lambda report: work(), name=f"kiosk-{self.flow.outbox_kind}",
                              done=partial(self._answered, done), failed=self._failed)
        self.jobs.append(job)
        return job

    def _answered(self, done, result):
        if done is not None:
            done(result)
        self.redraw()

    def _failed(self, exc):
        self.flow.failed(one_line(exc))
        self.redraw()

    def _connected(self):
        """The city connection once it is up (on a job's thread: it may wait)."""
        if not self.connection.wait(timeout=CONNECT_TIMEOUT_S):
            raise CityServicesError(self.connection.error or "not connected")
        return self.connection

    # --- after a submission: follow the outbox item until the city has answered ------------------
    def _stored(self, item):
        self.flow.submitted(item)
        self.watch_ended.clear()
        job = self.work.start(partial(self._follow, item), name="kiosk-follow",
                              progress=self._item_changed, failed=self._failed)
        self.jobs.append(job)

    def _follow(self, item, report):
        city = self._connected()
        city.worker.wake()  # send it now rather than at the worker's next round
        while item.status == PENDING and not (self.stopped.is_set() or self.watch_ended.wait(WATCH_SECONDS)):
            latest = city.outbox.item(item.id)
            if latest != item:
                item = latest
                report(item)

    def _item_changed(self, item):
        self.flow.item_changed(item)
        self.redraw()

    def stop(self):
        self.stopped.set()
        self.watch_ended.set()
        for job in self.jobs:
            job.cancel()
        self.events.ignoreAll()
