"""CityServicesClient: the app's typed, patient HTTP client for the city-services API.

Every call has a connect and a read timeout. A call that is safe to repeat (a GET or DELETE, or a
POST carrying an Idempotency-Key, which the server deduplicates) is retried on connection errors,
timeouts and "not now" answers (408, 429, 502, 503, 504, and a 409 "first request with this key still
in flight" for keyed POSTs; a 409 naming a broken rule, such as slot_full, is a refusal),
with the backoff of retry.RetryPolicy and never sooner than the server's Retry-After. A POST without
a key is never repeated: the first try may have reached the server.

Failures surface as ApiUnavailable (try later) or ApiRefused (the server's code and reason).
"""

import time
import uuid

import requests

from . import models
from .errors import ApiRefused, ApiUnavailable
from .retry import IN_FLIGHT_STATUS, RETRY_NOW_STATUSES, TRANSIENT_STATUSES, RetryPolicy, parse_retry_after

OPEN311 = "/open311/v2"
RESERVATIONS = "/reservations/v1"
EVENTS = "/events/v1"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
DEFAULT_TIMEOUT = (3.05, 10.0)  # (connect, read) seconds
IN_FLIGHT_REASONS = frozenset({None, "idempotency_in_flight", "in_flight"})


def new_idempotency_key():
    """A fresh Idempotency-Key: random, so two residents (or two presses) never share one."""
    return str(uuid.uuid4())


