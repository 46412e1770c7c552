"""Open311 domain logic: services as the spec shows them, checking a submitted request against its
service definition, storing it, and querying requests with the spec's filters.

Everything here is synchronous and takes a SQLAlchemy connection; the router runs it through
Database.run_read / run_write (a worker thread, or inline on SQLite when that cannot wait).
"""

from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from sqlalchemy import bindparam, insert, select

from . import privacy
from .errors import Open311Errors
from .models import RequestUpdate, Service, ServiceRequest
from .schemas.open311 import STATUS_DETAILS_CLOSED, STATUS_DETAILS_OPEN, status_of
from .timeutil import iso, parse_iso, to_db

log = logging.getLogger("city_services.open311")
MAX_DESCRIPTION = 4000
MAX_DATE_RANGE = timedelta(days=90)
# Dates outside these bounds are clamped to them, so that window arithmetic can never overflow.
EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
LATEST = datetime(9000, 1, 1, tzinfo=timezone.utc)
TEXT_LIMITS = {"address_string": 500, "address_id": 100, "email": 254, "device_id": 200, "account_id": 200,
               "first_name": 100, "last_name": 100, "phone": 40, "description": MAX_DESCRIPTION,
               "media_url": 2000, "jurisdiction_id": 100, "service_code": 64, "api_key": 200}
CONTACT_FIELDS = ("email", "first_name", "last_name", "phone", "device_id", "account_id")
ATTRIBUTE_KEY = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
PHONE = re.compile(r"^\+?[0-9][0-9 ()\-.]{3,39}$")
ATTRIBUTE_TEXT_LIMITS = {"string": 500, "text": 4000}


def localized(texts: dict | None, locale: str) -> str:
    if not texts:
        return ""
    return texts.get(locale) or texts.get("en") or next(iter(texts.values()))


# --- services -------------------------------------------------------------------------------------

def service_out(service: Service, locale: str) -> dict:
    return {"service_code": service.code, "service_name": localized(service.names, locale),
            "description": localized(service.descriptions, locale),
            "metadata": any(a["variable"] for a in service.attributes), "type": "realtime",
            "keywords": service.keywords, "group": service.group}


def definition_out(service: Service, locale: str) -> dict:
    return {"service_code": service.code, "attributes": [
        {"variable": a["variable"], "code": a["code"], "datatype": a["datatype"], "required": a["required"],
         "datatype_description": localized(a["datatype_description"], locale) or None, "order": a["order"],
         "description": localized(a["description"], locale),
         "values": [{"key": v["key"], "name": localized(v["name"], locale)} for v in a["values"]]}
        for a in service.attributes]}


# --- submissions ----------------------------------------------------------------------------------

@dataclass
class Submission:
    """A checked POST requests form (contact fields included; they are stored, never logged)."""

    service_code: str
    fields: dict[str, str | None] = field(default_factory=dict)
    lat: float | None = None
    long: float | None = None
    attributes: dict[str, list[str]] = field(default_factory=dict)


def read_form(items: list[tuple[str, str]]) -> tuple[dict[str, str], dict[str, list[str]], list[str]]:
    """Split form items into plain fields and attribute[...] values; report repeated plain fields."""
    plain: dict[str, str] = {}
    attributes: dict[str, list[str]] = {}
    problems = []
    for key, value in items:
        match = ATTRIBUTE_KEY.match(key)
        if match:
            attributes.setdefault(match.group(1), []).append(value)
        elif key in plain:
            problems.append(f"{key}: given more than once")
        else:
            plain[key] = value
    return plain, attributes, problems


