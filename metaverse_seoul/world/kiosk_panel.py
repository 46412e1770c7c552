"""The panel a kiosk opens: what the city offers there, fetched from the city-services API.

At a complaint or suggestion kiosk the panel hosts the complaint steps (kiosk_complaints.py), at a
reservation kiosk the booking steps (kiosk_booking.py); both take the keyboard while open and take
clicks on their lines, buttons and on-screen keyboard. Other kiosks (information, events) show what
the city lists there, fetched off the main thread. The panel is drawn by panel_view.PanelView, placed
clear of the kiosk's own sign and inside the screen (core/panel_layout.py).
"""

from ..core.booking_flow import BookingFlow
from ..core.complaint_flow import ComplaintFlow
from ..core.events_flow import EventsFlow
from ..core.i18n import pick
from ..core.kiosk_flow import DIM, Button, Line
from ..core.panel_layout import Rect, place_panel
from ..services.errors import CityServicesError, one_line
from ..services.kiosk_content import kiosk_lines, open311_locale
from .kiosk_booking import BookingSession
from .kiosk_complaints import ComplaintSession
from .kiosk_events import EventsSession
from .panel_view import TEXT_SIZE, panel_for

REACH = 2.5  # metres: how close a visitor stands to use a kiosk
COMPLAINT_KINDS = ("complaint", "suggestion")
BOOKING_KIND = "reservation"
EVENTS_KIND = "events"
PANEL_COLUMNS = 34  # the panel's width in full-width (Hangul) characters at text scale 1.0


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
    def __init__(self, base, font, strings, lang, connection, clock, work, accessibility, on_change=None,
                 speak=None, requests=None, scenes=(), open_scene=None, surface=None):
        """`clock()`: the app's time; `work`: its BackgroundWork; `accessibility`: the settings' section
        (text scale, high contrast); `on_change(visible, has_keyboard)` is told when the panel opens,
        closes, or a kiosk flow takes or gives back the keyboard; `speak(text)` reads changes aloud;
        `requests`: the RequestsWatcher that complaint kiosks show ("My requests"); `scenes`: the scene
        ids the events kiosk can take a visitor to, with `open_scene(scene_id)`; `surface`: where panels
        are drawn and what points at them (None: the screen and the mouse; panel_in_world.PanelInWorld
        in a headset)."""
        self.speak = speak
        self.requests = requests
        self.scenes = scenes
        self.open_scene = open_scene
        self.base = base
        self.font = font
        self.t = strings
        self.lang = lang
        self.connection = connection
        self.clock = clock
        self.work = work
        self.accessibility = accessibility
        self.on_change = on_change or (lambda visible, has_keyboard: None)
        self.surface = surface
        self._listening = True  # False while the app's menu is over the panel
        self.view = None
        self.session = None  # a KioskSession (a flow that has the keyboard) while one is open
        self._fetch = None  # the job fetching an information kiosk's lines
        self._opened = None  # (kiosk, place, sign) of the kiosk open now
        self._info = None  # (title, lines) an information panel shows

    @property
    def visible(self):
        return self.view is not None

    @property
    def has_keyboard(self):
        return self.session is not None

    def open(self, kiosk, place, sign=None):
        """Open at `kiosk`; `place` (a complaint_form.Place) is where a complaint filed there is; `sign`
        (a Rect in aspect2d units, or None) is where the kiosk's sign is on the screen."""
        self.close()
        self._opened = (kiosk, place, sign)
        self._make_view()
        name = self.t(f"kiosk_{kiosk.kind}")
        own = [pick(texts, self.lang) for texts in kiosk.info]  # the place's own lines: no city needed
        if self.connection is None:
            self._show_info(name, own + [self.t("kiosk_offline")])
        elif self.connection.error:
            # Not "kept and sent later": the server or the outbox itself cannot be used (a damaged file).
            self._show_info(name, own + [self.t("kiosk_unusable"), self.connection.error])
        elif not self._start_session(kiosk.kind, name, place):
            self._show_info(name, own + [self.t("kiosk_loading")])
            self._fetch = self.work.start(lambda report: self._info_lines(kiosk), name="kiosk-info",
                                          done=lambda lines: self._show_info(name, own + lines),
                                          failed=lambda exc: self._show_info(name, own + [self.t("kiosk_offline"),
                                                                                          one_line(exc, 80)]))
        self.on_change(True, self.has_keyboard)

    def _make_view(self):
        parent = pointer = None
        if self.surface is not None:
            parent, pointer, rect = self.surface.open(self._opened[0], self._width())
        else:
            rect = self._where(self._opened[2])
        self.view = panel_for(self.base, self.font, self.accessibility, rect, parent, pointer, self.speak)
        if not self._listening:  # drawn again (another text size) under the app's menu: it waits there
            self.view.set_active(False)
        self.view.on_button = self._button
        if self.session is not None:
            self.view.on_target = self.session.click
            self.view.on_key = self.session.keyboard_press

    def _width(self):
        return PANEL_COLUMNS * TEXT_SIZE * self.accessibility.text_scale

    def _where(self, sign):
        aspect = self.base.getAspectRatio()
        return place_panel(Rect(-aspect, aspect, -1, 1), sign, width=self._width(), height=2)

    def _start_session(self, kind, name, place):
        """Open the steps of a complaint or booking kiosk; False at other kiosks."""
        locale = open311_locale(self.lang)
        if kind in COMPLAINT_KINDS:
            self.session = ComplaintSession(ComplaintFlow(name, place, self.t, self.clock), self.connection,
                                            self.work, self._draw_flow, close=self.close, locale=locale,
                                            requests=self.requests)
        elif kind == BOOKING_KIND:
            self.session = BookingSession(BookingFlow(name, self.t, self.clock), self.connection, self.work,
                                          self._draw_flow, close=self.close, locale=locale)
        elif kind == EVENTS_KIND:
            self.session = EventsSession(EventsFlow(name, self.t, self.clock, self.scenes),
                                         self.connection, self.work, self._draw_flow, close=self.close,
                                         locale=locale, open_scene=self.open_scene)
        else:
            return False
        self.view.on_target = self.session.click
        self.view.on_key = self.session.keyboard_press
        self._draw_flow()
        self.session.open()
        return True

    def _draw_flow(self):
        if self.session is not None:
            flow = self.session.flow
            self.view.draw(flow.screen(), flow.buttons(), flow.keyboard_rows(), flow.keyboard_lit())

    def _info_lines(self, kiosk):
        """On a job's thread: the lines an information or events kiosk shows."""
        if not self.connection.wait(timeout=30):
            raise CityServicesError(self.connection.error or "not connected")
        title_key, lines = kiosk_lines(kiosk.kind, self.connection.client, self.lang)
        return [self.t(title_key)] + [f"· {line}" for line in lines]

    def _show_info(self, title, lines):
        self._info = (title, lines)
        if self.view is not None:
            shown = [Line(None, title)] + [Line(None, line) for line in lines]
            self.view.draw(shown + [Line(None, ""), Line(DIM, self.t("kiosk_close"))],
                           [Button(self.t("button_close"), "escape")])

    def _button(self, key):
        if self.session is not None:
            self.session.press(key)
        else:
            self.close()  # an information panel's one button

    # --- settings changed while open ---------------------------------------------------------------
    def set_strings(self, strings, lang):
        """Another language: the open kiosk is written again in it (a form keeps what was typed)."""
        self.t, self.lang = strings, lang
        if self.session is not None:
            flow = self.session.flow
            flow.t, flow.title = strings, strings(f"kiosk_{self._opened[0].kind}")
            self.session.locale = open311_locale(lang)
            if flow.step == flow.first_step:
                self.session.open()  # the city's names in that language (a form keeps those it has)
            self._draw_flow()
        elif self._opened is not None:
            self.open(*self._opened)  # an information kiosk: its lines are fetched again in that language

    def restyle(self):
        """Another text size or contrast: the panel is drawn again with it."""
        if self.view is None:
            return
        self.view.destroy()
        self._make_view()
        if self.session is not None:
            self._draw_flow()
        elif self._info is not None:
            self._show_info(*self._info)

    def listen(self, listening):
        """Keys and the pointer for this panel, or (False) for the app's menu over it."""
        self._listening = listening
        if self.session is not None:
            self.session.listen(listening)
        if self.view is not None:
            self.view.set_active(listening)

    def close(self):
        self._opened = self._info = None
        if self._fetch is not None:
            self._fetch.cancel()
            self._fetch = None
        if self.session is not None:
            self.session.stop()
            self.session = None
        if self.view is not None:
            self.view.destroy()
            self.view = None
            if self.surface is not None:
                self.surface.close()
            self.on_change(False, False)

    @property
    def shown_text(self):
        """The text of the lines the panel shows now, one per line (for tests and speech)."""
        if self.view is None:
            return ""
        lines = self.view.shown[0]
        return "\n".join(line.text for line in lines)
