from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from city_services.db import Database
from city_services.models import Event, Facility
from city_services.seed import season_dates, seed
from city_services.timeutil import SEOUL, to_db

from .conftest import Clock, START


def test_the_festivals_are_seeded_in_four_languages_with_their_scenes(client):
    lantern, bell = client.get("/events/v1/events").json()["items"]
    assert lantern["id"] == "seoul-lantern-festival-2026" and lantern["scene_id"] == "lantern-festival"
    assert bell["id"] == "bosingak-new-year-bell-2026" and bell["scene_id"] == "bosingak-new-year"
    for event in (lantern, bell):
        for field in ("name", "place", "description"):
            assert set(event[field]) == {"ko", "en", "zh", "ja"}
        assert event["starts_on"] <= event["ends_on"]
        assert event["status"] == "upcoming"  # START is 2026-12-01
        assert client.get(f"/events/v1/events/{event['id']}").json() == event
    assert lantern["name"]["ko"] == "서울빛초롱축제" and lantern["daily_open"] == "17:00"
    assert (bell["starts_on"], bell["ends_on"]) == ("2026-12-31", "2027-01-01")
    assert (bell["daily_open"], bell["daily_close"]) == ("23:00", "01:00")  # across midnight


def test_event_filters_and_status(make_client):
    clock = Clock(START)
    client = make_client(clock=clock)
    items = lambda **p: [e["id"] for e in client.get("/events/v1/events", params=p).json()["items"]]  # noqa: E731
    assert items(**{"from": "2027-01-01", "to": "2027-01-31"}) == ["seoul-lantern-festival-2026",
                                                                   "bosingak-new-year-bell-2026"]
    assert items(**{"from": "2027-01-02", "to": "2027-01-31"}) == ["seoul-lantern-festival-2026"]
    assert items(**{"from": "2027-02-01"}) == []
    assert items(to="2026-12-10") == []
    assert items(scene_id="lantern-festival") == ["seoul-lantern-festival-2026"]
    assert items(scene_id="bosingak-new-year") == ["bosingak-new-year-bell-2026"]
    assert items(scene_id="deoksugung") == []
    status = lambda: [e["status"] for e in client.get("/events/v1/events").json()["items"]]  # noqa: E731
    clock.advance(days=12)
    assert status() == ["ongoing", "upcoming"]
    clock.advance(days=19)  # 1 January
    assert status() == ["ongoing", "ongoing"]
    clock.advance(days=60)
    assert status() == ["ended", "ended"]


def test_unknown_event_and_bad_dates(client):
    assert client.get("/events/v1/events/nope").json() == {"detail": "event 'nope' not found"}
    response = client.get("/events/v1/events", params={"from": "soon"})
    assert response.status_code == 422 and response.json()["detail"].startswith("from:")


@pytest.mark.parametrize("today, edition", [
    (date(2026, 12, 1), (date(2026, 12, 11), date(2027, 1, 3))),   # before: the coming edition
    (date(2027, 1, 3), (date(2026, 12, 11), date(2027, 1, 3))),    # its last day: still that one
    (date(2027, 1, 4), (date(2027, 12, 11), date(2028, 1, 3))),    # after: next winter's
    (date(2028, 3, 1), (date(2028, 12, 11), date(2029, 1, 3))),
])
def test_an_annual_season_gives_the_edition_running_or_next(today, edition):
    assert season_dates(((12, 11), (1, 3)), today) == edition
    assert season_dates(((5, 1), (5, 10)), date(2028, 12, 31)) == (date(2029, 5, 1), date(2029, 5, 10))


def test_demonstration_data_is_laid_around_the_seed_day_and_kept_current(tmp_path):
    """Seeded in 2028, the festival is 2028's and the facilities take bookings; a year and more on, a new
    start extends the demonstration period and adds the next edition."""
    database = Database(f"sqlite:///{tmp_path / 'city.sqlite3'}")
    database.migrate()
    spring_2028 = datetime(2028, 3, 1, 16, 30, tzinfo=SEOUL)
    seed(database, spring_2028)
    with database.read_session() as session:
        assert [e.id for e in session.scalars(select(Event))] == ["seoul-lantern-festival-2028",
                                                                  "bosingak-new-year-bell-2028"]
        tennis = session.get(Facility, "S-SPORT-0001")
        assert tennis.receipt_start <= to_db(spring_2028) < tennis.receipt_end
    later = spring_2028 + timedelta(days=400)
    seed(database, later)
    with database.read_session() as session:
        assert {e.id for e in session.scalars(select(Event))} == {
            "seoul-lantern-festival-2028", "seoul-lantern-festival-2029", "bosingak-new-year-bell-2028",
            "bosingak-new-year-bell-2029"}
        tennis = session.get(Facility, "S-SPORT-0001")
        assert to_db(later + timedelta(days=14)) < tennis.receipt_end
        assert tennis.use_end >= (later + timedelta(days=14)).date()
    database.dispose()
