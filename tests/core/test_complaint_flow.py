"""The kiosk's complaint steps driven by keys, with the city's answers given by hand (no server)."""

import pytest
import yaml

from metaverse_seoul.core.complaint_flow import (DIM, FOCUS, FORM, LOADING_FORM, PROBLEM, REVIEW, STATUS,
                                                 SUBMITTING, TYPES, ComplaintFlow)
from metaverse_seoul.core.complaint_form import DESCRIPTION, Place
from metaverse_seoul.core.i18n import LANGUAGES, load_strings
from metaverse_seoul.core.kiosk_effects import CLOSE, SHOW_HOME, LoadForm, Submit
from metaverse_seoul.core.kiosk_flow import FocusField, Pick, PickChoice
from metaverse_seoul.paths import ASSETS_DIR
from metaverse_seoul.services.models import Service, ServiceDefinition
from metaverse_seoul.services.outbox import OutboxItem

KO = load_strings(ASSETS_DIR / "i18n", "ko")
EN = load_strings(ASSETS_DIR / "i18n", "en")
PLAZA = Place({"ko": "서울광장", "en": "Seoul Plaza", "zh": "首尔广场", "ja": "ソウル広場"}, 37.5656, 126.9781)
NOISE = Service("noise", "소음", description="공사장, 영업장, 차량, 행사 소음")
PARKING = Service("illegal-parking", "불법 주정차")
NOISE_FORM = ServiceDefinition("noise", attributes=[
    {"code": "source", "datatype": "singlevaluelist", "required": True, "description": "소음의 원인", "order": 1,
     "values": [{"key": "construction", "name": "공사장"}, {"key": "vehicle", "name": "차량"}]}])


def item(item_id, status="pending", code="noise", **answer):
    return OutboxItem(id=item_id, kind="complaint", payload={"service_code": code}, idempotency_key=f"k{item_id}",
                      status=status, created_at=1795766400.0, updated_at=1795766400.0, attempts=0,
                      last_error=None, server_id=answer.get("server_id"), result=None,
                      refusal_code=answer.get("refusal_code"), refusal_reason=answer.get("refusal_reason"))


def texts(flow, style=None):
    return [line.text for line in flow.screen() if style is None or line.style == style]


def at_the_form(t=KO):
    flow = ComplaintFlow("민원 신청", PLAZA, t)
    flow.loaded_services([NOISE, PARKING])
    flow.loaded_recent([])
    effect = flow.press("enter")
    assert isinstance(effect, LoadForm) and effect.service is NOISE and flow.step == LOADING_FORM
    flow.loaded_definition(NOISE, NOISE_FORM)
    assert flow.step == FORM
    return flow


def to_field(flow, code):
    """The focus onto the field `code` (a click on it)."""
    flow.click(FocusField(next(i for i, here in enumerate(flow.form.fields) if here.code == code)))


def to_last_field(flow):
    """Tab to the form's last field (the optional contact details come after the description)."""
    while not flow.form.at_last_field:
        flow.press("tab")


def test_the_list_of_kinds_waits_for_the_city_and_enter_closes_until_then():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    assert KO("kiosk_loading") in texts(flow)
    assert flow.press("enter") is CLOSE


def test_offline_the_kiosk_says_so_and_enter_or_escape_close():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.failed("ApiUnavailable: cannot connect")
    assert KO("kiosk_offline") in texts(flow) and "ApiUnavailable: cannot connect" in texts(flow, PROBLEM)
    assert flow.press("enter") is CLOSE and flow.press("escape") is CLOSE


