"""A ceremony on the clock, decided without the engine: the countdown to its moment (Seoul time, every
year), then a bell struck N times at a steady interval, then the wish that follows.

    state = ceremony_state(manifest.ceremony, clock())
    state.phase        # "countdown" | "striking" | "after"
    state.remaining    # timedelta to the moment (countdown)
    state.strikes      # strikes rung so far (striking: 1..N)

The app asks again every frame; a strike is due when `strikes` has grown since it last asked. A test
moves the clock and sees the same sequence a visitor hears.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from .clock import SEOUL

COUNTDOWN, STRIKING, AFTER = "countdown", "striking", "after"
AFTER_SHOWN = timedelta(minutes=10)  # how long the wish after the last strike stays before the next countdown


@dataclass(frozen=True)
class CeremonyState:
    phase: str
    moment: datetime          # this edition's moment, Seoul time
    remaining: timedelta      # until the moment (zero once it has come)
    strikes: int = 0          # strikes rung so far


def _moment_in(year, ceremony):
    month, day, hour, minute = ceremony.moment()
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def _duration(ceremony):
    """From the first strike to the end of the wish after the last."""
    return timedelta(seconds=ceremony.interval_s * (ceremony.strikes - 1)) + AFTER_SHOWN


def edition(ceremony, now):
    """The moment of the edition running at `now` (its strikes or wish not over), else the next one."""
    now = now.astimezone(SEOUL)
    for year in (now.year - 1, now.year, now.year + 1):
        moment = _moment_in(year, ceremony)
        if now < moment + _duration(ceremony):
            return moment
    raise ValueError(f"no edition of {ceremony.at!r} around {now}")  # unreachable for a valid date


def ceremony_state(ceremony, now):
    now = now.astimezone(SEOUL)
    moment = edition(ceremony, now)
    if now < moment:
        return CeremonyState(COUNTDOWN, moment, moment - now)
    struck = int((now - moment).total_seconds() // ceremony.interval_s) + 1
    if struck <= ceremony.strikes:
        return CeremonyState(STRIKING, moment, timedelta(0), struck)
    return CeremonyState(AFTER, moment, timedelta(0), ceremony.strikes)


def strike_time(ceremony, moment, n):
    """When strike `n` (1-based) of the edition at `moment` rings."""
    return moment + timedelta(seconds=ceremony.interval_s * (n - 1))


def clock_text(remaining, days_text):
    """'H:MM:SS' under a day; more than a day: days_text(days, clock) says it in the interface's language."""
    seconds = max(0, int(remaining.total_seconds()))
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    clock = f"{hours}:{rest // 60:02d}:{rest % 60:02d}"
    return days_text(days, clock) if days else clock
