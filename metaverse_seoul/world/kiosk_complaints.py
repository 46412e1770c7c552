"""Filing a complaint at a kiosk (core/complaint_flow.py), wired to Panda3D by kiosk_session.py:
what opening the kiosk loads, and loading a kind's form from the city."""

from ..services.kiosk_content import open311_locale
from .kiosk_session import KioskSession


class ComplaintSession(KioskSession):
    def __init__(self, flow, connection, lang, redraw, close):
        self.locale = open311_locale(lang)
        super().__init__(flow, connection, redraw, close)

    def _open(self):
        self._home(None)
        self._answer(self.flow.loaded_services, self._connected().client.services(locale=self.locale))

    def _home(self, effect):
        # Own submissions are local: shown even when the city cannot be reached.
        self._answer(self.flow.loaded_recent, self._connected().outbox.items())

    def _load_form(self, effect):
        service = effect.subject
        definition = self._connected().client.service_definition(service.service_code, locale=self.locale)
        self._answer(self.flow.loaded_definition, service, definition)