def test_up_and_down_choose_the_kind_and_the_list_shows_own_submissions():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE, PARKING])
    flow.loaded_recent([item(1, "sent", server_id="41"), item(2, "refused", code="illegal-parking",
                                                              refusal_reason="attribute[blocking]: required"),
                        item(3)])
    assert texts(flow, FOCUS) == ["▶ 소음"] and "   " + NOISE.description in texts(flow, DIM)
    flow.press("down")
    flow.press("down")  # stays on the last
    assert texts(flow, FOCUS) == ["▶ 불법 주정차"]
    lines = texts(flow)
    assert "내 제출: 대기 1건, 전송 1건, 반려 1건" in lines
    recent = [line for line in lines if line.startswith("· ")]
    assert recent[0].startswith("· 소음 · ") and recent[0].endswith("대기 중 — 서울시 서비스에 연결되면 보냅니다")
    assert recent[1].endswith("반려됨 — attribute[blocking]: required")
    assert recent[2].endswith("전송됨 — 접수 번호 41")


def test_escape_while_the_form_loads_goes_back_and_the_late_form_is_ignored():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE])
    flow.press("enter")
    flow.press("escape")
    assert flow.step == TYPES
    flow.loaded_definition(NOISE, NOISE_FORM)
    assert flow.step == TYPES and flow.form is None


def test_a_form_that_cannot_load_says_why_on_the_list():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE])
    flow.press("enter")
    flow.failed("HTTP 503")
    assert flow.step == TYPES and "HTTP 503" in texts(flow, PROBLEM)


def test_the_form_shows_the_focused_field_with_its_choices():
    flow = at_the_form()
    assert texts(flow)[0] == "민원 신청 · 소음"
    assert texts(flow, FOCUS) == ["▶ 소음의 원인*: "]
    assert "         ○ 공사장" in texts(flow)
    flow.press("down")
    assert texts(flow, FOCUS) == ["▶ 소음의 원인*: 공사장", "         ● 공사장"]
    assert texts(flow, DIM)[-1].startswith("↑↓ 고르기")


def test_a_question_label_takes_no_colon():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE])
    flow.press("enter")
    flow.loaded_definition(NOISE, ServiceDefinition("noise", attributes=[
        {"code": "plate", "datatype": "string", "required": True, "description": "차량 번호는요?", "order": 1}]))
    flow.type("12가 ")
    [line] = [line for line in flow.screen() if line.style == FOCUS]
    assert line.text == "▶ 차량 번호는요?* 12가 "  # a typed space shows while typing
    assert line.caret == len(line.text)  # and the caret after it


def test_enter_on_the_last_field_checks_the_form_and_points_at_the_first_problem():
    flow = at_the_form()
    to_field(flow, DESCRIPTION)
    flow.type("밤마다 시끄러워요")
    assert "      3991자 더 쓸 수 있습니다 (최대 4000자)" in texts(flow, DIM)  # the room left against the limit
    to_last_field(flow)
    assert "Enter 확인" in texts(flow, DIM)[-1]
    flow.press("enter")
    assert flow.step == FORM and flow.form.focus == 0
    assert texts(flow, PROBLEM) == ["소음의 원인: 꼭 입력해야 합니다"]
    flow.press("down")  # choosing fixes it, and the line goes away
    assert texts(flow, PROBLEM) == []


def test_review_then_submit_then_the_live_status():
    flow = at_the_form()
    flow.press("down")
    flow.press("enter")  # next field: where (here)
    to_field(flow, DESCRIPTION)
    flow.type("공사장 소음")
    to_last_field(flow)
    flow.press("enter")
    assert flow.step == REVIEW
    review = texts(flow)
    assert review[0] == "제출 전 확인 · 소음"
    assert "소음의 원인: 공사장" in review and "내용: 공사장 소음" in review
    assert "위치: 서울광장 (37.5656, 126.9781)" in review
    flow.press("escape")
    assert flow.step == FORM
    flow.press("enter")
    effect = flow.press("enter")
    assert isinstance(effect, Submit) and flow.step == SUBMITTING
    assert effect.payload["attributes"] == {"source": "construction"}
    flow.submitted(item(7))
    assert flow.drafts == {}  # filed: the next visit starts a fresh form
    assert flow.step == STATUS and "대기 중 — 서울시 서비스에 연결되면 보냅니다" in texts(flow, FOCUS)
    flow.item_changed(item(8, "sent", server_id="99"))  # another item: no change
    flow.item_changed(item(7, "sent", server_id="12"))
    assert texts(flow, FOCUS) == ["전송됨 — 접수 번호 12"]
    assert flow.press("enter") is SHOW_HOME and flow.step == TYPES


