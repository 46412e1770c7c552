"""Reservations in the database: the check and the insert are one atomic step on both databases.

SQLite: the transaction starts with BEGIN IMMEDIATE (db.py), so it holds the write lock while it reads
the counts and inserts; bookings run one after another.
PostgreSQL: the booking first takes a transaction-scoped advisory lock for (facility, person), which
serialises one person's bookings for the quota, then locks the slot row (SELECT ... FOR UPDATE), which
serialises bookings of that slot; the counts are read after both locks. Locks are always taken in that
order, so two bookings cannot deadlock. A CHECK constraint (booked <= capacity) backs it up.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime

from sqlalchemy import func, select, text, update
from starlette.responses import Response

from . import privacy
from .booking_rules import BookingRequest, booking_refusal, cancellation_refusal
from .db import Database, advisory_key
from .errors import ApiError, json_response
from .idempotency import Pending
from .models import Facility, Reservation, Slot
from .schemas.reservations import ReservationIn
from .timeutil import iso, to_db

log = logging.getLogger("city_services.reservations")


def reservation_out(reservation: Reservation, facility: Facility) -> dict:
    slot = reservation.slot
    return {"id": reservation.id, "status": reservation.status, "facility_id": reservation.facility_id,
            "facility_name": facility.names, "slot_id": reservation.slot_id, "starts_at": iso(slot.starts_at),
            "ends_at": iso(slot.ends_at), "people": reservation.people, "name": reservation.name,
            "phone": reservation.phone, "email": reservation.email, "created_at": iso(reservation.created_at),
            "cancelled_at": iso(reservation.cancelled_at)}


def book(database: Database, wanted: ReservationIn, now: datetime, pending: Pending | None = None) -> Response:
    """Make the reservation (201) or raise ApiError (404 unknown slot, 409/422 a broken rule). With an
    Idempotency-Key (`pending`), the answer is stored in the booking's own transaction: a crash can
    never leave a booking whose retry finds no answer (and so nobody could read or cancel it)."""
    stamp = to_db(now)
    phone_digits = wanted.phone_digits()
    with database.write_session() as session:
        facility_id = session.scalar(select(Slot.facility_id).where(Slot.id == wanted.slot_id))
        if facility_id is None:
            raise ApiError(404, f"slot_id {wanted.slot_id} not found")
        if not database.is_sqlite:
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"),
                            {"k": advisory_key("quota", facility_id, phone_digits)})
        slot = session.scalars(select(Slot).where(Slot.id == wanted.slot_id).with_for_update()).one()
        facility = session.get(Facility, facility_id)
        mine = (select(func.count()).select_from(Reservation).join(Slot, Reservation.slot_id == Slot.id)
                .where(Reservation.facility_id == facility_id, Reservation.phone_digits == phone_digits,
                       Reservation.status == "active", Slot.starts_at > stamp))
        has_this_slot = session.scalar(select(func.count()).select_from(Reservation).where(
            Reservation.slot_id == slot.id, Reservation.phone_digits == phone_digits,
            Reservation.status == "active")) > 0
        refusal = booking_refusal(BookingRequest(
            now=stamp, facility_status=facility.status, receipt_start=facility.receipt_start,
            receipt_end=facility.receipt_end, min_people=facility.min_people, max_people=facility.max_people,
            per_person_quota=facility.per_person_quota, slot_starts_at=slot.starts_at,
            booking_lead_minutes=facility.booking_lead_minutes,
            slot_capacity=slot.capacity, slot_booked=slot.booked, people=wanted.people,
            person_upcoming_here=session.scalar(mine), person_has_this_slot=has_this_slot))
        if refusal:
            raise ApiError(refusal.status_code, refusal.detail, refusal.reason)
        session.execute(update(Slot).where(Slot.id == slot.id).values(booked=Slot.booked + 1))
        secret = privacy.new_secret()
        reservation = Reservation(
            id="R" + secrets.token_hex(8), facility_id=facility_id, slot_id=slot.id, status="active",
            people=wanted.people, name=wanted.name, phone=wanted.phone, phone_digits=phone_digits,
            email=wanted.email, secret_hash=privacy.digest(secret), created_at=stamp, cancelled_at=None)
        session.add(reservation)
        session.flush()
        session.refresh(slot)
        reservation.slot = slot
        response = json_response(reservation_out(reservation, facility) | {"secret": secret}, 201)
        if pending is not None:
            pending.record_in(session.connection(), response)
    log.info("reservation %s made for slot %s", reservation.id, slot.id)
    return response


def _owned(session, reservation_id: str, secret: str | None, lock: bool = False) -> Reservation:
    statement = select(Reservation).where(Reservation.id == reservation_id)
    if lock:
        statement = statement.with_for_update(of=Reservation)
    reservation = session.scalars(statement).first()
    # One answer for "no such id" and "wrong secret": ids cannot be probed.
    if reservation is None or not privacy.matches(secret, reservation.secret_hash):
        raise ApiError(404, "no reservation with this id and X-Reservation-Secret")
    return reservation


def read(database: Database, reservation_id: str, secret: str | None) -> dict:
    with database.read_session() as session:
        reservation = _owned(session, reservation_id, secret)
        return reservation_out(reservation, session.get(Facility, reservation.facility_id))


def cancel(database: Database, reservation_id: str, secret: str | None, now: datetime) -> dict:
    """Cancel (idempotent: cancelling a cancelled reservation answers it as it is)."""
    stamp = to_db(now)
    with database.write_session() as session:
        reservation = _owned(session, reservation_id, secret, lock=True)
        facility = session.get(Facility, reservation.facility_id)
        if reservation.status == "active":
            refusal = cancellation_refusal(stamp, reservation.slot.starts_at, facility.cancel_deadline_hours)
            if refusal:
                raise ApiError(refusal.status_code, refusal.detail, refusal.reason)
            reservation.status = "cancelled"
            reservation.cancelled_at = stamp
            session.execute(update(Slot).where(Slot.id == reservation.slot_id).values(booked=Slot.booked - 1))
            session.flush()
            session.refresh(reservation.slot)
            log.info("reservation %s cancelled", reservation.id)
        return reservation_out(reservation, facility)
