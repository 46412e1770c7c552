"""The complaint form model, generated from the definitions the reference server really returns."""

from datetime import datetime

import pytest

from metaverse_seoul.core.complaint_form import (ADDRESS, CONTACT, DESCRIPTION, HERE, SEOUL, WHERE, ComplaintForm,
                                                 Place)
from metaverse_seoul.core.i18n import load_strings
from metaverse_seoul.paths import ASSETS_DIR
from metaverse_seoul.services.models import Service, ServiceDefinition
from metaverse_seoul.services.outbox import SENT, check_payload

PLAZA = Place({"ko": "서울광장", "en": "Seoul Plaza", "zh": "首尔广场", "ja": "ソウル広場"}, 37.5656, 126.9781)
NOW = datetime(2026, 11, 27, 14, 30, tzinfo=SEOUL)
KO = load_strings(ASSETS_DIR / "i18n", "ko")
EN = load_strings(ASSETS_DIR / "i18n", "en")

CONTACT_CODES = [code for code, _, _ in CONTACT.values()]


@pytest.fixture(scope="module")
def korean(city):
    """{service code: (service, definition)} with names and labels in Korean."""
    services = city.client.services(locale="ko")
    return {s.service_code: (s, city.client.service_definition(s.service_code, locale="ko")) for s in services}


def form_for(korean, code, place=PLAZA, t=KO):
    service, definition = korean[code]
    return ComplaintForm.from_definition(service, definition, place, t, now=NOW)


def focus_code(form, code):
    form.focus_on([f.code for f in form.fields].index(code))
    return form.focused


def test_every_seeded_service_gives_a_form_in_the_definitions_order(korean):
    assert len(korean) >= 8
    for code, (service, definition) in korean.items():
        form = form_for(korean, code)
        answerable = [a.code for a in sorted(definition.attributes, key=lambda a: a.order) if a.variable]
        assert [f.code for f in form.fields] == answerable + [WHERE, ADDRESS, DESCRIPTION, *CONTACT_CODES], code
        assert form.service_name == service.service_name and form.focus == 0


def test_labels_choices_and_notices_come_in_korean(korean):
    form = form_for(korean, "road-damage")
    damage = form.fields[0]
    assert damage.label == "어떤 파손인가요?" and damage.required and damage.datatype == "singlevaluelist"
    assert [c.name for c in damage.choices][:2] == ["포트홀", "포장 균열"]
    assert form.notices and "119" in form.notices[0]  # the emergency notice is shown, never asked
    assert not form_for(korean, "road-damage").fields[2].required  # size_cm is optional
    assert form.fields[2].hint.startswith("숫자로")


def test_up_and_down_choose_in_a_single_choice_list_and_leave_it_at_its_ends(korean):
    form = form_for(korean, "road-damage")
    assert form.fields[0].chosen == [] and form.fields[0].cursor == -1
    form.down()
    assert form.fields[0].chosen == ["pothole"]
    form.down()
    form.down()
    assert form.fields[0].chosen == ["sidewalk_block"]
    form.up()
    assert form.fields[0].chosen == ["cracked_pavement"]
    for _ in range(3):
        form.down()
    assert form.focus == 1  # past the last choice: the next field
    form.up()
    assert form.focus == 0 and form.fields[0].cursor == 3  # back on its answer
    form.backspace()
    assert form.fields[0].chosen == [] and form.fields[0].empty


def test_space_ticks_choices_of_a_multi_choice_list(korean):
    form = form_for(korean, "illegal-parking")
    blocking = focus_code(form, "blocking")
    form.down()
    form.type(" ")
    form.down()
    form.down()
    form.type(" ")
    assert blocking.chosen == ["crosswalk", "bus_stop"]
    assert blocking.shown_value() == "횡단보도, 버스정류장"
    form.type(" ")
    assert blocking.chosen == ["crosswalk"]
    form.type("x")  # letters do nothing in a list
    assert blocking.chosen == ["crosswalk"]


def test_text_takes_hangul_and_backspace_removes_one_syllable(korean):
    form = form_for(korean, "road-damage")
    description = focus_code(form, DESCRIPTION)
    for syllable in "포트홀이 커요":
        form.type(syllable)
    assert description.text == "포트홀이 커요"
    form.backspace()
    assert description.text == "포트홀이 커"
    form.type("\r")
    form.type("\x08")
    form.type("\t")  # control keys arrive as keystrokes too; they are not text
    assert description.text == "포트홀이 커"


def test_text_stops_at_its_limit(korean):
    form = form_for(korean, "road-damage")
    description = focus_code(form, DESCRIPTION)
    form.type("가" * 4100)
    assert len(description.text) == 4000


def test_tab_and_down_move_on_from_text_and_up_goes_back(korean):
    form = form_for(korean, "broken-streetlight")
    assert form.focused.code == "pole_number"
    form.type("종로-1234")
    form.down()
    assert form.focused.code == "problem"
    form.next_field()
    assert form.focused.code == WHERE
    for _ in range(8):
        form.next_field()
    assert form.focused.code == "@email" and form.at_last_field  # stays on the last field
    form.focus_on(form.fields.index(next(f for f in form.fields if f.code == WHERE)))
    form.up()  # a list's first choice: up goes to the field before
    assert form.focused.code == "problem"


def test_required_fields_missing_get_one_line_each_in_the_ui_language(korean):
    form = form_for(korean, "road-damage")
    assert form.problems(KO) == [(0, "어떤 파손인가요?: 꼭 입력해야 합니다"),
                                 (1, "도로의 어느 부분인가요?: 꼭 입력해야 합니다")]
    english = ComplaintForm.from_definition(*korean["road-damage"], PLAZA, EN, now=NOW)
    assert english.problems(EN)[0][1] == "어떤 파손인가요?: required"  # label from the server, message ours


