"""Booking a public facility at a kiosk, step by step: choose a facility, then a time in the next
7 days, fill in the booking form, review, submit, then watch the city's answer. The first screen
also lists the resident's own reservations (from the outbox), where C or Delete cancels one.
Escape goes one step back; at the first step it closes.

Pure logic, like complaint_flow.py: the kiosk panel (world/kiosk_session.py) carries out the
effects (LoadSlots, Submit, CancelBooking) on threads and reports back (loaded_*, submitted,
item_changed, cancelled, cancel_refused, failed). The form, review and status steps are
kiosk_flow.KioskFlow's.

A reservation's answer carries its secret, the only key that reads or cancels it; the outbox keeps
the answer (item.result) on the resident's disk. The secret, the name and the phone number are
never drawn on the first screen, and never logged.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .booking_form import BookingForm
from .i18n import pick
from .clock import SEOUL, system_clock
from .key_form import parse_datetime
from .kiosk_effects import CLOSE, SHOW_HOME, CancelBooking, LoadSlots
from .kiosk_flow import DIM, FOCUS, FORM, PROBLEM, Button, Chooser, KioskFlow, Line, Step

FACILITIES, LOADING_SLOTS, SLOTS = "facilities", "loading_slots", "slots"
CONFIRM_CANCEL, CANCELLING, CANCELLED = "confirm_cancel", "cancelling", "cancelled"
REFUSED_SHOWN_DAYS = 7  # a refused booking stays on the first screen this long
# The reference server's refusal codes (city_services/booking_rules.py) that have a sentence.
BOOKING_REFUSALS = ("not_accepting", "outside_receipt_period", "slot_started", "booking_closed",
                    "people_out_of_range",
                    "already_booked", "quota_exceeded", "slot_full", "404")
CANCEL_REFUSALS = ("cancel_deadline_passed", "404")


def _moment(text):
    try:
        return parse_datetime(text).astimezone(SEOUL) if text else None
    except ValueError:
        return None


def upcoming(slots, now):
    """The slots not started yet (the server lists all of today's; a started one cannot be booked)."""
    return [slot for slot in slots if (_moment(slot.starts_at) or now) > now]


@dataclass
class OwnBooking:
    """One of the resident's reservations: an outbox item, and what the server says of it now."""

    item: object = field(repr=False)  # the OutboxItem; it holds the secret and personal data: never printed
    state: str | None = None  # the server's: active | cancelled; None until asked (or offline)

    @property
    def result(self):
        return self.item.result if isinstance(self.item.result, dict) else {}

    @property
    def reservation_id(self):
        return self.item.server_id

    @property
    def secret(self):
        return self.result.get("secret")

    @property
    def starts_at(self):
        return _moment(self.result.get("starts_at"))

    @property
    def ends_at(self):
        return _moment(self.result.get("ends_at"))

    def cancellable(self, now):
        return self.item.status == "sent" and self.state != "cancelled" and bool(self.secret) \
            and self.starts_at is not None and self.starts_at > now


def own_bookings(items, now):
    """The resident's reservations worth showing at `now`, from outbox items: those waiting to be sent,
    those refused lately, and sent ones not over yet (soonest first)."""
    shown = []
    for item in items:
        if item.kind != "reservation":
            continue
        booking = OwnBooking(item)
        if item.status == "sent":
            if booking.ends_at is not None and booking.ends_at > now:
                shown.append(booking)
        elif item.status == "pending" or item.created_at > (now - timedelta(days=REFUSED_SHOWN_DAYS)).timestamp():
            shown.append(booking)
    far = datetime.max.replace(tzinfo=SEOUL)
    return sorted(shown, key=lambda b: (b.starts_at or far, b.item.id))


class BookingFlow(KioskFlow):
    outbox_kind, strings_prefix = "reservation", "booking"
    form_back = SLOTS
    back_on_failure = {**KioskFlow.back_on_failure, LOADING_SLOTS: FACILITIES, CANCELLING: CONFIRM_CANCEL}

    def __init__(self, title, t, clock=system_clock):
        """`title`: the kiosk's name; `t`: UI Strings; `clock()`: the time."""
        super().__init__(title, t, FACILITIES, clock)
        self.facilities = None  # None until the city's list has arrived
        self.own = []  # OwnBooking
        self.home = Chooser([])
        self.facility = None  # the chosen facility, from the slots step on
        self.slots = Chooser([])
        self.cancelling = None  # the OwnBooking being cancelled
        self.cancel_answer = None  # the Line saying how the cancellation ended
        self._wanted = None  # the facility whose slots are being loaded
        self._cursor_moved = False  # the resident moved through the first screen's list since it was shown

    def define_steps(self):
        return {**super().define_steps(),
                FACILITIES: Step(self._facilities_key, self._facilities_lines, self._facilities_buttons),
                LOADING_SLOTS: Step(self._loading_slots_key, self._loading_slots_lines, self.back_buttons),
                SLOTS: Step(self._slots_key, self._slots_lines, self._slots_buttons),
                CONFIRM_CANCEL: Step(self._confirm_cancel_key, self._confirm_cancel_lines, self._confirm_buttons),
                CANCELLING: Step(self._ignore_key, self._cancelling_lines, self._no_buttons),
                CANCELLED: Step(self._cancelled_key, self._cancelled_lines, self._done_buttons)}

    def step_list(self):
        if self.step == FACILITIES and self.facilities:
            return self.home
        return self.slots if self.step == SLOTS else None

    # --- answers from the panel ---------------------------------------------------------------
    def loaded_facilities(self, facilities):
        self.facilities = list(facilities)
        # A fresh list starts at its first facility, but a list refreshed while the resident moves
        # through it keeps their place.
        self._list_home(keep_cursor=self._cursor_moved)

    def loaded_own(self, bookings):
        states = {b.reservation_id: b.state for b in self.own}  # what the server said stays known
        self.own = list(bookings)
        for booking in self.own:
            booking.state = booking.state or states.get(booking.reservation_id)
        self._list_home()

    def loaded_states(self, states):
        """{reservation id: active | cancelled} as the server says now."""
        for booking in self.own:
            booking.state = states.get(booking.reservation_id, booking.state)
        self._list_home()

    def loaded_slots(self, facility, slots):
        if self.step != LOADING_SLOTS or facility is not self._wanted:
            return  # the resident stepped back meanwhile
        self.slots = Chooser(upcoming(slots, self.clock()), choosable=lambda slot: slot.available > 0)
        self.facility, self.step = facility, SLOTS

    def cancelled(self, reservation):
        self._cancel_answered(reservation.status)
        self.cancel_answer = Line(FOCUS, self.t("booking_cancelled", id=reservation.id))

    def cancel_refused(self, code, reason):
        """The server said no (e.g. the cancel deadline has passed): a sentence, not a code."""
        self._cancel_answered(None)
        sentence = self.t(f"booking_cancel_refused_{code}") if code in CANCEL_REFUSALS else reason
        self.cancel_answer = Line(PROBLEM, self.t("booking_cancel_refused", reason=sentence))

    def _cancel_answered(self, state):
        if state is not None:
            self.cancelling.state = state
        self.step, self.error = CANCELLED, None

    def _list_home(self, keep_cursor=True):
        before = self.home.chosen
        now = self.clock()
        self.home = Chooser((self.facilities or []) + self.own,
                            choosable=lambda entry: entry.cancellable(now) if isinstance(entry, OwnBooking)
                            else entry.status == "accepting")
        if keep_cursor and before in self.home.entries and self.home.choosable(before):
            self.home.cursor = self.home.entries.index(before)

    # --- keys ---------------------------------------------------------------------------------
    def _facilities_key(self, key):
        if key == "escape" or (key == "enter" and not self.facilities):
            return CLOSE  # offline or still loading: Enter closes, as at every other kiosk
        if self.home.press(key):
            self._cursor_moved = True
            return None
        chosen = self.home.chosen
        if isinstance(chosen, OwnBooking):
            if key in ("cancel", "delete"):
                self.cancelling, self.step, self.error = chosen, CONFIRM_CANCEL, None
        elif chosen is not None and key == "enter":
            self._wanted, self.step, self.error = chosen, LOADING_SLOTS, None
            return LoadSlots(chosen)
        return None

    def _loading_slots_key(self, key):
        if key == "escape":
            self.step = FACILITIES
        return None

    def _slots_key(self, key):
        if key == "escape":
            self.step = FACILITIES
        elif not self.slots.press(key) and key == "enter" and self.slots.chosen is not None:
            slot = self.slots.chosen
            if self.form is not None and self.form.facility is self.facility:
                self.form.slot = slot  # another time, same facility: what was typed stays
            else:
                self.form = BookingForm(self.facility, slot, self.t)
            self.problems, self.step, self.error = [], FORM, None
        return None

    def _confirm_cancel_key(self, key):
        if key == "escape":
            self.step, self.cancelling = FACILITIES, None
        elif key == "enter":
            self.step, self.error = CANCELLING, None
            return CancelBooking(self.cancelling)
        return None

    def _cancelled_key(self, key):
        if key in ("enter", "escape"):
            self.step, self.cancelling, self.cancel_answer = FACILITIES, None, None
            return SHOW_HOME
        return None

    # --- buttons ------------------------------------------------------------------------------
    def _facilities_buttons(self):
        buttons = [Button(self.t("button_close"), "escape")]
        chosen = self.home.chosen if self.facilities else None
        if isinstance(chosen, OwnBooking):
            buttons.append(Button(self.t("button_cancel_booking"), "cancel"))
        elif chosen is not None:
            buttons.append(Button(self.t("button_choose"), "enter"))
        return buttons

    def _slots_buttons(self):
        choose = [Button(self.t("button_choose"), "enter")] if self.slots.chosen is not None else []
        return self.back_buttons() + choose

    def _confirm_buttons(self):
        return [Button(self.t("button_keep_booking"), "escape"), Button(self.t("button_cancel_booking"), "enter")]

    # --- words --------------------------------------------------------------------------------
    def _name(self, names):
        return pick(names, self.t.lang) if names else "?"

    def _when(self, starts_at, ends_at):
        """'11-28 (토) 06:00–08:00' in Seoul time."""
        start, end = _moment(starts_at), _moment(ends_at)
        if start is None:
            return "?"
        weekday = self.t("booking_weekdays").split()[start.weekday()]
        span = f"{start:%H:%M}–{end:%H:%M}" if end is not None else f"{start:%H:%M}"
        return f"{start:%m-%d} ({weekday}) {span}"

    def facility_details(self, facility):
        """Place, who may use it, fee, group size, the per-person quota and the cancel deadline."""
        t = self.t
        fee = t("booking_fee_paid", fee=facility.fee_krw or 0) if facility.payment == "paid" \
            else t("booking_fee_free")
        hours = facility.cancel_deadline_hours or 0
        cancel = t("booking_cancel_hours", hours=hours) if hours else t("booking_cancel_until_start")
        place = facility.place or "?"
        if facility.district:
            place += f" ({facility.district})"
        return [t("booking_detail_place", place=place),
                t("booking_detail_who", target=facility.target_users or "?", fee=fee),
                t("booking_detail_rules", min=facility.min_people, max=facility.max_people,
                  quota=facility.per_person_quota, cancel=cancel)]

    def _facility_line(self, facility):
        return f"{self._name(facility.name)} · {self.t(f'booking_facility_{facility.status}')}"

    def _booking_lines(self, booking):
        """Two lines: which booking (when and where), then its number or what became of it."""
        if booking.item.status != "sent":  # the outbox keeps only the slot's id until the city has answered
            people = booking.item.payload.get("people", "?")
            return self.t("booking_own_unsent", number=booking.item.id, people=people), \
                self.status_line(booking.item)
        result = booking.result
        which = f"{self._when(result.get('starts_at'), result.get('ends_at'))} · " \
                f"{self._name(result.get('facility_name'))}"
        number = self.t("booking_own_number", id=booking.reservation_id, people=result.get("people", "?"))
        return which, number + (" · " + self.t("booking_own_cancelled") if booking.state == "cancelled" else "")

    def _slot_line(self, slot):
        left = self.t("booking_slot_left", left=slot.available) if slot.available > 0 else self.t("booking_slot_full")
        return f"{self._when(slot.starts_at, slot.ends_at)} · {left}"

    def refusal_reason(self, item):
        if item.refusal_code in BOOKING_REFUSALS:
            return self.t(f"booking_refused_{item.refusal_code}")
        return super().refusal_reason(item)

    # --- drawing ------------------------------------------------------------------------------
    def _facilities_lines(self):
        t = self.t
        lines = [Line(None, self.title)]
        if self.facilities is None:
            lines.append(Line(DIM, t("kiosk_loading") if self.error is None else t("kiosk_offline")))
        else:
            lines.append(Line(None, t("booking_choose_facility")))
        headed = False
        for index, entry in enumerate(self.home.entries):
            if isinstance(entry, OwnBooking):
                if not headed:
                    lines += [Line(None, ""), Line(None, t("booking_own_title"))]
                    headed = True
                which, what = self._booking_lines(entry)
                first = self.home.line(index, entry, which)
                lines += [first, Line(DIM, "      " + what, first.target)]
            else:  # the facility's details follow on the next step, once it is picked
                lines.append(self.home.line(index, entry, self._facility_line(entry)))
        chosen = self.home.chosen
        keys = "kiosk_close" if not self.facilities else \
            "booking_own_keys" if isinstance(chosen, OwnBooking) else "booking_facilities_keys"
        return lines + [Line(None, ""), Line(DIM, t(keys))]

    def _loading_slots_lines(self):
        return [Line(None, self.title), Line(DIM, self.t("booking_loading_slots")), Line(DIM, self.t("kiosk_back_key"))]

    def _facility_heading(self):
        lines = [Line(None, f"{self.title} · {self._name(self.facility.name)}")]
        return lines + [Line(DIM, "   " + detail) for detail in self.facility_details(self.facility)]

    def _slots_lines(self):
        lines = self._facility_heading()
        if self.slots.cursor is None:
            lines.append(Line(PROBLEM, self.t("booking_no_slots")))
        else:
            lines.append(Line(None, self.t("booking_choose_slot")))
        lines += self.slots.lines(self._slot_line)
        return lines + [Line(None, ""), Line(DIM, self.t("booking_slots_keys"))]

    def _chosen_time(self):
        slot = self.form.slot
        return self._when(slot.starts_at, slot.ends_at)

    def form_heading(self):
        return [Line(None, f"{self.title} · {self._name(self.facility.name)}"),
                Line(None, self.t("booking_when", when=self._chosen_time())), Line(DIM, self.t("booking_personal_note"))]

    def review_lines(self):
        t = self.t
        lines = [Line(None, t("booking_review_title", facility=self._name(self.form.facility.name))),
                 Line(None, t("booking_when", when=self._chosen_time()))]
        lines += self.answered_lines()
        return lines + [Line(DIM, t("booking_personal_note")), Line(None, ""), Line(DIM, t("booking_review_keys"))]

    def stored_line(self):
        return self.t("booking_stored", facility=self._name(self.form.facility.name), when=self._chosen_time())

    def _confirm_cancel_lines(self):
        which, number = self._booking_lines(self.cancelling)
        return [Line(None, self.title), Line(None, self.t("booking_cancel_question")), Line(FOCUS, "   " + which),
                Line(None, "      " + number), Line(None, ""), Line(DIM, self.t("booking_cancel_keys"))]

    def _cancelling_lines(self):
        return [Line(None, self.title), Line(DIM, self.t("booking_cancelling")), Line(None, "")]

    def _cancelled_lines(self):
        return [Line(None, self.title), self.cancel_answer, Line(None, ""), Line(DIM, self.t("kiosk_back_to_start"))]
