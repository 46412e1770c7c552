"""Resident keys under /residents/v1/: the app asks for one per installation and keeps it."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field

from ..deps import IdempotencyKeyHeader, State, require_api_key
from ..schemas.common import ErrorOut

router = APIRouter(prefix="/residents/v1", tags=["residents"],
                   responses={code: {"model": ErrorOut} for code in (403, 413, 422, 429)})


class ResidentKeyOut(BaseModel):
    resident_key: str = Field(description="send as X-Resident-Key when filing and reading your own requests; "
                                          "shown only once")


@router.post("/keys", status_code=201, response_model=ResidentKeyOut, dependencies=[Depends(require_api_key)])
def issue_resident_key(state: State, idempotency_key: IdempotencyKeyHeader = None):
    """A new resident key: 128 random bits, of which the server keeps only a digest."""
    return {"resident_key": state.residents.issue(state.now())}
