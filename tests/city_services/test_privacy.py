"""Personal data never reaches logs, list views or other residents; a resident sees their own."""

from __future__ import annotations

import logging

import pytest

from .conftest import DEV_KEY, STAFF_KEY, complaint, issue_resident_key, register_resident_keys

NAME, SURNAME = "Seoyeon", "Parkhwang"
PHONE, EMAIL = "010-8642-9753", "seoyeon.private@example.com"
DEVICE, ACCOUNT = "device-6b1f0e", "account-91c2"
RESIDENT = "Vq3nL0c8ZkR2xW7yT5pA9e"  # 22 characters, as the server issues them
OTHER_RESIDENT = "Hb6mJ1s4QfX0uN8dG2rK7w"
PERSONAL = [NAME, SURNAME, PHONE, EMAIL, DEVICE, ACCOUNT, "86429753", "8642-9753"]


@pytest.fixture(autouse=True)
def issued(client):
    register_resident_keys(client, RESIDENT, OTHER_RESIDENT)


def personal_form(**extra):
    fields = dict(first_name=NAME, last_name=SURNAME, phone=PHONE, email=EMAIL, device_id=DEVICE,
                  account_id=ACCOUNT, description=f"Pothole. Call {PHONE} or mail {EMAIL}")
    return complaint(**{**fields, **extra})


def server_log(caplog) -> str:
    """Everything the server side logged (the test's own HTTP client logs its URLs; that is not the server)."""
    return "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records
                     if not r.name.startswith(("httpx", "httpcore")))


def assert_no_personal_data(text: str):
    for value in PERSONAL:
        assert value not in text, value


def test_no_personal_data_in_logs(client, caplog):
    caplog.set_level(logging.DEBUG)
    created = client.post("/open311/v2/requests.json", data=personal_form(),
                          headers={"X-Resident-Key": RESIDENT, "Idempotency-Key": "k1"}).json()[0]
    client.post("/open311/v2/requests.json", data=personal_form(), headers={"Idempotency-Key": "k1"})
    client.post("/open311/v2/requests.xml", data=personal_form(email="broken"))  # a refusal quoting input
    client.get(f"/open311/v2/requests/{created['service_request_id']}.json", headers={"X-Resident-Key": RESIDENT})
    client.get("/open311/v2/requests.json", params={"service_code": EMAIL})
    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    booking = client.post("/reservations/v1/reservations", headers={"X-API-Key": DEV_KEY},
                          json={"slot_id": slot, "people": 2, "name": NAME, "phone": PHONE, "email": EMAIL}).json()
    client.post("/reservations/v1/reservations", headers={"X-API-Key": DEV_KEY},
                json={"slot_id": slot, "people": 2, "name": NAME, "phone": PHONE, "email": "x"})
    client.get(f"/reservations/v1/reservations/{booking['id']}", headers={"X-Reservation-Secret": booking["secret"]})
    client.delete(f"/reservations/v1/reservations/{booking['id']}",
                  headers={"X-Reservation-Secret": booking["secret"], "X-API-Key": DEV_KEY})
    text = server_log(caplog)
    assert "city_services.access GET /open311/v2/requests.json 200" in text  # the log is not simply empty
    assert_no_personal_data(text)
    assert booking["secret"] not in text and RESIDENT not in text


def test_an_unhandled_error_logs_where_not_what(client, caplog, monkeypatch):
    from city_services import open311_service

    def explode(*args, **kwargs):
        raise ValueError(f"cannot store {EMAIL} / {PHONE}")

    monkeypatch.setattr(open311_service, "create_request", explode)
    caplog.set_level(logging.DEBUG)
    response = client.post("/open311/v2/requests.json", data=personal_form())
    assert response.status_code == 500 and response.json() == [{"code": 500, "description": "internal error"}]
    text = server_log(caplog)
    assert "unhandled ValueError on POST /open311/v2/requests.json" in text
    assert_no_personal_data(text)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_public_views_show_no_personal_data(client, fmt):
    created = client.post(f"/open311/v2/requests.{fmt}", data=personal_form(),
                          headers={"X-Resident-Key": RESIDENT}).text
    request_id = client.post("/open311/v2/requests.json", data=personal_form(),
                             headers={"X-Resident-Key": RESIDENT}).json()[0]["service_request_id"]
    assert ACCOUNT in created  # the answer to the resident's own POST echoes account_id, as the spec says
    for path in ("requests", f"requests/{request_id}"):
        for headers in ({}, {"X-Resident-Key": OTHER_RESIDENT}):
            body = client.get(f"/open311/v2/{path}.{fmt}", headers=headers).text
            assert_no_personal_data(body)
            if path == "requests":
                assert "[hidden]" in body or headers  # the public description is masked
    public = client.get(f"/open311/v2/requests/{request_id}.json").json()[0]
    assert public["description"] == "Pothole. Call [hidden] or mail [hidden]"
    assert "attributes" not in public and "email" not in public


