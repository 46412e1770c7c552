"""Time conversions at the API boundary: naive UTC in the database, Seoul time (UTC+9, no DST) out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

SEOUL = timezone(timedelta(hours=9), "KST")


def to_db(moment: datetime) -> datetime:
    """An aware datetime as naive UTC; a naive one is taken to be Seoul time."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=SEOUL)
    return moment.astimezone(timezone.utc).replace(tzinfo=None)


def from_db(moment: datetime | None) -> datetime | None:
    """A stored naive-UTC datetime as an aware datetime in Seoul time."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(SEOUL)


def iso(moment: datetime | None) -> str | None:
    """ISO 8601 with offset, seconds precision (the Open311 date format)."""
    aware = from_db(moment)
    return aware.isoformat(timespec="seconds") if aware else None


def parse_iso(text: str) -> datetime:
    """Parse ISO 8601 (a trailing Z is accepted; no offset means Seoul time). Raises ValueError."""
    text = text.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    moment = datetime.fromisoformat(text)
    return moment if moment.tzinfo else moment.replace(tzinfo=SEOUL)
