"""CityServicesClient against a scripted loopback server: retries, Retry-After, errors, typed answers."""

import random
import socket
from urllib.parse import parse_qsl

import pytest

from metaverse_seoul.services.client import CityServicesClient
from metaverse_seoul.services.errors import ApiRefused, ApiUnavailable
from metaverse_seoul.services.retry import RetryPolicy

from .scripted_http import Answer, ScriptedServer

SERVICES = [{"service_code": "road-damage", "service_name": "Road damage", "metadata": True,
             "type": "realtime", "keywords": "pothole", "group": "roads", "description": "x"}]


def make_client(url, waits, **policy):
    """A client whose waits are recorded instead of slept, with a seeded jitter."""
    retry = RetryPolicy(rng=random.Random(0), **policy)
    return CityServicesClient(url, api_key="dev-key", timeout=(1, 2), retry=retry, sleep=waits.append)


def test_get_retries_after_429_waiting_at_least_retry_after():
    waits = []
    with ScriptedServer(Answer(429, [{"code": 429, "description": "slow down"}], {"Retry-After": "2"}),
                        Answer(503, None, {"Retry-After": "1"}),
                        Answer(200, SERVICES)) as server:
        services = make_client(server.url, waits).services()
    assert [s.service_code for s in services] == ["road-damage"]
    assert len(server.received) == 3
    assert waits[0] >= 2 and waits[1] >= 1


def test_retry_after_longer_than_the_budget_fails_fast_with_the_wait():
    waits = []
    with ScriptedServer(Answer(503, None, {"Retry-After": "120"})) as server:
        with pytest.raises(ApiUnavailable) as failure:
            make_client(server.url, waits, max_retry_after=30).services()
    assert failure.value.retry_after == 120 and failure.value.status == 503
    assert waits == [] and len(server.received) == 1


def test_gives_up_after_max_attempts():
    waits = []
    with ScriptedServer(Answer(502)) as server:
        with pytest.raises(ApiUnavailable, match="HTTP 502"):
            make_client(server.url, waits, max_attempts=3).services()
    assert len(server.received) == 3 and len(waits) == 2


def test_post_without_key_is_never_repeated():
    waits = []
    with ScriptedServer(Answer(503), Answer(200, [{"service_request_id": "1"}])) as server:
        with pytest.raises(ApiUnavailable):
            make_client(server.url, waits).submit_request("road-damage", lat=37.5, long=127.0)
    assert len(server.received) == 1 and waits == []


def test_post_with_key_is_repeated_with_the_same_key_through_in_flight_409():
    waits = []
    with ScriptedServer(Answer(503, None, {"Retry-After": "1"}),
                        Answer(409, [{"code": 409, "description": "in flight"}]),
                        Answer(201, [{"service_request_id": 42, "service_notice": "thanks"}])) as server:
        submitted = make_client(server.url, waits).submit_request(
            "road-damage", lat=37.5, long=127.0, description="hole",
            attributes={"size": "large", "hazards": ["water", "traffic"]}, idempotency_key="key-1")
    assert submitted.service_request_id == "42" and submitted.service_notice == "thanks"
    assert [r.headers["Idempotency-Key"] for r in server.received] == ["key-1"] * 3
    form = parse_qsl(server.received[-1].body.decode())
    assert ("api_key", "dev-key") in form and ("attribute[size]", "large") in form
    assert [v for k, v in form if k == "attribute[hazards][]"] == ["water", "traffic"]
    assert server.received[-1].headers["Content-Type"] == "application/x-www-form-urlencoded"


def test_refusal_carries_the_open311_code_and_description():
    with ScriptedServer(Answer(400, [{"code": 400, "description": "service_code not found"}])) as server:
        with pytest.raises(ApiRefused) as refusal:
            make_client(server.url, []).submit_request("nope", lat=1, long=2, idempotency_key="k")
    assert refusal.value.code == "400" and refusal.value.status == 400
    assert refusal.value.description == "service_code not found"
    assert len(server.received) == 1  # a refusal is final: not retried


