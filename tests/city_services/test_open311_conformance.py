"""Open311 GeoReport v2 conformance, every endpoint in both formats (JSON and the required XML)."""

from __future__ import annotations

import pytest

from city_services import open311_service

from .conftest import DEV_KEY, STAFF_KEY, complaint, issue_resident_key
from .open311_xml import as_xml_text, parse

FORMATS = ["json", "xml"]
SEEDED_SERVICES = {"road-damage", "illegal-parking", "broken-streetlight", "noise", "illegal-dumping",
                   "accessibility-barrier", "park-facilities", "other"}
DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}


def read(response, fmt):
    """The body as Python data; XML is read into the same shape as JSON."""
    if fmt == "json":
        assert response.headers["content-type"].startswith("application/json")
        return response.json()
    assert response.headers["content-type"] == "text/xml; charset=utf-8"
    return parse(response.content)


def errors_of(response, fmt, status):
    assert response.status_code == status, response.text
    items = read(response, fmt)
    assert items and all(set(item) == {"code", "description"} for item in items)
    assert all(str(item["code"]) == str(status) for item in items)
    return [item["description"] for item in items]


def file(client, fmt="json", headers=None, **fields):
    response = client.post(f"/open311/v2/requests.{fmt}", data=complaint(**fields), headers=headers or {})
    assert response.status_code == 200, response.text
    return read(response, fmt)[0]