class CityServicesClient:
    """Calls to one city-services API. Thread-safe for the app's use: one session per client.

    timeout: seconds, or a (connect, read) pair. retry: a RetryPolicy. sleep: how to wait between
    tries (tests pass a recorder instead of really sleeping).
    """

    def __init__(self, base_url, api_key=None, timeout=DEFAULT_TIMEOUT, retry=None, session=None,
                 sleep=time.sleep, jurisdiction_id=None, resident_keys=None):
        if not base_url.startswith(("http://", "https://")):
            raise ValueError(f"base URL must start with http:// or https://, got {base_url!r}")
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout if isinstance(timeout, tuple) else (timeout, timeout)
        self.retry = retry or RetryPolicy()
        self.jurisdiction_id = jurisdiction_id
        self.resident_keys = resident_keys  # a resident_key.ResidentKeyFile, or None: file anonymously
        self._sleep = sleep
        self._session = session or requests.Session()
        self._session.headers.setdefault("Accept", "application/json")

    def close(self):
        self._session.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()

    # ---- plumbing ----------------------------------------------------------------------------

    def call(self, method, path, *, params=None, data=None, json=None, headers=None,
             idempotency_key=None):
        """One API call with retries; returns the decoded JSON body (None for an empty body)."""
        method = method.upper()
        headers = dict(headers or {})
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        repeatable = method in SAFE_METHODS or idempotency_key is not None
        url = self.base_url + path
        attempt = 0
        while True:
            try:
                return self._send_once(method, url, params, data, json, headers, idempotency_key)
            except ApiUnavailable as failure:
                retry_now = failure.status is None or failure.status in RETRY_NOW_STATUSES \
                    or failure.status == IN_FLIGHT_STATUS
                if not (repeatable and retry_now
                        and self.retry.may_retry(attempt, failure.retry_after)):
                    raise
                self._sleep(self.retry.delay(attempt, failure.retry_after))
                attempt += 1

    def _send_once(self, method, url, params, data, json, headers, idempotency_key):
        """Send once and return the decoded answer; raise ApiUnavailable or ApiRefused."""
        try:
            response = self._session.request(method, url, params=params, data=data, json=json,
                                             headers=headers, timeout=self.timeout)
        except requests.Timeout as exc:
            raise ApiUnavailable(f"{method} {url}: no answer within {self.timeout[1]:g} s") from exc
        except requests.RequestException as exc:
            raise ApiUnavailable(f"{method} {url}: cannot connect ({_first_line(exc)})") from exc
        status = response.status_code
        if status < 400:
            return _decode(response)
        if status in TRANSIENT_STATUSES or (idempotency_key is not None and _is_in_flight(response)):
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise ApiUnavailable(f"{method} {url}: HTTP {status}", retry_after=retry_after,
                                 status=status)
        raise refusal_from(response)

    def _open311_params(self, extra=None):
        params = {"jurisdiction_id": self.jurisdiction_id} if self.jurisdiction_id else {}
        params.update({key: value for key, value in (extra or {}).items() if value is not None})
        return params

    # ---- health ------------------------------------------------------------------------------

    def health(self):
        """The /healthz answer (raises ApiUnavailable when the server is not up)."""
        return self.call("GET", "/healthz")

    # ---- Open311 civil complaints ------------------------------------------------------------

    def services(self, locale=None):
        """The kinds of complaint the city accepts; `locale` (e.g. "ko", "en") asks for names in it."""
        answer = self.call("GET", f"{OPEN311}/services.json", params=self._open311_params({"locale": locale}))
        return _typed(models.list_from_json, models.Service, answer, "services")

    def service_definition(self, service_code, locale=None):
        """The attribute definitions of one service: what its kiosk form asks (texts in `locale`)."""
        answer = self.call("GET", f"{OPEN311}/services/{service_code}.json",
                           params=self._open311_params({"locale": locale}))
        return _typed(models.from_json, models.ServiceDefinition, answer, "service definition")

    def submit_request(self, service_code, *, lat=None, long=None, address_string=None,
                       address_id=None, description=None, attributes=None, email=None,
                       device_id=None, account_id=None, first_name=None, last_name=None,
                       phone=None, media_url=None, idempotency_key=None):
        """POST requests.json (form-encoded, as the spec says); returns a SubmittedRequest.

        attributes maps an attribute code to a value, or to a list of values for a
        multivaluelist. Pass the Idempotency-Key made when the resident pressed submit.
        """
        fields = [("api_key", self.api_key), ("service_code", service_code), ("lat", lat),
                  ("long", long), ("address_string", address_string), ("address_id", address_id),
                  ("description", description), ("email", email), ("device_id", device_id),
                  ("account_id", account_id), ("first_name", first_name), ("last_name", last_name),
                  ("phone", phone), ("media_url", media_url)]
        form = [(name, value) for name, value in fields if value is not None]
        for code, value in (attributes or {}).items():
            if isinstance(value, (list, tuple)):
                form.extend((f"attribute[{code}][]", item) for item in value)
            else:
                form.append((f"attribute[{code}]", value))
        try:
            answer = self.call("POST", f"{OPEN311}/requests.json", params=self._open311_params(),
                               data=form, headers=self._resident_header(), idempotency_key=idempotency_key)
        except ApiRefused as refusal:
            if not _resident_key_unknown(refusal):
                raise
            self.resident_keys.forget()  # the server's database was replaced: get a key it knows
            answer = self.call("POST", f"{OPEN311}/requests.json", params=self._open311_params(),
                               data=form, headers=self._resident_header(), idempotency_key=idempotency_key)
        submitted = _typed(models.list_from_json, models.SubmittedRequest, answer, "submitted request")
        if len(submitted) != 1:
            raise ApiUnavailable(f"submitted request: expected one entry, got {len(submitted)}")
        return submitted[0]

    def request(self, service_request_id):
        """One complaint by id."""
        answer = self.call("GET", f"{OPEN311}/requests/{service_request_id}.json",
                           params=self._open311_params())
        found = _typed(models.list_from_json, models.ServiceRequest, answer, "service request")
        if not found:
            raise ApiRefused("404", f"no service request {service_request_id}", status=404)
        return found[0]

    def requests(self, service_request_ids=None, service_code=None, start_date=None, end_date=None,
                 status=None):
        """The spec's filtered list of complaints (ids, service code, date range, status)."""
        ids = ",".join(str(i) for i in service_request_ids) if service_request_ids else None
        params = self._open311_params({"service_request_id": ids, "service_code": service_code,
                                       "start_date": start_date, "end_date": end_date,
                                       "status": status})
        answer = self.call("GET", f"{OPEN311}/requests.json", params=params)
        return _typed(models.list_from_json, models.ServiceRequest, answer, "service requests")

    def my_requests(self, locale=None):
        """The resident's own complaints, with the contact details they gave ("My requests"); service
        names in `locale` where the server has it."""
        if self.resident_keys is None:
            return []
        answer = self.call("GET", f"{OPEN311}/requests.json", params=self._open311_params({"locale": locale}),
                           headers=self._resident_header())
        return _typed(models.list_from_json, models.ServiceRequest, answer, "service requests")

    def issue_resident_key(self):
        """A new resident key from the server (POST /residents/v1/keys)."""
        answer = self.call("POST", "/residents/v1/keys", headers=self._api_key_header())
        if not isinstance(answer, dict) or not isinstance(answer.get("resident_key"), str):
            raise ApiUnavailable("resident key: the answer has no resident_key")
        return answer["resident_key"]

    def _resident_header(self):
        if self.resident_keys is None:
            return {}
        return {"X-Resident-Key": self.resident_keys.key(self.issue_resident_key)}

    def token(self, token):
        """Look up the service_request_id a token turned into (empty list while still queued)."""
        answer = self.call("GET", f"{OPEN311}/tokens/{token}.json", params=self._open311_params())
        return _typed(models.list_from_json, models.TokenLookup, answer, "token")


    # ---- reservations ------------------------------------------------------------------------

    def facilities(self, **filters):
        """Bookable facilities; filters are passed as query parameters (see the server's README)."""
        params = {key: value for key, value in filters.items() if value is not None}
        answer = self.call("GET", f"{RESERVATIONS}/facilities", params=params)
        return _typed(models.list_from_json, models.Facility, _items(answer), "facilities")

    def slots(self, facility_id, **filters):
        """Time slots of one facility, with how many places are still available."""
        params = {key: value for key, value in filters.items() if value is not None}
        answer = self.call("GET", f"{RESERVATIONS}/facilities/{facility_id}/slots", params=params)
        return _typed(models.list_from_json, models.Slot, _items(answer), "slots")

    def reserve(self, slot_id, people, name, phone, email=None, idempotency_key=None):
        """Book places in a slot. The answer's `secret` is shown once: keep it to read or cancel."""
        body = {"slot_id": slot_id, "people": people, "name": name, "phone": phone}
        if email is not None:
            body["email"] = email
        answer = self.call("POST", f"{RESERVATIONS}/reservations", json=body,
                           headers=self._api_key_header(), idempotency_key=idempotency_key)
        return _typed(models.from_json, models.Reservation, answer, "reservation")

    def reservation(self, reservation_id, secret):
        """Read a booking; only its secret opens it."""
        answer = self.call("GET", f"{RESERVATIONS}/reservations/{reservation_id}",
                           headers={"X-Reservation-Secret": secret})
        return _typed(models.from_json, models.Reservation, answer, "reservation")

    def cancel_reservation(self, reservation_id, secret):
        """Cancel a booking (repeating a cancel is harmless); returns the cancelled reservation."""
        answer = self.call("DELETE", f"{RESERVATIONS}/reservations/{reservation_id}",
                           headers={"X-Reservation-Secret": secret, **self._api_key_header()})
        return _typed(models.from_json, models.Reservation, answer, "reservation")

    def _api_key_header(self):
        return {"X-API-Key": self.api_key} if self.api_key else {}

    # ---- events ------------------------------------------------------------------------------

    def events(self):
        """The festival schedule, each with the scene the app opens for it."""
        answer = self.call("GET", f"{EVENTS}/events")
        return _typed(models.list_from_json, models.Event, _items(answer), "events")


