from __future__ import annotations

from .conftest import Clock, START


def test_lantern_festival_is_seeded_in_four_languages_with_its_scene(client):
    (event,) = client.get("/events/v1/events").json()["items"]
    assert event["id"] == "seoul-lantern-festival-2026" and event["scene_id"] == "lantern-festival"
    for field in ("name", "place", "description"):
        assert set(event[field]) == {"ko", "en", "zh", "ja"}
    assert event["name"]["ko"] == "서울빛초롱축제"
    assert event["starts_on"] <= event["ends_on"] and event["daily_open"] == "17:00"
    assert event["status"] == "upcoming"  # START is 2026-12-01
    assert client.get(f"/events/v1/events/{event['id']}").json() == event


def test_event_filters_and_status(make_client):
    clock = Clock(START)
    client = make_client(clock=clock)
    items = lambda **p: [e["id"] for e in client.get("/events/v1/events", params=p).json()["items"]]  # noqa: E731
    assert items(**{"from": "2027-01-01", "to": "2027-01-31"}) == ["seoul-lantern-festival-2026"]
    assert items(**{"from": "2027-02-01"}) == []
    assert items(to="2026-12-10") == []
    assert items(scene_id="lantern-festival") == ["seoul-lantern-festival-2026"]
    assert items(scene_id="deoksugung") == []
    clock.advance(days=12)
    assert client.get("/events/v1/events").json()["items"][0]["status"] == "ongoing"
    clock.advance(days=60)
    assert client.get("/events/v1/events").json()["items"][0]["status"] == "ended"


def test_unknown_event_and_bad_dates(client):
    assert client.get("/events/v1/events/nope").json() == {"detail": "event 'nope' not found"}
    response = client.get("/events/v1/events", params={"from": "soon"})
    assert response.status_code == 422 and response.json()["detail"].startswith("from:")
