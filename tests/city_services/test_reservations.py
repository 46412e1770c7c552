"""Facilities, slots, booking, reading and cancelling with the secret; every booking rule."""

from __future__ import annotations

import pytest

from .conftest import DEV_KEY

KEY = {"X-API-Key": DEV_KEY}
TENNIS = "S-SPORT-0001"  # 2-4 people, quota 2, capacity 1, cancel until 24 h before, book until 1 h before
WALK = "S-EDU-0001"  # 1-4 people, quota 1, capacity 20, cancel until the start, book until 10 min before
# The clock starts at Tuesday 2026-12-01 10:00 in Seoul (conftest.START).


def slots(client, facility, **params):
    response = client.get(f"/reservations/v1/facilities/{facility}/slots", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def slot_at(client, facility, when):
    """The listed slot of `facility` starting at `when` ('2026-12-01T14:00' in Seoul)."""
    return next(s for s in slots(client, facility, **{"from": when[:10], "to": when[:10]})
                if s["starts_at"] == f"{when}:00+09:00")


def book(client, slot_id, people=2, phone="010-1234-5678", name="김서울", headers=KEY, **extra):
    return client.post("/reservations/v1/reservations", headers=headers,
                       json={"slot_id": slot_id, "people": people, "name": name, "phone": phone, **extra})


def test_facilities_follow_seoul_reservation_fields_and_filter(client):
    page = client.get("/reservations/v1/facilities").json()
    assert page["total"] == 5 and page["page"] == 1 and len(page["items"]) == 5
    tennis = next(f for f in page["items"] if f["service_id"] == TENNIS)
    assert tennis["category_major"] == "체육시설" and tennis["category_minor"] == "테니스장"
    assert tennis["status"] == "accepting" and tennis["payment"] == "paid"
    assert {"ko", "en"} <= set(tennis["name"])
    for field in ("place", "district", "target_users", "receipt_start", "receipt_end", "use_start", "use_end",
                  "min_people", "max_people", "phone", "description", "lat", "lon"):
        assert tennis[field] not in (None, ""), field
    sports = client.get("/reservations/v1/facilities", params={"category_major": "체육시설"}).json()
    assert {f["service_id"] for f in sports["items"]} == {"S-SPORT-0001", "S-SPORT-0002", "S-SPORT-0003"}
    suspended = client.get("/reservations/v1/facilities", params={"status": "suspended"}).json()
    assert [f["service_id"] for f in suspended["items"]] == ["S-SPORT-0003"]
    second = client.get("/reservations/v1/facilities", params={"page_size": 2, "page": 2}).json()
    assert len(second["items"]) == 2 and second["total"] == 5
    assert client.get(f"/reservations/v1/facilities/{TENNIS}").json() == tennis


def test_unknown_facility_is_404_with_a_detail(client):
    response = client.get("/reservations/v1/facilities/nope")
    assert response.status_code == 404 and response.json() == {"detail": "facility 'nope' not found"}
    assert client.get("/reservations/v1/facilities/nope/slots").status_code == 404


def test_slots_default_to_a_week_from_today_and_accept_a_range(client):
    week = slots(client, TENNIS)
    # Today's 06:00, 08:00 and 10:00 have started (it is 10:00): the week is today's last 5 and 6 full days.
    assert len(week) == 5 + 6 * 8 and week[0]["starts_at"] == "2026-12-01T12:00:00+09:00"
    assert all(s["available"] == s["capacity"] == 1 for s in week)
    one_day = slots(client, TENNIS, **{"from": "2026-12-03", "to": "2026-12-03"})
    assert [s["starts_at"][11:16] for s in one_day] == ["06:00", "08:00", "10:00", "12:00", "14:00", "16:00",
                                                       "18:00", "20:00"]
    assert client.get(f"/reservations/v1/facilities/{TENNIS}/slots",
                      params={"from": "2026-12-01", "to": "2027-02-01"}).status_code == 422
    assert client.get(f"/reservations/v1/facilities/{TENNIS}/slots",
                      params={"from": "2026-12-05", "to": "2026-12-01"}).status_code == 422


def test_book_read_and_cancel_with_the_secret(client):
    slot = slots(client, TENNIS)[12]
    created = book(client, slot["id"], email="seoul@example.com")
    assert created.status_code == 201, created.text
    reservation = created.json()
    secret = reservation.pop("secret")
    assert reservation["status"] == "active" and reservation["facility_id"] == TENNIS
    assert reservation["starts_at"] == slot["starts_at"] and reservation["people"] == 2
    assert next(s for s in slots(client, TENNIS) if s["id"] == slot["id"])["available"] == 0

    path = f"/reservations/v1/reservations/{reservation['id']}"
    read = client.get(path, headers={"X-Reservation-Secret": secret})
    assert read.status_code == 200 and read.json() == reservation

    cancelled = client.delete(path, headers={"X-Reservation-Secret": secret, **KEY})
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    assert next(s for s in slots(client, TENNIS) if s["id"] == slot["id"])["available"] == 1
    again = client.delete(path, headers={"X-Reservation-Secret": secret, **KEY})
    assert again.status_code == 200 and again.json() == cancelled.json()


def test_without_the_right_secret_a_reservation_does_not_exist(client):
    created = book(client, slots(client, TENNIS)[10]["id"]).json()
    path = f"/reservations/v1/reservations/{created['id']}"
    for headers in ({}, {"X-Reservation-Secret": "guess"}):
        for response in (client.get(path, headers=headers), client.delete(path, headers={**headers, **KEY})):
            assert response.status_code == 404
            assert response.json()["detail"] == "no reservation with this id and X-Reservation-Secret"
    assert client.get("/reservations/v1/reservations/Rnope", headers={"X-Reservation-Secret": "x"}).status_code == 404
    assert client.get(path, headers={"X-Reservation-Secret": created["secret"]}).json()["status"] == "active"


def test_writes_need_the_api_key(client):
    slot = slots(client, TENNIS)[10]["id"]
    for headers in ({}, {"X-API-Key": "wrong"}):
        response = book(client, slot, headers=headers)
        assert response.status_code == 403 and "X-API-Key" in response.json()["detail"]
    created = book(client, slot).json()
    response = client.delete(f"/reservations/v1/reservations/{created['id']}",
                             headers={"X-Reservation-Secret": created["secret"]})
    assert response.status_code == 403


@pytest.mark.parametrize("body, expected", [
    ({}, "slot_id: Field required"),
    ({"slot_id": 1, "people": 0, "name": "a", "phone": "010-1234-5678"}, "people: Input should be greater"),
    ({"slot_id": 1, "people": 2, "name": " ", "phone": "010-1234-5678"}, "name: Value error, must not be blank"),
    ({"slot_id": 1, "people": 2, "name": "a", "phone": "call me"}, "phone: String should match pattern"),
    ({"slot_id": 1, "people": 2, "name": "a", "phone": "0101234", "email": "nope"}, "email: String should match"),
])
def test_invalid_bodies_get_one_clear_422_line(client, body, expected):
    response = client.post("/reservations/v1/reservations", headers=KEY, json=body)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert isinstance(detail, str) and expected in detail and "\n" not in detail


def test_unknown_slot_is_404(client):
    response = book(client, 999_999)
    assert response.status_code == 404 and response.json()["detail"] == "slot_id 999999 not found"


def refusal(response):
    assert response.status_code in (409, 422), response.text
    return response.json()["reason"]


def test_a_slot_is_listed_only_while_it_takes_bookings(client, clock):
    assert [s["starts_at"][11:16] for s in slots(client, TENNIS, **{"from": "2026-12-01", "to": "2026-12-01"})] \
        == ["12:00", "14:00", "16:00", "18:00", "20:00"]
    noon = slot_at(client, TENNIS, "2026-12-01T12:00")
    clock.advance(minutes=59, seconds=59)  # 10:59:59: bookings of 12:00 close at 11:00
    assert slots(client, TENNIS)[0]["id"] == noon["id"]
    clock.advance(seconds=1)
    assert slots(client, TENNIS)[0]["starts_at"] == "2026-12-01T14:00:00+09:00"
    assert refusal(book(client, noon["id"])) == "booking_closed"
    clock.advance(hours=1)  # 12:00: started
    assert refusal(book(client, noon["id"])) == "slot_started"
    walk = slot_at(client, WALK, "2026-12-01T13:00")
    clock.advance(minutes=50)  # 12:50: the walk takes bookings until 12:50 exclusive
    assert walk["id"] not in [s["id"] for s in slots(client, WALK)]
    assert refusal(book(client, walk["id"], people=1)) == "booking_closed"
    assert client.get(f"/reservations/v1/facilities/{TENNIS}").json()["booking_lead_minutes"] == 60


def test_rules_people_quota_same_slot_full_started_and_suspended(client, clock):
    tennis = slots(client, TENNIS)
    assert refusal(book(client, tennis[20]["id"], people=1)) == "people_out_of_range"
    assert refusal(book(client, tennis[20]["id"], people=5)) == "people_out_of_range"
    assert book(client, tennis[20]["id"]).status_code == 201
    assert refusal(book(client, tennis[20]["id"])) == "already_booked"
    assert refusal(book(client, tennis[20]["id"], phone="010-9999-0000")) == "slot_full"
    assert book(client, tennis[21]["id"], phone="010 1234 5678").status_code == 201  # same person, spaced
    assert refusal(book(client, tennis[22]["id"], phone="01012345678")) == "quota_exceeded"
    assert refusal(book(client, tennis[22]["id"], phone="+82 10-1234-5678")) == "quota_exceeded"

    walk = slots(client, WALK)[3]
    assert book(client, walk["id"], people=4, phone="010-1111-0001").status_code == 201
    assert book(client, walk["id"], people=1, phone="010-1111-0002").status_code == 201
    assert next(s for s in slots(client, WALK) if s["id"] == walk["id"])["available"] == 18


def test_quota_counts_only_upcoming_reservations(client, clock):
    assert book(client, slot_at(client, TENNIS, "2026-12-01T14:00")["id"]).status_code == 201
    assert book(client, slot_at(client, TENNIS, "2026-12-01T16:00")["id"]).status_code == 201
    later = slot_at(client, TENNIS, "2026-12-02T10:00")["id"]
    assert refusal(book(client, later)) == "quota_exceeded"
    clock.advance(hours=5)  # 15:00: the 14:00 booking has started, so it no longer counts
    assert book(client, later).status_code == 201


def test_cancellation_closes_at_the_deadline(client, clock):
    tomorrow_noon = next(s for s in slots(client, TENNIS) if s["starts_at"] == "2026-12-02T12:00:00+09:00")
    created = book(client, tomorrow_noon["id"]).json()
    clock.advance(hours=2, seconds=1)  # 12:00:01 today: less than 24 h before
    response = client.delete(f"/reservations/v1/reservations/{created['id']}",
                             headers={"X-Reservation-Secret": created["secret"], **KEY})
    assert response.status_code == 409 and response.json()["reason"] == "cancel_deadline_passed"


def test_suspended_and_closed_facilities_take_no_bookings(make_client):
    client = make_client()
    with client.app.state.city.database.write_session() as session:
        from city_services.models import Facility

        session.get(Facility, TENNIS).status = "closed"
    assert refusal(book(client, slots(client, TENNIS)[10]["id"])) == "not_accepting"


def test_outside_the_receipt_period_nothing_is_booked(client, clock):
    clock.advance(days=400)  # 2028: after the demo receipt period; slots of that time do not exist either
    with client.app.state.city.database.write_session() as session:
        from city_services.models import Slot

        from datetime import datetime
        session.add(Slot(facility_id=TENNIS, starts_at=datetime(2028, 1, 10, 3), ends_at=datetime(2028, 1, 10, 5),
                         capacity=1, booked=0))
        session.flush()
        slot_id = session.query(Slot.id).order_by(Slot.id.desc()).first()[0]
    assert refusal(book(client, slot_id)) == "outside_receipt_period"
