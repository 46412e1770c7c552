"""The booking form, for facilities and slots as the reference server really answers them.

Names, phone numbers and addresses here are made up; the tests print none of what a form holds."""

from datetime import datetime

import pytest
from pydantic import ValidationError

from city_services.schemas.reservations import ReservationIn
from metaverse_seoul.core.booking_flow import upcoming
from metaverse_seoul.core.booking_form import EMAIL, NAME, PEOPLE, PHONE, BookingForm
from metaverse_seoul.core.key_form import PHONE_RULE
from metaverse_seoul.core.i18n import load_strings
from metaverse_seoul.core.key_form import SEOUL
from metaverse_seoul.paths import ASSETS_DIR
from metaverse_seoul.services.outbox import REFUSED, SENT, check_payload

KO = load_strings(ASSETS_DIR / "i18n", "ko")
EN = load_strings(ASSETS_DIR / "i18n", "en")


@pytest.fixture(scope="module")
def facilities(city):
    return {facility.service_id: facility for facility in city.client.facilities()}


def form_for(city, facilities, service_id, t=KO, slot_index=0):
    facility = facilities[service_id]
    free = [slot for slot in upcoming(city.client.slots(service_id), datetime.now(SEOUL)) if slot.available > 0]
    return BookingForm(facility, free[slot_index], t)


def fill(form, people=None, name="홍길동", phone="010-0000-0000", email=None):
    for code, text in ((PEOPLE, people), (NAME, name), (PHONE, phone), (EMAIL, email)):
        if text is not None:
            form.focus_on([f.code for f in form.fields].index(code))
            form.focused.text = ""
            form.type(text)


def test_the_form_asks_people_name_phone_and_an_optional_email(city, facilities):
    form = form_for(city, facilities, "S-SPORT-0002")  # the futsal pitch takes 6 to 14 people
    assert [(f.code, f.label, f.required) for f in form.fields] == [
        (PEOPLE, "인원", True), (NAME, "이름", True), (PHONE, "전화번호", True), (EMAIL, "이메일", False)]
    assert form.fields[0].text == "6" and form.fields[0].hint == "6–14명"  # the smallest group first
    assert form.problems(KO) == [(1, "이름: 꼭 입력해야 합니다"), (2, "전화번호: 꼭 입력해야 합니다")]


def test_people_must_be_a_whole_number_in_the_facilitys_range(city, facilities):
    form = form_for(city, facilities, "S-SPORT-0002", EN)
    for people in ("5", "15", "6.5", "여섯"):
        fill(form, people=people)
        assert form.problems(EN) == [(0, "People: a number from 6 to 14")], people
    fill(form, people="14")
    assert form.problems(EN) == []


@pytest.mark.parametrize("phone", ["010-1234-5678", "+82 10-1234-5678", "(02) 120", "0212", "010 1234 5678",
                                   "010-12", "12-", "abc-1234", "010_1234_5678", "+", "1" * 41, "０１０-1234"])
def test_the_phone_rule_is_the_servers(phone):
    try:
        ReservationIn(slot_id=1, people=1, name="x", phone=phone)
        server_takes = True
    except ValidationError:
        server_takes = False
    assert (PHONE_RULE.fullmatch(phone) is not None and len(phone) <= 40) == server_takes


def test_a_wrong_phone_or_email_is_named_in_the_ui_language(city, facilities):
    form = form_for(city, facilities, "S-EDU-0001")
    fill(form, phone="010-가나다", email="hong.example.com")
    assert form.problems(KO) == [(2, "전화번호: 숫자와 -로 적어 주세요 (예: 010-1234-5678)"),
                                 (3, "이메일: name@example.com 같은 주소로 적어 주세요")]
    with pytest.raises(ValueError):
        form.payload()


def test_hangul_names_are_typed_and_backspace_removes_one_syllable(city, facilities):
    form = form_for(city, facilities, "S-EDU-0001")
    form.next_field()
    for syllable in "김서울":
        form.type(syllable)
    form.backspace()
    form.type("\r")  # Enter also arrives as a keystroke; it is not text
    assert form.focused.text == "김서"


def test_the_payload_is_what_the_outbox_and_the_server_accept(city, facilities):
    form = form_for(city, facilities, "S-ROOM-0001")
    fill(form, people="3", name="  박시민 ", phone="+82 10-0000-0003", email="park@example.com")
    payload = form.payload()
    assert payload == {"slot_id": form.slot.id, "people": 3, "name": "박시민", "phone": "+82 10-0000-0003",
                       "email": "park@example.com"}
    check_payload("reservation", payload)
    item = city.outbox.submit("reservation", payload)
    city.worker.drain_once()
    sent = city.outbox.item(item.id)
    assert sent.status == SENT and sent.server_id.startswith("R") and sent.result["secret"]


def test_without_an_email_the_payload_has_none(city, facilities):
    form = form_for(city, facilities, "S-ROOM-0001", slot_index=1)
    fill(form, people="2", phone="010-0000-0004")
    assert "email" not in form.payload()


def test_a_full_slot_is_refused_by_the_server_with_a_stable_code(city, facilities):
    form = form_for(city, facilities, "S-SPORT-0001")  # one court per slot
    fill(form, people="2", phone="010-0000-0005")
    city.client.reserve(form.slot.id, 2, "다른 사람", "010-0000-0006")  # someone else was quicker
    item = city.outbox.submit("reservation", form.payload())
    city.worker.drain_once()
    refused = city.outbox.item(item.id)
    assert refused.status == REFUSED and refused.refusal_code == "slot_full"
