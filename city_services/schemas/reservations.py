"""Reservation service shapes. Field names are English; the Seoul open-data field each one follows is
given in its description (ListPublicReservation*: SVCID, MAXCLASSNM, ...)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from .. import phones

FacilityStatus = Literal["accepting", "closed", "suspended"]


class FacilityOut(BaseModel):
    service_id: str = Field(description="SVCID")
    category_major: str = Field(description="MAXCLASSNM, e.g. 체육시설")
    category_minor: str = Field(description="MINCLASSNM, e.g. 테니스장")
    status: FacilityStatus = Field(description="SVCSTATNM: accepting (접수중), closed (접수종료), suspended (일시중지)")
    name: dict[str, str] = Field(description="SVCNM per language (ko, en)")
    place: str = Field(description="PLACENM")
    district: str = Field(description="AREANM")
    target_users: str = Field(description="USETGTINFO")
    payment: Literal["free", "paid"] = Field(description="PAYATNM")
    fee_krw: int
    receipt_start: str = Field(description="RCPTBGNDT, ISO 8601")
    receipt_end: str = Field(description="RCPTENDDT, ISO 8601")
    use_start: date = Field(description="SVCOPNBGNDT")
    use_end: date = Field(description="SVCOPNENDDT")
    min_people: int
    max_people: int
    phone: str = Field(description="TELNO (the facility's)")
    description: str = Field(description="DTLCONT")
    lat: float = Field(description="Y")
    lon: float = Field(description="X")
    per_person_quota: int = Field(description="most upcoming active reservations one person may hold here")
    cancel_deadline_hours: int = Field(description="cancelling closes this many hours before the slot starts")
    booking_lead_minutes: int = Field(description="booking a slot closes this many minutes before it starts")


class FacilityPage(BaseModel):
    items: list[FacilityOut]
    page: int
    page_size: int
    total: int


class SlotOut(BaseModel):
    id: int
    facility_id: str
    starts_at: str
    ends_at: str
    capacity: int
    available: int


class SlotList(BaseModel):
    items: list[SlotOut]


class ReservationIn(BaseModel):
    slot_id: int = Field(ge=1, le=2**62)
    people: int = Field(ge=1, le=1000)
    name: str = Field(min_length=1, max_length=100)
    phone: str = Field(min_length=4, max_length=40, pattern=r"^\+?[0-9][0-9 ()\-]{3,39}$")
    email: str | None = Field(default=None, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

    @field_validator("name")
    @classmethod
    def _name_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()

    def phone_digits(self) -> str:
        """Who books, for the per-person quota: the number in E.164 however it is written (phones.py)."""
        return phones.person_key(self.phone)


class ReservationOut(BaseModel):
    id: str
    status: Literal["active", "cancelled"]
    facility_id: str
    facility_name: dict[str, str]
    slot_id: int
    starts_at: str
    ends_at: str
    people: int
    name: str
    phone: str
    email: str | None
    created_at: str
    cancelled_at: str | None


class ReservationCreated(ReservationOut):
    secret: str = Field(description="send as X-Reservation-Secret to read or cancel; shown only once")
