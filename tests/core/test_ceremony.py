"""The New Year ceremony on a chosen clock: the countdown to midnight Seoul time, then 33 strikes."""

from datetime import datetime, timedelta

import pytest

from metaverse_seoul.core.ceremony import AFTER, COUNTDOWN, STRIKING, ceremony_state, clock_text, edition
from metaverse_seoul.core.clock import SEOUL
from metaverse_seoul.core.manifest import load_manifest
from metaverse_seoul.paths import ASSETS_DIR, SCENES_DIR

BELL = load_manifest(SCENES_DIR / "bosingak-new-year.yaml", ASSETS_DIR).ceremony
MIDNIGHT = datetime(2027, 1, 1, tzinfo=SEOUL)


def test_the_bosingak_ceremony_is_33_strikes_from_midnight():
    assert BELL.moment() == (1, 1, 0, 0) and BELL.strikes == 33 and BELL.sound_file.is_file()


def test_before_midnight_it_counts_down():
    state = ceremony_state(BELL, MIDNIGHT - timedelta(seconds=10))
    assert state.phase == COUNTDOWN and state.remaining == timedelta(seconds=10) and state.strikes == 0
    assert state.moment == MIDNIGHT


def test_the_countdown_is_to_midnight_in_seoul_whatever_the_clocks_zone():
    london_evening = datetime.fromisoformat("2026-12-31T14:59:00+00:00")  # 23:59 in Seoul
    assert ceremony_state(BELL, london_evening).remaining == timedelta(minutes=1)


def test_strikes_ring_at_the_interval_from_midnight():
    seen = []
    now = MIDNIGHT - timedelta(seconds=30)
    while now < MIDNIGHT + timedelta(minutes=12):
        state = ceremony_state(BELL, now)
        if state.phase == STRIKING and (not seen or seen[-1] != state.strikes):
            seen.append(state.strikes)
        now += timedelta(seconds=1)
    assert seen == list(range(1, 34))
    assert ceremony_state(BELL, MIDNIGHT).strikes == 1
    assert ceremony_state(BELL, MIDNIGHT + timedelta(seconds=BELL.interval_s * 11)).strikes == 12


def test_after_the_last_strike_the_wish_then_next_years_countdown():
    last = MIDNIGHT + timedelta(seconds=BELL.interval_s * 32)
    assert ceremony_state(BELL, last + timedelta(seconds=30)).phase == AFTER
    next_year = ceremony_state(BELL, last + timedelta(hours=1))
    assert next_year.phase == COUNTDOWN and next_year.moment == datetime(2028, 1, 1, tzinfo=SEOUL)


@pytest.mark.parametrize("now, moment", [
    (datetime(2026, 12, 7, 11, 30, tzinfo=SEOUL), datetime(2027, 1, 1, tzinfo=SEOUL)),
    (datetime(2027, 6, 15, 3, 0, tzinfo=SEOUL), datetime(2028, 1, 1, tzinfo=SEOUL)),
    (datetime(2027, 1, 1, 0, 5, tzinfo=SEOUL), datetime(2027, 1, 1, tzinfo=SEOUL)),
])
def test_the_edition_is_the_running_or_next_one(now, moment):
    assert edition(BELL, now) == moment


def test_clock_text():
    days = lambda d, clock: f"{d} d {clock}"  # noqa: E731
    assert clock_text(timedelta(seconds=9), days) == "0:00:09"
    assert clock_text(timedelta(hours=2, minutes=3, seconds=4), days) == "2:03:04"
    assert clock_text(timedelta(days=3, seconds=61), days) == "3 d 0:01:01"
    assert clock_text(timedelta(seconds=-5), days) == "0:00:00"
