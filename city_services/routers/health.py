from __future__ import annotations

from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from ..deps import State
from ..schemas.common import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(state: State):
    """200 when the server can reach its database (never rate limited)."""
    database = state.database
    if database.ping_is_instant:
        database.ping()  # microseconds: cheaper than the hand-off to the thread pool
    else:
        await run_in_threadpool(database.ping)  # a network round trip, or a wait for a pooled connection
    return {"status": "ok", "database": database.dialect}
