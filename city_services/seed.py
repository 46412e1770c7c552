"""Idempotent seeding: insert the services, facilities and events of `seed_data` that are missing, and
top up each facility's slots for the coming days. Running it again (every start) changes nothing else,
except that a demonstration receipt period about to end is extended (seed_data.DEMO_PERIOD_DAYS).

Everything dated is laid relative to `now`, the seed day, so the demonstration data is current
whatever year the server is started in."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from . import seed_data
from .db import Database
from .models import Event, Facility, Service, Slot
from .timeutil import SEOUL, to_db


def seed(database: Database, now: datetime) -> None:
    today = now.astimezone(SEOUL).date()
    with database.write_session() as session:
        existing_services = set(session.scalars(select(Service.code)))
        for spec in seed_data.SERVICES:
            if spec["code"] not in existing_services:
                session.add(Service(**spec))
        existing_facilities = {f.service_id: f for f in session.scalars(select(Facility))}
        for spec in seed_data.FACILITIES:
            facility = existing_facilities.get(spec["service_id"])
            if facility is None:
                session.add(_facility(spec, today))
            else:
                _extend_demo_period(facility, today)
        existing_events = set(session.scalars(select(Event.id)))
        for spec in seed_data.ANNUAL_EVENTS:
            event = _edition(spec, today)
            if event.id not in existing_events:
                session.add(event)
        session.flush()
        for spec in seed_data.FACILITIES:
            if spec["slots"]:
                _top_up_slots(session, spec["service_id"], spec["slots"], today)


def _facility(spec: dict, today: date) -> Facility:
    fields = {k: v for k, v in spec.items() if k != "slots"}
    last = today + timedelta(days=seed_data.DEMO_PERIOD_DAYS)
    return Facility(**fields, receipt_start=_day_start(today), receipt_end=_day_start(last + timedelta(days=1)),
                    use_start=today, use_end=last)


def _extend_demo_period(facility: Facility, today: date) -> None:
    """Keep a demonstration facility taking bookings for the slots seeding adds (the next 14 days)."""
    if facility.use_end < today + timedelta(days=seed_data.SLOT_DAYS_AHEAD):
        last = today + timedelta(days=seed_data.DEMO_PERIOD_DAYS)
        facility.use_end = last
        facility.receipt_end = _day_start(last + timedelta(days=1))


def _day_start(day: date) -> datetime:
    return to_db(datetime.combine(day, time(0), tzinfo=SEOUL))


def season_dates(season, today: date) -> tuple[date, date]:
    """(starts_on, ends_on) of the edition of an annual season running on `today`, or else the next one."""
    (start_month, start_day), (end_month, end_day) = season
    for year in (today.year - 1, today.year, today.year + 1):
        starts_on = date(year, start_month, start_day)
        ends_on = date(year + (end_month < start_month), end_month, end_day)
        if ends_on >= today:
            return starts_on, ends_on
    raise ValueError(f"season {season!r} has no edition around {today}")  # unreachable for a valid season


def _edition(spec: dict, today: date) -> Event:
    starts_on, ends_on = season_dates(spec["season"], today)
    fields = {k: v for k, v in spec.items() if k not in ("id", "season")}
    return Event(id=f"{spec['id']}-{starts_on.year}", starts_on=starts_on, ends_on=ends_on, **fields)


def daily_slot_starts(first_day, days: int, first_hour: int, last_hour: int, length_hours: int):
    """Seoul-time slot start times: every `length_hours` from first_hour up to last_hour, for `days` days."""
    for offset in range(days):
        day = first_day + timedelta(days=offset)
        for hour in range(first_hour, last_hour + 1, length_hours):
            yield datetime.combine(day, time(hour), tzinfo=SEOUL)


def _top_up_slots(session, facility_id: str, template: dict, today: date) -> None:
    length = timedelta(hours=template["length_hours"])
    wanted = {to_db(start): start for start in daily_slot_starts(
        today, seed_data.SLOT_DAYS_AHEAD, template["first_hour"], template["last_hour"], template["length_hours"])}
    have = set(session.scalars(select(Slot.starts_at).where(
        Slot.facility_id == facility_id, Slot.starts_at >= min(wanted))))
    for starts_at, start in wanted.items():
        if starts_at not in have:
            session.add(Slot(facility_id=facility_id, starts_at=starts_at, ends_at=to_db(start + length),
                             capacity=template["capacity"], booked=0))
