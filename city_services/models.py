"""The database tables (SQLAlchemy 2 declarative models).

Times are stored as naive UTC (`DateTime` without time zone) on both databases and converted at the
API boundary (see `timeutil.py`); dates of use and events are plain local (Seoul) dates.
Columns marked PERSONAL hold residents' personal data: they are never logged and are returned only
to the resident who owns them (see README, "Personal data").
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (JSON, CheckConstraint, Date, DateTime, Float, ForeignKey, Index, Integer,
                        LargeBinary, String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Service(Base):
    """An Open311 service type; `attributes` holds its Open311 attribute definitions (with ko/en texts)."""

    __tablename__ = "services"

    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    group: Mapped[str] = mapped_column(String(100))
    names: Mapped[dict] = mapped_column(JSON)  # {"en": ..., "ko": ...}
    descriptions: Mapped[dict] = mapped_column(JSON)
    keywords: Mapped[str] = mapped_column(String(500), default="")
    attributes: Mapped[list] = mapped_column(JSON, default=list)
    agency_responsible: Mapped[str] = mapped_column(String(200))
    service_notice: Mapped[str] = mapped_column(String(500), default="")
    sla_days: Mapped[int] = mapped_column(Integer)


class ServiceRequest(Base):
    """A civil complaint (Open311 service request) and its current state."""

    __tablename__ = "service_requests"
    __table_args__ = (
        Index("ix_service_requests_requested_at", "requested_at"),
        Index("ix_service_requests_service_code", "service_code"),
        Index("ix_service_requests_resident_key_hash", "resident_key_hash"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    jurisdiction_id: Mapped[str] = mapped_column(String(100))
    service_code: Mapped[str] = mapped_column(ForeignKey("services.code"))
    status_detail: Mapped[str] = mapped_column(String(32))
    status_notes: Mapped[str | None] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    long: Mapped[float | None] = mapped_column(Float)
    address_string: Mapped[str | None] = mapped_column(String(500))
    address_id: Mapped[str | None] = mapped_column(String(100))
    media_url: Mapped[str | None] = mapped_column(String(2000))
    attributes: Mapped[dict] = mapped_column(JSON, default=dict)
    requested_at: Mapped[datetime] = mapped_column(DateTime)
    updated_at: Mapped[datetime] = mapped_column(DateTime)
    expected_at: Mapped[datetime | None] = mapped_column(DateTime)
    # PERSONAL
    email: Mapped[str | None] = mapped_column(String(254))
    first_name: Mapped[str | None] = mapped_column(String(100))
    last_name: Mapped[str | None] = mapped_column(String(100))
    phone: Mapped[str | None] = mapped_column(String(40))
    device_id: Mapped[str | None] = mapped_column(String(200))
    account_id: Mapped[str | None] = mapped_column(String(200))
    # SHA-256 of the resident's X-Resident-Key; the key itself is never stored.
    resident_key_hash: Mapped[str | None] = mapped_column(String(64))

    updates: Mapped[list["RequestUpdate"]] = relationship(order_by="RequestUpdate.id",
                                                          cascade="all, delete-orphan")


class RequestUpdate(Base):
    """One step of a request's history (received, in_progress, ..., closed)."""

    __tablename__ = "request_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(ForeignKey("service_requests.id", ondelete="CASCADE"), index=True)
    status_detail: Mapped[str] = mapped_column(String(32))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class Facility(Base):
    """A bookable public facility or programme; fields follow Seoul's public service reservation data."""

    __tablename__ = "facilities"

    service_id: Mapped[str] = mapped_column(String(40), primary_key=True)  # SVCID
    category_major: Mapped[str] = mapped_column(String(100), index=True)  # MAXCLASSNM
    category_minor: Mapped[str] = mapped_column(String(100))  # MINCLASSNM
    status: Mapped[str] = mapped_column(String(20))  # SVCSTATNM: accepting | closed | suspended
    names: Mapped[dict] = mapped_column(JSON)  # SVCNM, {"ko": ..., "en": ...}
    place: Mapped[str] = mapped_column(String(200))  # PLACENM
    district: Mapped[str] = mapped_column(String(50))  # AREANM
    target_users: Mapped[str] = mapped_column(String(200))  # USETGTINFO
    payment: Mapped[str] = mapped_column(String(10))  # PAYATNM: free | paid
    fee_krw: Mapped[int] = mapped_column(Integer, default=0)
    receipt_start: Mapped[datetime] = mapped_column(DateTime)  # RCPTBGNDT
    receipt_end: Mapped[datetime] = mapped_column(DateTime)  # RCPTENDDT
    use_start: Mapped[date] = mapped_column(Date)  # SVCOPNBGNDT
    use_end: Mapped[date] = mapped_column(Date)  # SVCOPNENDDT
    min_people: Mapped[int] = mapped_column(Integer)
    max_people: Mapped[int] = mapped_column(Integer)
    phone: Mapped[str] = mapped_column(String(40))  # TELNO (the facility's, not personal)
    description: Mapped[str] = mapped_column(Text)  # DTLCONT
    lat: Mapped[float] = mapped_column(Float)  # Y
    lon: Mapped[float] = mapped_column(Float)  # X
    per_person_quota: Mapped[int] = mapped_column(Integer)
    cancel_deadline_hours: Mapped[int] = mapped_column(Integer, default=0)
    # Bookings of a slot close this many minutes before it starts (0: until it starts).
    booking_lead_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Slot(Base):
    """A bookable time slot; `booked` counts active reservations and can never exceed `capacity`."""

    __tablename__ = "slots"
    __table_args__ = (
        UniqueConstraint("facility_id", "starts_at", name="uq_slots_facility_start"),
        CheckConstraint("booked >= 0 AND booked <= capacity", name="ck_slots_booked_within_capacity"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    facility_id: Mapped[str] = mapped_column(ForeignKey("facilities.service_id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime] = mapped_column(DateTime)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)


class Reservation(Base):
    __tablename__ = "reservations"
    __table_args__ = (
        Index("ix_reservations_person", "facility_id", "phone_digits", "status"),
        Index("ix_reservations_slot", "slot_id", "status"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    facility_id: Mapped[str] = mapped_column(ForeignKey("facilities.service_id"))
    slot_id: Mapped[int] = mapped_column(ForeignKey("slots.id"))
    status: Mapped[str] = mapped_column(String(20))  # active | cancelled
    people: Mapped[int] = mapped_column(Integer)
    # PERSONAL
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40))
    phone_digits: Mapped[str] = mapped_column(String(40))  # the quota's person: E.164 (phones.person_key)
    email: Mapped[str | None] = mapped_column(String(254))
    # SHA-256 of the secret handed out at creation; the secret itself is never stored.
    secret_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime)

    slot: Mapped[Slot] = relationship(lazy="joined")


class Event(Base):
    """A festival or event in the schedule, with the scene the app opens for it."""

    __tablename__ = "events"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    names: Mapped[dict] = mapped_column(JSON)  # {"ko", "en", "zh", "ja"}
    places: Mapped[dict] = mapped_column(JSON)
    descriptions: Mapped[dict] = mapped_column(JSON)
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    daily_open: Mapped[str | None] = mapped_column(String(5))  # "17:00", Seoul time
    daily_close: Mapped[str | None] = mapped_column(String(5))
    scene_id: Mapped[str] = mapped_column(String(64))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)


class Resident(Base):
    """A resident key the server issued (POST /residents/v1/keys); only its SHA-256 is kept."""

    __tablename__ = "residents"

    key_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class IdempotencyKey(Base):
    """The first answer to a POST carrying an Idempotency-Key, replayed for repeats of it. Nothing here
    is readable without the key and the caller's credentials (see sealed_answers.py)."""

    __tablename__ = "idempotency_keys"

    lookup: Mapped[str] = mapped_column(String(64), primary_key=True)  # digest of path, key and caller
    request_tag: Mapped[str] = mapped_column(String(64))  # HMAC of the request: same request or another
    state: Mapped[str] = mapped_column(String(16))  # in_flight | done
    answer: Mapped[bytes | None] = mapped_column(LargeBinary)  # status, headers and body, sealed (AES-GCM)
    created_at: Mapped[datetime] = mapped_column(DateTime, index=True)
