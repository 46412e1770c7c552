"""Kiosks with the mouse (or a touch screen) alone, in a real window: clicks on the panel's lines, its
buttons and its on-screen keyboard, made through the X server (x_pointer.py), checked on the city's
server.

Names and numbers typed here are made up."""

import pytest

from .kiosk_keys import TWO_KIOSKS, kiosk_app, open_by_click, panel_text, step_until
from .screen_keyboard import type_on_screen
from .x_pointer import x_click
from .x_pointer import x_click_on as click_on


def type_by_clicks(app, text):
    type_on_screen(app, text, click_key=click_on)


@pytest.fixture(scope="module")
def app(tmp_path_factory, city):
    app = kiosk_app(tmp_path_factory.mktemp("mouse"), city, TWO_KIOSKS)
    yield app
    app.destroy()


def test_a_complaint_is_filed_with_the_mouse_alone(app, city, tmp_path):
    open_by_click(app, -3, 0.5, click_at=x_click)
    step_until(app, "가로등 고장")
    click_on(app, "가로등 고장")
    step_until(app, "전신주(등주) 번호*")
    click_on(app, "전신주(등주) 번호")  # a text field touched: the on-screen keyboard comes up
    type_by_clicks(app, "종로-1234")
    click_on(app, "어떤 문제인가요?")  # a list: its choices show
    click_on(app, "야간 소등")
    click_on(app, "내용")
    type_by_clicks(app, "가로등이 꺼졌어요. 밤길이 어둡습니다!")
    assert "▶ 내용: 가로등이 꺼졌어요. 밤길이 어둡습니다!" in panel_text(app)
    app.save_screenshot(tmp_path / "typed-by-clicks.png")  # the form and its on-screen keyboard, to look at
    click_on(app, "확인하기 ▶")
    step_until(app, "제출 전 확인 · 가로등 고장")
    click_on(app, "보내기 ▶")
    step_until(app, "전송됨 — 접수 번호")

    [item] = [i for i in city.outbox.items() if i.payload.get("service_code") == "broken-streetlight"]
    on_server = city.client.request(item.server_id)
    assert on_server.description == "가로등이 꺼졌어요. 밤길이 어둡습니다!"
    assert item.payload["attributes"] == {"pole_number": "종로-1234", "problem": "off"}
    click_on(app, "처음으로")
    step_until(app, "민원 종류를 고르세요")
    click_on(app, "× 닫기")
    assert not app.kiosk_panel.visible


def test_a_facility_is_booked_with_the_mouse_alone(app, city):
    open_by_click(app, 3, 0.5, click_at=x_click)
    step_until(app, "덕수궁 해설 탐방 · 접수중")
    click_on(app, "덕수궁 해설 탐방 · 접수중")
    step_until(app, "자리 남음")
    click_on(app, "자리 남음")  # the first free time
    step_until(app, "인원*:")
    click_on(app, "이름")
    type_by_clicks(app, "김서울")
    click_on(app, "전화")
    type_by_clicks(app, "010-2222-3333")
    click_on(app, "이메일")
    click_on(app, "확인하기 ▶")
    step_until(app, "예약 전 확인", private=True)
    click_on(app, "보내기 ▶")
    step_until(app, "예약됨 — 예약 번호 R", private=True)

    [item] = [i for i in city.outbox.items() if i.kind == "reservation" and i.payload["phone"] == "010-2222-3333"]
    booked = city.client.reservation(item.server_id, item.result["secret"])
    assert (booked.name, booked.phone, booked.people) == ("김서울", "010-2222-3333", 1)
    click_on(app, "처음으로")
    step_until(app, item.server_id)
    click_on(app, "× 닫기")
