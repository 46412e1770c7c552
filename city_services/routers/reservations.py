"""Facilities, their slots, and reservations under /reservations/v1/.

A reservation is read or cancelled only with the secret answered when it was made (header
X-Reservation-Secret); there is no listing of reservations, so nobody sees anyone else's bookings.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Query, Request
from sqlalchemy import bindparam, func, select

from .. import idempotency, reservations_store
from ..asgi import report_rows
from ..deps import IdempotencyKeyHeader, State, check_days, get_or_404, require_api_key
from ..errors import ApiError, json_response
from ..models import Facility, Slot
from ..schemas.common import ErrorOut
from ..schemas.reservations import (FacilityOut, FacilityPage, FacilityStatus, ReservationCreated, ReservationIn,
                                    ReservationOut, SlotList)
from ..config import MAX_PAGE_SIZE
from ..timeutil import SEOUL, iso, to_db

MAX_SLOT_RANGE_DAYS = 31
_FACILITY_LEAD = select(Facility.booking_lead_minutes).where(Facility.service_id == bindparam("f"))
_SLOTS = (select(Slot.id, Slot.facility_id, Slot.starts_at, Slot.ends_at, Slot.capacity, Slot.booked)
          .where(Slot.facility_id == bindparam("f"), Slot.starts_at >= bindparam("start"),
                 Slot.starts_at < bindparam("end"), Slot.starts_at > bindparam("open_after"))
          .order_by(Slot.starts_at))
errors = {code: {"model": ErrorOut} for code in (400, 403, 404, 409, 413, 422, 429)}
router = APIRouter(prefix="/reservations/v1", tags=["reservations"], responses=errors)
Secret = Annotated[str, Header(max_length=200, description="the secret answered when the reservation was made")]


def facility_out(facility: Facility) -> dict:
    return {"service_id": facility.service_id, "category_major": facility.category_major,
            "category_minor": facility.category_minor, "status": facility.status, "name": facility.names,
            "place": facility.place, "district": facility.district, "target_users": facility.target_users,
            "payment": facility.payment, "fee_krw": facility.fee_krw, "receipt_start": iso(facility.receipt_start),
            "receipt_end": iso(facility.receipt_end), "use_start": facility.use_start, "use_end": facility.use_end,
            "min_people": facility.min_people, "max_people": facility.max_people, "phone": facility.phone,
            "description": facility.description, "lat": facility.lat, "lon": facility.lon,
            "per_person_quota": facility.per_person_quota, "cancel_deadline_hours": facility.cancel_deadline_hours,
            "booking_lead_minutes": facility.booking_lead_minutes}


@router.get("/facilities", response_model=FacilityPage)
async def list_facilities(request: Request, state: State,
                    category_major: Annotated[str, Query(max_length=100)] = None,
                    category_minor: Annotated[str, Query(max_length=100)] = None,
                    district: Annotated[str, Query(max_length=50)] = None,
                    status: FacilityStatus = None,
                    page: Annotated[int, Query(ge=1, le=100_000)] = 1,
                    page_size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = None):
    """Facilities and programmes, filtered by category, district or status."""
    page_size = page_size or state.settings.default_page_size
    if page_size > state.settings.max_page_size:
        raise ApiError(422, f"page_size: at most {state.settings.max_page_size}")
    filters = [column == value for column, value in ((Facility.category_major, category_major),
               (Facility.category_minor, category_minor), (Facility.district, district), (Facility.status, status))
               if value is not None]

    def read():
        with state.database.read_session() as session:
            total = session.scalar(select(func.count()).select_from(Facility).where(*filters))
            rows = session.scalars(select(Facility).where(*filters).order_by(Facility.service_id)
                                   .limit(page_size).offset((page - 1) * page_size)).all()
        return total, rows

    total, rows = await state.database.run_read(read)
    report_rows(request.scope, len(rows))
    return {"items": [facility_out(f) for f in rows], "page": page, "page_size": page_size, "total": total}


@router.get("/facilities/{facility_id}", response_model=FacilityOut)
def get_facility(facility_id: str, state: State):
    return facility_out(get_or_404(state, Facility, facility_id, "facility"))


@router.get("/facilities/{facility_id}/slots", response_model=SlotList)
async def list_slots(request: Request, facility_id: str, state: State,
                     from_date: Annotated[date, Query(alias="from", description="first day (Seoul); default today")] = None,
                     to_date: Annotated[date, Query(alias="to", description="last day; default from + 6 days")] = None):
    """Time slots that still take bookings, with what is left of their capacity, for at most 31 days.
    A slot that has started, or whose bookings have closed (the facility's `booking_lead_minutes`),
    is not listed."""
    check_days(**{"from": from_date, "to": to_date})
    now = state.now()
    first = from_date or now.astimezone(SEOUL).date()
    last = to_date or first + timedelta(days=6)
    if last < first:
        raise ApiError(422, "to: earlier than from")
    if (last - first).days >= MAX_SLOT_RANGE_DAYS:
        raise ApiError(422, f"from/to: at most {MAX_SLOT_RANGE_DAYS} days at once")
    day_start = to_db(datetime.combine(first, time(0), tzinfo=SEOUL))
    end = to_db(datetime.combine(last + timedelta(days=1), time(0), tzinfo=SEOUL))

    def read():
        with state.database.read_connection() as connection:
            lead = connection.execute(_FACILITY_LEAD, {"f": facility_id}).scalar()
            if lead is None:
                raise ApiError(404, f"facility {facility_id!r} not found")
            # Only slots still open: booking_closes_at(starts_at) > now, i.e. starts_at > now + lead.
            open_after = to_db(now) + timedelta(minutes=lead)
            return connection.execute(_SLOTS, {"f": facility_id, "start": day_start, "end": end,
                                               "open_after": open_after}).all()

    slots = await state.database.run_read(read)
    report_rows(request.scope, len(slots))
    # Serialised here rather than through response_model (which stays for /openapi.json): residents
    # poll this list, and validating rows the query just built cost more than the query.
    return json_response({"items": [{"id": s.id, "facility_id": s.facility_id, "starts_at": iso(s.starts_at),
                                     "ends_at": iso(s.ends_at), "capacity": s.capacity,
                                     "available": s.capacity - s.booked} for s in slots]})


@router.post("/reservations", status_code=201, response_model=ReservationCreated,
             dependencies=[Depends(require_api_key)])
def create_reservation(request: Request, wanted: ReservationIn, state: State,
                       idempotency_key: IdempotencyKeyHeader = None):
    """Book a slot. 409 with a `reason` when a rule refuses it (slot_full, quota_exceeded, ...).
    The answer carries `secret`: keep it, it is the only way to read or cancel the reservation."""
    return reservations_store.book(state.database, wanted, state.now(), request.scope.get(idempotency.PENDING))


@router.get("/reservations/{reservation_id}", response_model=ReservationOut)
def get_reservation(reservation_id: str, state: State, x_reservation_secret: Secret = None):
    return reservations_store.read(state.database, reservation_id, x_reservation_secret)


@router.delete("/reservations/{reservation_id}", response_model=ReservationOut,
               dependencies=[Depends(require_api_key)])
def cancel_reservation(reservation_id: str, state: State, x_reservation_secret: Secret = None):
    """Cancel; cancelling again answers the cancelled reservation."""
    return reservations_store.cancel(state.database, reservation_id, x_reservation_secret, state.now())


# POST paths whose route stores its Idempotency-Key answer in its own transaction (see idempotency.py).
RECORDING_POSTS = frozenset({f"{router.prefix}/reservations"})