def check_submission(plain: dict[str, str], raw_attributes: dict[str, list[str]], service,
                     problems: list[str]) -> Submission:
    """Check everything except api_key and jurisdiction (done first by the router). Raises Open311Errors."""
    problems = list(problems)
    for name, limit in TEXT_LIMITS.items():
        if len(plain.get(name) or "") > limit:
            problems.append(f"{name}: at most {limit} characters")
    values = {name: (plain.get(name) or "").strip() or None for name in TEXT_LIMITS}
    lat, long = _location(plain, problems)
    if lat is None and not values["address_string"] and not values["address_id"]:
        problems.append("location: give lat and long, address_string or address_id")
    if values["email"] and not EMAIL.match(values["email"]):
        problems.append("email: not an e-mail address")
    if values["phone"] and not PHONE.match(values["phone"]):
        problems.append("phone: use digits, spaces, +, - and parentheses only")
    if values["media_url"] and not values["media_url"].lower().startswith(("http://", "https://")):
        problems.append("media_url: must be an http:// or https:// URL")
    attributes = _check_attributes(raw_attributes, service, problems) if service else {}
    if problems:
        raise Open311Errors(400, problems)
    fields = {name: values[name] for name in ("address_string", "address_id", "description", "media_url",
                                              *CONTACT_FIELDS)}
    return Submission(service_code=service.code, fields=fields, lat=lat, long=long, attributes=attributes)


def _location(plain: dict[str, str], problems: list[str]) -> tuple[float | None, float | None]:
    raw_lat, raw_long = (plain.get("lat") or "").strip(), (plain.get("long") or "").strip()
    if not raw_lat and not raw_long:
        return None, None
    if not raw_lat or not raw_long:
        problems.append("lat and long: give both or neither")
        return None, None
    try:
        lat, long = float(raw_lat), float(raw_long)
    except ValueError:
        problems.append("lat and long: must be decimal degrees (WGS84)")
        return None, None
    if not (-90 <= lat <= 90 and -180 <= long <= 180):
        problems.append("lat and long: out of range (lat -90..90, long -180..180)")
        return None, None
    return lat, long


def _check_attributes(raw: dict[str, list[str]], service, problems: list[str]) -> dict[str, list[str]]:
    definitions = {a["code"]: a for a in service.attributes}
    for code in raw:
        if code not in definitions:
            problems.append(f"attribute[{code}]: service {service.code} has no such attribute")
    checked: dict[str, list[str]] = {}
    for code, definition in definitions.items():
        if not definition["variable"]:
            continue  # information for the resident, not an input
        values = [v.strip() for v in raw.get(code, []) if v.strip()]
        if not values:
            if definition["required"]:
                problems.append(f"attribute[{code}]: required")
            continue
        problem = _attribute_problem(definition, values)
        if problem:
            problems.append(f"attribute[{code}]: {problem}")
        else:
            checked[code] = values
    return checked


def _attribute_problem(definition: dict, values: list[str]) -> str | None:
    datatype = definition["datatype"]
    if datatype != "multivaluelist" and len(values) > 1:
        return "takes one value"
    if datatype in ATTRIBUTE_TEXT_LIMITS and len(values[0]) > ATTRIBUTE_TEXT_LIMITS[datatype]:
        return f"at most {ATTRIBUTE_TEXT_LIMITS[datatype]} characters"
    if datatype == "number":
        try:
            float(values[0])
        except ValueError:
            return "must be a number"
    if datatype == "datetime":
        try:
            parse_iso(values[0])
        except ValueError:
            return "must be an ISO 8601 date and time"
    if datatype in ("singlevaluelist", "multivaluelist"):
        keys = {v["key"] for v in definition["values"]}
        unknown = [v for v in values if v not in keys]
        if unknown:
            return f"{unknown[0]!r} is not one of {', '.join(sorted(keys))}"
    return None


# The hot write path runs prepared Core statements with plain parameter dicts: no ORM unit of work and
# no per-call statement building, which is most of the cost of a complaint POST.
_SELECT_SERVICE = select(Service.__table__).where(Service.__table__.c.code == bindparam("code"))
_INSERT_REQUEST = insert(ServiceRequest.__table__).returning(ServiceRequest.__table__.c.id)
_INSERT_UPDATE = insert(RequestUpdate.__table__)


