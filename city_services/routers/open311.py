"""Open311 GeoReport v2 under /open311/v2/, every endpoint in `.json` and `.xml`.

Routes are registered once per format by `_register(fmt)`, so that /openapi.json states exactly which
content type each path answers with.
"""

from __future__ import annotations

import re
import urllib.parse
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from sqlalchemy import select
from starlette.responses import Response

from .. import idempotency, open311_format, open311_service, text_input
from ..asgi import report_rows
from ..deps import AppState, IdempotencyKeyHeader, State
from ..errors import Open311Errors
from ..models import Service, ServiceRequest
from ..open311_format import FORMATS, Format, render
from ..schemas.open311 import (POST_REQUEST_FORM_SCHEMA, Discovery, Open311Error, RequestCreated, ServiceDefinition,
                               ServiceOut, ServiceRequestOut, TokenOut)

router = APIRouter(prefix="/open311/v2", tags=["open311"])
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-27T00:00:00+09:00"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
REQUEST_ID = re.compile(r"^[0-9]{1,17}$")
MAX_FORM_FIELDS = 200

Locale = Annotated[str, Query(max_length=10, description="extension: ko or en (default en)")]
Jurisdiction = Annotated[str, Query(max_length=100, description="optional; this server has one")]
# Optional parameters are typed `str` with a None default, so that the OpenAPI document does not offer
# null (which a header or query string cannot carry).
ResidentKey = Annotated[str, Header(
    min_length=16, max_length=128, pattern=r"^[A-Za-z0-9_\-]{16,128}$",
    description="extension: the resident's private key; with it you see your own requests and contact details")]


def documented(pattern: str) -> dict:
    """A pattern stated in /openapi.json but checked by open311_service, whose messages are clearer."""
    return {"pattern": pattern}


def _responses(fmt: Format, model, errors=(400, 404, 429)) -> dict:
    """OpenAPI responses: `model` (or the XML string) for 200, the spec's error list for each error code."""
    if fmt == "json":
        ok = {"model": model, "description": "OK"}
        error = {"model": list[Open311Error], "description": "Open311 error list"}
    else:
        ok = {"content": {"text/xml": {"schema": {"type": "string"}}}, "description": "OK (XML)"}
        error = {"content": {"text/xml": {"schema": {"type": "string"}}}, "description": "Open311 <errors>"}
    return {200: ok, **{code: error for code in errors}}


def _locale(locale: str | None) -> str:
    return locale if locale in ("en", "ko") else "en"


def _check_resident(state: AppState, resident_key: str | None) -> None:  # a read when a key is given
    """Only keys this server issued are accepted: a made-up key could be guessed."""
    if resident_key is not None and not state.residents.is_issued(resident_key):
        raise Open311Errors(403, ["X-Resident-Key: not a key this server issued (get one: POST /residents/v1/keys)"])


def _check_jurisdiction(state: AppState, jurisdiction_id: str | None) -> None:
    if jurisdiction_id and jurisdiction_id != state.settings.jurisdiction_id:
        raise Open311Errors(404, [f"jurisdiction_id {jurisdiction_id!r} is not served here "
                                  f"(this server serves {state.settings.jurisdiction_id})"])


