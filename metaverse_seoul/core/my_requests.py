""""My requests": the complaints this resident filed, as the city answers them now, and what changed
since the app last looked (so a closed report is announced once, also across restarts).

Pure logic over the server's records (services.models.ServiceRequest) and the states last seen
({request id: [status, notes, updated]}, kept by the app in its data folder):

    fresh = changed(records, seen)          # records whose status, notes or time of change moved
    lines = request_lines(records, strings) # what the panel shows
"""

from .clock import SEOUL
from .key_form import parse_datetime
from .kiosk_flow import DIM, FOCUS, PROBLEM, Line

NOTES_SHOWN = 200  # characters of the city's notes shown in the list


def state(record):
    """What a change is made of: the status, the city's notes and when it last changed."""
    return [record.status or "", record.status_notes or "", record.updated_datetime or ""]


def changed(records, seen):
    """The records seen before whose state is not what was seen (a request seen for the first time,
    just filed, is not news)."""
    return [record for record in records
            if record.service_request_id in seen and seen[record.service_request_id] != state(record)]


def remember(records, seen):
    """The seen states with these records' states in them (a request the server no longer lists, past
    its 90 days, is kept: it may come back)."""
    return {**seen, **{record.service_request_id: state(record) for record in records}}


def _when(text):
    try:
        return parse_datetime(text).astimezone(SEOUL).strftime("%m-%d %H:%M") if text else "?"
    except ValueError:
        return "?"


def _name(record):
    return record.service_name or record.service_code or "?"


def status_text(record, t):
    return t("request_status_closed" if record.status == "closed" else "request_status_open")


def request_lines(records, t):
    """The panel's lines: newest first, each with its status, time of change and the city's notes."""
    if not records:
        return [Line(DIM, t("requests_none"))]
    lines = []
    for record in sorted(records, key=lambda r: r.requested_datetime or "", reverse=True):
        style = FOCUS if record.status == "closed" else None
        lines.append(Line(style, t("request_line", service=_name(record), number=record.service_request_id,
                                   status=status_text(record, t), when=_when(record.updated_datetime))))
        if record.status_notes:
            lines.append(Line(DIM, "      " + record.status_notes[:NOTES_SHOWN]))
    return lines


def change_notice(record, t):
    """The notice raised in the world when a request changed: 'Your Broken streetlight report: closed —
    repaired'."""
    notes = record.status_notes or ""
    return t("request_changed", service=_name(record), status=status_text(record, t),
             notes=f" — {notes[:NOTES_SHOWN]}" if notes else "")


def requests_screen(records, error, t):
    """The lines of "My requests": the list, or that it is being asked for, or why it cannot be."""
    lines = [Line(None, t("requests_title"))]
    if error:
        lines.append(Line(PROBLEM, error))
    if records is None:
        return lines + [Line(DIM, t("kiosk_loading"))]
    return lines + request_lines(records, t)
