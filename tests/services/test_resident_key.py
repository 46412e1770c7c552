"""The app's resident key: issued by the server on the first complaint, kept in the data folder (only
the user can read it), sent with every complaint, and it shows the resident their own requests."""

import json
import stat

import pytest

from metaverse_seoul.services.client import CityServicesClient, new_idempotency_key
from metaverse_seoul.services.embedded import EmbeddedServer
from metaverse_seoul.services.resident_key import KEYS_FILE, ResidentKeyFile

API_KEY = "metaverse-seoul-dev"
COMPLAINT = {"service_code": "other", "lat": 37.5665, "long": 126.978, "attributes": {"subject": "Bench"},
             "description": "Broken bench; call me on 010 8642 9753", "phone": "010-8642-9753"}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with EmbeddedServer(tmp_path_factory.mktemp("server"), rate_limit=False) as running:
        yield running


def client_in(server, data_dir):
    return CityServicesClient(server.url, api_key=API_KEY, timeout=(2, 10),
                              resident_keys=ResidentKeyFile("embedded", data_dir))


def test_the_app_files_with_its_key_and_sees_its_own_requests(server, tmp_path):
    with client_in(server, tmp_path) as client:
        mine = client.submit_request(**COMPLAINT, idempotency_key=new_idempotency_key())
        (own,) = client.my_requests()
        assert own.service_request_id == mine.service_request_id
        assert own.raw["phone"] == "010-8642-9753"  # contact details, for the resident only
        public = client.request(mine.service_request_id)
        assert "8642" not in (public.description or "")
    stored = tmp_path / KEYS_FILE
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    key = json.loads(stored.read_text())["embedded"]
    assert len(key) == 22
    with client_in(server, tmp_path) as again:  # the next start of the app keeps the key
        assert [r.service_request_id for r in again.my_requests()] == [mine.service_request_id]
    assert json.loads(stored.read_text())["embedded"] == key


def test_a_key_the_server_does_not_know_is_replaced(server, tmp_path):
    (tmp_path / KEYS_FILE).write_text(json.dumps({"embedded": "Zz9yX8wV7uT6sR5qP4oN3m"}))
    with client_in(server, tmp_path) as client:
        filed = client.submit_request(**COMPLAINT, idempotency_key=new_idempotency_key())
        assert [r.service_request_id for r in client.my_requests()] == [filed.service_request_id]
    assert json.loads((tmp_path / KEYS_FILE).read_text())["embedded"] != "Zz9yX8wV7uT6sR5qP4oN3m"


def test_without_a_key_file_the_app_files_anonymously(server):
    with CityServicesClient(server.url, api_key=API_KEY, timeout=(2, 10)) as client:
        client.submit_request(**COMPLAINT, idempotency_key=new_idempotency_key())
        assert client.my_requests() == []