def test_a_resident_sees_their_own_requests_and_details_only(client):
    mine = client.post("/open311/v2/requests.json", data=personal_form(),
                       headers={"X-Resident-Key": RESIDENT}).json()[0]["service_request_id"]
    theirs = client.post("/open311/v2/requests.json", data=complaint(first_name="Other", phone="010-0000-1111"),
                         headers={"X-Resident-Key": OTHER_RESIDENT}).json()[0]["service_request_id"]
    anonymous = client.post("/open311/v2/requests.json", data=complaint()).json()[0]["service_request_id"]

    listed = client.get("/open311/v2/requests.json", headers={"X-Resident-Key": RESIDENT}).json()
    assert [r["service_request_id"] for r in listed] == [mine]
    (own,) = listed
    assert (own["first_name"], own["last_name"], own["phone"], own["email"], own["device_id"],
            own["account_id"]) == (NAME, SURNAME, PHONE, EMAIL, DEVICE, ACCOUNT)
    assert own["description"] == f"Pothole. Call {PHONE} or mail {EMAIL}"
    assert {a["code"] for a in own["attributes"]} == {"damage_type", "lane"}

    others = client.get(f"/open311/v2/requests/{mine}.json", headers={"X-Resident-Key": OTHER_RESIDENT}).json()[0]
    assert "phone" not in others
    everyone = [r["service_request_id"] for r in client.get("/open311/v2/requests.json").json()]
    assert set(everyone) == {mine, theirs, anonymous}


def test_resident_key_must_look_like_a_secret(client):
    response = client.get("/open311/v2/requests.json", headers={"X-Resident-Key": "short"})
    assert response.status_code == 400 and "x-resident-key" in response.json()[0]["description"].lower()


def test_staff_notes_are_public_but_staff_keys_are_required(client):
    request_id = client.post("/open311/v2/requests.json", data=complaint()).json()[0]["service_request_id"]
    path = f"/staff/v1/requests/{request_id}/updates"
    assert client.post(path, json={"status_detail": "in_progress"}).status_code == 403
    assert client.post(path, json={"status_detail": "in_progress"}, headers={"X-Staff-Key": DEV_KEY}).status_code == 403
    response = client.post(path, json={"status_detail": "lost"}, headers={"X-Staff-Key": STAFF_KEY})
    assert response.status_code == 422 and response.json()["detail"].startswith("status_detail:")
    response = client.post(path, json={"status_detail": "action_scheduled", "notes": "Crew booked for Friday."},
                           headers={"X-Staff-Key": STAFF_KEY})
    assert response.status_code == 201 and response.json()["status"] == "open"
    assert client.get(f"/open311/v2/requests/{request_id}.json").json()[0]["status_notes"] == "Crew booked for Friday."
    assert client.post("/staff/v1/requests/424242/updates", json={"status_detail": "fixed"},
                       headers={"X-Staff-Key": STAFF_KEY}).status_code == 404


# --- phone numbers however written, personal data in public text, issued resident keys -------------

@pytest.mark.parametrize("spelling", ["82 10 1234 5678", "0082 10 1234 5678", "+82 010-1234-5678", "010 1234 5678",
                                      "010 (1234) 5678"])
def test_the_per_person_quota_holds_however_the_phone_is_written(make_client, spelling):
    client = make_client()
    tennis = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"]
    headers = {"X-API-Key": DEV_KEY}

    def book(slot, phone):
        return client.post("/reservations/v1/reservations", headers=headers,
                           json={"slot_id": slot["id"], "people": 2, "name": "김서울", "phone": phone})

    assert book(tennis[10], "010-1234-5678").status_code == 201
    assert book(tennis[10], spelling).json()["reason"] == "already_booked"
    assert book(tennis[11], spelling).status_code == 201  # quota 2
    assert book(tennis[12], spelling).json()["reason"] == "quota_exceeded"


