"""City staff move a request through its history (received ... fixed, closed, duplicate, referred)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from .. import open311_service
from ..deps import IdempotencyKeyHeader, State, require_staff_key
from ..errors import ApiError
from ..models import ServiceRequest
from ..schemas.common import ErrorOut
from ..schemas.open311 import RequestUpdateOut, StaffUpdateIn, status_of
from ..timeutil import iso

router = APIRouter(prefix="/staff/v1", tags=["staff"], dependencies=[Depends(require_staff_key)],
                   responses={code: {"model": ErrorOut} for code in (400, 403, 404, 409, 413, 422, 429)})


class StaffUpdateOut(RequestUpdateOut):
    service_request_id: str


@router.post("/requests/{service_request_id}/updates", status_code=201, response_model=StaffUpdateOut)
def add_update(service_request_id: Annotated[int, Path(ge=1, le=2**62)], update: StaffUpdateIn, state: State,
               idempotency_key: IdempotencyKeyHeader = None):
    """Record a new status (and notes residents will see) for a request."""
    with state.database.write_session() as session:
        request = session.get(ServiceRequest, service_request_id)
        if request is None:
            raise ApiError(404, f"service_request_id {service_request_id} not found")
        open311_service.add_update(request, update.status_detail, update.notes, state.now())
        session.flush()
        return {"service_request_id": str(request.id), "status": status_of(request.status_detail),
                "status_detail": request.status_detail, "notes": request.status_notes,
                "updated_datetime": iso(request.updated_at)}
