"""At start, what the city's schedule says is on now: a banner "Now on: Seoul Lantern Festival —
press G to go there", and that key takes the visitor to the event's scene. Decided by
core/festival_schedule.py at the app's clock; the schedule is fetched off the main thread."""

from ..core.festival_schedule import events_on_now
from ..core.i18n import pick
from ..services.errors import CityServicesError


class FestivalBanner:
    def __init__(self, city, work, clock, hud, strings, lang, scenes, key_names):
        """`city`: the CityConnection; `scenes`: the scene ids the app has; `key_names`: the keys bound to
        go there (the first is named on the banner)."""
        self.city, self.work, self.clock, self.hud = city, work, clock, hud
        self.strings, self.lang, self.scenes, self.key_names = strings, lang, set(scenes), key_names
        self.events = []      # the events on now, as last asked
        self.current = None   # the scene the visitor is in
        self._job = None

    @property
    def event(self):
        """The event the banner names (one on now whose scene the visitor is not in), or None."""
        return next((e for e in self.events if e.scene_id != self.current), None)

    def check(self):
        """Ask the city what is on (again)."""
        if self._job is None:
            self._job = self.work.start(lambda report: self._fetch(), name="festival-banner",
                                        done=self._answered, failed=self._failed)

    def _fetch(self):
        if not self.city.wait(timeout=30):
            raise CityServicesError(self.city.error or "not connected")
        return self.city.client.events()

    def _answered(self, events):
        self._job = None
        self.events = events_on_now(events, self.clock(), self.scenes)
        self.show()

    def _failed(self, exc):
        self._job = None  # no schedule, no banner: the rest of the app does not depend on it

    def entered(self, scene_id):
        self.current = scene_id
        self.show()

    def set_language(self, strings, lang):
        self.strings, self.lang = strings, lang
        self.show()

    def show(self):
        event = self.event
        if event is None:
            self.hud.hide_banner()
            return
        key = self.key_names[0].upper() if self.key_names else "?"
        self.hud.show_banner(self.strings("event_now_on", name=pick(event.name, self.lang), button=key))

    def destination(self):
        """The scene the go key leads to now, or None."""
        event = self.event
        return event.scene_id if event is not None else None

    def destroy(self):
        if self._job is not None:
            self._job.cancel()
