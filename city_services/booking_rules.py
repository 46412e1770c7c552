"""The booking rules as pure functions: given what the database says, may this booking (or this
cancellation) go ahead? The store calls them inside its locked transaction; the property tests check
the HTTP API against a plain model of the same rules.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class Refusal:
    reason: str  # stable code for clients
    status_code: int
    detail: str


@dataclass(frozen=True)
class BookingRequest:
    """Everything the rules look at, read in the booking's own transaction (times naive UTC)."""

    now: datetime
    facility_status: str
    receipt_start: datetime
    receipt_end: datetime
    min_people: int
    max_people: int
    per_person_quota: int
    slot_starts_at: datetime
    booking_lead_minutes: int
    slot_capacity: int
    slot_booked: int
    people: int
    person_upcoming_here: int  # the person's active reservations at this facility for slots not yet started
    person_has_this_slot: bool


def booking_refusal(b: BookingRequest) -> Refusal | None:
    """The first rule the booking breaks, or None if it may be made. Checked in this order."""
    if b.facility_status != "accepting":
        return Refusal("not_accepting", 409, f"the facility is {b.facility_status}, not accepting bookings")
    if not (b.receipt_start <= b.now <= b.receipt_end):
        return Refusal("outside_receipt_period", 409, "bookings are not being received now (receipt period)")
    if b.slot_starts_at <= b.now:
        return Refusal("slot_started", 409, "the slot has already started")
    if booking_closes_at(b.slot_starts_at, b.booking_lead_minutes) <= b.now:
        return Refusal("booking_closed", 409,
                       f"bookings of a slot close {b.booking_lead_minutes} minute(s) before it starts")
    if not (b.min_people <= b.people <= b.max_people):
        return Refusal("people_out_of_range", 422,
                       f"people: this facility takes {b.min_people} to {b.max_people} people")
    if b.person_has_this_slot:
        return Refusal("already_booked", 409, "you already hold a reservation for this slot")
    if b.person_upcoming_here >= b.per_person_quota:
        return Refusal("quota_exceeded", 409,
                       f"one person may hold at most {b.per_person_quota} upcoming reservation(s) here")
    if b.slot_booked >= b.slot_capacity:
        return Refusal("slot_full", 409, "the slot is fully booked")
    return None


def booking_closes_at(slot_starts_at: datetime, booking_lead_minutes: int) -> datetime:
    """When a slot stops taking bookings: its start, less the facility's lead time. The slot list
    (routers/reservations.py) leaves out the same slots, so no client is offered a time that would be
    refused."""
    return slot_starts_at - timedelta(minutes=booking_lead_minutes)


def cancellation_refusal(now: datetime, slot_starts_at: datetime, deadline_hours: int) -> Refusal | None:
    """Cancelling an active reservation is allowed until `deadline_hours` before its slot starts."""
    if now > slot_starts_at - timedelta(hours=deadline_hours):
        return Refusal("cancel_deadline_passed", 409,
                       f"cancellations close {deadline_hours} hour(s) before the slot starts")
    return None
