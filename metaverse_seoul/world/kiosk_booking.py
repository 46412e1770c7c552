"""Booking a facility at a kiosk (core/booking_flow.py), wired to Panda3D by kiosk_session.py:
what opening the kiosk loads, a facility's slots, and cancelling one of the resident's bookings.
C or Delete asks to cancel (the raw key, so it works whatever the input method is set to)."""

from ..core.booking_flow import own_bookings
from ..services.errors import ApiRefused, CityServicesError
from .kiosk_session import KioskSession


class BookingSession(KioskSession):
    KEYS = {**KioskSession.KEYS, "delete": "cancel", "c": "cancel"}

    def _open(self):
        city = self._connected()
        bookings = own_bookings(city.outbox.items())
        self._answer(self.flow.loaded_own, bookings)  # from the outbox: shown even when the city is not reachable
        self._answer(self.flow.loaded_facilities, city.client.facilities())
        self._answer(self.flow.loaded_states, self._states(city.client, bookings))

    @staticmethod
    def _states(client, bookings):
        """{reservation id: active | cancelled} for the sent bookings, as the server says now."""
        states = {}
        for booking in bookings:
            if booking.item.status == "sent" and booking.secret:
                try:
                    states[booking.reservation_id] = client.reservation(booking.reservation_id, booking.secret).status
                except CityServicesError:
                    pass  # unknown for now: the booking is listed as the outbox has it
        return states

    def _load_slots(self, effect):
        facility = effect.subject
        self._answer(self.flow.loaded_slots, facility, self._connected().client.slots(facility.service_id))

    def _cancel(self, effect):
        booking = effect.subject
        client = self._connected().client
        try:
            reservation = client.cancel_reservation(booking.reservation_id, booking.secret)
        except ApiRefused as refusal:
            self._answer(self.flow.cancel_refused, refusal.code, refusal.description)
        else:
            self._answer(self.flow.cancelled, reservation)
