"""The kiosk's booking steps driven by keys, with the reference server's real facilities, slots and
answers (through the app's client and outbox) handed to the flow as the panel would.

Names and phone numbers here are made up; assertions compare screens line by line, never print a form.
One server and outbox serve the module, so each test makes the bookings it needs under its own phone
number (the per-person quota is by phone) and none depends on another having run.""" 

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from metaverse_seoul.core.booking_flow import (CANCELLED, CONFIRM_CANCEL, FACILITIES, LOADING_SLOTS, SLOTS,
                                               BookingFlow, own_bookings)
from metaverse_seoul.core.i18n import LANGUAGES, load_strings
from metaverse_seoul.core.kiosk_effects import CLOSE, SHOW_HOME, CancelBooking, LoadSlots, Submit
from metaverse_seoul.core.clock import SEOUL
from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, FORM, PROBLEM, REVIEW, STATUS, SUBMITTING
from metaverse_seoul.paths import ASSETS_DIR

KO = load_strings(ASSETS_DIR / "i18n", "ko")
EN = load_strings(ASSETS_DIR / "i18n", "en")
WALK, TENNIS, POOL = "S-EDU-0001", "S-SPORT-0001", "S-SPORT-0003"


def texts(flow, style=None):
    return [line.text for line in flow.screen() if style is None or line.style == style]


def at_home(city, t=KO):
    flow = BookingFlow("시설 예약", t)
    flow.loaded_own(own_bookings(city.outbox.items(), flow.clock()))
    flow.loaded_facilities(city.client.facilities())
    return flow


def to_slots(city, flow, service_id):
    ids = [f.service_id for f in flow.facilities]
    for _ in range(len(ids)):
        flow.press("up")
    for _ in range(ids.index(service_id)):
        flow.press("down")
    effect = flow.press("enter")
    assert isinstance(effect, LoadSlots) and effect.facility.service_id == service_id and flow.step == LOADING_SLOTS
    flow.loaded_slots(effect.facility, city.client.slots(service_id))
    assert flow.step == SLOTS
    return effect.facility


def to_review(flow, name="홍길동", phone="010-0000-0101"):
    flow.press("enter")  # the first free slot
    assert flow.step == FORM
    flow.press("tab")
    flow.type(name)
    flow.press("tab")
    flow.type(phone)
    flow.press("enter")
    flow.press("enter")  # on the optional email, Enter checks the form
    assert flow.step == REVIEW


def booked_through_outbox(city, phone, facility=WALK, slot_index=0):
    """A booking of one of the facility's free slots, stored and sent through the outbox as the kiosk does."""
    slot = [s for s in city.client.slots(facility) if s.available > 0][slot_index]
    item = city.outbox.submit("reservation", {"slot_id": slot.id, "people": 2 if facility == TENNIS else 1,
                                              "name": "테스트", "phone": phone})
    city.worker.drain_once()
    return city.outbox.item(item.id)


def submit(city, flow):
    effect = flow.press("enter")
    assert isinstance(effect, Submit) and flow.step == SUBMITTING
    item = city.outbox.submit("reservation", effect.payload)
    flow.submitted(item)
    city.worker.drain_once()
    flow.item_changed(city.outbox.item(item.id))
    return flow.item


def test_the_facilities_come_with_their_status_and_only_accepting_ones_are_chosen(city):
    flow = at_home(city)
    lines = texts(flow)
    assert lines[:2] == ["시설 예약", "예약할 시설을 고르세요:"]
    assert texts(flow, FOCUS) == ["▶ 덕수궁 해설 탐방 · 접수중"]
    assert "   잠실한강공원 야외수영장 · 일시중지" in texts(flow, DIM)  # shown, dim
    for _ in range(10):
        flow.press("down")
    assert flow.home.chosen.service_id != POOL  # the cursor never lands on it
    assert texts(flow, DIM)[-1] == "↑↓ 고르기 · Enter 선택 · Esc 닫기"


def test_names_follow_the_ui_language_where_the_server_has_them(city):
    assert texts(at_home(city, EN), FOCUS) == ["▶ Deoksugung palace guided walk · accepting bookings"]
    japanese = at_home(city, load_strings(ASSETS_DIR / "i18n", "ja"))
    assert texts(japanese, FOCUS) == ["▶ Deoksugung palace guided walk · 受付中"]  # no Japanese name: English