def test_a_number_field_must_hold_a_number(korean):
    form = form_for(korean, "road-damage")
    size = focus_code(form, "size_cm")
    form.type("서른")
    assert (2, "대략적인 크기(cm): 숫자로 적어 주세요") in form.problems(KO)
    size.text = "nan"
    assert any(index == 2 for index, _ in form.problems(KO))
    size.text = "30"
    assert not any(index == 2 for index, _ in form.problems(KO))


def test_a_datetime_starts_at_now_in_seoul_and_is_checked(korean):
    form = form_for(korean, "illegal-parking")
    observed = focus_code(form, "observed_at")
    assert observed.text == "2026-11-27 14:30" and observed.required
    assert observed.value() == "2026-11-27T14:30:00+09:00"
    observed.text = "어제 저녁"
    assert any("날짜와 시간" in line for _, line in form.problems(KO))


def test_the_payload_is_what_the_outbox_accepts(korean):
    form = form_for(korean, "illegal-parking")
    focus_code(form, "vehicle_type")
    form.down()
    focus_code(form, "blocking")
    form.down()
    form.type(" ")
    focus_code(form, DESCRIPTION)
    form.type("횡단보도를 막고 있어요")
    payload = form.payload()
    assert payload == {
        "service_code": "illegal-parking", "lat": 37.5656, "long": 126.9781, "address_string": "서울광장",
        "description": "횡단보도를 막고 있어요",
        "attributes": {"vehicle_type": "car", "blocking": ["crosswalk"], "observed_at": "2026-11-27T14:30:00+09:00"}}
    check_payload("complaint", payload)  # raises if submit_request could not take it


def test_an_unfinished_form_gives_no_payload(korean):
    with pytest.raises(ValueError, match="problems"):
        form_for(korean, "road-damage").payload()


def test_a_place_without_coordinates_asks_where(korean):
    form = form_for(korean, "other", place=Place({"ko": "120 다산콜센터", "en": "120"}))
    assert [f.code for f in form.fields] == ["subject", ADDRESS, DESCRIPTION, *CONTACT_CODES]
    assert form.fields[1].required and form.fields[1].label == "장소"
    form.type("층간소음")
    form.next_field()
    form.type("세종대로 110")
    payload = form.payload()
    assert payload["address_string"] == "세종대로 110" and "lat" not in payload
    check_payload("complaint", payload)


def test_an_unknown_datatype_is_answered_as_text():
    definition = ServiceDefinition("x", attributes=[
        {"code": "colour", "datatype": "colourpicker", "required": True, "description": "Colour", "order": 1}])
    form = ComplaintForm.from_definition(Service("x", "X"), definition, PLAZA, EN, NOW)
    assert [(f.code, f.datatype) for f in form.fields][:1] == [("colour", "string")]


def test_a_filled_form_is_sent_and_the_city_gives_a_request_id(city, korean):
    form = form_for(korean, "road-damage")
    for _ in range(2):
        form.down()  # damage type: cracked pavement
    form.next_field()
    form.down()  # lane: roadway
    focus_code(form, DESCRIPTION)
    form.type("시청 앞 차도에 금이 갔어요")
    item = city.outbox.submit("complaint", form.payload())
    city.worker.drain_once()
    sent = city.outbox.item(item.id)
    assert sent.status == SENT and sent.server_id, sent.refusal_reason
    request = city.client.request(sent.server_id)
    assert request.service_code == "road-damage" and request.description == "시청 앞 차도에 금이 갔어요"
    assert request.lat == pytest.approx(37.5656)


def test_a_complaint_about_another_place_sends_its_address_and_no_coordinates(korean):
    form = form_for(korean, "other")
    where = focus_code(form, WHERE)
    assert [c.name for c in where.choices] == ["여기: 서울광장", "다른 곳 (아래에 주소나 건물 이름)"]
    assert where.chosen == [HERE]
    form.fields[0].text = "벤치 파손"
    form.down()  # another place
    assert (form.fields.index(where) + 1, "주소·건물 이름: 다른 곳이면 꼭 입력해야 합니다") in form.problems(KO)
    focus_code(form, ADDRESS)
    form.type("남산서울타워 앞 버스정류장")
    payload = form.payload()
    assert payload["address_string"] == "남산서울타워 앞 버스정류장" and "lat" not in payload
    check_payload("complaint", payload)


def test_here_with_a_spot_written_keeps_the_coordinates_and_sends_the_spot(korean):
    form = form_for(korean, "other")
    form.fields[0].text = "벤치 파손"
    focus_code(form, ADDRESS)
    form.type("분수대 옆 벤치")
    payload = form.payload()
    assert (payload["lat"], payload["address_string"]) == (37.5656, "분수대 옆 벤치")


def test_contact_details_are_optional_checked_and_sent_for_the_citys_answer(korean):
    form = form_for(korean, "other")
    form.fields[0].text = "벤치 파손"
    assert not any(k in form.payload() for k in ("first_name", "phone", "email"))
    focus_code(form, "@phone")
    form.type("전화 주세요")
    assert any("010-1234-5678" in line for _, line in form.problems(KO))  # the shape a phone number takes
    form.focused.text, form.focused.caret = "", 0
    form.type("010-2222-3333")
    focus_code(form, "@email")
    form.type("resident@example.com")
    focus_code(form, "@first_name")
    form.type("김서울")
    payload = form.payload()
    assert (payload["first_name"], payload["phone"], payload["email"]) == ("김서울", "010-2222-3333",
                                                                            "resident@example.com")
    check_payload("complaint", payload)