@pytest.mark.parametrize("fmt", FORMATS)
def test_discovery_names_the_georeport_v2_endpoint_and_both_formats(client, fmt):
    body = read(client.get(f"/open311/v2/discovery.{fmt}"), fmt)
    assert {"changeset", "contact", "key_service", "endpoints"} <= set(body)
    (endpoint,) = body["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    assert endpoint["type"] == "production"


@pytest.mark.parametrize("fmt", FORMATS)
def test_services_lists_the_seeded_seoul_services_with_spec_fields(client, fmt):
    services = read(client.get(f"/open311/v2/services.{fmt}"), fmt)
    assert {s["service_code"] for s in services} == SEEDED_SERVICES
    for service in services:
        assert set(service) == {"service_code", "service_name", "description", "metadata", "type", "keywords",
                                "group"}
        assert service["type"] == "realtime"
        assert str(service["metadata"]).lower() == "true"  # every seeded service has attributes


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("code", sorted(SEEDED_SERVICES))
def test_every_service_definition_is_a_usable_form(client, fmt, code):
    definition = read(client.get(f"/open311/v2/services/{code}.{fmt}"), fmt)
    assert definition["service_code"] == code
    attributes = definition["attributes"]
    assert [int(a["order"]) for a in attributes] == list(range(1, len(attributes) + 1))
    for attribute in attributes:
        assert {"variable", "code", "datatype", "required", "datatype_description", "order", "description",
                "values"} == set(attribute)
        assert attribute["datatype"] in DATATYPES and attribute["description"]
        is_list = attribute["datatype"].endswith("valuelist")
        values = attribute["values"] or []
        assert bool(values) == is_list, attribute["code"]
        assert all(v["key"] and v["name"] for v in values)
    assert any(str(a["required"]).lower() == "true" for a in attributes)


def test_locale_ko_gives_korean_names_and_forms(client):
    services = client.get("/open311/v2/services.json", params={"locale": "ko"}).json()
    assert {s["service_code"]: s["service_name"] for s in services}["road-damage"] == "도로 파손"
    definition = client.get("/open311/v2/services/road-damage.json", params={"locale": "ko"}).json()
    lane = next(a for a in definition["attributes"] if a["code"] == "lane")
    assert lane["description"] == "도로의 어느 부분인가요?"
    assert {v["name"] for v in lane["values"]} == {"차도", "보도", "자전거도로"}


@pytest.mark.parametrize("fmt", FORMATS)
def test_unknown_service_definition_is_the_spec_404(client, fmt):
    (message,) = errors_of(client.get(f"/open311/v2/services/no-such.{fmt}"), fmt, 404)
    assert "no-such" in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_answers_id_and_token_and_the_request_reads_back(client, fmt):
    created = file(client, fmt, address_string="세종대로 110", lat=None, long=None)
    assert set(created) == {"service_request_id", "token", "service_notice", "account_id"}
    request_id, token = created["service_request_id"], created["token"]

    (request,) = read(client.get(f"/open311/v2/requests/{request_id}.{fmt}"), fmt)
    assert request["service_request_id"] == request_id
    assert request["service_code"] == "road-damage" and request["service_name"] == "Road damage"
    assert request["status"] == "open" and request["status_detail"] == "received"
    assert request["address"] == "세종대로 110"
    assert request["agency_responsible"] and request["requested_datetime"].endswith("+09:00")
    assert request["expected_datetime"] > request["requested_datetime"]
    for field in ("status_notes", "description", "service_notice", "updated_datetime", "address_id", "zipcode",
                  "lat", "long", "media_url"):
        assert field in request

    (lookup,) = read(client.get(f"/open311/v2/tokens/{token}.{fmt}"), fmt)
    assert lookup == {"service_request_id": request_id, "token": token}


def test_multivaluelist_and_datetime_attributes_are_accepted(client):
    resident = issue_resident_key(client)
    form = [("api_key", DEV_KEY), ("service_code", "illegal-parking"), ("lat", "37.57"), ("long", "126.98"),
            ("attribute[vehicle_type]", "car"), ("attribute[blocking][]", "crosswalk"),
            ("attribute[blocking][]", "hydrant"), ("attribute[observed_at]", "2026-12-01T09:30:00+09:00")]
    response = client.post("/open311/v2/requests.json", content=_encode(form),
                           headers={"Content-Type": "application/x-www-form-urlencoded",
                                    "X-Resident-Key": resident})
    assert response.status_code == 200, response.text
    request_id = response.json()[0]["service_request_id"]
    (mine,) = client.get(f"/open311/v2/requests/{request_id}.json",
                         headers={"X-Resident-Key": resident}).json()
    assert {a["code"]: a["values"] for a in mine["attributes"]}["blocking"] == ["crosswalk", "hydrant"]


def test_multipart_form_is_accepted_too(client):
    response = client.post("/open311/v2/requests.json", data=complaint(), files={"unused": ("x.txt", b"x")})
    # A file part is not a field the spec knows; the text fields still make a valid request.
    assert response.status_code in (200, 400)
    response = client.post("/open311/v2/requests.json", files={k: (None, v) for k, v in complaint().items()})
    assert response.status_code == 200, response.text


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("fields, status, expected", [
    ({"api_key": None}, 403, "api_key"),
    ({"api_key": "wrong"}, 403, "api_key"),
    ({"service_code": None}, 400, "service_code is required"),
    ({"service_code": "no-such"}, 404, "service_code 'no-such' not found"),
    ({"jurisdiction_id": "busan.go.kr"}, 404, "jurisdiction_id"),
    ({"lat": None, "long": None}, 400, "location"),
    ({"long": None}, 400, "lat and long: give both"),
    ({"lat": "north"}, 400, "decimal degrees"),
    ({"lat": "95"}, 400, "out of range"),
    ({"description": "x" * 4001}, 400, "description: at most 4000"),
    ({"attribute[lane]": "river"}, 400, "attribute[lane]: 'river' is not one of"),
    ({"attribute[lane]": None}, 400, "attribute[lane]: required"),
    ({"attribute[colour]": "red"}, 400, "attribute[colour]: service road-damage has no such attribute"),
    ({"attribute[size_cm]": "big"}, 400, "attribute[size_cm]: must be a number"),
    ({"email": "not-an-address"}, 400, "email"),
    ({"phone": "call me"}, 400, "phone"),
    ({"media_url": "ftp://x/y.jpg"}, 400, "media_url"),
])
def test_post_errors_are_the_spec_error_list(client, fmt, fields, status, expected):
    response = client.post(f"/open311/v2/requests.{fmt}", data=complaint(**fields))
    messages = errors_of(response, fmt, status)
    assert any(expected in m for m in messages), messages


def test_every_problem_of_a_form_is_reported_at_once(client):
    response = client.post("/open311/v2/requests.json",
                           data=complaint(lat=None, long=None, **{"attribute[lane]": None, "email": "x"}))
    assert len(errors_of(response, "json", 400)) == 3


@pytest.mark.parametrize("fmt", FORMATS)
def test_post_must_be_form_encoded(client, fmt):
    response = client.post(f"/open311/v2/requests.{fmt}", json=complaint())
    (message,) = errors_of(response, fmt, 400)
    assert "x-www-form-urlencoded" in message


@pytest.mark.parametrize("fmt", FORMATS)
def test_requests_filters(client, clock, fmt):
    first = file(client, description="first")["service_request_id"]
    clock.advance(days=1)
    light = file(client, service_code="broken-streetlight", **{
        "attribute[damage_type]": None, "attribute[lane]": None, "attribute[pole_number]": "종로-1234",
        "attribute[problem]": "off"})["service_request_id"]
    clock.advance(days=1)
    third = file(client, description="third")["service_request_id"]
    closed = client.post(f"/staff/v1/requests/{third}/updates", json={"status_detail": "fixed", "notes": "Patched."},
                         headers={"X-Staff-Key": STAFF_KEY})
    assert closed.status_code == 201, closed.text

    def ids(**params):
        return [r["service_request_id"] for r in read(client.get(f"/open311/v2/requests.{fmt}", params=params), fmt)]

    assert ids() == [third, light, first]  # newest first, last 90 days
    assert ids(service_code="broken-streetlight") == [light]
    assert ids(service_code="broken-streetlight,road-damage") == [third, light, first]
    assert ids(status="closed") == [third]
    assert ids(status="open") == [light, first]
    assert ids(status="open,closed") == [third, light, first]
    assert ids(service_request_id=f"{first},{third}", status="open") == [third, first]  # other filters ignored
    assert ids(start_date="2026-12-02T00:00:00+09:00") == [third, light]
    assert ids(end_date="2026-12-01T23:59:59+09:00") == [first]
    assert ids(start_date="2026-12-03T00:00:00Z", end_date="2026-12-03T23:59:59Z") == [third]
    assert ids(page_size="2") == [third, light] and ids(page_size="2", page="2") == [first]

    (request,) = read(client.get(f"/open311/v2/requests/{third}.{fmt}"), fmt)
    assert request["status"] == "closed" and request["status_notes"] == "Patched."
    assert [u["status_detail"] for u in request["updates"]] == ["received", "fixed"]


def test_default_window_is_the_last_90_days(client, clock):
    old = file(client)["service_request_id"]
    clock.advance(days=91)
    new = file(client)["service_request_id"]
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json").json()] == [new]
    window = {"start_date": "2026-11-30T00:00:00+09:00", "end_date": "2027-01-30T00:00:00+09:00"}
    assert [r["service_request_id"] for r in client.get("/open311/v2/requests.json", params=window).json()] == [old]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("params, expected", [
    ({"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"}, "at most 90 days apart"),
    ({"start_date": "yesterday"}, "start_date: not an ISO 8601"),
    ({"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"}, "earlier than start_date"),
    ({"status": "pending"}, "status: 'pending' is not open or closed"),
    ({"service_request_id": "abc"}, "is not a request id"),
    ({"page_size": "0"}, "page_size"),
    ({"page_size": "1001"}, "page_size: at most 1000"),
    ({"service_request_id": ""}, "service_request_id: empty"),  # schemathesis: breaks the documented pattern
    ({"start_date": ""}, "start_date: empty"),
])
def test_bad_filters_are_400_with_the_reason(client, fmt, params, expected):
    messages = errors_of(client.get(f"/open311/v2/requests.{fmt}", params=params), fmt, 400)
    assert any(expected in m for m in messages), messages


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("path", ["requests/999", "requests/abc", "tokens/no-such-token"])
def test_unknown_request_or_token_is_404(client, fmt, path):
    errors_of(client.get(f"/open311/v2/{path}.{fmt}"), fmt, 404)


@pytest.mark.parametrize("fmt", FORMATS)
def test_foreign_jurisdiction_is_404_and_ours_is_fine(client, fmt):
    errors_of(client.get(f"/open311/v2/services.{fmt}", params={"jurisdiction_id": "nyc.gov"}), fmt, 404)
    assert client.get(f"/open311/v2/services.{fmt}", params={"jurisdiction_id": "seoul.go.kr"}).status_code == 200


def test_xml_and_json_say_the_same_on_every_endpoint(client):
    created = file(client, description="same in both formats", media_url="https://example.org/p.jpg")
    paths = ["discovery", "services", "services/noise", "services/illegal-parking", "requests",
             f"requests/{created['service_request_id']}", f"tokens/{created['token']}"]
    for path in paths:
        as_json = client.get(f"/open311/v2/{path}.json").json()
        as_xml = read(client.get(f"/open311/v2/{path}.xml"), "xml")
        assert as_xml == as_xml_text(as_json), path


def test_seeded_attribute_definitions_are_self_consistent():
    """The seed must give every list attribute unique keys, and never a required non-variable one."""
    from city_services.seed_data import SERVICES

    for service in SERVICES:
        codes = [a["code"] for a in service["attributes"]]
        assert len(codes) == len(set(codes)), service["code"]
        for attribute in service["attributes"]:
            keys = [v["key"] for v in attribute["values"]]
            assert len(keys) == len(set(keys))
            assert attribute["variable"] or not attribute["required"]
            assert open311_service.localized(attribute["description"], "ko")


def _encode(items):
    from urllib.parse import urlencode

    return urlencode(items).encode()