def test_picking_a_facility_shows_its_rules_and_the_next_seven_days(city):
    flow = at_home(city)
    to_slots(city, flow, TENNIS)
    lines = texts(flow)
    assert lines[:5] == ["시설 예약 · 잠원한강공원 테니스장 1면", "   장소: 잠원한강공원 테니스장 (서초구)",
                         "   대상: 누구나 (Anyone) · 요금: 유료 6,000원",
                         "   인원: 2–4명 · 1인 한도: 2건 · 취소: 이용 24시간 전까지", "시간을 고르세요 (앞으로 7일):"]
    now = datetime.now(SEOUL)
    firsts = [datetime.fromisoformat(slot.starts_at) for slot in flow.slots.entries]
    assert all(now < start < now + timedelta(days=7) for start in firsts)  # none started, none past a week
    focused = texts(flow, FOCUS)[0]
    first = firsts[0]
    weekday = "월화수목금토일"[first.weekday()]
    assert focused.startswith(f"▶ {first:%m-%d} ({weekday}) {first:%H:%M}–") and focused.endswith(" · 1자리 남음")


def test_a_full_slot_is_shown_but_not_chosen(city):
    flow = at_home(city)
    facility = to_slots(city, flow, TENNIS)
    taken = booked_through_outbox(city, "010-0000-0199", TENNIS, slot_index=-1)  # the week's last free one
    assert taken.status == "sent"
    flow.press("escape")
    assert flow.step == FACILITIES
    flow.press("enter")
    flow.loaded_slots(facility, city.client.slots(TENNIS))
    full = next(slot for slot in flow.slots.entries if slot.id == taken.result["slot_id"])
    assert not flow.slots.choosable(full)
    for key in ["down"] * 40 + ["up"] * 40:
        flow.press(key)
        assert flow.slots.chosen is not full  # neither key lands on it
        if key == "down" and flow.slots.chosen is flow.slots.entries[-2]:
            assert texts(flow, DIM)[-2].endswith(" · 마감")  # scrolled to the end: shown, dim


def test_the_form_review_submit_and_the_reservation_number(city):
    flow = at_home(city)
    to_slots(city, flow, WALK)
    slot = flow.slots.chosen
    flow.press("enter")
    assert texts(flow)[:3] == ["시설 예약 · 덕수궁 해설 탐방", f"일시: {flow._when(slot.starts_at, slot.ends_at)}",
                               "이름과 전화번호는 이 예약에만 쓰이며 다른 사람에게 보이지 않습니다."]
    assert texts(flow, FOCUS) == ["▶ 인원*: 1"]
    flow.press("escape")
    assert flow.step == SLOTS
    to_review(flow)
    review = texts(flow)
    assert review[0] == "예약 전 확인 · 덕수궁 해설 탐방"
    assert review[2:5] == ["인원: 1", "이름: 홍길동", "전화번호: 010-0000-0101"]  # shown to the resident only
    item = submit(city, flow)
    assert flow.step == STATUS and item.status == "sent"
    assert texts(flow)[0].startswith("예약 요청을 보관했습니다: 덕수궁 해설 탐방 · ")
    assert texts(flow, FOCUS) == [f"예약됨 — 예약 번호 {item.server_id}"]
    assert flow.press("enter") is SHOW_HOME and flow.step == FACILITIES and flow.form is None


def test_a_refusal_is_a_sentence_in_the_ui_language(city):
    assert booked_through_outbox(city, "010-0000-0111").status == "sent"
    flow = at_home(city, EN)
    to_slots(city, flow, WALK)  # the walk allows one upcoming booking per person
    flow.press("down")
    to_review(flow, phone="010-0000-0111")
    item = submit(city, flow)
    assert item.status == "refused" and item.refusal_code == "quota_exceeded"
    assert texts(flow, PROBLEM) == ["Not booked — You already hold as many bookings here as one person may."]


def test_an_unknown_refusal_shows_the_servers_reason(city):
    flow = at_home(city, EN)
    item = replace(booked_through_outbox(city, "010-0000-0131"), status="refused", refusal_code="422", refusal_reason="people: too many")
    assert flow.status_line(item) == "Not booked — people: too many"


def test_own_bookings_are_listed_from_the_outbox_with_number_facility_and_time(city):
    assert booked_through_outbox(city, "010-0000-0141").status == "sent"
    assert booked_through_outbox(city, "010-0000-0141").status == "refused"  # the quota: one walk each
    flow = at_home(city)
    mine = [b for b in flow.own if b.item.status == "sent"]
    assert mine and all(b.secret for b in mine)
    lines = texts(flow)
    assert "내 예약:" in lines
    walk = next(b for b in mine if b.result["facility_id"] == WALK)
    number = f"      예약 번호 {walk.reservation_id} · 1명"
    where = lines[lines.index(number) - 1]
    assert where.endswith(" · 덕수궁 해설 탐방") and "010-" not in "".join(lines) and walk.secret not in "".join(lines)
    refused = [b for b in flow.own if b.item.status == "refused"]
    assert refused and flow.status_line(refused[-1].item).startswith("예약되지 않음 — ")  # with its reason
    assert not [b for b in flow.own if b.item.kind != "reservation"]


