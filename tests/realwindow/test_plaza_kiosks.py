"""A resident in a real window: Seoul Plaza under Xvfb, keys and mouse through the X server
(xdotool), Hangul typed as a person types it, and the city server read back afterwards.

The proof that typed text reaches the kiosks: the exact text arrives at the city. Without keystroke
events from the window nothing would arrive; without the XIM pump, ibus-hangul's syllables would
arrive as the Latin keys pressed (wndrn, rkfhemd...), which the exact comparison catches."""

from metaverse_seoul.core.hangul import hangul_keys

from . import city_reads

STREETLIGHT = "broken-streetlight"
POLE = "중구-0417"
DESCRIPTION = "가로등이 꺼졌어요. 밤길이 어둡습니다!"
# Each key makes a round trip through the input method, one a frame: kept short, yet with a final
# consonant that moves on (갈 -> 가로), a shifted jamo (ㄲ), and syllables ended by -, Space and Enter.
DESCRIPTION_BY_IME = "가로등 꺼짐"
NAME = "김서울"
PHONE = "010-2345-6789"


def file_streetlight_complaint(user, city, pole_keys, description_keys):
    services = city_reads.service_codes(city)
    user.look_towards("plaza-complaint")
    user.walk_to("plaza-complaint")
    user.open_complaint_form(STREETLIGHT, services)
    user.fill_streetlight_form(pole_keys, description_keys)
    user.submit("POST", "/open311/v2/requests.json", "the complaint")


def assert_complaint_arrived(app, city, pole, description):
    item = city_reads.sent_item(app, "complaint")
    public, attributes = city_reads.complaint(city, item.server_id)
    assert public["service_code"] == STREETLIGHT
    assert public["description"] == description
    assert attributes == {"pole_number": [pole], "problem": ["off"]}  # as stored: each a list of values


def test_a_streetlight_complaint_typed_at_the_plaza_kiosk_reaches_the_city(launch, city):
    app, user = launch()
    file_streetlight_complaint(user, city, POLE, DESCRIPTION)  # Hangul through keys bound to its characters
    assert_complaint_arrived(app, city, POLE, DESCRIPTION)


def test_hangul_committed_by_ibus_hangul_reaches_the_complaint(xvfb, ibus_hangul, launch, city):
    # In Hangul mode the input method takes the letter keys (W A S D compose ㅈ ㅁ ㄴ ㅇ and never
    # reach the app as keys), so the resident walks with the arrow keys. Every key goes through the
    # input method and comes back one a frame (text_input.XimPump): at llvmpipe's few frames a
    # second a held key's repeats (25 a second) would pile up and walking would go on long after the
    # key is let go, so this resident's keyboard does not repeat held keys.
    xvfb.set_key_repeat(False)
    app, user = launch(ibus_hangul.app_env, walk_keys=("shift", "Up"))
    file_streetlight_complaint(user, city, hangul_keys(POLE), hangul_keys(DESCRIPTION_BY_IME))
    assert_complaint_arrived(app, city, POLE, DESCRIPTION_BY_IME)


def test_a_booking_typed_at_the_plaza_kiosk_is_confirmed_by_the_city(launch, city):
    app, user = launch()
    facility = city_reads.first_accepting_facility(city)
    user.look_towards("plaza-reservation")
    user.walk_to("plaza-reservation")
    user.book_first_slot(facility, NAME, PHONE)
    user.submit("POST", "/reservations/v1/reservations", "the booking")
    item = city_reads.sent_item(app, "reservation")
    booked = city_reads.reservation(city, item)
    assert (booked["facility_id"], booked["status"]) == (facility, "active")
    assert (booked["name"], booked["phone"]) == (NAME, PHONE)
