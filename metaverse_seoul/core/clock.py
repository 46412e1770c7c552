""""Now" for the whole app: one clock, a function answering an aware datetime, handed to whatever
needs the time (kiosk flows, the embedded server) so that a test can fix it.

The app's default reads the system clock; in Seoul's time zone (Korea keeps no daylight saving time)
because that is the time residents read on kiosks and bookings.
"""

from datetime import datetime, timedelta, timezone
from typing import Callable

SEOUL = timezone(timedelta(hours=9))
Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(SEOUL)


def fixed_clock(moment: datetime) -> Clock:
    """A clock that always answers `moment` (for tests and benchmarks)."""
    return lambda: moment
