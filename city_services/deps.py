"""FastAPI dependencies: the app's state (settings, database), the clock and the write keys."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Header, Request

from .catalog_cache import Expiring
from .config import Settings
from .db import Database
from .errors import ApiError
from .idempotency import IdempotencyStore
from .keys import KeyRing
from .residents import ResidentKeys


@dataclass
class AppState:
    settings: Settings
    database: Database
    idempotency: IdempotencyStore
    services: Expiring = field(default=None)  # service definitions by code, for checking complaints
    api_keys: KeyRing = field(init=False)
    staff_keys: KeyRing = field(init=False)
    residents: ResidentKeys = field(init=False)

    def __post_init__(self):
        if self.services is None:
            self.services = Expiring(self.settings.catalog_cache_s)
        self.api_keys = KeyRing(self.settings.api_keys)
        self.staff_keys = KeyRing(self.settings.staff_keys)
        self.residents = ResidentKeys(self.database)

    def now(self) -> datetime:
        return self.settings.clock()


# The dependencies below do no I/O, so they are `async def`: FastAPI runs a plain `def` dependency in
# the thread pool, and that hand-off cost more CPU than the whole check.
async def app_state(request: Request) -> AppState:
    return request.app.state.city


State = Annotated[AppState, Depends(app_state)]


async def require_api_key(state: State,
                    x_api_key: Annotated[str, Header(max_length=200, description="an issued api_key")] = None):
    if not state.api_keys.accepts(x_api_key):
        raise ApiError(403, "X-API-Key header is missing or not a valid api_key")


async def require_staff_key(state: State,
                      x_staff_key: Annotated[str, Header(max_length=200, description="a staff key")] = None):
    if not state.staff_keys.accepts(x_staff_key):
        raise ApiError(403, "X-Staff-Key header is missing or not a valid staff key")


# Dates a query may name: beyond them, day arithmetic overflows and no data can exist anyway.
EARLIEST_DAY, LATEST_DAY = date(2000, 1, 1), date(2999, 12, 31)


def check_days(**days: date | None) -> None:
    """ApiError 400 naming the first query date outside EARLIEST_DAY..LATEST_DAY."""
    for name, day in days.items():
        if day is not None and not (EARLIEST_DAY <= day <= LATEST_DAY):
            raise ApiError(400, f"{name}: must be between {EARLIEST_DAY} and {LATEST_DAY}")


IdempotencyKeyHeader = Annotated[str, Header(
    alias="Idempotency-Key", min_length=1, max_length=255, pattern=r"^[!-~]{1,255}$",
    description="repeat a POST safely: the same key and body replay the first answer")]


def get_or_404(state: AppState, model, key, what: str):
    """The row of `model` whose primary key is `key`, or ApiError 404 naming `what`."""
    with state.database.read_session() as session:
        row = session.get(model, key)
    if row is None:
        raise ApiError(404, f"{what} {key!r} not found")
    return row
