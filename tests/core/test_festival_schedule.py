"""Which events are on at a chosen instant (Seoul time), daily hours across midnight included."""

from dataclasses import dataclass
from datetime import datetime

import pytest

from metaverse_seoul.core.clock import SEOUL
from metaverse_seoul.core.festival_schedule import events_on_now, is_on


@dataclass
class Event:
    id: str
    starts_on: str
    ends_on: str
    daily_open: str | None
    daily_close: str | None
    scene_id: str


LANTERNS = Event("seoul-lantern-festival-2026", "2026-12-11", "2027-01-03", "17:00", "22:00", "lantern-festival")
BELL = Event("bosingak-new-year-bell-2026", "2026-12-31", "2027-01-01", "23:00", "01:00", "bosingak-new-year")
ALL_DAY = Event("all-day", "2026-12-24", "2026-12-25", None, None, "seoul-plaza")


def at(text):
    return datetime.fromisoformat(text).replace(tzinfo=SEOUL)


@pytest.mark.parametrize("event, instant, on", [
    (LANTERNS, "2026-12-11 17:00", True),
    (LANTERNS, "2026-12-11 16:59", False),   # not lit yet
    (LANTERNS, "2026-12-20 21:59", True),
    (LANTERNS, "2026-12-20 22:00", False),
    (LANTERNS, "2027-01-03 18:00", True),    # the last evening
    (LANTERNS, "2027-01-04 18:00", False),
    (BELL, "2026-12-31 22:59", False),
    (BELL, "2026-12-31 23:30", True),
    (BELL, "2027-01-01 00:00", True),        # the small hours belong to New Year's Eve
    (BELL, "2027-01-01 00:59", True),
    (BELL, "2027-01-01 01:00", False),
    (BELL, "2026-12-31 00:30", False),       # the night before New Year's Eve is not an event night
    (BELL, "2027-01-01 23:30", False),       # the last date holds only the small hours of the last night
    (BELL, "2027-01-02 00:30", False),
    (ALL_DAY, "2026-12-24 03:00", True),
    (ALL_DAY, "2026-12-26 00:00", False),
])
def test_an_event_is_on_within_its_dates_and_hours(event, instant, on):
    assert is_on(event, at(instant)) is on


def test_the_instant_is_read_in_seoul_time():
    utc_evening = datetime.fromisoformat("2026-12-20T09:30:00+00:00")  # 18:30 in Seoul
    assert is_on(LANTERNS, utc_evening)


def test_events_on_now_are_those_with_a_scene_here_soonest_ending_first():
    eve = at("2026-12-31 23:30")
    assert [e.id for e in events_on_now([LANTERNS, BELL], eve, {"lantern-festival", "bosingak-new-year"})] == \
        ["bosingak-new-year-bell-2026"]  # the lantern festival is dark after 22:00
    assert events_on_now([LANTERNS, BELL], eve, {"lantern-festival"}) == []
    evening = at("2027-01-01 20:00")
    assert [e.id for e in events_on_now([LANTERNS, BELL], evening, {"lantern-festival", "bosingak-new-year"})] == \
        ["seoul-lantern-festival-2026"]


def test_a_date_the_app_cannot_read_is_not_on():
    broken = Event("x", "soon", "later", None, None, "seoul-plaza")
    assert not is_on(broken, at("2026-12-20 12:00"))
