"""Property tests: random sequences of bookings, cancellations and the passing of time, sent to the
HTTP API, must give the answers a plain model of the booking rules predicts, and the slots must
always show what the model says is left, and only while they still take bookings."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, update

from city_services.models import IdempotencyKey, Reservation, Slot

from .conftest import DEV_KEY, START

KEY = {"X-API-Key": DEV_KEY}
PEOPLE = ["010-1000-0001", "010-1000-0002", "010-1000-0003"]


class FacilityRules:
    def __init__(self, quota, min_people, max_people, cancel_deadline_hours, lead_minutes):
        self.quota = quota
        self.min_people = min_people
        self.max_people = max_people
        self.cancel_deadline = timedelta(hours=cancel_deadline_hours)
        self.lead = timedelta(minutes=lead_minutes)


# The seeded facilities used (see seed_data): a tennis court and the palace walk.
FACILITIES = {"S-SPORT-0001": FacilityRules(quota=2, min_people=2, max_people=4, cancel_deadline_hours=24,
                                            lead_minutes=60),
              "S-EDU-0001": FacilityRules(quota=1, min_people=1, max_people=4, cancel_deadline_hours=0,
                                          lead_minutes=10)}
WALK_CAPACITY = 2  # lowered from 20 so that "full" happens within a short run


def test_api_follows_the_booking_model(make_client, clock):
    client = make_client()
    database = client.app.state.city.database
    chosen = []  # (slot_id, facility, starts_at, capacity)
    for facility in FACILITIES:
        items = client.get(f"/reservations/v1/facilities/{facility}/slots",
                           params={"from": "2026-12-01", "to": "2026-12-02"}).json()["items"]
        for item in items[4:6] + items[-1:]:  # today afternoon, and tomorrow evening
            capacity = 1 if facility == "S-SPORT-0001" else WALK_CAPACITY
            chosen.append((item["id"], facility, datetime.fromisoformat(item["starts_at"]), capacity))
    with database.write_session() as session:
        session.execute(update(Slot).where(Slot.facility_id == "S-EDU-0001").values(capacity=WALK_CAPACITY))

    class BookingMachine(RuleBasedStateMachine):
        reservations = Bundle("reservations")

        def __init__(self):
            super().__init__()
            with database.write_session() as session:
                session.execute(delete(Reservation))
                session.execute(delete(IdempotencyKey))
                session.execute(update(Slot).values(booked=0))
            clock.now = START
            self.active: dict[str, tuple[str, int]] = {}  # reservation id -> (phone, slot id)
            self.cancelled: set[str] = set()

        def expected_refusal(self, phone, slot, people):
            slot_id, facility, starts_at, capacity = slot
            rules = FACILITIES[facility]
            if starts_at <= clock.now:
                return "slot_started"
            if starts_at - rules.lead <= clock.now:
                return "booking_closed"
            if not rules.min_people <= people <= rules.max_people:
                return "people_out_of_range"
            if (phone, slot_id) in self.active.values():
                return "already_booked"
            upcoming = [s for p, s in self.active.values() if p == phone and self.slot(s)[1] == facility
                        and self.slot(s)[2] > clock.now]
            if len(upcoming) >= rules.quota:
                return "quota_exceeded"
            if sum(1 for _, s in self.active.values() if s == slot_id) >= capacity:
                return "slot_full"
            return None

        @staticmethod
        def slot(slot_id):
            return next(s for s in chosen if s[0] == slot_id)

        @rule(target=reservations, phone=st.sampled_from(PEOPLE), slot=st.sampled_from(chosen),
              people=st.integers(0, 5))
        def book(self, phone, slot, people):
            expected = self.expected_refusal(phone, slot, people)
            response = client.post("/reservations/v1/reservations", headers=KEY,
                                   json={"slot_id": slot[0], "people": people, "name": "resident", "phone": phone})
            if people < 1:  # the schema refuses it before the rules look
                assert response.status_code == 422
                return None
            if expected is None:
                assert response.status_code == 201, response.text
                created = response.json()
                self.active[created["id"]] = (phone, slot[0])
                return (created["id"], created["secret"])
            assert response.json().get("reason") == expected, (expected, response.text)
            return None

        @rule(reservation=consumes(reservations))
        def cancel(self, reservation):
            if reservation is None:
                return
            reservation_id, secret = reservation
            response = client.delete(f"/reservations/v1/reservations/{reservation_id}",
                                     headers={**KEY, "X-Reservation-Secret": secret})
            if reservation_id in self.cancelled:
                assert response.status_code == 200 and response.json()["status"] == "cancelled"
                return
            _, slot_id = self.active[reservation_id]
            _, facility, starts_at, _ = self.slot(slot_id)
            if clock.now > starts_at - FACILITIES[facility].cancel_deadline:
                assert response.json()["reason"] == "cancel_deadline_passed"
            else:
                assert response.status_code == 200 and response.json()["status"] == "cancelled"
                del self.active[reservation_id]
                self.cancelled.add(reservation_id)

        @rule(minutes=st.integers(1, 16 * 60))
        def time_passes(self, minutes):
            clock.advance(minutes=minutes)

        @invariant()
        def slots_show_what_is_left(self):
            for facility in FACILITIES:
                items = client.get(f"/reservations/v1/facilities/{facility}/slots",
                                   params={"from": "2026-12-01", "to": "2026-12-02"}).json()["items"]
                available = {item["id"]: item["available"] for item in items}
                for slot_id, slot_facility, starts_at, capacity in chosen:
                    if slot_facility != facility:
                        continue
                    if starts_at - FACILITIES[facility].lead <= clock.now:
                        assert slot_id not in available  # never offered once it takes no bookings
                    else:
                        taken = sum(1 for _, s in self.active.values() if s == slot_id)
                        assert available[slot_id] == capacity - taken

    run_state_machine_as_test(BookingMachine, settings=settings(
        max_examples=30, stateful_step_count=20, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much]))