def _register(fmt: Format) -> None:
    response_class = open311_format.XMLResponse if fmt == "xml" else None
    extra = {"response_class": response_class} if response_class else {}

    @router.get(f"/discovery.{fmt}", name=f"discovery_{fmt}", responses=_responses(fmt, Discovery, (429,)), **extra)
    def discovery(request: Request, state: State):
        """Service discovery: where the GeoReport v2 endpoint is and which formats it speaks."""
        url = str(request.base_url).rstrip("/") + "/open311/v2"
        return render(fmt, "discovery", {
            "changeset": CHANGESET, "contact": "Seoul Dasan Call Center 120 (+82-2-120)",
            "key_service": "api_key on request from the city; development servers accept the documented dev key",
            "endpoints": [{"specification": SPECIFICATION, "url": url, "changeset": CHANGESET, "type": "production",
                           "formats": [open311_format.MEDIA_TYPES["xml"], open311_format.MEDIA_TYPES["json"]]}]})

    @router.get(f"/services.{fmt}", name=f"services_{fmt}", responses=_responses(fmt, list[ServiceOut]), **extra)
    async def services(state: State, jurisdiction_id: Jurisdiction = None, locale: Locale = None):
        """The service types residents can report."""
        _check_jurisdiction(state, jurisdiction_id)
        rows = await state.database.run_read(_all_services, state)
        return render(fmt, "services", [open311_service.service_out(s, _locale(locale)) for s in rows])

    @router.get(f"/services/{{service_code}}.{fmt}", name=f"service_definition_{fmt}",
                responses=_responses(fmt, ServiceDefinition), **extra)
    async def service_definition(service_code: str, state: State, jurisdiction_id: Jurisdiction = None,
                                 locale: Locale = None):
        """A service's attributes: the form a kiosk shows (datatype, required, order, values)."""
        _check_jurisdiction(state, jurisdiction_id)
        service = await state.database.run_read(_one_service, state, service_code)
        if service is None:
            raise Open311Errors(404, [f"service_code {service_code!r} not found"])
        return render(fmt, "service_definition", open311_service.definition_out(service, _locale(locale)))

    @router.post(f"/requests.{fmt}", name=f"create_request_{fmt}",
                 responses=_responses(fmt, list[RequestCreated], (400, 403, 404, 409, 413, 422, 429)),
                 openapi_extra={"requestBody": {"required": True, "content": {
                     "application/x-www-form-urlencoded": {"schema": POST_REQUEST_FORM_SCHEMA}}}}, **extra)
    async def create_request(request: Request, state: State, x_resident_key: ResidentKey = None,
                             idempotency_key: IdempotencyKeyHeader = None):
        """File a service request (form-encoded, as the spec says). Answers its id and a token."""
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type not in FORM_TYPES:
            raise Open311Errors(400, ["send the fields as application/x-www-form-urlencoded"])
        items = await _form_items(request, content_type)
        if x_resident_key is not None:
            await state.database.run_read(_check_resident, state, x_resident_key)
        return await state.database.run_write(_create, state, fmt, items, x_resident_key,
                                              request.scope.get(idempotency.PENDING))

    @router.get(f"/requests.{fmt}", name=f"requests_{fmt}",
                responses=_responses(fmt, list[ServiceRequestOut], (400, 403, 404, 429)), **extra)
    def requests(request: Request, state: State, jurisdiction_id: Jurisdiction = None,
                 service_request_id: Annotated[str, Query(max_length=2000, description="comma-separated ids",
                                                          json_schema_extra=documented(r"^[0-9]{1,17}(,[0-9]{1,17})*$"))] = None,
                 service_code: Annotated[str, Query(max_length=1000, description="comma-separated codes")] = None,
                 start_date: Annotated[str, Query(max_length=40, json_schema_extra={"format": "date-time"})] = None,
                 end_date: Annotated[str, Query(max_length=40, json_schema_extra={"format": "date-time"})] = None,
                 status: Annotated[str, Query(max_length=20, json_schema_extra=documented(
                     r"^(open|closed)(,(open|closed))?$"))] = None,
                 page: Annotated[str, Query(max_length=9, description="extension, from 1",
                                            json_schema_extra=documented(r"^[1-9][0-9]{0,8}$"))] = None,
                 page_size: Annotated[str, Query(max_length=4, description="extension, at most 1000",
                                                 json_schema_extra=documented(r"^[1-9][0-9]{0,3}$"))] = None,
                 locale: Locale = None, x_resident_key: ResidentKey = None):
        """Requests matching the spec's filters, newest first. Public view: no personal data. With
        X-Resident-Key: only that resident's requests, with their contact details."""
        _check_jurisdiction(state, jurisdiction_id)
        _check_resident(state, x_resident_key)
        query = open311_service.parse_query(
            {"service_request_id": service_request_id, "service_code": service_code, "start_date": start_date,
             "end_date": end_date, "status": status, "page": page, "page_size": page_size},
            state.now(), state.settings.default_page_size, state.settings.max_page_size)
        with state.database.read_connection() as connection:
            found = open311_service.find_requests(connection, query, x_resident_key)
            items = open311_service.render_requests(connection, found, _locale(locale), x_resident_key,
                                                    owner_only=x_resident_key is not None)
        report_rows(request.scope, len(items))
        return render(fmt, "service_requests", items)

    @router.get(f"/requests/{{service_request_id}}.{fmt}", name=f"request_{fmt}",
                responses=_responses(fmt, list[ServiceRequestOut], (400, 403, 404, 429)), **extra)
    async def request_by_id(service_request_id: str, state: State, jurisdiction_id: Jurisdiction = None,
                            locale: Locale = None, x_resident_key: ResidentKey = None):
        """One request (as a one-item list, as the spec says); contact details only for its resident."""
        _check_jurisdiction(state, jurisdiction_id)
        if x_resident_key is not None:
            await state.database.run_read(_check_resident, state, x_resident_key)
        items = await state.database.run_read(_one_request, state, service_request_id, _locale(locale),
                                              x_resident_key)
        return render(fmt, "service_requests", items)

    @router.get(f"/tokens/{{token}}.{fmt}", name=f"token_{fmt}", responses=_responses(fmt, list[TokenOut]), **extra)
    def token(token: str, state: State, jurisdiction_id: Jurisdiction = None):
        """The service_request_id a token (from POST requests) stands for."""
        _check_jurisdiction(state, jurisdiction_id)
        with state.database.read_session() as session:
            found = session.scalars(select(ServiceRequest.id).where(ServiceRequest.token == token)).first()
        if found is None:
            raise Open311Errors(404, [f"token {token!r} not found"])
        return render(fmt, "service_requests", [{"service_request_id": str(found), "token": token}])