def _items(answer):
    """The list inside a paged answer ({"items": [...]}), or the answer itself when it is a list."""
    return answer["items"] if isinstance(answer, dict) and "items" in answer else answer


def _typed(builder, cls, answer, what):
    """Turn a decoded answer into dataclasses; a malformed answer is the server's fault."""
    try:
        return builder(cls, answer, what)
    except (models.AnswerShapeError, TypeError) as exc:
        raise ApiUnavailable(f"unexpected answer: {exc}") from exc


def _resident_key_unknown(refusal):
    return refusal.status == 403 and "X-Resident-Key" in str(refusal)


def _is_in_flight(response):
    """A 409 that means "your first request with this key is still running", not a broken rule.

    The reference server answers a broken booking rule with 409 and a `reason` (slot_full,
    quota_exceeded, ...); its in-flight answer carries no reason (or `idempotency_in_flight`).
    """
    if response.status_code != IN_FLIGHT_STATUS:
        return False
    try:
        body = response.json()
    except ValueError:
        return True
    reason = body.get("reason") if isinstance(body, dict) else None
    return reason in IN_FLIGHT_REASONS


def _decode(response):
    if not response.content:
        return None
    try:
        return response.json()
    except ValueError as exc:
        kind = response.headers.get("Content-Type", "unknown type")
        raise ApiUnavailable(f"{response.request.method} {response.url}: answer is not JSON ({kind})",
                             status=response.status_code) from exc


def refusal_from(response):
    """ApiRefused from an error answer: the Open311 list, FastAPI's detail, or the bare status."""
    status = response.status_code
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, list) and body and all(isinstance(e, dict) and "description" in e for e in body):
        # Open311: one or more {code, description}; the resident should see every problem.
        description = "; ".join(str(error["description"]) for error in body)
        return ApiRefused(str(body[0].get("code", status)), description, status=status)
    if isinstance(body, dict) and "detail" in body:
        # The other routes: {"detail": one line, "reason": a stable code for refused bookings}.
        return ApiRefused(str(body.get("reason") or status), _detail_text(body["detail"]), status=status)
    text = _first_line(response.text) or response.reason or "no reason given"
    return ApiRefused(str(status), text[:200], status=status)


def _detail_text(detail):
    """FastAPI's `detail`: a string, or a list of validation errors with `loc` and `msg`."""
    if isinstance(detail, list):
        parts = []
        for error in detail:
            if isinstance(error, dict):
                where = ".".join(str(part) for part in error.get("loc", []) if part != "body")
                parts.append(f"{where}: {error.get('msg', error)}" if where else str(error.get("msg")))
            else:
                parts.append(str(error))
        return "; ".join(parts)
    return str(detail)


def _first_line(value):
    text = str(value).strip()
    return text.splitlines()[0] if text else ""
