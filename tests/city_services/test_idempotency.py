"""Idempotency-Key: replay, mismatch, in flight, expiry, release after a failure."""

from __future__ import annotations

import threading
import httpx
import pytest

from city_services.idempotency import Answer, Claimed, key_of

from .conftest import DEV_KEY, complaint

KEY = {"X-API-Key": DEV_KEY}


def count_requests(client) -> int:
    return len(client.get("/open311/v2/requests.json").json())


def ref_for(path: str, key: str, body: bytes, content_type: bytes, headers: dict | None = None):
    """The key as the server derives it for a POST of `body` to `path` with these headers."""
    raw = [(b"content-type", content_type)] + [(k.lower().encode(), v.encode()) for k, v in (headers or {}).items()]
    return key_of({"path": path, "query_string": b"", "headers": raw}, key, body)


def post_complaint(client, key, fmt="json", **fields):
    return client.post(f"/open311/v2/requests.{fmt}", data=complaint(**fields), headers={"Idempotency-Key": key})


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_same_key_and_body_replays_the_first_answer(client, fmt):
    first = post_complaint(client, "key-1", fmt)
    again = post_complaint(client, "key-1", fmt)
    assert first.status_code == again.status_code == 200
    assert again.content == first.content
    assert again.headers["idempotent-replayed"] == "true" and "idempotent-replayed" not in first.headers
    assert again.headers["content-type"] == first.headers["content-type"]
    assert count_requests(client) == 1


def test_same_key_other_body_is_422(client):
    assert post_complaint(client, "key-2").status_code == 200
    response = post_complaint(client, "key-2", description="something else")
    assert response.status_code == 422
    assert response.json() == [{"code": 422, "description":
                                "Idempotency-Key was already used with a different request"}]
    assert count_requests(client) == 1


def test_keys_are_scoped_to_the_path(client):
    assert post_complaint(client, "shared", "json").status_code == 200
    assert post_complaint(client, "shared", "xml").status_code == 200  # another path: another request
    assert count_requests(client) == 2


def test_a_key_in_flight_gets_409_then_the_answer(client):
    store = client.app.state.city.idempotency
    form = complaint()
    body = httpx.QueryParams(form).__str__().encode()
    ref = ref_for("/open311/v2/requests.json", "busy-key", body, b"application/x-www-form-urlencoded")
    # Another worker has claimed the key and is still working on it.
    assert store.claim(ref) == Claimed()
    headers = {"Idempotency-Key": "busy-key", "Content-Type": "application/x-www-form-urlencoded"}
    response = client.post("/open311/v2/requests.json", content=body, headers=headers)
    assert response.status_code == 409 and response.headers["retry-after"] == "1"
    assert "still being processed" in response.json()[0]["description"]
    # It finishes: the stored answer is what a repeat gets.
    store.complete(ref, Answer(200, [["content-type", "application/json"]], b'[{"service_request_id":"77"}]'))
    replay = client.post("/open311/v2/requests.json", content=body, headers=headers)
    assert replay.status_code == 200 and replay.json() == [{"service_request_id": "77"}]


def test_an_abandoned_claim_is_taken_over(client, clock):
    store = client.app.state.city.idempotency
    body = httpx.QueryParams(complaint()).__str__().encode()
    store.claim(ref_for("/open311/v2/requests.json", "orphan", body, b"application/x-www-form-urlencoded"))
    clock.advance(seconds=61)
    response = client.post("/open311/v2/requests.json", content=body, headers={
        "Idempotency-Key": "orphan", "Content-Type": "application/x-www-form-urlencoded"})
    assert response.status_code == 200 and count_requests(client) == 1


def test_keys_live_seven_days(client, clock):
    assert post_complaint(client, "weekly").status_code == 200
    clock.advance(days=6, hours=23)
    assert post_complaint(client, "weekly").headers.get("idempotent-replayed") == "true"
    clock.advance(hours=2)
    fresh = post_complaint(client, "weekly", description="a week later, a new complaint")
    assert fresh.status_code == 200 and "idempotent-replayed" not in fresh.headers
    assert client.app.state.city.idempotency.purge_expired() == 0  # the expired row was replaced