def find_service(connection, code: str):
    """The service row (code, attributes, sla_days, service_notice, ...) or None."""
    return connection.execute(_SELECT_SERVICE, {"code": code}).first()


def create_request(connection, submission: Submission, service, jurisdiction_id: str, now: datetime,
                   resident_key: str | None) -> tuple[int, str]:
    """Insert the request and its first history step; answers (id, token)."""
    stamp = to_db(now)
    token = secrets.token_urlsafe(16)
    request_id = connection.execute(_INSERT_REQUEST, {
        "token": token, "jurisdiction_id": jurisdiction_id, "service_code": submission.service_code,
        "status_detail": "received", "status_notes": None, "lat": submission.lat, "long": submission.long,
        "attributes": submission.attributes, "requested_at": stamp, "updated_at": stamp,
        "expected_at": stamp + timedelta(days=service.sla_days),
        "resident_key_hash": privacy.digest(resident_key) if resident_key else None, **submission.fields,
    }).scalar_one()
    connection.execute(_INSERT_UPDATE, {"request_id": request_id, "status_detail": "received", "notes": None,
                                        "created_at": stamp})
    return request_id, token


def add_update(request: ServiceRequest, status_detail: str, notes: str | None, now: datetime) -> None:
    stamp = to_db(now)
    request.status_detail = status_detail
    request.status_notes = notes
    request.updated_at = stamp
    request.updates.append(RequestUpdate(status_detail=status_detail, notes=notes, created_at=stamp))


# --- reading requests -----------------------------------------------------------------------------

def request_out(request, service, updates: list, locale: str, owner: bool) -> dict:
    """The spec's request fields, plus history; contact details and attributes only for the owner.
    `request`, `service` and `updates` are rows (see render_requests)."""
    # Free text is public: contact details typed into it (by the resident, or by staff in their notes)
    # are shown whole only to the resident.
    public = (lambda text: text) if owner else privacy.mask_contact_details
    out = {
        "service_request_id": str(request.id), "status": status_of(request.status_detail),
        "status_notes": public(request.status_notes), "service_name": localized(service.names, locale),
        "service_code": request.service_code, "description": public(request.description),
        "agency_responsible": service.agency_responsible, "service_notice": service.service_notice or None,
        "requested_datetime": iso(request.requested_at), "updated_datetime": iso(request.updated_at),
        "expected_datetime": iso(request.expected_at), "address": request.address_string,
        "address_id": request.address_id, "zipcode": None, "lat": request.lat, "long": request.long,
        "media_url": request.media_url, "status_detail": request.status_detail,
        "updates": [{"status": status_of(u.status_detail), "status_detail": u.status_detail,
                     "notes": public(u.notes), "updated_datetime": iso(u.created_at)} for u in updates],
    }
    if owner:
        out["attributes"] = [{"code": code, "values": values} for code, values in request.attributes.items()]
        out.update({name: getattr(request, name) for name in CONTACT_FIELDS})
    return out


def render_requests(connection, rows: list, locale: str, owner_key: str | None, owner_only: bool) -> list[dict]:
    """Requests as the API shows them: three queries for the whole page (requests, their services,
    their histories) rather than two more per request. A request shows its contact details when
    `owner_key` is its resident's key (`owner_only`: every row is known to be the resident's)."""
    if not rows:
        return []
    services_table, updates_table = Service.__table__, RequestUpdate.__table__
    services = {row.code: row for row in connection.execute(
        select(services_table.c.code, services_table.c.names, services_table.c.agency_responsible,
               services_table.c.service_notice).where(services_table.c.code.in_({r.service_code for r in rows})))}
    history: dict[int, list] = {}
    for update in connection.execute(select(updates_table).where(
            updates_table.c.request_id.in_([r.id for r in rows])).order_by(updates_table.c.id)):
        history.setdefault(update.request_id, []).append(update)
    return [request_out(r, services[r.service_code], history.get(r.id, []), locale,
                        owner=owner_only or privacy.matches(owner_key, r.resident_key_hash)) for r in rows]


