from __future__ import annotations

from fastapi import APIRouter

from ..deps import State
from ..schemas.common import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
async def healthz(state: State):
    """200 when the server can reach its database (never rate limited)."""
    await state.database.run_read(state.database.ping)
    return {"status": "ok", "database": state.database.dialect}