def test_past_bookings_drop_off_and_pending_ones_stay(city):
    booked_through_outbox(city, "010-0000-0151")
    items = [item for item in city.outbox.items() if item.kind == "reservation"]
    later = datetime.now(SEOUL) + timedelta(days=30)
    assert [b.item.status for b in own_bookings(items, now=later)] == []  # a month on, all is over
    pending = replace(items[0], status="pending", server_id=None, result=None)
    assert [b.item.status for b in own_bookings([pending], now=later)] == ["pending"]


def test_cancelling_asks_first_then_says_what_the_city_answered(city):
    mine = booked_through_outbox(city, "010-0000-0161", slot_index=-1)  # a week ahead: before any deadline
    flow = at_home(city)
    flow.loaded_states({})
    for _ in range(len(flow.home.entries)):
        if getattr(flow.home.chosen, "item", None) is not None and flow.home.chosen.item.id == mine.id:
            break
        flow.press("down")
    booking = flow.home.chosen
    assert booking.item.id == mine.id
    assert booking.cancellable(datetime.now(SEOUL)) and texts(flow, DIM)[-1].startswith("↑↓ 고르기 · C 또는 Delete")
    assert flow.press("enter") is None and flow.step == FACILITIES  # Enter does not cancel by itself
    flow.press("cancel")
    assert flow.step == CONFIRM_CANCEL and texts(flow)[1] == "이 예약을 취소할까요?"
    flow.press("escape")
    assert flow.step == FACILITIES and flow.cancelling is None
    flow.press("cancel")
    effect = flow.press("enter")
    assert isinstance(effect, CancelBooking) and effect.booking is booking
    flow.failed("city-services API unavailable: cannot connect")  # offline: back to the question, with why
    assert flow.step == CONFIRM_CANCEL and "city-services API unavailable: cannot connect" in texts(flow, PROBLEM)
    flow.press("enter")
    flow.cancelled(city.client.cancel_reservation(booking.reservation_id, booking.secret))
    assert flow.step == CANCELLED and texts(flow, FOCUS) == [f"예약을 취소했습니다 — 예약 번호 {booking.reservation_id}"]
    assert flow.press("escape") is SHOW_HOME
    flow.loaded_states({booking.reservation_id: "cancelled"})
    assert flow._booking_lines(booking)[1] == f"예약 번호 {booking.reservation_id} · 1명 · 취소됨"
    assert not flow.home.choosable(booking)


def test_a_refused_cancel_is_a_sentence(city):
    booked_through_outbox(city, "010-0000-0171")
    flow = at_home(city)
    flow.cancelling = flow.own[0]
    flow.step = CONFIRM_CANCEL
    flow.press("enter")
    flow.cancel_refused("cancel_deadline_passed", "cancellations close 24 hour(s) before the slot starts")
    assert texts(flow, PROBLEM) == ["취소하지 못했습니다 — 취소 기한이 지나 이 예약은 이제 취소할 수 없습니다."]
    flow.cancel_refused("409", "something new")
    assert texts(flow, PROBLEM) == ["취소하지 못했습니다 — something new"]


def test_offline_the_kiosk_says_so_and_enter_closes():
    flow = BookingFlow("시설 예약", KO)
    assert KO("kiosk_loading") in texts(flow) and flow.press("enter") is CLOSE
    flow.failed("city-services API unavailable: cannot connect")
    assert KO("kiosk_offline") in texts(flow) and flow.press("enter") is CLOSE


def test_escape_while_slots_load_goes_back_and_the_late_list_is_ignored(city):
    flow = at_home(city)
    effect = flow.press("enter")
    flow.press("escape")
    flow.loaded_slots(effect.facility, city.client.slots(effect.facility.service_id))
    assert flow.step == FACILITIES
    flow.press("enter")
    flow.failed("HTTP 503")
    assert flow.step == FACILITIES and "HTTP 503" in texts(flow, PROBLEM)


def test_a_new_slot_of_the_same_facility_keeps_what_was_typed(city):
    flow = at_home(city)
    to_slots(city, flow, TENNIS)
    to_review(flow, name="김서울", phone="010-0000-0102")
    flow.press("escape")
    flow.press("escape")
    flow.press("down")
    flow.press("enter")
    assert flow.step == FORM and flow.form.fields[1].text == "김서울" and flow.form.slot is flow.slots.chosen


def test_typing_outside_the_form_does_nothing(city):
    flow = at_home(city)
    flow.type("c")
    assert flow.step == FACILITIES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_seven_weekday_names_in_every_language(lang):
    assert len(load_strings(ASSETS_DIR / "i18n", lang)("booking_weekdays").split()) == 7


def test_a_list_refreshed_while_the_resident_moves_through_it_keeps_their_place(city):
    flow = at_home(city)
    assert flow.home.chosen.service_id == WALK  # a fresh list starts at its first facility
    flow.press("down")
    chosen = flow.home.chosen
    flow.loaded_facilities(city.client.facilities())  # e.g. the kiosk's list fetched again
    assert flow.home.chosen == chosen != flow.home.entries[0]
