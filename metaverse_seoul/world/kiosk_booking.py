"""Booking a facility at a kiosk (core/booking_flow.py), wired to the app by kiosk_session.py: what
opening the kiosk loads, a facility's slots, and cancelling one of the resident's bookings.
C asks to cancel (the raw key, so it works whatever the input method is set to), as does Delete."""

from functools import partial

from ..core.booking_flow import own_bookings
from ..core.kiosk_effects import CancelBooking, LoadSlots
from ..services.errors import ApiRefused, CityServicesError
from .kiosk_session import KioskSession


class BookingSession(KioskSession):
    KEYS = {**KioskSession.KEYS, "c": "cancel"}

    def open(self):
        self.run(self._own_bookings, done=self._own_loaded)
        self.run(lambda: self._connected().client.facilities(), done=self.flow.loaded_facilities)

    def _own_bookings(self):
        return own_bookings(self._connected().outbox.items(), self.flow.clock())

    def _own_loaded(self, bookings):
        self.flow.loaded_own(bookings)  # from the outbox: shown even when the city is not reachable
        self.run(partial(self._states, bookings), done=self.flow.loaded_states)

    def _states(self, bookings):
        """{reservation id: active | cancelled} for the sent bookings, as the server says now."""
        client = self._connected().client
        states = {}
        for booking in bookings:
            if booking.item.status == "sent" and booking.secret:
                try:
                    states[booking.reservation_id] = client.reservation(booking.reservation_id, booking.secret).status
                except CityServicesError:
                    pass  # unknown for now: the booking is listed as the outbox has it
        return states

    def carry_out(self, effect):
        match effect:
            case LoadSlots(facility=facility):
                self.run(lambda: self._connected().client.slots(facility.service_id),
                         done=partial(self.flow.loaded_slots, facility))
            case CancelBooking(booking=booking):
                self.run(partial(self._cancel, booking), done=self._cancel_answered)
            case _:
                super().carry_out(effect)

    def _cancel(self, booking):
        """("cancelled", reservation) or ("refused", ApiRefused): a refusal is an answer, not a failure."""
        try:
            return "cancelled", self._connected().client.cancel_reservation(booking.reservation_id, booking.secret)
        except ApiRefused as refusal:
            return "refused", refusal

    def _cancel_answered(self, answer):
        outcome, value = answer
        if outcome == "cancelled":
            self.flow.cancelled(value)
        else:
            self.flow.cancel_refused(value.code, value.description)