# Reads that the async routes above hand to Database.run_read.
def _all_services(state: AppState) -> list[Service]:
    with state.database.read_session() as session:
        return session.scalars(select(Service).order_by(Service.code)).all()


def _one_service(state: AppState, service_code: str) -> Service | None:
    with state.database.read_session() as session:
        return session.get(Service, service_code)


def _one_request(state: AppState, service_request_id: str, locale: str, resident_key: str | None) -> list[dict]:
    with state.database.read_connection() as connection:
        found = open311_service.find_request(connection, int(service_request_id)) if REQUEST_ID.match(
            service_request_id) else None
        if found is None:
            raise Open311Errors(404, [f"service_request_id {service_request_id!r} not found"])
        return open311_service.render_requests(connection, [found], locale, resident_key, owner_only=False)


async def _form_items(request: Request, content_type: str) -> list[tuple[str, str]]:
    if content_type == "application/x-www-form-urlencoded":
        # The body is already in memory (bounded by the body limit); parse_qsl is the cheap way to read it.
        try:
            return urllib.parse.parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True,
                                          max_num_fields=MAX_FORM_FIELDS)
        except UnicodeDecodeError:
            raise Open311Errors(400, ["the form is not valid UTF-8"]) from None
        except ValueError:
            raise Open311Errors(400, [f"the form has more than {MAX_FORM_FIELDS} fields"]) from None
    form = await request.form(max_files=0, max_fields=MAX_FORM_FIELDS)
    items = [(key, value) for key, value in form.multi_items() if isinstance(value, str)]
    found = text_input.first_problem(items)  # TextCheckMiddleware checks the other body types
    if found:
        raise Open311Errors(400, [found])
    return items


def _read_service(state: AppState, code: str):
    with state.database.read_connection() as connection:
        return open311_service.find_service(connection, code)


def _create(state: AppState, fmt: Format, items: list[tuple[str, str]], resident_key: str | None,
            pending: idempotency.Pending | None) -> Response:
    """Check and store the request; with an Idempotency-Key, its answer is stored in the same transaction."""
    plain, attributes, problems = open311_service.read_form(items)
    if not state.api_keys.accepts(plain.get("api_key")):
        raise Open311Errors(403, ["api_key is missing or not valid"])
    _check_jurisdiction(state, plain.get("jurisdiction_id"))
    code = (plain.get("service_code") or "").strip()
    if not code:
        raise Open311Errors(400, ["service_code is required"])
    service = state.services.get(code, lambda key: _read_service(state, key))
    if service is None:
        raise Open311Errors(404, [f"service_code {code!r} not found"])
    submission = open311_service.check_submission(plain, attributes, service, problems)
    with state.database.write_connection() as connection:
        request_id, token = open311_service.create_request(connection, submission, service,
                                                           state.settings.jurisdiction_id, state.now(), resident_key)
        response = render(fmt, "service_requests", [{
            "service_request_id": str(request_id), "token": token, "service_notice": service.service_notice or None,
            "account_id": submission.fields["account_id"]}])
        if pending is not None:
            pending.record_in(connection, response)
    open311_service.log.debug("service request %s created (service %s)", request_id, code)
    return response


for _fmt in FORMATS:
    _register(_fmt)
# POST paths whose route stores its Idempotency-Key answer in its own transaction (see idempotency.py).
RECORDING_POSTS = frozenset(f"{router.prefix}/requests.{fmt}" for fmt in FORMATS)
