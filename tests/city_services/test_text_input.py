"""Bytes: control characters are refused with a 400 naming the field, XML is always well-formed, date
ranges are bounded, odd paths never reach a 500, and the access log cannot be forged. On both databases
where the database matters (NUL is refused by PostgreSQL itself)."""

from __future__ import annotations

import json
import logging
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from city_services.models import ServiceRequest

from .conftest import DEV_KEY, STAFF_KEY, complaint

KEY = {"X-API-Key": DEV_KEY}
BAD = ["\x00", "\x08", "\x0b", "\x0c", "\x1f", "\ufffe", "\uffff"]
FORM_FIELDS = ["description", "address_string", "address_id", "email", "first_name", "last_name", "phone",
               "device_id", "account_id", "media_url", "service_code", "jurisdiction_id", "api_key",
               "attribute[lane]", "attribute[damage_type]"]


@pytest.fixture
def city(database_url, make_client):
    return make_client(database_url)


def first_slot(client) -> int:
    return client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]


@pytest.mark.parametrize("field", FORM_FIELDS)
def test_control_characters_in_a_complaint_field_are_a_400_naming_it(city, field):
    for char in BAD:
        response = city.post("/open311/v2/requests.json", data=complaint(**{field: f"a{char}b"}))
        assert response.status_code == 400, (field, char, response.text)
        code = f"U+{ord(char):04X}"
        assert response.json() == [{"code": 400, "description": f"{field}: control character {code} is not allowed"}]
    assert city.get("/open311/v2/requests.json").json() == []


def test_tab_and_line_breaks_stay_allowed(city):
    response = city.post("/open311/v2/requests.json", data=complaint(description="line one\r\nline two\tend"))
    assert response.status_code == 200


def test_multipart_forms_are_checked_too(city):
    response = city.post("/open311/v2/requests.xml", files={"x": (None, "")},
                         data=complaint(description="nul \x00 here"))
    assert response.status_code == 400 and b"description: control character U+0000" in response.content


@pytest.mark.parametrize("field, value", [("name", "김\x00서울"), ("email", "a\x1bb@example.com"),
                                          ("phone", "010-1234-5678\ud800")])
def test_control_characters_in_a_booking_are_a_400_naming_the_field(city, field, value):
    body = {"slot_id": first_slot(city), "people": 2, "name": "김서울", "phone": "010-1234-5678", field: value}
    response = city.post("/reservations/v1/reservations", content=json.dumps(body),
                         headers={**KEY, "Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.json()["detail"] == f"{field}: control character U+{ord(value[-1] if field == 'phone' else value[1]):04X} is not allowed"


def test_control_characters_in_staff_notes_are_refused(city):
    request_id = city.post("/open311/v2/requests.json", data=complaint()).json()[0]["service_request_id"]
    response = city.post(f"/staff/v1/requests/{request_id}/updates", headers={"X-Staff-Key": STAFF_KEY},
                         json={"status_detail": "in_progress", "notes": "bad\x07bell"})
    assert response.status_code == 400 and response.json()["detail"].startswith("notes: control character U+0007")


@pytest.mark.parametrize("path", ["/events/v1/events?scene_id=a%00b", "/open311/v2/requests.xml?service_code=a%01",
                                  "/reservations/v1/facilities?district=%EF%BF%BE", "/events/v1/events/x%00y",
                                  "/open311/v2/tokens/a%0Ab.json"])
def test_control_characters_in_queries_and_paths_are_a_400_even_unauthenticated(city, path):
    response = city.get(path)
    assert response.status_code == 400, response.text
    if ".xml" in path:
        ElementTree.fromstring(response.content)


def test_xml_stays_well_formed_with_rows_stored_before_the_check(city):
    request_id = city.post("/open311/v2/requests.json", data=complaint()).json()[0]["service_request_id"]
    with city.app.state.city.database.write_session() as session:
        session.execute(update(ServiceRequest).where(ServiceRequest.id == int(request_id))
                        .values(description="old \x0b row \x1f", status_notes="\ufffe"))
    root = ElementTree.fromstring(city.get("/open311/v2/requests.xml").content)
    assert root.find("request/description").text == "old \ufffd row \ufffd"


@pytest.mark.parametrize("path", ["/reservations/v1/facilities/S-SPORT-0001/slots", "/events/v1/events"])
@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_dates_out_of_range_are_a_400_not_a_500(city, path, day, caplog):
    for param in ("from", "to"):
        response = city.get(path, params={param: day})
        assert response.status_code == 400, response.text
        assert response.json() == {"detail": f"{param}: must be between 2000-01-01 and 2999-12-31"}
    assert "Traceback" not in caplog.text and "unhandled" not in caplog.text


def test_a_keyed_post_to_a_long_path_is_no_500(city):
    for path in ("/reservations/v1/" + "x" * 400, "/staff/v1/requests/" + "9" * 400 + "/updates"):
        response = city.post(path, json={}, headers={"Idempotency-Key": "long", "X-Staff-Key": STAFF_KEY})
        assert response.status_code < 500, (path, response.text)


def test_access_log_lines_cannot_be_forged(client, caplog):
    caplog.set_level(logging.INFO, logger="city_services.access")
    client.get("/events/v1/events%0A2026-12-01 GET /forged 200 1.0ms")
    (line,) = [r.getMessage() for r in caplog.records if r.name == "city_services.access"]
    assert "\n" not in line and line.startswith("GET /events/v1/events\\u000a2026-12-01 GET /forged 200 1.0ms 400")


# Every text field, any text: never a 5xx, and every XML view still parses.
ANY_TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)
HYPOTHESIS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                            HealthCheck.too_slow])