def test_refusal_from_fastapi_validation_detail():
    detail = {"detail": [{"loc": ["body", "people"], "msg": "must be at least 1", "type": "x"}]}
    with ScriptedServer(Answer(422, detail)) as server:
        with pytest.raises(ApiRefused, match="people: must be at least 1"):
            make_client(server.url, []).call("POST", "/x", json={}, idempotency_key="k")


def test_500_is_unavailable_but_not_hammered():
    with ScriptedServer(Answer(500, b"boom", {"Content-Type": "text/plain"})) as server:
        with pytest.raises(ApiUnavailable):
            make_client(server.url, []).services()
    assert len(server.received) == 1


def test_connection_refused_is_retried_then_unavailable():
    with socket.socket() as placeholder:  # a port nobody listens on
        placeholder.bind(("127.0.0.1", 0))
        port = placeholder.getsockname()[1]
    waits = []
    with pytest.raises(ApiUnavailable, match="cannot connect"):
        make_client(f"http://127.0.0.1:{port}", waits, max_attempts=3).services()
    assert len(waits) == 2


def test_malformed_answer_is_reported_not_crashed_on():
    with ScriptedServer(Answer(200, [{"service_name": "no code"}])) as server:
        with pytest.raises(ApiUnavailable, match="missing service_code"):
            make_client(server.url, []).services()
    with ScriptedServer(Answer(200, b"<html>", {"Content-Type": "text/html"})) as server:
        with pytest.raises(ApiUnavailable, match="not JSON"):
            make_client(server.url, []).services()


def test_service_definition_attributes_are_typed_and_ordered():
    definition = {"service_code": "noise", "attributes": [
        {"code": "when", "datatype": "datetime", "order": 2, "required": False, "variable": True},
        {"code": "source", "datatype": "singlevaluelist", "order": 1, "required": True,
         "variable": True, "values": [{"key": "music", "name": "Music"}]}]}
    with ScriptedServer(Answer(200, definition)) as server:
        result = make_client(server.url, []).service_definition("noise")
    assert [a.code for a in result.attributes] == ["source", "when"]
    assert result.attributes[0].values[0].name == "Music" and result.attributes[0].required


def test_base_url_must_be_http():
    with pytest.raises(ValueError, match="http:// or https://"):
        CityServicesClient("ftp://example", api_key="k")


def test_reserve_sends_json_with_both_keys_and_keeps_the_secret():
    created = {"id": "r1", "status": "active", "facility_id": "S1", "facility_name": {"en": "Court"},
               "slot_id": 3, "starts_at": "2026-05-01T10:00:00+09:00",
               "ends_at": "2026-05-01T11:00:00+09:00", "people": 2, "name": "Kim", "phone": "010",
               "email": None, "created_at": "x", "cancelled_at": None, "secret": "s3cret"}
    with ScriptedServer(Answer(201, created)) as server:
        reservation = make_client(server.url, []).reserve(3, 2, "Kim", "010-1234-5678",
                                                          idempotency_key="k9")
    sent = server.received[0]
    assert sent.headers["X-API-Key"] == "dev-key" and sent.headers["Idempotency-Key"] == "k9"
    assert sent.headers["Content-Type"] == "application/json"
    assert reservation.secret == "s3cret" and reservation.slot_id == 3


def test_booking_refusal_uses_the_stable_reason_code():
    refusal = {"detail": "slot 3 is full", "reason": "slot_full"}
    with ScriptedServer(Answer(409, refusal)) as server:
        with pytest.raises(ApiRefused) as failure:
            make_client(server.url, []).reserve(3, 1, "Kim", "0101234", idempotency_key="k")
    assert len(server.received) == 1  # a 409 with a rule's reason is final, even with a key
    assert (failure.value.code, failure.value.description) == ("slot_full", "slot 3 is full")


def test_open311_error_lists_are_all_shown():
    errors = [{"code": 400, "description": "lat: required"}, {"code": 400, "description": "long: required"}]
    with ScriptedServer(Answer(400, errors)) as server:
        with pytest.raises(ApiRefused, match="lat: required; long: required"):
            make_client(server.url, []).submit_request("noise")
