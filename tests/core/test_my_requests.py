"""My requests as pure logic: what changed since last seen, the list's lines, the notice."""

from metaverse_seoul.core.i18n import load_strings
from metaverse_seoul.core.kiosk_flow import DIM, FOCUS
from metaverse_seoul.core.my_requests import change_notice, changed, remember, request_lines, state
from metaverse_seoul.paths import ASSETS_DIR
from metaverse_seoul.services.models import ServiceRequest

EN = load_strings(ASSETS_DIR / "i18n", "en")


def record(request_id, status="open", notes=None, updated="2026-12-07T10:00:00+09:00"):
    return ServiceRequest(request_id, status, service_code="broken-streetlight", service_name="Broken streetlight",
                          status_notes=notes, requested_datetime="2026-12-07T09:00:00+09:00",
                          updated_datetime=updated)


def test_only_a_request_seen_before_whose_state_moved_is_news():
    first = [record("1"), record("2")]
    seen = remember(first, {})
    assert changed(first, seen) == [] and changed([record("3")], seen) == []  # new: not news
    closed = record("1", "closed", "repaired", "2026-12-07T16:00:00+09:00")
    assert changed([closed, record("2")], seen) == [closed]
    seen = remember([closed], seen)
    assert seen["1"] == state(closed) and seen["2"] == state(record("2"))  # one not listed now is kept
    assert changed([closed], seen) == []


def test_the_list_shows_status_time_and_notes_and_the_notice_says_what_happened():
    closed = record("1", "closed", "repaired on Tuesday", "2026-12-07T16:00:00+09:00")
    lines = request_lines([record("2"), closed], EN)
    assert (lines[0].style, lines[0].text) == (None, "Broken streetlight (request 2) · being handled · 12-07 10:00")
    assert (lines[1].style, lines[1].text) == (FOCUS, "Broken streetlight (request 1) · closed · 12-07 16:00")
    assert (lines[2].style, lines[2].text) == (DIM, "      repaired on Tuesday")
    assert change_notice(closed, EN) == "Your Broken streetlight report: closed — repaired on Tuesday"
    assert request_lines([], EN)[0].text == "No requests filed from this computer yet"