@pytest.mark.parametrize("text", [
    "Call 010 8642 9753", "Call 010/8642/9753", "Call 010.8642.9753", "Call 0 1 0 8 6 4 2 9 7 5 3",
    "Call +82 10 8642 9753", "Call 82-10-8642-9753", "Call 0082 10 8642 9753", "Call ０１０－８６４２－９７５３",
    "Call (02) 3780 0531", "Mail seoyeon.private@example.com", "Mail seoyeon.private @ example . com",
    "Mail seoyeon.private(at)example(dot)com", "Mail seoyeon.private [at] example [dot] com",
    "Mail seoyeon.private at example dot com", "Mail seoyeon.private＠example．com",
])
def test_contact_details_in_public_text_are_masked_however_written(client, text):
    request_id = client.post("/open311/v2/requests.json", data=complaint(description=f"{text} please"),
                             headers={"X-Resident-Key": RESIDENT}).json()[0]["service_request_id"]
    public = client.get(f"/open311/v2/requests/{request_id}.json").json()[0]
    assert public["description"].endswith("[hidden] please") and "8642" not in public["description"]
    assert "seoyeon" not in public["description"] and "3780" not in public["description"]
    own = client.get(f"/open311/v2/requests/{request_id}.json", headers={"X-Resident-Key": RESIDENT}).json()[0]
    assert own["description"] == f"{text} please"


def test_ordinary_numbers_and_sentences_stay_readable(client):
    text = "Since 2026-12-01 10:30, lane 3 of 4, pole 12345678, 1,200 m from exit 7. The lamp at school. Fix it"
    request_id = client.post("/open311/v2/requests.json", data=complaint(description=text)).json()[0]
    assert client.get(f"/open311/v2/requests/{request_id['service_request_id']}.json").json()[0]["description"] == text


def test_staff_notes_with_personal_data_are_masked_in_public_views(client):
    request_id = client.post("/open311/v2/requests.json", data=complaint(),
                             headers={"X-Resident-Key": RESIDENT}).json()[0]["service_request_id"]
    notes = "Called the resident on 010 8642 9753; reply to seoyeon.private@example.com"
    client.post(f"/staff/v1/requests/{request_id}/updates", headers={"X-Staff-Key": STAFF_KEY},
                json={"status_detail": "in_progress", "notes": notes})
    for fmt in ("json", "xml"):
        for path in (f"requests/{request_id}.{fmt}", f"requests.{fmt}"):
            body = client.get(f"/open311/v2/{path}").text
            assert "8642" not in body and "seoyeon" not in body and "[hidden]" in body
    own = client.get(f"/open311/v2/requests/{request_id}.json", headers={"X-Resident-Key": RESIDENT}).json()[0]
    assert own["status_notes"] == notes and own["updates"][-1]["notes"] == notes


def test_resident_keys_are_issued_by_the_server_with_128_random_bits(client):
    first, second = issue_resident_key(client), issue_resident_key(client)
    assert first != second and len(first) == 22  # 16 random bytes, URL-safe base64
    assert client.post("/residents/v1/keys").status_code == 403  # an api_key is needed
    mine = client.post("/open311/v2/requests.json", data=complaint(),
                       headers={"X-Resident-Key": first}).json()[0]["service_request_id"]
    listed = client.get("/open311/v2/requests.json", headers={"X-Resident-Key": first}).json()
    assert [r["service_request_id"] for r in listed] == [mine]
    assert client.get("/open311/v2/requests.json", headers={"X-Resident-Key": second}).json() == []


@pytest.mark.parametrize("path", ["requests.json", "requests/1.json", "requests.xml"])
def test_made_up_resident_keys_are_refused(client, path):
    client.post("/open311/v2/requests.json", data=complaint())
    guessable = "aaaaaaaaaaaaaaaa"
    response = client.get(f"/open311/v2/{path}", headers={"X-Resident-Key": guessable})
    assert response.status_code == 403 and b"not a key this server issued" in response.content
    filed = client.post("/open311/v2/requests.json", data=complaint(), headers={"X-Resident-Key": guessable})
    assert filed.status_code == 403
