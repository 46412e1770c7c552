"""Fixtures for the city-services server tests: apps on fresh SQLite files, a private PostgreSQL
cluster (started once per session with scripts/pg_test_server.py), a settable clock, and a real
uvicorn server on loopback for the concurrency tests."""

from __future__ import annotations

import itertools
import os
import shutil
import warnings
from datetime import datetime, timedelta
from pathlib import Path

import pytest

with warnings.catch_warnings():  # starlette asks for httpx2, which is not needed for these tests
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

import pg_test_server  # scripts/, on the path from tests/conftest.py
from city_server import CityServerProcess

from city_services.app import create_app
from city_services.db import Database
from city_services.seed import seed
from city_services.timeutil import SEOUL

ROOT = Path(__file__).resolve().parents[2]
DEV_KEY = "metaverse-seoul-dev"
STAFF_KEY = "metaverse-seoul-staff-dev"
# A fixed "now" well inside the demo facilities' receipt period: Tuesday 2026-12-01, 10:00 in Seoul.
START = datetime(2026, 12, 1, 10, 0, tzinfo=SEOUL)


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, now: datetime = START):
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    """A migrated, seeded SQLite file (seeded at START); tests start from copies of it, which is much
    faster than migrating and seeding a new file every time."""
    path = tmp_path_factory.mktemp("template") / "city.sqlite3"
    database = Database(f"sqlite:///{path}")
    database.migrate()
    seed(database, START)
    database.dispose()
    return path


@pytest.fixture
def make_client(tmp_path, clock, sqlite_template):
    """Build a TestClient; options go to create_app (rate limits off by default). Without a database
    URL it runs on a fresh copy of the seeded SQLite template."""
    clients = []
    counter = itertools.count()

    def make(database_url: str | None = None, **options) -> TestClient:
        options.setdefault("rate_limit", False)
        options.setdefault("clock", clock)
        if database_url is None:
            path = tmp_path / f"city{next(counter)}.sqlite3"
            shutil.copyfile(sqlite_template, path)
            database_url = f"sqlite:///{path}"
            options.setdefault("migrate", False)
            options.setdefault("seed", False)
        client = TestClient(create_app(database_url, **options))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client):
    return make_client()


@pytest.fixture(scope="session")
def pg_cluster():
    """A throwaway PostgreSQL cluster. Missing PostgreSQL is a failure, not a skip: CI installs it."""
    try:
        cluster = pg_test_server.PostgresCluster().start()
    except pg_test_server.PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL tests cannot run: {exc}", pytrace=False)
    yield cluster
    cluster.stop()


_pg_databases = itertools.count()


@pytest.fixture
def pg_url(pg_cluster):
    """A fresh, empty database in the session's cluster."""
    return pg_cluster.create_database(f"test_{os.getpid()}_{next(_pg_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'city.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def run_server(tmp_path, sqlite_template):
    """Start `python -m city_services` on a free loopback port and wait until /healthz answers.
    Without a database URL it runs on a fresh copy of the seeded SQLite template."""
    started = []

    def run(database_url: str | None, *extra_args: str) -> CityServerProcess:
        if database_url is None:
            path = tmp_path / f"server{len(started)}.sqlite3"
            shutil.copyfile(sqlite_template, path)
            database_url = f"sqlite:///{path}"
        server = CityServerProcess(database_url, tmp_path / f"server{len(started)}.log", *extra_args)
        started.append(server)
        return server.wait_until_up(timeout=30)

    yield run
    for server in started:
        server.stop()


def complaint(**fields) -> dict:
    """A valid POST requests form for road-damage, with overrides."""
    form = {"api_key": DEV_KEY, "service_code": "road-damage", "lat": "37.5665", "long": "126.9780",
            "attribute[damage_type]": "pothole", "attribute[lane]": "roadway",
            "description": "A deep pothole in the right lane."}
    form.update(fields)
    return {k: v for k, v in form.items() if v is not None}


def issue_resident_key(client) -> str:
    """A resident key issued by the server, as the app gets one."""
    response = client.post("/residents/v1/keys", headers={"X-API-Key": DEV_KEY})
    assert response.status_code == 201, response.text
    return response.json()["resident_key"]


def register_resident_keys(client, *keys: str) -> None:
    """Record `keys` as issued (tests that need keys known in advance; the server keeps digests only)."""
    from city_services import privacy
    from city_services.models import Resident

    with client.app.state.city.database.write_session() as session:
        session.add_all(Resident(key_hash=privacy.digest(key), created_at=START.replace(tzinfo=None)) for key in keys)
