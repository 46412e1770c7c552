"""My requests, in a real window against the reference server: a complaint filed at a kiosk, then
closed by city staff with a note: the notice is raised in the world once (also after a restart, not
again), and the list (from the menu and from a complaint kiosk, key R) shows the status and the notes.
"""

import requests

from metaverse_seoul.core.settings import Settings

from .kiosk_keys import kiosk_app, step_until
from .window_input import press

STAFF = {"X-Staff-Key": "metaverse-seoul-staff-dev"}
KIOSK = {"kiosks": [{"id": "k1", "kind": "complaint", "position": [-3, 2, 0], "heading": 0}]}


def filed_complaint(city):
    """A complaint sent through the app's outbox (as a kiosk sends it), with the resident's key."""
    item = city.outbox.submit("complaint", {"service_code": "other", "address_string": "시청역 4번 출구",
                                            "attributes": {"subject": "보도블록 파손"},
                                            "description": "보도블록이 깨져 있습니다"})
    city.worker.drain_once()
    sent = city.outbox.item(item.id)
    assert sent.status == "sent", sent.refusal_reason
    return sent.server_id


def frames_until(app, condition, frames=2000):
    for _ in range(frames):
        app.step()
        if condition():
            return
    raise AssertionError("never happened")


def test_a_staff_update_is_announced_once_and_listed_with_its_notes(tmp_path, city):
    request_id = filed_complaint(city)
    settings = Settings()
    settings.api.requests_poll_s = 5
    app = kiosk_app(tmp_path, city, KIOSK, settings)
    notices = []
    try:
        app.requests.refresh()
        frames_until(app, lambda: app.requests.records is not None)
        assert request_id in [r.service_request_id for r in app.requests.records]  # seen: not news
        response = requests.post(f"{city.client.base_url}/staff/v1/requests/{request_id}/updates", headers=STAFF,
                                 json={"status_detail": "fixed", "notes": "보도블록을 새로 깔았습니다."}, timeout=10)
        assert response.status_code == 201, response.text
        original = app.notice
        app.notice = lambda text, seconds=3.0: (notices.append(text), original(text, seconds))
        app.requests.refresh()
        frames_until(app, lambda: notices)
        assert notices == ["내 민원 ‘기타 민원’: 처리 완료 — 보도블록을 새로 깔았습니다."]
        assert app.hud.notice_text == notices[0]
        app.requests.refresh()  # asked again: no change, no second notice
        frames_until(app, lambda: app.requests._job is None)
        assert len(notices) == 1

        press(app, "escape", "arrow_down", "arrow_down", "enter")  # the menu: My requests
        frames_until(app, lambda: "처리 완료" in "\n".join(line.text for line in app.menu.view.shown[0]))
        listed = "\n".join(line.text for line in app.menu.view.shown[0])
        assert f"기타 민원 (접수 번호 {request_id}) · 처리 완료" in listed and "보도블록을 새로 깔았습니다." in listed
        press(app, "escape", "escape")

        app.controls.pose.x, app.controls.pose.y = -3, 0.5
        app.step()
        press(app, "enter")  # the complaint kiosk: R shows the same list
        step_until(app, "민원 종류를 고르세요")
        press(app, "r")
        step_until(app, f"(접수 번호 {request_id}) · 처리 완료")
        press(app, "escape", "escape")
    finally:
        app.destroy()

    again = kiosk_app(tmp_path / "again", city, KIOSK, settings)  # the next start: already announced
    try:
        announced = []
        again.notice = lambda text, seconds=3.0: announced.append(text)
        again.requests.refresh()
        frames_until(again, lambda: again.requests.records is not None)
        assert announced == []
    finally:
        again.destroy()
