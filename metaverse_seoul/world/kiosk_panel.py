"""The panel a kiosk opens: what the city offers there, fetched from the city-services API.

The fetch runs on a thread (network I/O never stalls a frame; it makes no engine calls) and the
panel is drawn on the main thread when the answer is in. At a complaint or suggestion kiosk the
panel hosts the complaint steps (kiosk_complaints.py), at a reservation kiosk the booking steps
(kiosk_booking.py); both take the keyboard while open."""

import queue
import threading

from ..core.booking_flow import BookingFlow
from ..core.complaint_flow import ComplaintFlow
from ..services.errors import CityServicesError, one_line
from ..services.kiosk_content import kiosk_lines
from .kiosk_booking import BookingSession
from .kiosk_complaints import ComplaintSession
from .text import styled_text

REACH = 2.5  # metres: how close a visitor stands to use a kiosk
COMPLAINT_KINDS = ("complaint", "suggestion")
BOOKING_KIND = "reservation"


def nearest_kiosk(kiosks, x, y):
    """The kiosk manifest entry within REACH of (x, y), nearest first, or None."""
    best, best_d2 = None, REACH ** 2
    for kiosk in kiosks:
        kx, ky, _ = kiosk.position
        d2 = (kx - x) ** 2 + (ky - y) ** 2
        if d2 <= best_d2:
            best, best_d2 = kiosk, d2
    return best


class KioskPanel:
    def __init__(self, hud, strings, lang, connection, on_keyboard=None):
        """`on_keyboard(taken)` is told when a kiosk flow takes the keyboard and gives it back."""
        self.hud = hud
        self.t = strings
        self.lang = lang
        self.connection = connection
        self.on_keyboard = on_keyboard or (lambda taken: None)
        self.answers = queue.Queue()
        self.node = None
        self.session = None  # a KioskSession (a flow that has the keyboard) while one is open

    @property
    def visible(self):
        return self.node is not None

    @property
    def has_keyboard(self):
        return self.session is not None

    def open(self, kiosk, place):
        """Open at `kiosk`; `place` (a complaint_form.Place) is where a complaint filed there is."""
        name = self.t(f"kiosk_{kiosk.kind}")
        if self.connection is None or self.connection.error:
            self._show(name, [self.t("kiosk_offline")])
            return
        if self._start_session(kiosk.kind, name, place):
            return
        self._show(name, [self.t("kiosk_loading")])
        threading.Thread(target=self._fetch, args=(kiosk, name), daemon=True).start()

    def _start_session(self, kind, name, place):
        """Open the keyboard-driven steps of a complaint or booking kiosk; False at other kiosks."""
        def redraw():
            self._draw(styled_text(self.session.flow.screen()))

        if kind in COMPLAINT_KINDS:
            flow = ComplaintFlow(name, place, self.t)
            self.session = ComplaintSession(flow, self.connection, self.lang, redraw, close=self.close)
        elif kind == BOOKING_KIND:
            self.session = BookingSession(BookingFlow(name, self.t), self.connection, redraw, close=self.close)
        else:
            return False
        self.on_keyboard(True)
        redraw()
        return True

    def _fetch(self, kiosk, name):
        try:
            if not self.connection.wait(timeout=30):
                raise CityServicesError(self.connection.error or "not connected")
            title_key, lines = kiosk_lines(kiosk.kind, self.connection.client, self.lang)
            lines = [self.t(title_key)] + [f"· {line}" for line in lines]
        except (CityServicesError, OSError) as exc:
            lines = [self.t("kiosk_offline"), one_line(exc, 80)]
        self.answers.put((name, lines))

    def poll(self):
        """Main thread, every frame: draw an answer that has arrived."""
        if self.session is not None:
            self.session.poll()
            return
        try:
            name, lines = self.answers.get_nowait()
        except queue.Empty:
            return
        if self.visible:
            self._show(name, lines)

    def _show(self, title, lines):
        self._draw("\n".join([title, *lines, "", self.t("kiosk_close")]))

    def _draw(self, text):
        if self.node is not None:
            self.node.removeNode()
        self.hud.hide_hint()  # the panel takes the hint's place
        self.node = self.hud.text("kiosk-panel", text, (-0.95, 0.6), scale=0.85, align="left", wordwrap=34)

    def close(self):
        if self.session is not None:
            self.session.stop()
            self.session = None
            self.on_keyboard(False)
        if self.node is not None:
            self.node.removeNode()
            self.node = None
