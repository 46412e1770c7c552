"""The app's connection to the embedded server, and what each kiosk kind shows from it."""

from datetime import datetime

import pytest

from metaverse_seoul.core.clock import SEOUL, fixed_clock
from metaverse_seoul.core.settings import ApiSettings
from metaverse_seoul.services.connection import CityConnection
from metaverse_seoul.services.kiosk_content import KIOSK_CONTENT, kiosk_lines, outbox_summary


@pytest.fixture(scope="module")
def connection(tmp_path_factory):
    conn = CityConnection(ApiSettings(), data_dir=tmp_path_factory.mktemp("data")).start()
    assert conn.wait(timeout=60), conn.error
    yield conn
    conn.stop()


def test_a_bad_url_is_refused_before_any_thread_starts():
    with pytest.raises(ValueError, match="expected 'embedded' or an http"):
        CityConnection(ApiSettings(url="gopher://x"))


def test_an_unreachable_city_endpoint_is_not_an_error_at_start(tmp_path):
    # A city server that is down must not stop the app: the outbox keeps submissions for later.
    conn = CityConnection(ApiSettings(url="http://127.0.0.1:9"), data_dir=tmp_path).start()
    assert conn.wait(timeout=10)
    conn.stop()


@pytest.mark.parametrize("content", [bytes(range(256)) * 20, b"SQLite format 3\0" + b"\xff" * 4080])
def test_a_damaged_outbox_is_one_line_naming_it_and_is_left_as_it_is(tmp_path, content):
    # It may hold a resident's unsent complaints: the app says which file, and does not touch it.
    (tmp_path / "outbox.sqlite3").write_bytes(content)
    conn = CityConnection(ApiSettings(url="http://127.0.0.1:9"), data_dir=tmp_path).start()
    assert not conn.wait(timeout=10)
    assert conn.error.startswith("OutboxUnusable: ") and "outbox.sqlite3: cannot be used" in conn.error
    assert "\n" not in conn.error
    assert (tmp_path / "outbox.sqlite3").read_bytes() == content
    conn.stop()


@pytest.mark.parametrize("kind", sorted(KIOSK_CONTENT))
@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_kiosk_kind_shows_real_lines(connection, kind, lang):
    title_key, lines = kiosk_lines(kind, connection.client, lang)
    assert title_key.startswith("kiosk_")
    assert lines and all(isinstance(line, str) and line.strip() for line in lines)


def test_the_events_kiosk_lists_the_lantern_festival(connection):
    _, lines = kiosk_lines("events", connection.client, "en")
    assert any("Lantern" in line for line in lines)


def test_outbox_summary_counts_own_submissions(connection):
    connection.outbox.submit("complaint", {"service_code": "noise", "lat": 37.5663, "long": 126.9779,
                                           "description": "Loud construction at night"})
    connection.worker.wake()
    pending, sent, refused = outbox_summary(connection.outbox)
    assert pending + sent + refused == 1


def test_the_embedded_server_takes_the_time_from_the_apps_clock(tmp_path):
    """One clock for the app and its embedded server: set to a May morning in 2031, the server seeds
    that year's festival and offers that day's slots from the first that still takes bookings."""
    may_2031 = datetime(2031, 5, 5, 9, 30, tzinfo=SEOUL)
    conn = CityConnection(ApiSettings(), data_dir=tmp_path, clock=fixed_clock(may_2031)).start()
    try:
        assert conn.wait(timeout=60), conn.error
        assert [event.id for event in conn.client.events()] == ["seoul-lantern-festival-2031",
                                                                "bosingak-new-year-bell-2031"]
        first = conn.client.slots("S-SPORT-0001")[0]  # every 2 hours from 06:00; booking closes 1 h before
        assert first.starts_at == "2031-05-05T12:00:00+09:00"
    finally:
        conn.stop()
