"""Booking a facility at a reservation kiosk in the running app, offscreen, with the keyboard alone.

The names and numbers typed are made up; a failure prints no panel that shows them (private=True).
"""

import pytest

from .kiosk_keys import kiosk_app, panel_text, press, step_until, type_text, use_kiosk

WALK = "S-EDU-0001"  # the Deoksugung guided walk: 20 groups a slot, one upcoming booking per person
TENNIS = "S-SPORT-0001"  # one court a slot, cancelling closes 24 hours before


@pytest.fixture(scope="module")
def app(tmp_path_factory, city):
    app = kiosk_app(tmp_path_factory.mktemp("booking"), city, {
        "kiosks": [{"id": "k2", "kind": "reservation", "position": [-3, 2, 0], "heading": 0}]})
    yield app
    app.destroy()


def open_kiosk(app):
    use_kiosk(app, "test-yard", "k2", -3, 0.5)
    step_until(app, "예약할 시설을 고르세요")  # own bookings (local) may show before the city's list


def flow(app):
    return app.kiosk_panel.session.flow


def choose_facility(app, service_id):
    ids = [entry.service_id for entry in flow(app).home.entries[:len(flow(app).facilities)]]
    press(app, *["arrow_down"] * ids.index(service_id), "enter")
    step_until(app, "시간을 고르세요")


def book_first_free_slot(app, service_id, name, phone, slots_down=0):
    """From the first screen: the facility, a slot, the form, the review; Enter submits."""
    choose_facility(app, service_id)
    press(app, *["arrow_down"] * slots_down, "enter")
    step_until(app, "인원*:")
    press(app, "tab")
    type_text(app, name)
    press(app, "tab")
    type_text(app, phone)
    press(app, "enter", "enter")  # past the optional email, Enter checks the form
    step_until(app, "예약 전 확인", private=True)
    press(app, "enter")


def sent_reservations(city, phone):
    return [item for item in city.outbox.items()
            if item.kind == "reservation" and item.payload["phone"] == phone]


def test_a_slot_is_booked_with_the_keyboard_and_the_reservation_listed(app, city):
    open_kiosk(app)
    start = (app.controls.pose.x, app.controls.pose.y)
    assert "잠실한강공원 야외수영장 · 일시중지" in panel_text(app)  # shown, not choosable
    book_first_free_slot(app, WALK, "홍길동", "010-0000-0001")
    step_until(app, "예약됨 — 예약 번호 R", private=True)  # pending, then sent by the woken worker
    assert (app.controls.pose.x, app.controls.pose.y) == start  # typed letters did not walk

    [item] = sent_reservations(city, "010-0000-0001")
    assert item.status == "sent" and item.server_id.startswith("R")
    assert item.payload["people"] == 1 and item.payload["name"] == "홍길동"
    assert item.result["id"] == item.server_id and item.result["secret"]  # kept: it cancels the booking

    press(app, "enter")  # back to the first screen, which lists the resident's own bookings
    step_until(app, item.server_id)
    text = panel_text(app)
    assert "내 예약:" in text and "· 덕수궁 해설 탐방\n" in text and f"예약 번호 {item.server_id} · 1명" in text
    assert item.result["secret"] not in text and "010-0000-0001" not in text and "홍길동" not in text
    press(app, "escape")
    assert not app.kiosk_panel.visible and not app.kiosk_panel.has_keyboard


def test_a_second_walk_for_the_same_person_is_refused_with_a_sentence(app, city):
    open_kiosk(app)
    book_first_free_slot(app, WALK, "홍길동", "010-0000-0001", slots_down=1)
    step_until(app, "예약되지 않음 — 이 시설에서 한 사람이 할 수 있는 예약 수를 넘었습니다.", private=True)
    refused = [item for item in sent_reservations(city, "010-0000-0001") if item.status == "refused"]
    assert len(refused) == 1 and refused[0].refusal_code == "quota_exceeded"
    press(app, "escape", "escape")


def test_an_own_booking_is_cancelled_from_the_first_screen(app, city):
    [walk] = [item for item in sent_reservations(city, "010-0000-0001") if item.status == "sent"]
    open_kiosk(app)
    step_until(app, walk.server_id)
    press(app, *["arrow_down"] * 10)  # past the facilities, onto the booking
    assert "C 또는 Delete 예약 취소" in panel_text(app)
    press(app, "c")
    step_until(app, "이 예약을 취소할까요?")
    press(app, "escape")  # changed one's mind: nothing happens
    step_until(app, "예약할 시설을 고르세요")
    press(app, "delete", "enter")
    step_until(app, f"예약을 취소했습니다 — 예약 번호 {walk.server_id}")
    assert city.client.reservation(walk.server_id, walk.result["secret"]).status == "cancelled"
    press(app, "enter")
    step_until(app, f"예약 번호 {walk.server_id} · 1명 · 취소됨")  # as the server now says
    press(app, "escape")


def test_cancelling_after_the_deadline_is_refused_with_a_sentence(app, city):
    open_kiosk(app)
    # The first free tennis slot starts within 24 hours (slots run 06:00-22:00), past its cancel deadline.
    book_first_free_slot(app, TENNIS, "김서울", "010-0000-0002")
    step_until(app, "예약됨 — 예약 번호 R", private=True)
    [tennis] = sent_reservations(city, "010-0000-0002")
    press(app, "enter")
    step_until(app, tennis.server_id)
    press(app, *["arrow_down"] * 10, "c", "enter")  # the only booking that can still be cancelled
    step_until(app, "취소하지 못했습니다 — 취소 기한이 지나 이 예약은 이제 취소할 수 없습니다.")
    press(app, "enter", "escape")
    assert not app.kiosk_panel.visible
