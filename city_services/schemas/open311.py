"""Open311 GeoReport v2 shapes (JSON form; the XML form has the same fields, see open311/formats.py).

Fields marked "extension" are not in the spec; generic Open311 clients ignore them.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

STATUS_DETAILS_OPEN = ("received", "in_progress", "action_scheduled")
STATUS_DETAILS_CLOSED = ("fixed", "closed", "duplicate", "referred")
StatusDetail = Literal["received", "in_progress", "action_scheduled", "fixed", "closed", "duplicate", "referred"]


def status_of(detail: str) -> str:
    """The spec's two-valued status for a detailed one."""
    return "open" if detail in STATUS_DETAILS_OPEN else "closed"


class Open311Error(BaseModel):
    code: int = Field(examples=[400])
    description: str = Field(examples=["service_code is required"])


class DiscoveryEndpoint(BaseModel):
    specification: str
    url: str
    changeset: str
    type: Literal["production", "test"]
    formats: list[str]


class Discovery(BaseModel):
    changeset: str
    contact: str
    key_service: str
    endpoints: list[DiscoveryEndpoint]


class ServiceOut(BaseModel):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: Literal["realtime", "batch", "blackbox"]
    keywords: str
    group: str


class AttributeValue(BaseModel):
    key: str
    name: str


class AttributeOut(BaseModel):
    variable: bool
    code: str
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"]
    required: bool
    datatype_description: str | None
    order: int
    description: str
    values: list[AttributeValue]


class ServiceDefinition(BaseModel):
    service_code: str
    attributes: list[AttributeOut]


class RequestCreated(BaseModel):
    service_request_id: str
    token: str = Field(description="look the request up again with GET tokens/{token}")
    service_notice: str | None
    account_id: str | None


class TokenOut(BaseModel):
    service_request_id: str | None
    token: str


class RequestUpdateOut(BaseModel):
    """Extension: one step of the request's history."""

    status: Literal["open", "closed"]
    status_detail: StatusDetail
    notes: str | None
    updated_datetime: str


class SubmittedAttribute(BaseModel):
    code: str
    values: list[str]


class ServiceRequestOut(BaseModel):
    service_request_id: str
    status: Literal["open", "closed"]
    status_notes: str | None
    service_name: str
    service_code: str
    description: str | None
    agency_responsible: str
    service_notice: str | None
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str | None
    address_id: str | None
    zipcode: str | None
    lat: float | None
    long: float | None
    media_url: str | None
    status_detail: StatusDetail = Field(description="extension: the detailed status")
    updates: list[RequestUpdateOut] = Field(description="extension: status history, oldest first")
    # Extension, present only for the resident who filed the request (header X-Resident-Key).
    attributes: list[SubmittedAttribute] | None = None
    email: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    phone: str | None = None
    device_id: str | None = None
    account_id: str | None = None


class StaffUpdateIn(BaseModel):
    status_detail: StatusDetail
    notes: str | None = Field(default=None, max_length=2000)


POST_REQUEST_FORM_SCHEMA = {
    "type": "object",
    "required": ["api_key", "service_code"],
    "properties": {
        "api_key": {"type": "string", "maxLength": 200},
        "jurisdiction_id": {"type": "string", "maxLength": 100},
        "service_code": {"type": "string", "maxLength": 64},
        "lat": {"type": "number", "minimum": -90, "maximum": 90},
        "long": {"type": "number", "minimum": -180, "maximum": 180},
        "address_string": {"type": "string", "maxLength": 500},
        "address_id": {"type": "string", "maxLength": 100},
        "email": {"type": "string", "maxLength": 254},
        "device_id": {"type": "string", "maxLength": 200},
        "account_id": {"type": "string", "maxLength": 200},
        "first_name": {"type": "string", "maxLength": 100},
        "last_name": {"type": "string", "maxLength": 100},
        "phone": {"type": "string", "maxLength": 40},
        "description": {"type": "string", "maxLength": 4000},
        "media_url": {"type": "string", "maxLength": 2000},
    },
    "additionalProperties": {"type": "string",
                             "description": "attribute[CODE]=value, or attribute[CODE][]=value for multivaluelist"},
}
