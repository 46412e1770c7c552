"""Never a double booking: 100 residents press "book" on the same slot at the same moment, against a
real server (uvicorn on loopback; on PostgreSQL with two worker processes)."""

from __future__ import annotations

import http.client
import json
import threading

import httpx
import pytest

from .conftest import DEV_KEY

BOOKERS = 100


def book_all_at_once(base_url: str, slot_id: int, people: int) -> list[tuple[int, dict]]:
    """Each thread opens its connection first, then all send their POST together."""
    barrier = threading.Barrier(BOOKERS)
    answers: list[tuple[int, dict]] = []
    lock = threading.Lock()
    host, port = base_url.removeprefix("http://").split(":")

    def book(number: int):
        body = json.dumps({"slot_id": slot_id, "people": people, "name": f"resident {number}",
                           "phone": f"010-5000-{number:04d}"})
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

    threads = [threading.Thread(target=book, args=(n,)) for n in range(BOOKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def first_free_slot(base_url: str, facility: str) -> dict:
    slots = httpx.get(f"{base_url}/reservations/v1/facilities/{facility}/slots",
                      params={"from": "2026-12-10", "to": "2026-12-10"}).json()["items"]
    return slots[0]


def slot_now(base_url: str, facility: str, slot_id: int) -> dict:
    slots = httpx.get(f"{base_url}/reservations/v1/facilities/{facility}/slots",
                      params={"from": "2026-12-10", "to": "2026-12-10"}).json()["items"]
    return next(s for s in slots if s["id"] == slot_id)


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
def test_100_simultaneous_bookings_of_one_slot(database, run_server, request):
    if database == "sqlite":
        server = run_server(None, "--no-rate-limit")
    else:
        server = run_server(request.getfixturevalue("pg_url"), "--no-rate-limit", "--workers", "2")

    court = first_free_slot(server.base_url, "S-SPORT-0001")  # capacity 1
    answers = book_all_at_once(server.base_url, court["id"], people=2)
    statuses = sorted(status for status, _ in answers)
    assert statuses.count(201) == 1, statuses
    assert statuses.count(409) == BOOKERS - 1
    assert {body["reason"] for status, body in answers if status == 409} == {"slot_full"}
    assert slot_now(server.base_url, "S-SPORT-0001", court["id"])["available"] == 0

    walk = first_free_slot(server.base_url, "S-EDU-0001")  # capacity 20
    answers = book_all_at_once(server.base_url, walk["id"], people=1)
    assert [status for status, _ in answers].count(201) == 20
    assert slot_now(server.base_url, "S-EDU-0001", walk["id"])["available"] == 0
