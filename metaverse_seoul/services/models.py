"""Typed answers of the city-services API.

Each dataclass names the fields the app uses; `from_json` fills it from a decoded JSON object,
ignoring fields it does not know (a city's server may send more) and keeping the whole object in
`raw` for anything else. Open311 field names are kept as the GeoReport v2 spec spells them.
"""

import dataclasses
from dataclasses import dataclass, field


class AnswerShapeError(ValueError):
    """The server's answer did not have the shape the API contract promises."""


def from_json(cls, data, what):
    """Build dataclass `cls` from the JSON object `data`; `what` names it in error messages."""
    if not isinstance(data, dict):
        raise AnswerShapeError(f"{what}: expected an object, got {type(data).__name__}")
    known = {f.name for f in dataclasses.fields(cls) if f.init and f.name != "raw"}
    required = {
        f.name
        for f in dataclasses.fields(cls)
        if f.init and f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    } - {"raw"}
    missing = sorted(name for name in required if name not in data)
    if missing:
        raise AnswerShapeError(f"{what}: missing {', '.join(missing)}")
    values = {name: data[name] for name in known if name in data}
    return cls(**values, raw=data)


def list_from_json(cls, data, what):
    if not isinstance(data, list):
        raise AnswerShapeError(f"{what}: expected a list, got {type(data).__name__}")
    return [from_json(cls, item, f"{what}[{index}]") for index, item in enumerate(data)]


# ---- Open311 GeoReport v2 -------------------------------------------------------------------


@dataclass
class Service:
    """One entry of services.json: a kind of complaint the city accepts."""

    service_code: str
    service_name: str
    description: str | None = None
    metadata: bool = False  # True when services/{code} has attribute definitions
    type: str | None = None  # realtime | batch | blackbox
    keywords: str | None = None
    group: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class AttributeValue:
    key: str
    name: str
    raw: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class ServiceAttribute:
    """One question on a complaint form (spec: an `attribute` of a service definition)."""

    code: str
    datatype: str  # string | number | datetime | text | singlevaluelist | multivaluelist
    variable: bool = True  # False: informational text only, no answer expected
    required: bool = False
    description: str | None = None
    datatype_description: str | None = None
    order: int = 0
    values: list = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.values = list_from_json(AttributeValue, self.values or [], f"attribute {self.code} values")


@dataclass
class ServiceDefinition:
    service_code: str
    attributes: list = field(default_factory=list)
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        attributes = list_from_json(ServiceAttribute, self.attributes or [], "attributes")
        self.attributes = sorted(attributes, key=lambda attribute: attribute.order)


@dataclass
class SubmittedRequest:
    """The answer to POST requests: an id now, or a token to look the id up later."""

    service_request_id: str | None = None
    token: str | None = None
    service_notice: str | None = None
    account_id: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        if self.service_request_id is None and self.token is None:
            raise AnswerShapeError("submitted request: neither service_request_id nor token")
        self.service_request_id = _text_or_none(self.service_request_id)
        self.token = _text_or_none(self.token)


@dataclass
class ServiceRequest:
    """One complaint as the server shows it (requests/{id}): status is `open` or `closed`."""

    service_request_id: str
    status: str
    service_code: str | None = None
    service_name: str | None = None
    description: str | None = None
    status_notes: str | None = None
    agency_responsible: str | None = None
    service_notice: str | None = None
    requested_datetime: str | None = None
    updated_datetime: str | None = None
    expected_datetime: str | None = None
    address: str | None = None
    address_id: str | None = None
    zipcode: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.service_request_id = str(self.service_request_id)


@dataclass
class TokenLookup:
    token: str
    service_request_id: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        self.service_request_id = _text_or_none(self.service_request_id)


def _text_or_none(value):
    return None if value is None else str(value)


# ---- reservations (fields follow Seoul's public service reservation data) --------------------


@dataclass
class Facility:
    """A bookable facility or programme (SVCID, MAXCLASSNM/MINCLASSNM, SVCSTATNM, ...)."""

    service_id: str
    status: str  # accepting | closed | suspended
    name: dict  # per language
    category_major: str | None = None
    category_minor: str | None = None
    place: str | None = None
    district: str | None = None
    target_users: str | None = None
    payment: str | None = None  # free | paid
    fee_krw: int | None = None
    receipt_start: str | None = None
    receipt_end: str | None = None
    use_start: str | None = None
    use_end: str | None = None
    min_people: int | None = None
    max_people: int | None = None
    phone: str | None = None  # the facility's, not a resident's
    description: str | None = None
    lat: float | None = None
    lon: float | None = None
    per_person_quota: int | None = None
    cancel_deadline_hours: int | None = None
    booking_lead_minutes: int | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Slot:
    id: int
    facility_id: str
    starts_at: str
    ends_at: str
    capacity: int
    available: int
    raw: dict = field(default_factory=dict, repr=False, compare=False)


@dataclass
class Reservation:
    """A booking; `secret` is present only in the answer that created it (keep it to read or cancel)."""

    id: str
    status: str  # active | cancelled
    facility_id: str
    slot_id: int
    people: int
    starts_at: str | None = None
    ends_at: str | None = None
    facility_name: dict = field(default_factory=dict)
    name: str | None = None
    phone: str | None = None
    email: str | None = None
    created_at: str | None = None
    cancelled_at: str | None = None
    secret: str | None = None
    raw: dict = field(default_factory=dict, repr=False, compare=False)


# ---- festival events ------------------------------------------------------------------------


@dataclass
class Event:
    """A festival in the schedule and the app scene it opens."""

    id: str
    name: dict  # per language: ko, en, zh, ja
    starts_on: str
    ends_on: str
    scene_id: str
    place: dict = field(default_factory=dict)
    description: dict = field(default_factory=dict)
    daily_open: str | None = None  # HH:MM, Seoul time
    daily_close: str | None = None
    lat: float | None = None
    lon: float | None = None
    status: str | None = None  # upcoming | ongoing | ended
    raw: dict = field(default_factory=dict, repr=False, compare=False)
