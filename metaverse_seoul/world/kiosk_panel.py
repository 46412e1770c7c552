"""The panel a kiosk opens: what the city offers there, fetched from the city-services API.

The fetch runs on a thread (network I/O never stalls a frame; it makes no engine calls) and the
panel is drawn on the main thread when the answer is in."""

import queue
import threading

from ..services.errors import CityServicesError
from ..services.kiosk_content import kiosk_lines, outbox_summary

REACH = 2.5  # metres: how close a visitor stands to use a kiosk


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
    def __init__(self, hud, strings, lang, connection):
        self.hud = hud
        self.t = strings
        self.lang = lang
        self.connection = connection
        self.answers = queue.Queue()
        self.node = None

    @property
    def visible(self):
        return self.node is not None

    def open(self, kiosk):
        name = self.t(f"kiosk_{kiosk.kind}")
        if self.connection is None or self.connection.error:
            self._show(name, [self.t("kiosk_offline")])
            return
        self._show(name, [self.t("kiosk_loading")])
        threading.Thread(target=self._fetch, args=(kiosk, name), daemon=True).start()

    def _fetch(self, kiosk, name):
        try:
            if not self.connection.wait(timeout=30):
                raise CityServicesError(self.connection.error or "not connected")
            title_key, lines = kiosk_lines(kiosk.kind, self.connection.client, self.lang)
            lines = [self.t(title_key)] + [f"· {line}" for line in lines]
            if kiosk.kind in ("complaint", "suggestion"):
                pending, sent, refused = outbox_summary(self.connection.outbox)
                lines.append(self.t("kiosk_outbox", pending=pending, sent=sent, refused=refused))
        except (CityServicesError, OSError) as exc:
            lines = [self.t("kiosk_offline"), str(exc).splitlines()[0][:80]]
        self.answers.put((name, lines))

    def poll(self):
        """Main thread, every frame: draw an answer that has arrived."""
        try:
            name, lines = self.answers.get_nowait()
        except queue.Empty:
            return
        if self.visible:
            self._show(name, lines)

    def _show(self, title, lines):
        self.close()
        self.hud.hide_hint()  # the panel takes the hint's place
        text = "\n".join([title, *lines, "", self.t("kiosk_close")])
        self.node = self.hud.text("kiosk-panel", text, (-0.95, 0.6), scale=0.85, align="left", wordwrap=34)

    def close(self):
        if self.node is not None:
            self.node.removeNode()
            self.node = None
