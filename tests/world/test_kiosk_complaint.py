"""Filing a complaint at a kiosk in the running app, in a real window, with the keyboard alone (keys and
typed characters put into the window's input device)."""

import pytest
from panda3d.core import Filename, FontPool

from metaverse_seoul.core.complaint_flow import MARKS
from metaverse_seoul.core.complaint_form import DESCRIPTION
from metaverse_seoul.core.settings import ApiSettings
from metaverse_seoul.paths import FONT_FILE
from metaverse_seoul.services.connection import CityConnection

from .kiosk_keys import LOCATION, kiosk_app, panel_text, press, step_until, type_text, use_kiosk
from .window_input import hold



@pytest.fixture(scope="module")
def app(tmp_path_factory, city):
    app = kiosk_app(tmp_path_factory.mktemp("kiosk"), city, {
        "location": LOCATION,
        "kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0], "heading": 0}]})
    yield app
    app.destroy()


def open_kiosk(app):
    use_kiosk(app, "test-yard", "k1", -3, 0.5)


def choose_kind(app, code):
    codes = [s.service_code for s in app.kiosk_panel.session.flow.services]
    press(app, *["arrow_down"] * codes.index(code), "enter")


def tab_to(app, code):
    """Tab until the field `code` has the focus (the form's fields depend on the city's definition)."""
    form = app.kiosk_panel.session.flow.form
    while form.focused.code != code:
        press(app, "tab")


def tab_to_the_end(app):
    form = app.kiosk_panel.session.flow.form
    while not form.at_last_field:
        press(app, "tab")


def test_a_complaint_is_filed_with_the_keyboard_and_its_state_shown_live(app, city):
    open_kiosk(app)
    start = (app.controls.pose.x, app.controls.pose.y)
    hold(app, "w", 10)
    press(app, *["arrow_up"] * 5)
    assert (app.controls.pose.x, app.controls.pose.y) == start  # the form has the keyboard, not the feet

    choose_kind(app, "noise")
    step_until(app, "소음의 원인*")
    press(app, "arrow_down", "enter")  # source: construction site; on to "when", filled with now
    assert "공사장" in panel_text(app)
    tab_to(app, DESCRIPTION)  # past "does it repeat?" and where (here), both as they are
    type_text(app, "밤새 공사 소음이 납니다!")
    press(app, "backspace")
    assert "▶ 내용: 밤새 공사 소음이 납니다\n" in panel_text(app)
    tab_to_the_end(app)  # past the optional contact details
    press(app, "enter")
    step_until(app, "제출 전 확인 · 소음")
    assert "위치: 시험 마당 (37.5656, 126.9781)" in panel_text(app)
    press(app, "enter")
    step_until(app, "전송됨 — 접수 번호")  # pending, then sent by the woken worker

    filed = [item for item in city.outbox.items() if item.payload.get("description") == "밤새 공사 소음이 납니다"]
    assert len(filed) == 1 and filed[0].status == "sent"
    payload = filed[0].payload
    assert payload["service_code"] == "noise" and payload["attributes"]["source"] == "construction"
    assert (payload["lat"], payload["long"]) == (37.5656, 126.9781) and payload["address_string"] == "시험 마당"

    press(app, "escape")  # back to the list, which shows one's own submissions
    step_until(app, "· 소음 · ")
    press(app, "escape")
    assert not app.kiosk_panel.visible and not app.kiosk_panel.has_keyboard
    app.step()
    hold(app, "w", 5)
    assert app.controls.pose.y > start[1]  # walking again


def test_escape_steps_back_and_a_missing_answer_is_named(app):
    open_kiosk(app)
    choose_kind(app, "road-damage")
    step_until(app, "어떤 파손인가요?*")
    tab_to_the_end(app)
    press(app, "enter")  # on the last field, Enter checks the form
    assert "어떤 파손인가요?: 꼭 입력해야 합니다" in panel_text(app)
    press(app, "escape")
    assert "민원 종류를 고르세요" in panel_text(app)
    press(app, "escape")
    assert not app.kiosk_panel.visible


def test_a_complaint_made_during_an_outage_waits_in_the_outbox(app, tmp_path):
    own = CityConnection(ApiSettings(), data_dir=tmp_path).start()
    assert own.wait(timeout=60), own.error
    shared, app.kiosk_panel.connection = app.kiosk_panel.connection, own
    try:
        open_kiosk(app)
        choose_kind(app, "other")
        step_until(app, "제목*")
        type_text(app, "층간소음")
        tab_to(app, DESCRIPTION)
        type_text(app, "윗집 소음")
        tab_to_the_end(app)
        press(app, "enter")
        step_until(app, "제출 전 확인")
        own.server.stop()  # the city's service goes down between the review and the press of Enter
        press(app, "enter")
        step_until(app, "대기 중 — 서울시 서비스에 연결되면 보냅니다")
        [item] = own.outbox.items()
        assert item.status == "pending" and item.payload["attributes"] == {"subject": "층간소음"}
        press(app, "escape")
        step_until(app, "대기 1건")
        press(app, "escape")
    finally:
        app.kiosk_panel.close()
        app.kiosk_panel.connection = shared
        own.stop()


def test_the_panel_font_draws_every_mark_of_the_form():
    font = FontPool.loadFont(Filename.fromOsSpecific(str(FONT_FILE)).getFullpath())
    missing = [mark for mark in MARKS if font.getGlyph(ord(mark)).getCharacter() != ord(mark)]
    assert not missing


def test_a_damaged_outbox_is_named_at_the_kiosk_and_left_as_it_is(app, tmp_path):
    damaged = bytes(range(256)) * 16
    (tmp_path / "outbox.sqlite3").write_bytes(damaged)
    own = CityConnection(ApiSettings(), data_dir=tmp_path).start()
    assert not own.wait(timeout=60)
    shared, app.kiosk_panel.connection = app.kiosk_panel.connection, own
    try:
        app.open_scene("test-yard")
        app.wait_until_loaded(timeout=60)
        app.controls.pose.x, app.controls.pose.y = -3, 0.5
        app.step()
        press(app, "enter")  # no form opens: nothing could be kept to send
        step_until(app, "이 컴퓨터에서는 지금 서울시 서비스를 쓸 수 없습니다")  # not "kept and sent later"
        assert "outbox.sqlite3: cannot be used (file is not a database)" in panel_text(app)
        app.save_screenshot(tmp_path / "damaged-outbox.png")
        press(app, "escape")
    finally:
        app.kiosk_panel.close()
        app.kiosk_panel.connection = shared
        own.stop()
    assert (tmp_path / "outbox.sqlite3").read_bytes() == damaged
