"""Rate limits (429 + Retry-After), bounded bodies and pages, settings checks, the CLI's bad input."""

from __future__ import annotations

import subprocess
import sys

import pytest

from city_services import __main__ as cli
from city_services.app import create_app
from city_services.config import EnvironmentSettings, Settings, SettingsError
from city_services.middleware import TokenBuckets

from .conftest import ROOT, complaint


def test_token_bucket_allows_a_burst_then_the_rate():
    buckets = TokenBuckets(rate_per_s=2, burst=3)
    assert [buckets.take("a", 0.0) for _ in range(3)] == [0, 0, 0]
    assert buckets.take("a", 0.0) == pytest.approx(0.5)
    assert buckets.take("b", 0.0) == 0  # another client has its own bucket
    assert buckets.take("a", 0.5) == 0


def test_rate_limited_writes_get_429_with_retry_after(make_client):
    client = make_client(rate_limit=True, write_rate_per_s=0.1, write_burst=2)
    answers = [client.post("/open311/v2/requests.xml", data=complaint()) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert 1 <= int(answers[2].headers["retry-after"]) <= 10  # whole seconds until the next token
    assert b"<errors><error><code>429</code>" in answers[2].content
    assert client.get("/open311/v2/services.json").status_code == 200  # reads have their own budget
    assert client.get("/healthz").status_code == 200


def test_rate_limited_reads_outside_open311_answer_json(make_client):
    client = make_client(rate_limit=True, read_rate_per_s=1, read_burst=1)
    assert client.get("/events/v1/events").status_code == 200
    response = client.get("/events/v1/events")
    assert response.status_code == 429 and response.headers["retry-after"] == "1"
    assert response.json()["detail"].startswith("too many requests")


def test_large_bodies_are_refused_with_413(make_client):
    client = make_client(max_body_bytes=2048)
    response = client.post("/open311/v2/requests.json", data=complaint(description="x" * 3000))
    assert response.status_code == 413 and "larger than 2048 bytes" in response.json()[0]["description"]

    def chunks():  # no Content-Length: the limit still holds while streaming
        for _ in range(10):
            yield b"a" * 500

    response = client.post("/reservations/v1/reservations", content=chunks(),
                           headers={"Content-Type": "application/json"})
    assert response.status_code == 413 and response.json()["detail"].startswith("request body larger")


def test_page_sizes_are_bounded(client):
    assert client.get("/reservations/v1/facilities", params={"page_size": 1001}).status_code == 422
    assert client.get("/open311/v2/requests.json", params={"page_size": 5000}).status_code == 400


@pytest.mark.parametrize("options, expected", [
    ({"rate_limt": True}, "unknown option(s) rate_limt"),
    ({"idempotency_ttl_s": 3600}, "idempotency_ttl_s: keys must be kept at least 7 days"),
    ({"write_rate_per_s": 0}, "write_rate_per_s: must be above 0"),
    ({"max_page_size": 0}, "max_page_size: must be at least 1"),
])
def test_bad_options_are_one_clear_error(tmp_path, options, expected):
    with pytest.raises(SettingsError, match=expected.replace("(", r"\(").replace(")", r"\)")):
        create_app(f"sqlite:///{tmp_path / 'x.sqlite3'}", **options)


def test_unsupported_database_is_refused():
    with pytest.raises(SettingsError, match="only sqlite:// and postgresql://"):
        create_app("mysql://db/city")


def test_settings_round_trip_through_the_environment(monkeypatch):
    options = {"api_keys": ("a", "b"), "rate_limit": False, "write_burst": 7}
    settings = Settings.from_options("sqlite:///x.db", options)
    for name, value in settings.to_environment().items():
        monkeypatch.setenv(name, value)
    assert EnvironmentSettings.read().model_dump() == settings.model_dump()


def test_options_never_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("CITY_SERVICES_WRITE_BURST", "7")
    assert Settings.from_options("sqlite:///x.db", {}).write_burst == 30
    assert EnvironmentSettings.read(database_url="sqlite:///x.db").write_burst == 7


def test_a_bad_environment_variable_is_named(monkeypatch):
    monkeypatch.setenv("CITY_SERVICES_WRITE_BURST", "many")
    with pytest.raises(SettingsError, match="^CITY_SERVICES_WRITE_BURST: Input should be a valid integer"):
        EnvironmentSettings.read(database_url="sqlite:///x.db")


@pytest.mark.parametrize("args, expected", [
    (["--db", "nonsense"], "error: database_url: expected a URL"),
    (["--db", "postgresql://u:topsecret@127.0.0.1:1/x"], "error: database postgresql+psycopg://u:***@127.0.0.1:1/x"),
    (["--port", "0"], "error: --workers must be at least 1 and --port within 1..65535"),
])
def test_cli_bad_input_is_one_error_line_and_status_2(args, expected, capsys):
    assert cli.main(args) == 2
    stderr = capsys.readouterr().err
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(expected), stderr
    assert "topsecret" not in stderr


def test_cli_help_runs_as_a_module():
    result = subprocess.run([sys.executable, "-m", "city_services", "--help"], cwd=ROOT, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0 and "--workers" in result.stdout