def test_reservation_replay_returns_the_same_reservation_and_secret(client):
    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    body = {"slot_id": slot, "people": 2, "name": "김서울", "phone": "010-1234-5678"}
    first = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "r1"})
    again = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "r1"})
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()  # not a "slot_full" refusal: the same booking, answered again
    other = client.post("/reservations/v1/reservations", json={**body, "people": 3},
                        headers={**KEY, "Idempotency-Key": "r1"})
    assert other.status_code == 422 and "different request" in other.json()["detail"]
    assert other.json()["reason"] == "idempotency_key_reused"


def test_a_reservation_in_flight_says_so_with_a_stable_reason(client):
    body = b'{"slot_id": 1, "people": 2, "name": "a", "phone": "010-1234-5678"}'
    path = "/reservations/v1/reservations"
    client.app.state.city.idempotency.claim(ref_for(path, "busy", body, b"application/json", KEY))
    response = client.post(path, content=body, headers={**KEY, "Idempotency-Key": "busy",
                                                         "Content-Type": "application/json"})
    assert response.status_code == 409 and response.headers["retry-after"] == "1"
    assert response.json()["reason"] == "idempotency_in_flight"


def test_refusals_are_replayed_too_but_server_errors_release_the_key(client, monkeypatch):
    from city_services import reservations_store

    body = {"slot_id": 999_999, "people": 2, "name": "a", "phone": "010-1234-5678"}
    for _ in range(2):
        response = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "nf"})
        assert response.status_code == 404

    def broken(*args, **kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(reservations_store, "book", broken)
    body["slot_id"] = 1
    response = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "boom"})
    assert response.status_code == 500 and response.json() == {"detail": "internal error"}
    monkeypatch.undo()
    retry = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "boom"})
    assert retry.status_code in (201, 409) and "idempotent-replayed" not in retry.headers


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve", "two words"])
def test_malformed_keys_are_refused_as_bad_input(client, key):
    response = client.post("/open311/v2/requests.json", data=complaint(),
                           headers={"Idempotency-Key": key.encode("utf-8")})
    assert response.status_code == 400  # Open311 answers bad input with 400
    response = client.post("/reservations/v1/reservations", json={}, headers={"Idempotency-Key": key.encode()})
    assert response.status_code == 422 and response.json()["detail"].startswith("Idempotency-Key")


def test_simultaneous_repeats_on_a_real_server_create_one_request(run_server):
    server = run_server(None, "--no-rate-limit")
    answers = []
    barrier = threading.Barrier(8)

    def send():
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            barrier.wait()
            answers.append(http.post("/open311/v2/requests.json", data=complaint(),
                                     headers={"Idempotency-Key": "double-tap"}))

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {a.status_code for a in answers} <= {200, 409}
    created = {a.json()[0]["service_request_id"] for a in answers if a.status_code == 200}
    assert len(created) == 1
    listed = httpx.get(server.base_url + "/open311/v2/requests.json").json()
    assert [r["service_request_id"] for r in listed] == list(created)



def test_a_complaint_and_its_answer_are_committed_together(client, monkeypatch):
    from city_services.idempotency import IdempotencyStore

    def disk_full(*args, **kwargs):
        raise RuntimeError("disk full while storing the answer")

    monkeypatch.setattr(IdempotencyStore, "record", disk_full)
    assert post_complaint(client, "together").status_code == 500
    assert count_requests(client) == 0  # the complaint went back with its answer
    monkeypatch.undo()
    retry = post_complaint(client, "together")
    assert retry.status_code == 200 and "idempotent-replayed" not in retry.headers
    assert count_requests(client) == 1


def test_a_repeat_that_loses_the_race_for_the_key_answers_the_winner(client, monkeypatch):
    from city_services.idempotency import Absent, IdempotencyStore

    first = post_complaint(client, "race")
    real_check = IdempotencyStore.check
    calls = []

    def check_before_the_winner_committed(self, *args):
        calls.append(args)
        return Absent() if len(calls) == 1 else real_check(self, *args)

    monkeypatch.setattr(IdempotencyStore, "check", check_before_the_winner_committed)
    again = post_complaint(client, "race")
    assert len(calls) == 2  # its own insert of the key failed, its transaction rolled back, it looked again
    assert again.status_code == 200 and again.content == first.content
    assert again.headers["idempotent-replayed"] == "true"
    assert count_requests(client) == 1