@dataclass(frozen=True)
class RequestQuery:
    ids: list[int] | None
    service_codes: list[str] | None
    start: datetime
    end: datetime
    statuses: list[str] | None
    page: int
    page_size: int


def parse_query(params: dict[str, str | None], now: datetime, default_page_size: int,
                max_page_size: int) -> RequestQuery:
    """The spec's GET requests filters. Raises Open311Errors(400) naming every bad parameter."""
    # Given but empty breaks the documented patterns and formats; saying so beats guessing "absent".
    problems = [f"{name}: empty (leave it out to not filter by it)" for name, value in params.items() if value == ""]
    ids = None
    if params.get("service_request_id"):
        ids = []
        for part in _split(params["service_request_id"]):
            if part.isdigit() and len(part) < 18:
                ids.append(int(part))
            else:
                problems.append(f"service_request_id: {part!r} is not a request id")
    codes = _split(params.get("service_code") or "") or None
    statuses = None
    if params.get("status"):
        statuses = _split(params["status"])
        for status in statuses:
            if status not in ("open", "closed"):
                problems.append(f"status: {status!r} is not open or closed")
    start = end = None
    for name in ("start_date", "end_date"):
        if params.get(name):
            try:
                moment = min(max(parse_iso(params[name]), EARLIEST), LATEST)
            except (ValueError, OverflowError):
                problems.append(f"{name}: not an ISO 8601 date and time")
                continue
            if name == "start_date":
                start = moment
            else:
                end = moment
    if start and end:
        if end < start:
            problems.append("end_date: earlier than start_date")
        elif end - start > MAX_DATE_RANGE:
            problems.append("start_date and end_date: at most 90 days apart")
    page = _positive_int(params.get("page"), 1, "page", problems)
    page_size = _positive_int(params.get("page_size"), default_page_size, "page_size", problems)
    if page_size > max_page_size:
        problems.append(f"page_size: at most {max_page_size}")
    if problems:
        raise Open311Errors(400, problems)
    # Without dates the spec asks for the last 90 days; one date alone spans 90 days from it.
    if end is None:
        end = start + MAX_DATE_RANGE if start else now
    if start is None:
        start = end - MAX_DATE_RANGE
    return RequestQuery(ids, codes, start, end, statuses, page, page_size)


def find_requests(connection, query: RequestQuery, resident_key: str | None) -> list:
    """Rows of service_requests matching the spec's filters, newest first; only the resident's own
    when `resident_key` is given."""
    table = ServiceRequest.__table__
    statement = select(table)
    if query.ids is not None:
        # The spec: with service_request_id given, the other filters are ignored.
        statement = statement.where(table.c.id.in_(query.ids))
    else:
        statement = statement.where(table.c.requested_at >= to_db(query.start),
                                    table.c.requested_at <= to_db(query.end))
        if query.service_codes:
            statement = statement.where(table.c.service_code.in_(query.service_codes))
        if query.statuses and len(set(query.statuses)) == 1:
            details = STATUS_DETAILS_OPEN if query.statuses[0] == "open" else STATUS_DETAILS_CLOSED
            statement = statement.where(table.c.status_detail.in_(details))
    if resident_key is not None:
        statement = statement.where(table.c.resident_key_hash == privacy.digest(resident_key))
    statement = (statement.order_by(table.c.requested_at.desc(), table.c.id.desc())
                 .limit(query.page_size).offset((query.page - 1) * query.page_size))
    return connection.execute(statement).all()


def find_request(connection, request_id: int):
    table = ServiceRequest.__table__
    return connection.execute(select(table).where(table.c.id == request_id)).first()


def _split(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _positive_int(raw: str | None, default: int, name: str, problems: list[str]) -> int:
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1 or len(raw) > 9:
        problems.append(f"{name}: must be a whole number from 1")
        return default
    return int(raw)
