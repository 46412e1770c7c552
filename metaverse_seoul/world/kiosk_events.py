"""The festivals and events kiosk (core/events_flow.py), wired to the app by kiosk_session.py: opening
it fetches the city's schedule; choosing an event leaves the kiosk for that event's scene."""

from ..core.events_flow import OpenScene
from .kiosk_session import KioskSession


class EventsSession(KioskSession):
    def __init__(self, *args, open_scene=None, **kwargs):
        """`open_scene(scene_id)`: the app's way to another scene."""
        self.open_scene = open_scene
        super().__init__(*args, **kwargs)

    def open(self):
        self.run(lambda: self._connected().client.events(), done=self.flow.loaded_events)

    def carry_out(self, effect):
        match effect:
            case OpenScene(scene_id=scene_id):
                self.close()
                if self.open_scene is not None:
                    self.open_scene(scene_id)
            case _:
                super().carry_out(effect)
