from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class EventOut(BaseModel):
    id: str
    name: dict[str, str] = Field(description="per language: ko, en, zh, ja")
    place: dict[str, str]
    description: dict[str, str]
    starts_on: date
    ends_on: date
    daily_open: str | None = Field(description="HH:MM, Seoul time")
    daily_close: str | None
    scene_id: str = Field(description="the app scene this event opens")
    lat: float
    lon: float
    status: Literal["upcoming", "ongoing", "ended"]


class EventList(BaseModel):
    items: list[EventOut]