def test_a_refusal_shows_the_servers_reason():
    flow = at_the_form(EN)
    flow.press("down")
    to_last_field(flow)
    flow.press("enter")
    flow.press("enter")
    flow.submitted(item(3))
    flow.item_changed(item(3, "refused", refusal_reason="description: at most 4000 characters"))
    assert texts(flow, PROBLEM) == ["Refused — description: at most 4000 characters"]


def test_a_store_that_fails_goes_back_to_the_review_with_the_reason():
    flow = at_the_form()
    flow.press("down")
    to_last_field(flow)
    for _ in range(2):
        flow.press("enter")
    assert flow.step == SUBMITTING
    flow.failed("disk full")
    assert flow.step == REVIEW and "disk full" in texts(flow, PROBLEM)


def test_stepping_back_keeps_the_draft():
    flow = at_the_form()
    to_field(flow, DESCRIPTION)
    flow.type("초안")
    flow.press("escape")
    assert flow.step == TYPES
    assert flow.press("enter") is None and flow.step == FORM  # the same form, not loaded again
    assert next(f for f in flow.form.fields if f.code == DESCRIPTION).text == "초안"
    flow.press("escape")
    assert flow.step == TYPES and flow.press("escape") is CLOSE


def test_typing_outside_the_form_does_nothing():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE])
    flow.type("w")
    assert flow.step == TYPES and flow.kinds.cursor == 0


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_kiosk_string_is_in_every_language(lang):
    english = yaml.safe_load((ASSETS_DIR / "i18n" / "en.yaml").read_text(encoding="utf-8"))
    own = yaml.safe_load((ASSETS_DIR / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    wanted = {key for key in english if key.startswith(("complaint_", "booking_", "kiosk_", "form_", "outbox_"))}
    assert wanted <= set(own), sorted(wanted - set(own))



# --- the caret, clicks and buttons ------------------------------------------------------------------
TEXT_FORM = ServiceDefinition("other", attributes=[
    {"code": "subject", "datatype": "string", "required": True, "description": "제목", "order": 1},
    {"code": "kinds", "datatype": "multivaluelist", "required": False, "description": "종류", "order": 2,
     "values": [{"key": "a", "name": "가"}, {"key": "b", "name": "나"}, {"key": "c", "name": "다"}]}])


def at_the_text_form():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE, PARKING])
    flow.click(Pick(1))
    flow.loaded_definition(PARKING, TEXT_FORM)
    return flow


def test_the_caret_moves_and_typing_and_deleting_happen_at_it():
    flow = at_the_text_form()
    flow.type("가로등")
    for key, typed, expected in [("left", "X", "가로X등"), ("home", "[", "[가로X등"), ("end", "]", "[가로X등]")]:
        flow.press(key)
        flow.type(typed)
        assert flow.form.focused.text == expected
    flow.press("home")
    flow.press("delete")  # the character after the caret
    flow.press("right")
    flow.press("backspace")  # the character before it
    assert flow.form.focused.text == "로X등]" and flow.form.focused.caret == 0
    flow.press("left")  # at the start it stays
    [line] = [line for line in flow.screen() if line.style == FOCUS]
    assert line.text == "▶ 제목*: 로X등]" and line.text[line.caret:] == "로X등]"


