"""The festivals and events kiosk, as pure logic: the city's schedule as a list, ↑/↓ (or a click) to
choose an event, Enter to go to its scene. Events whose scene this app does not have are listed dim
and skipped. Drawn and driven by the kiosk panel like the other kiosk flows (kiosk_flow.py).

    flow = EventsFlow("축제·행사", strings, clock, scenes={"lantern-festival"})
    flow.loaded_events(client.events())
    flow.press("enter")      # OpenScene("lantern-festival")
"""

from dataclasses import dataclass

from .clock import Clock, system_clock
from .festival_schedule import is_on
from .i18n import pick
from .kiosk_effects import CLOSE
from .kiosk_flow import DIM, FOCUS, PROBLEM, Button, Chooser, Line, Pick

LOADING, EVENTS = "loading", "events"


@dataclass(frozen=True)
class OpenScene:
    """Leave the kiosk for the scene `scene_id` (an event's)."""

    scene_id: str


class EventsFlow:
    outbox_kind = "events"  # names its background jobs, as the other flows' outbox kinds do

    def __init__(self, title, t, clock: Clock = system_clock, scenes=()):
        """`t`: the UI strings (their language names the events too); `scenes`: the ids of the scenes
        this app can open."""
        self.title, self.t, self.clock = title, t, clock
        self.scenes = set(scenes)
        self.first_step = self.step = LOADING
        self.chooser = Chooser([])
        self.error = None

    def loaded_events(self, events):
        """The city's schedule: events not over yet, soonest first, each choosable if it has a scene here."""
        upcoming = [e for e in events if e.status != "ended"]
        upcoming.sort(key=lambda e: (str(e.starts_on), e.id))
        self.chooser = Chooser(upcoming, choosable=lambda event: event.scene_id in self.scenes)
        self.step, self.error = EVENTS, None

    def failed(self, message):
        self.error = message

    # --- input ----------------------------------------------------------------------------------
    def press(self, key):
        if key == "escape":
            return CLOSE
        if self.step != EVENTS:
            return None
        if self.chooser.press(key):
            return None
        if key == "enter" and self.chooser.chosen is not None:
            return OpenScene(self.chooser.chosen.scene_id)
        return None

    def click(self, target):
        if isinstance(target, Pick) and self.chooser.move_to(target.index):
            return self.press("enter")
        return None

    def type(self, text):
        """Typed text means nothing here."""

    def keyboard_press(self, key):
        return None

    # --- drawing ---------------------------------------------------------------------------------
    def _line(self, index, event):
        dates = event.starts_on if event.starts_on == event.ends_on else f"{event.starts_on} – {event.ends_on}"
        text = f"{pick(event.name, self.t.lang)} · {dates}"
        if is_on(event, self.clock()):
            text += f" · {self.t('events_on_now')}"
        if event.scene_id not in self.scenes:
            return Line(DIM, f"  {text} · {self.t('events_no_scene')}")
        mark = "▶" if index == self.chooser.cursor else "▷"
        return Line(FOCUS if index == self.chooser.cursor else None, f"{mark} {text}", Pick(index))

    def screen(self):
        lines = [Line(None, self.title)]
        if self.step == LOADING:
            lines.append(Line(DIM, self.t("kiosk_loading")))
        elif not self.chooser.entries:
            lines.append(Line(None, self.t("events_none")))
        else:
            lines += [self._line(i, event) for i, event in enumerate(self.chooser.entries)]
        if self.error:
            lines.append(Line(PROBLEM, self.error))
        lines.append(Line(DIM, self.t("events_keys")))
        return lines

    def buttons(self):
        go = [Button(self.t("button_go"), "enter")] if self.chooser.chosen is not None else []
        return go + [Button(self.t("button_close"), "escape")]

    def keyboard_rows(self):
        return None

    def keyboard_lit(self):
        return frozenset()
