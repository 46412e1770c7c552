from __future__ import annotations

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    """Every error outside Open311: one line saying what is wrong, and for refusals a stable reason."""

    detail: str = Field(examples=["slot_id: field required"])
    reason: str | None = Field(default=None, description="machine-readable cause of a refused booking",
                               examples=["slot_full"])


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    database: str = Field(examples=["sqlite"])
