"""The booking form: how many people, name, phone and an optional email, for one slot of a facility.

Pure logic. Moving, typing and the common checks are key_form.KeyForm's; the rules here are the
reference server's (city_services ReservationIn, and the facility's min and max people), so a form
that passes them is not refused for its shape. The answers are personal data: the payload goes to
the outbox, and nothing here logs or prints them.
"""

from . import key_form
from .key_form import Field, KeyForm

PEOPLE, NAME, PHONE, EMAIL = "people", "name", "phone", "email"
NAME_MAX, PHONE_MAX, EMAIL_MAX = 100, 40, 254


class BookingForm(KeyForm):
    def __init__(self, facility, slot, t):
        """`facility` (models.Facility) and `slot` (models.Slot) being booked; `t`: UI Strings."""
        self.facility = facility
        self.slot = slot
        least, most = facility.min_people or 1, facility.max_people or 1000
        self.problem_values = {"min": least, "max": most}
        super().__init__([
            # Most bookings are for the smallest group the facility takes; the resident can change it.
            Field(PEOPLE, t("booking_people"), "number", required=True, max_length=4, text=str(least),
                  hint=t("booking_people_hint", min=least, max=most)),
            Field(NAME, t("booking_name"), "string", required=True, max_length=NAME_MAX),
            Field(PHONE, t("booking_phone"), key_form.PHONE, required=True, max_length=PHONE_MAX,
                  hint=t("booking_phone_hint")),
            Field(EMAIL, t("booking_email"), key_form.EMAIL, max_length=EMAIL_MAX, hint=t("booking_email_hint")),
        ])

    def value_problem(self, here):
        text = here.text.strip()
        if here.code == PEOPLE and not (text.isdecimal() and self._in_range(int(text))):
            return "booking_problem_people"
        return super().value_problem(here)

    def _in_range(self, people):
        return self.problem_values["min"] <= people <= self.problem_values["max"]

    def payload(self):
        """Keyword arguments of CityServicesClient.reserve (as the outbox stores them); must be valid."""
        if self.problem_keys():
            raise ValueError("the booking form still has problems")
        values = self.values()
        payload = {"slot_id": self.slot.id, "people": int(values[PEOPLE]), "name": values[NAME],
                   "phone": values[PHONE]}
        if EMAIL in values:
            payload["email"] = values[EMAIL]
        return payload
