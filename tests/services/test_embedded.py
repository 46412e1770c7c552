"""--api-url: a city's URL is used as given; `embedded` starts the reference server in-process."""

import pytest
import requests

from metaverse_seoul.services.client import CityServicesClient
from metaverse_seoul.services.embedded import DATABASE_FILE, EmbeddedServer, resolve_api_url


@pytest.mark.parametrize("setting, url", [
    ("https://api.seoul.example/city/", "https://api.seoul.example/city"),
    ("http://127.0.0.1:8311", "http://127.0.0.1:8311"),
])
def test_a_city_url_is_used_as_given(setting, url):
    assert resolve_api_url(setting) == (url, None)


@pytest.mark.parametrize("setting", ["", "localhost:8311", "ftp://example.org", "https://", "embeded"])
def test_anything_else_is_one_clear_line(setting):
    with pytest.raises(ValueError) as error:
        resolve_api_url(setting)
    message = str(error.value)
    assert "\n" not in message and message.startswith("expected 'embedded' or an http(s):// URL, got")


def test_embedded_server_starts_answers_and_stops(tmp_path, monkeypatch):
    monkeypatch.setenv("METAVERSE_SEOUL_DATA_DIR", str(tmp_path))
    url, server = resolve_api_url("embedded")
    try:
        assert url.startswith("http://127.0.0.1:") and server.running
        assert requests.get(url + "/healthz", timeout=5).ok
        with CityServicesClient(url, api_key="metaverse-seoul-dev") as client:
            codes = {service.service_code for service in client.services()}
            assert {"road-damage", "noise", "other"} <= codes
            assert client.events()  # seeded with the Seoul Lantern Festival
    finally:
        server.stop()
    assert not server.running
    assert (tmp_path / DATABASE_FILE).exists()  # in the user data folder, kept for the next start
    with pytest.raises(requests.ConnectionError):
        requests.get(url + "/healthz", timeout=2)


def test_a_damaged_database_file_is_named_in_the_error(tmp_path):
    (tmp_path / DATABASE_FILE).write_bytes(b"this is not a database" * 100)
    with pytest.raises(Exception) as error:
        EmbeddedServer(tmp_path).start(timeout=10)
    assert str(tmp_path / DATABASE_FILE) in str(error.value)