def test_a_second_attempt_after_a_lost_race_reads_the_body_again(client, monkeypatch):
    """The winner of the key rolled back after all (nothing committed): the request runs once more."""
    from city_services.idempotency import Absent, IdempotencyStore, KeyTaken, Pending

    real_record_in = Pending.record_in
    attempts = []

    def lose_the_first_race(self, connection, response):
        attempts.append(1)
        if len(attempts) == 1:
            raise KeyTaken()
        return real_record_in(self, connection, response)

    monkeypatch.setattr(Pending, "record_in", lose_the_first_race)
    monkeypatch.setattr(IdempotencyStore, "check", lambda self, *args: Absent())
    answer = post_complaint(client, "second-try")
    assert answer.status_code == 200 and len(attempts) == 2
    assert count_requests(client) == 1


# --- the store: nothing readable at rest, replays only for the same caller ---------------------------

def stored_rows(client) -> list:
    from city_services.models import IdempotencyKey

    with client.app.state.city.database.read_connection() as connection:
        return connection.execute(IdempotencyKey.__table__.select()).all()


def test_nothing_readable_at_rest(database_url, make_client):
    client = make_client(database_url)
    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    body = {"slot_id": slot, "people": 2, "name": "Parkhwang Seoyeon", "phone": "010-8642-9753",
            "email": "seoyeon.private@example.com"}
    booking = client.post("/reservations/v1/reservations", json=body,
                          headers={**KEY, "Idempotency-Key": "7d4e2c1a-at-rest"}).json()
    post_complaint(client, "5b9f0e3c-at-rest", phone="010-2468-1357", description="Call 010-2468-1357")
    rows = stored_rows(client)
    assert len(rows) == 2
    at_rest = repr(rows)
    for readable in (booking["secret"], booking["id"], "Parkhwang", "8642", "seoyeon", "2468", "at-rest",
                     "/reservations", "/open311", DEV_KEY, "status", "201"):
        assert readable not in at_rest, readable
    replay = client.post("/reservations/v1/reservations", json=body,
                         headers={**KEY, "Idempotency-Key": "7d4e2c1a-at-rest"})
    assert replay.json() == booking and replay.headers["idempotent-replayed"] == "true"


def test_a_replay_needs_the_same_credentials(make_client):
    client = make_client(api_keys=(DEV_KEY, "other-issued-key-0123456789"))
    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    body = {"slot_id": slot, "people": 2, "name": "김서울", "phone": "010-1234-5678"}
    first = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "mine"})
    assert first.status_code == 201
    anonymous = client.post("/reservations/v1/reservations", json=body, headers={"Idempotency-Key": "mine"})
    assert anonymous.status_code == 403 and "secret" not in anonymous.text
    other = client.post("/reservations/v1/reservations", json=body,
                        headers={"X-API-Key": "other-issued-key-0123456789", "Idempotency-Key": "mine"})
    assert other.status_code == 409 and other.json()["reason"] == "already_booked"  # run, not replayed
    assert "idempotent-replayed" not in other.headers
    form = complaint()
    assert post_complaint(client, "form-key").status_code == 200
    form["api_key"] = "wrong"
    stolen = client.post("/open311/v2/requests.json", data=form, headers={"Idempotency-Key": "form-key"})
    assert stolen.status_code == 403


def test_refusals_of_credentials_are_not_stored_nor_replayed(client):
    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    body = {"slot_id": slot, "people": 2, "name": "김서울", "phone": "010-1234-5678"}
    assert client.post("/reservations/v1/reservations", json=body,
                       headers={"Idempotency-Key": "forgot-key"}).status_code == 403
    assert post_complaint(client, "bad-api-key", api_key="nope").status_code == 403
    assert client.post("/staff/v1/requests/1/updates", json={"status_detail": "fixed"},
                       headers={"Idempotency-Key": "staff", "X-Staff-Key": "nope"}).status_code == 403
    assert client.post("/nowhere/v1/things", json={}, headers={"Idempotency-Key": "lost"}).status_code == 404
    assert stored_rows(client) == []
    added = client.post("/reservations/v1/reservations", json=body, headers={**KEY, "Idempotency-Key": "forgot-key"})
    assert added.status_code == 201 and "idempotent-replayed" not in added.headers  # the 403 was not kept
