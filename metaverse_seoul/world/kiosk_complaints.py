"""Filing a complaint at a kiosk (core/complaint_flow.py), wired to the app by kiosk_session.py: what
opening the kiosk loads, and loading a kind's form from the city."""

from functools import partial

from ..core.kiosk_effects import LoadForm, RefreshRequests
from .kiosk_session import KioskSession


class ComplaintSession(KioskSession):
    KEYS = {**KioskSession.KEYS, "r": "requests"}  # R: My requests (the raw key, whatever the input method)

    def __init__(self, *args, requests=None, **kwargs):
        """`requests`: the app's RequestsWatcher ("My requests"), or None without a city."""
        self.requests = requests
        super().__init__(*args, **kwargs)
        if requests is not None:
            requests.listeners.append(self._requests_answered)
            flow = self.flow
            flow.loaded_requests(requests.records, requests.error)

    def _requests_answered(self):
        self.flow.loaded_requests(self.requests.records, self.requests.error)
        self.redraw()

    def stop(self):
        if self.requests is not None and self._requests_answered in self.requests.listeners:
            self.requests.listeners.remove(self._requests_answered)
        super().stop()

    def open(self):
        # Own submissions are local: shown even when the city cannot be reached.
        self.run(lambda: self._connected().outbox.items(), done=self.flow.loaded_recent)
        self.run(lambda: self._connected().client.services(locale=self.locale), done=self.flow.loaded_services)

    def carry_out(self, effect):
        match effect:
            case RefreshRequests():
                if self.requests is not None:
                    self.requests.refresh()
            case LoadForm(service=service):
                self.run(lambda: self._connected().client.service_definition(service.service_code,
                                                                             locale=self.locale),
                         done=partial(self.flow.loaded_definition, service))
            case _:
                super().carry_out(effect)