def test_clicks_choose_a_kind_focus_a_field_and_tick_choices():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    flow.loaded_services([NOISE, PARKING])
    effect = flow.click(Pick(1))  # the second kind, as if moved to and Enter pressed
    assert isinstance(effect, LoadForm) and effect.service is PARKING
    flow.loaded_definition(PARKING, TEXT_FORM)
    field_lines = {line.text: line.target for line in flow.screen() if line.target is not None}
    assert flow.click(field_lines["   종류: "]) is None and flow.form.focus == 1
    choices = [line.target for line in flow.screen() if isinstance(line.target, PickChoice)]
    assert len(choices) == 3
    flow.click(choices[2])
    flow.click(choices[0])
    flow.click(choices[2])  # clicked again: unticked
    assert flow.form.focused.chosen == ["a"]
    flow.click(FocusField(0))
    flow.type("고장")
    flow.click(FocusField(len(flow.form.fields) - 1))  # the last field
    flow.press("enter")
    assert flow.step == REVIEW
    answer = next(line for line in flow.screen() if line.text.startswith("제목"))
    flow.click(answer.target)  # an answer on the review: back to the form, on that field
    assert flow.step == FORM and flow.form.focus == 0


def test_each_step_has_buttons_that_press_its_keys():
    flow = ComplaintFlow("민원 신청", PLAZA, KO)
    assert [b.key for b in flow.buttons()] == ["escape", "requests"]  # still loading: Close, My requests
    flow.loaded_services([NOISE, PARKING])
    assert [(b.label, b.key) for b in flow.buttons()] == [("× 닫기", "escape"), ("선택 ▶", "enter"),
                                                         ("내 민원 (R)", "requests")]
    flow.click(Pick(1))
    flow.loaded_definition(PARKING, TEXT_FORM)
    assert [b.key for b in flow.buttons()] == ["escape", "tab", "review", "keyboard"]  # and the on-screen keyboard
    flow.type("고장")
    flow.press("tab")
    assert [b.key for b in flow.buttons()] == ["escape", "tab", "review"]  # a list: no keyboard
    to_last_field(flow)
    assert [b.label for b in flow.buttons()] == ["◀ 뒤로", "확인하기 ▶", "화상 키보드"]
    flow.press("tab")
    flow.click(FocusField(0))
    flow.press(next(b.key for b in flow.buttons() if b.label == "확인하기 ▶"))  # from the first field
    assert flow.step == REVIEW and [b.label for b in flow.buttons()] == ["◀ 뒤로", "보내기 ▶"]
    assert isinstance(flow.press(flow.buttons()[-1].key), Submit)
    assert flow.buttons() == []  # storing
    flow.submitted(item(1))
    assert [b.key for b in flow.buttons()] == ["enter"]


def test_the_on_screen_keyboard_types_hangul_into_the_focused_field_at_the_caret():
    flow = at_the_text_form()
    assert flow.keyboard_rows() is None  # hidden until asked for
    flow.click(FocusField(0))  # a text field touched: the keyboard comes up
    assert flow.keyboard_rows() is not None
    flow.type("등")
    flow.press("home")
    for jamo in "ㄱㅏㄹㅗ":
        flow.keyboard_press(flow.keyboard.find(jamo))
    [line] = [line for line in flow.screen() if line.caret is not None]
    assert line.text.endswith("가로등") and line.text[line.caret - 1] == "로"  # 로 still composing, drawn
    assert flow.form.focused.text == "가등"
    flow.keyboard_press(flow.keyboard.find("backspace"))  # undoes one jamo of the syllable composing
    assert flow.keyboard.preedit == "ㄹ"
    flow.keyboard_press(flow.keyboard.find("ㅗ"))
    flow.press("end")  # any other key first puts the composed syllable in the text
    assert flow.form.focused.text == "가로등"
    flow.keyboard_press(flow.keyboard.find("enter"))  # Enter on the keyboard is Enter for the form
    assert flow.form.focus == 1 and flow.keyboard_rows() is None  # a list: no keyboard shown
    flow.press("keyboard")
    assert flow.keyboard_shown is False  # the button hides it again
