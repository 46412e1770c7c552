"""What a kiosk shows, as plain lines of text: decided here, without the engine, from the API.

Each function takes a CityServicesClient (and the outbox where it matters) and a language, and
returns (title_key, lines). Network errors are the caller's to show."""

from ..core.i18n import pick

MAX_LINES = 8


def _event_line(event, lang):
    place = pick(event.place, lang) if event.place else ""
    dates = event.starts_on if event.starts_on == event.ends_on else f"{event.starts_on} – {event.ends_on}"
    return f"{pick(event.name, lang)} · {dates}" + (f" · {place}" if place else "")


def events_lines(client, lang):
    events = sorted(client.events(), key=lambda e: e.starts_on)
    return [_event_line(e, lang) for e in events if e.status != "ended"][:MAX_LINES]


def facility_lines(client, lang):
    facilities = client.facilities()
    accepting = [f for f in facilities if f.status == "accepting"]
    return [f"{pick(f.name, lang)}" + (f" · {f.place}" if f.place else "") for f in accepting][:MAX_LINES]


# Open311 servers commonly offer Korean and English names only; other languages read the English.
OPEN311_LOCALES = {"ko": "ko"}


def open311_locale(lang):
    """The Open311 `locale` to ask for when the interface speaks `lang`."""
    return OPEN311_LOCALES.get(lang, "en")


def complaint_lines(client, lang):
    services = client.services(locale=open311_locale(lang))
    return [s.service_name for s in services][:MAX_LINES]


def outbox_summary(outbox):
    """(pending, sent, refused) counts of this resident's own submissions."""
    counts = outbox.counts()
    return counts.get("pending", 0), counts.get("sent", 0), counts.get("refused", 0)


KIOSK_CONTENT = {
    "information": ("kiosk_events_title", events_lines),
    "events": ("kiosk_events_title", events_lines),
    "reservation": ("kiosk_facilities_title", facility_lines),
    "complaint": ("kiosk_services_title", complaint_lines),
    "suggestion": ("kiosk_services_title", complaint_lines),
}


def kiosk_lines(kind, client, lang):
    title_key, lines_for = KIOSK_CONTENT[kind]
    return title_key, lines_for(client, lang)
