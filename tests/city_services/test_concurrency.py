"""Never a double booking: 100 residents press "book" on the same slot at the same moment, against a
real server (uvicorn on loopback; on PostgreSQL with two worker processes)."""

from __future__ import annotations

import http.client
import json
import threading
from datetime import datetime, timedelta

import httpx
import pytest

from city_services.timeutil import SEOUL

from .conftest import DEV_KEY


def tomorrow() -> str:
    """Tomorrow in Seoul: the server runs on the same clock (the wall clock, or libfaketime's) and seeds
    slots from its today, so tomorrow's all still take bookings whatever the hour."""
    return (datetime.now(SEOUL) + timedelta(days=1)).date().isoformat()

BOOKERS = 100


def book_all_at_once(base_url: str, bookings: list[dict]) -> list[tuple[int, dict]]:
    """One thread per booking; each opens its connection first, then all send their POST together."""
    barrier = threading.Barrier(len(bookings))
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()
    host, port = base_url.removeprefix("http://").split(":")

    def book(number: int):
        body = json.dumps({"name": f"resident {number}", **bookings[number]})
        connection = http.client.HTTPConnection(host, int(port), timeout=60)
        connection.connect()
        barrier.wait()
        connection.request("POST", "/reservations/v1/reservations", body=body,
                           headers={"X-API-Key": DEV_KEY, "Content-Type": "application/json"})
        response = connection.getresponse()
        answer = (response.status, json.loads(response.read()))
        connection.close()
        with lock:
            answers.append(answer)

    threads = [threading.Thread(target=book, args=(n,)) for n in range(len(bookings))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def slots_of_the_day(base_url: str, facility: str) -> list[dict]:
    return httpx.get(f"{base_url}/reservations/v1/facilities/{facility}/slots",
                     params={"from": tomorrow(), "to": tomorrow()}).json()["items"]


def residents(slot_id: int, people: int) -> list[dict]:
    return [{"slot_id": slot_id, "people": people, "phone": f"010-5000-{n:04d}"} for n in range(BOOKERS)]


def slot_now(base_url: str, facility: str, slot_id: int) -> dict:
    slots = httpx.get(f"{base_url}/reservations/v1/facilities/{facility}/slots",
                      params={"from": tomorrow(), "to": tomorrow()}).json()["items"]
    return next(s for s in slots if s["id"] == slot_id)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_100_simultaneous_bookings_of_one_slot(database, run_server, request):
    if database == "sqlite":
        server = run_server(None, "--no-rate-limit")
    else:
        server = run_server(request.getfixturevalue("pg_url"), "--no-rate-limit", "--workers", "2")

    court = slots_of_the_day(server.base_url, "S-SPORT-0001")[0]  # capacity 1
    answers = book_all_at_once(server.base_url, residents(court["id"], people=2))
    statuses = sorted(status for status, _ in answers)
    assert statuses.count(201) == 1, statuses
    assert statuses.count(409) == BOOKERS - 1
    assert {body["reason"] for status, body in answers if status == 409} == {"slot_full"}
    assert slot_now(server.base_url, "S-SPORT-0001", court["id"])["available"] == 0

    walk = slots_of_the_day(server.base_url, "S-EDU-0001")[0]  # capacity 20
    answers = book_all_at_once(server.base_url, residents(walk["id"], people=1))
    assert [status for status, _ in answers].count(201) == 20
    assert slot_now(server.base_url, "S-EDU-0001", walk["id"])["available"] == 0

    # One person trying every other court slot at once: the quota (2 upcoming) holds too.
    greedy = [{"slot_id": slot["id"], "people": 2, "phone": "010-7777-0000"}
              for slot in slots_of_the_day(server.base_url, "S-SPORT-0001")[1:]]
    answers = book_all_at_once(server.base_url, greedy)
    assert [status for status, _ in answers].count(201) == 2
    assert {body["reason"] for status, body in answers if status != 201} == {"quota_exceeded"}
