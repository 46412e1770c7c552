"""The festival schedule under /events/v1/: which events run when, and the scene each one opens."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request
from sqlalchemy import select

from ..asgi import report_rows
from ..deps import State, check_days, get_or_404
from ..models import Event
from ..schemas.common import ErrorOut
from ..schemas.events import EventList, EventOut
from ..timeutil import SEOUL

router = APIRouter(prefix="/events/v1", tags=["events"],
                   responses={code: {"model": ErrorOut} for code in (400, 404, 422, 429)})


def event_out(event: Event, today: date) -> dict:
    status = "upcoming" if today < event.starts_on else "ended" if today > event.ends_on else "ongoing"
    return {"id": event.id, "name": event.names, "place": event.places, "description": event.descriptions,
            "starts_on": event.starts_on, "ends_on": event.ends_on, "daily_open": event.daily_open,
            "daily_close": event.daily_close, "scene_id": event.scene_id, "lat": event.lat, "lon": event.lon,
            "status": status}


@router.get("/events", response_model=EventList)
async def list_events(request: Request, state: State,
                from_date: Annotated[date, Query(alias="from", description="events still running on or after")] = None,
                to_date: Annotated[date, Query(alias="to", description="events starting on or before")] = None,
                scene_id: Annotated[str, Query(max_length=64)] = None):
    """Events overlapping [from, to], soonest first."""
    check_days(**{"from": from_date, "to": to_date})
    statement = select(Event).order_by(Event.starts_on, Event.id)
    if from_date:
        statement = statement.where(Event.ends_on >= from_date)
    if to_date:
        statement = statement.where(Event.starts_on <= to_date)
    if scene_id:
        statement = statement.where(Event.scene_id == scene_id)
    today = state.now().astimezone(SEOUL).date()

    def read():
        with state.database.read_session() as session:
            return {"items": [event_out(e, today) for e in session.scalars(statement)]}

    answer = await state.database.run_read(read)
    report_rows(request.scope, len(answer["items"]))
    return answer


@router.get("/events/{event_id}", response_model=EventOut)
def get_event(event_id: str, state: State):
    return event_out(get_or_404(state, Event, event_id, "event"), state.now().astimezone(SEOUL).date())
