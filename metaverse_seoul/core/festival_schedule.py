"""Which of the city's events is on at a moment, and which of them the app can take a visitor to.

The schedule comes from the city (GET /events/v1/events); an event is on when the day falls within its
dates and, if it has daily hours, the time within them (Seoul time). Hours may cross midnight
("23:00"-"01:00"): each night then begins on an evening from the first date to the day before the last
(the last date holds the last night's small hours), as New Year's Eve runs from 31 December to 1 January.

    on = events_on_now(client.events(), clock(), catalog)
    on[0].scene_id     # "lantern-festival"
"""

from datetime import date, time, timedelta

from .clock import SEOUL


def _day(value):
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _time(text):
    try:
        hours, minutes = (int(part) for part in str(text).split(":"))
        return time(hours, minutes)
    except ValueError:
        return None


def _within_dates(event, day, last_shift=0):
    try:
        first, last = _day(event.starts_on), _day(event.ends_on)
    except ValueError:
        return False  # a date the app cannot read: not shown as on
    return first <= day <= max(first, last - timedelta(days=last_shift))


def is_on(event, now):
    """True when `event` (with starts_on, ends_on, daily_open, daily_close) is on at `now`."""
    now = now.astimezone(SEOUL)
    opens, closes = _time(event.daily_open), _time(event.daily_close)
    if opens is None or closes is None:
        return _within_dates(event, now.date())
    clock = now.time()
    if opens <= closes:
        return _within_dates(event, now.date()) and opens <= clock < closes
    if clock >= opens:  # the evening part of a night that crosses midnight
        return _within_dates(event, now.date(), last_shift=1)
    return clock < closes and _within_dates(event, now.date() - timedelta(days=1), last_shift=1)


def events_on_now(events, now, scenes):
    """The events on at `now` whose scene the app has (`scenes`: scene ids), soonest ending first."""
    on = [e for e in events if is_on(e, now) and e.scene_id in scenes]
    return sorted(on, key=lambda e: (str(e.ends_on), e.id))
