"""The festivals kiosk: the schedule as a list; Enter on an event with a scene here goes there."""

from dataclasses import dataclass, field
from datetime import datetime

from metaverse_seoul.core.clock import SEOUL, fixed_clock
from metaverse_seoul.core.events_flow import EventsFlow, OpenScene
from metaverse_seoul.core.i18n import load_strings
from metaverse_seoul.core.kiosk_effects import CLOSE
from metaverse_seoul.core.kiosk_flow import DIM, FOCUS, Pick
from metaverse_seoul.paths import ASSETS_DIR

EN = load_strings(ASSETS_DIR / "i18n", "en")


@dataclass
class Event:
    id: str
    name: dict
    starts_on: str
    ends_on: str
    scene_id: str
    status: str = "upcoming"
    daily_open: str | None = None
    daily_close: str | None = None
    place: dict = field(default_factory=dict)


LANTERNS = Event("lanterns", {"en": "Seoul Lantern Festival"}, "2026-12-11", "2027-01-03", "lantern-festival",
                 "ongoing", "17:00", "22:00")
BELL = Event("bell", {"en": "New Year Bell at Bosingak"}, "2026-12-31", "2027-01-01", "bosingak-new-year")
ELSEWHERE = Event("parade", {"en": "A parade"}, "2026-12-20", "2026-12-20", "not-in-this-app")
OVER = Event("over", {"en": "Last year's"}, "2025-12-11", "2026-01-03", "lantern-festival", "ended")
EVENING = datetime(2026, 12, 20, 19, 0, tzinfo=SEOUL)


def flow():
    events = EventsFlow("Festivals & events", EN, fixed_clock(EVENING), {"lantern-festival", "bosingak-new-year"})
    events.loaded_events([BELL, ELSEWHERE, LANTERNS, OVER])
    return events


def test_events_are_listed_soonest_first_those_without_a_scene_dim_and_skipped():
    lines = flow().screen()
    assert lines[0].text == "Festivals & events"
    assert lines[1].style == FOCUS and lines[1].text.startswith("▶ Seoul Lantern Festival") \
        and lines[1].text.endswith("on now")
    assert lines[2].style == DIM and "A parade" in lines[2].text and "not in this app yet" in lines[2].text
    assert lines[3].text.startswith("▷ New Year Bell at Bosingak · 2026-12-31 – 2027-01-01")
    assert all("Last year's" not in line.text for line in lines)


def test_down_skips_an_event_without_a_scene_and_enter_goes_there():
    events = flow()
    assert events.press("enter") == OpenScene("lantern-festival")
    events.press("down")
    assert events.press("enter") == OpenScene("bosingak-new-year")
    assert events.press("escape") is CLOSE


def test_a_click_on_an_event_goes_there_and_on_a_dim_one_does_nothing():
    events = flow()
    assert events.click(Pick(2)) == OpenScene("bosingak-new-year")
    assert events.click(Pick(1)) is None


def test_loading_then_nothing_scheduled():
    events = EventsFlow("Festivals", EN, fixed_clock(EVENING), set())
    assert events.screen()[1].text == EN("kiosk_loading") and events.press("enter") is None
    events.loaded_events([])
    assert events.screen()[1].text == EN("events_none")
    assert [b.key for b in events.buttons()] == ["escape"]
