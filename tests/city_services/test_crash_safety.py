"""Keyed bookings across a crash: the server is killed (SIGKILL) during a burst of bookings with
Idempotency-Keys, restarted on the same database, and every key retried. Each key must end with exactly
one booking that its secret reads and cancels, or with none and a clean refusal; never a booking that
nobody can read ("already_booked" without a secret) nor a key stuck "in flight"."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta

import httpx
import pytest

from city_services.timeutil import SEOUL

from .conftest import DEV_KEY

RESIDENTS = 80
WALK = "S-EDU-0001"  # capacity 20, one upcoming booking per person, cancel until the start
CLEAN_REFUSALS = {"slot_full", "quota_exceeded"}


def walk_slots(http) -> dict[int, dict]:
    """The walk's slots from the day after tomorrow on, by id (the server seeds and books on the wall
    clock: none of them may close during the test)."""
    first = datetime.now(SEOUL).date() + timedelta(days=2)
    items = http.get(f"/reservations/v1/facilities/{WALK}/slots", params={"from": str(first)}).json()["items"]
    return {slot["id"]: slot for slot in items}


def bookings_for(base_url: str) -> list[dict]:
    """One booking per resident over the walk's slots."""
    with httpx.Client(base_url=base_url) as http:
        slots = list(walk_slots(http).values())
    return [{"slot_id": slots[n % len(slots)]["id"], "people": 1, "name": f"resident {n}",
             "phone": f"010-6{n:03d}-{n:04d}"} for n in range(RESIDENTS)]


def book(http: httpx.Client, number: int, body: dict) -> httpx.Response:
    return http.post("/reservations/v1/reservations", json=body,
                     headers={"X-API-Key": DEV_KEY, "Idempotency-Key": f"crash-{number}"})


def burst_then_kill(server, bookings: list[dict], answered_before_kill: int) -> None:
    answered = []
    lock = threading.Lock()

    def resident(numbers):
        with httpx.Client(base_url=server.base_url, timeout=30) as http:
            for number in numbers:
                try:
                    book(http, number, bookings[number])
                except httpx.HTTPError:
                    return  # the server died under it
                with lock:
                    answered.append(number)

    threads = [threading.Thread(target=resident, args=(range(k, RESIDENTS, 8),)) for k in range(8)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + 60
    while len(answered) < answered_before_kill and time.monotonic() < deadline:
        time.sleep(0.005)
    server.process.kill()
    server.process.wait()
    for thread in threads:
        thread.join()
    assert answered_before_kill <= len(answered) < RESIDENTS, "the kill came too late to test anything"


def final_answer(http: httpx.Client, number: int, body: dict) -> httpx.Response:
    for _ in range(100):
        answer = book(http, number, body)
        if answer.status_code != 409 or answer.json().get("reason") != "idempotency_in_flight":
            return answer
        time.sleep(0.1)
    raise AssertionError(f"key crash-{number} stays in flight")


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_every_keyed_booking_survives_a_kill_9(database, run_server, request, tmp_path):
    url = f"sqlite:///{tmp_path / 'crash.sqlite3'}" if database == "sqlite" else request.getfixturevalue("pg_url")
    server = run_server(url, "--no-rate-limit")
    bookings = bookings_for(server.base_url)
    burst_then_kill(server, bookings, answered_before_kill=25)

    server = run_server(url, "--no-rate-limit")  # the same database, after the crash
    with httpx.Client(base_url=server.base_url, timeout=30) as http:
        answers = {n: final_answer(http, n, body) for n, body in enumerate(bookings)}
        made = {n: a.json() for n, a in answers.items() if a.status_code == 201}
        refused = {n: a.json() for n, a in answers.items() if a.status_code != 201}
        assert {r.get("reason") for r in refused.values()} <= CLEAN_REFUSALS, refused
        assert len(made) >= 20
        slots = walk_slots(http)
        booked = sum(slots[i]["capacity"] - slots[i]["available"] for i in {b["slot_id"] for b in bookings})
        assert booked == len(made)  # no booking that no key answers for
        for reservation in made.values():
            secret = {"X-Reservation-Secret": reservation["secret"]}
            assert http.get(f"/reservations/v1/reservations/{reservation['id']}", headers=secret).status_code == 200
            cancelled = http.delete(f"/reservations/v1/reservations/{reservation['id']}",
                                    headers={**secret, "X-API-Key": DEV_KEY})
            assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
        slots = walk_slots(http)
        assert all(slots[b["slot_id"]]["available"] == slots[b["slot_id"]]["capacity"] for b in bookings)
