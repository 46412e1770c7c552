"""What the city server holds, read back after the app has sent something: through the public API
where it shows it, from the server's own database where the API keeps it private."""

import json
import sqlite3
import time

import requests

OPEN311 = "/open311/v2"
RESERVATIONS = "/reservations/v1"
SENT_TIMEOUT_S = 30


def service_codes(city, locale="ko"):
    """The complaint kinds in the order the city lists them (the order the kiosk shows)."""
    answer = requests.get(f"{city.base_url}{OPEN311}/services.json", params={"locale": locale}, timeout=10)
    answer.raise_for_status()
    return [service["service_code"] for service in answer.json()]


def first_accepting_facility(city):
    answer = requests.get(f"{city.base_url}{RESERVATIONS}/facilities", timeout=10)
    answer.raise_for_status()
    return next(f["service_id"] for f in answer.json()["items"] if f["status"] == "accepting")


def sent_item(app, kind):
    """The app's one outbox item of `kind`, once the city has answered it."""
    deadline = time.monotonic() + SENT_TIMEOUT_S
    while True:
        items = [item for item in app.outbox().items() if item.kind == kind]
        if len(items) == 1 and items[0].status != "pending":
            assert items[0].status == "sent", f"the city refused the {kind}: {items[0].refusal_code}"
            return items[0]
        assert len(items) <= 1, f"{len(items)} {kind}s in the outbox, one was made"
        assert time.monotonic() < deadline, f"the {kind} was not sent within {SENT_TIMEOUT_S} s"
        time.sleep(0.2)


def complaint(city, request_id):
    """The public view of a request, and its attributes as the server stored them."""
    answer = requests.get(f"{city.base_url}{OPEN311}/requests/{request_id}.json", timeout=10)
    answer.raise_for_status()
    [public] = answer.json()
    with sqlite3.connect(f"file:{city.database}?mode=ro", uri=True) as db:
        [stored] = db.execute("SELECT attributes FROM service_requests WHERE id = ?", (int(request_id),)).fetchone()
    attributes = json.loads(stored) if isinstance(stored, str) else stored
    return public, attributes


def reservation(city, item):
    """A reservation as its owner reads it, with the secret the app kept from the city's answer."""
    answer = requests.get(f"{city.base_url}{RESERVATIONS}/reservations/{item.server_id}",
                          headers={"X-Reservation-Secret": item.result["secret"]}, timeout=10)
    answer.raise_for_status()
    return answer.json()