def assert_xml_views_parse(client):
    for path in ("/open311/v2/requests.xml", "/open311/v2/services.xml", "/open311/v2/services/other.xml"):
        response = client.get(path)
        assert response.status_code < 500
        ElementTree.fromstring(response.content)


def as_form_text(text: str) -> str:
    return text.encode("utf-8", "replace").decode("utf-8")  # a form cannot carry a lone surrogate


@HYPOTHESIS
@given(field=st.sampled_from(FORM_FIELDS + ["attribute[subject]"]), text=ANY_TEXT)
def test_any_complaint_text_gives_no_5xx_and_well_formed_xml(city, field, text):
    if field == "attribute[subject]":  # a string attribute of the service "other"
        form = {"api_key": DEV_KEY, "service_code": "other", "address_string": "Seoul", field: as_form_text(text)}
    else:
        form = complaint(**{field: as_form_text(text)})
    for fmt in ("json", "xml"):
        response = city.post(f"/open311/v2/requests.{fmt}", data=form)
        assert response.status_code < 500, response.text
        if fmt == "xml":
            ElementTree.fromstring(response.content)
    assert_xml_views_parse(city)


@HYPOTHESIS
@given(field=st.sampled_from(["name", "phone", "email"]), text=ANY_TEXT, notes=ANY_TEXT)
def test_any_booking_or_staff_text_gives_no_5xx(city, field, text, notes):
    body = {"slot_id": first_slot(city), "people": 2, "name": "김서울", "phone": "010-1234-5678", field: text}
    response = city.post("/reservations/v1/reservations", content=json.dumps(body),
                         headers={**KEY, "Content-Type": "application/json"})
    assert response.status_code < 500, response.text
    response = city.post("/staff/v1/requests/1/updates", headers={"X-Staff-Key": STAFF_KEY},
                         content=json.dumps({"status_detail": "in_progress", "notes": notes}))
    assert response.status_code < 500, response.text


@HYPOTHESIS
@given(text=ANY_TEXT)
def test_any_query_or_path_text_gives_no_5xx(city, text):
    text = as_form_text(text)
    for path, params in (("/events/v1/events", {"scene_id": text}), ("/open311/v2/requests.xml", {"service_code": text}),
                         ("/reservations/v1/facilities", {"district": text}), ("/open311/v2/requests.xml",
                                                                               {"start_date": text})):
        response = city.get(path, params=params)
        assert response.status_code < 500, response.text
        if path.endswith(".xml"):
            ElementTree.fromstring(response.content)
    from urllib.parse import quote
    for path in (f"/events/v1/events/{quote(text, safe='')}", f"/open311/v2/tokens/{quote(text, safe='')}.xml"):
        response = city.get(path)
        assert response.status_code < 500, response.text
