from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import text

from ..deps import State
from ..schemas.common import Health

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health)
def healthz(state: State):
    """200 when the server can reach its database (never rate limited)."""
    with state.database.read_session() as session:
        session.execute(text("SELECT 1"))
    return {"status": "ok", "database": state.database.dialect}
