"""Idempotent seeding: insert the services, facilities and events of `seed_data` that are missing, and
top up each facility's slots for the coming days. Running it again (every start) changes nothing else."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from sqlalchemy import select

from . import seed_data
from .db import Database
from .models import Event, Facility, Service, Slot
from .timeutil import SEOUL, parse_iso, to_db


def seed(database: Database, now: datetime) -> None:
    with database.write_session() as session:
        existing_services = set(session.scalars(select(Service.code)))
        for spec in seed_data.SERVICES:
            if spec["code"] not in existing_services:
                session.add(Service(**spec))
        existing_facilities = set(session.scalars(select(Facility.service_id)))
        for spec in seed_data.FACILITIES:
            if spec["service_id"] not in existing_facilities:
                session.add(_facility(spec))
        existing_events = set(session.scalars(select(Event.id)))
        for spec in seed_data.EVENTS:
            if spec["id"] not in existing_events:
                session.add(Event(**spec))
        session.flush()
        for spec in seed_data.FACILITIES:
            if spec["slots"]:
                _top_up_slots(session, spec["service_id"], spec["slots"], now)


def _facility(spec: dict) -> Facility:
    fields = {k: v for k, v in spec.items() if k != "slots"}
    receipt_start, receipt_end = seed_data.DEMO_RECEIPT
    use_start, use_end = seed_data.DEMO_USE
    return Facility(**fields, receipt_start=to_db(parse_iso(receipt_start)),
                    receipt_end=to_db(parse_iso(receipt_end)), use_start=use_start, use_end=use_end)


def daily_slot_starts(first_day, days: int, first_hour: int, last_hour: int, length_hours: int):
    """Seoul-time slot start times: every `length_hours` from first_hour up to last_hour, for `days` days."""
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for hour in range(first_hour, last_hour + 1, length_hours):
            yield datetime.combine(day, time(hour), tzinfo=SEOUL)


def _top_up_slots(session, facility_id: str, template: dict, now: datetime) -> None:
    today = now.astimezone(SEOUL).date()
    length = timedelta(hours=template["length_hours"])
    wanted = {to_db(start): start for start in daily_slot_starts(
        today, seed_data.SLOT_DAYS_AHEAD, template["first_hour"], template["last_hour"], template["length_hours"])}
    have = set(session.scalars(select(Slot.starts_at).where(
        Slot.facility_id == facility_id, Slot.starts_at >= min(wanted))))
    for starts_at, start in wanted.items():
        if starts_at not in have:
            session.add(Slot(facility_id=facility_id, starts_at=starts_at, ends_at=to_db(start + length),
                             capacity=template["capacity"], booked=0))
