"""Both databases: the Alembic migration matches the models, starting twice changes nothing, and the
main flows work end to end on PostgreSQL as on SQLite."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from city_services.db import Database
from city_services.models import Base, Event, Facility, Service, Slot

from .conftest import DEV_KEY, complaint


def test_migration_matches_the_models(database_url):
    database = Database(database_url)
    database.migrate()
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, Base.metadata)
    database.dispose()
    assert differences == []


def test_starting_twice_seeds_once(database_url, make_client):
    make_client(database_url)
    client = make_client(database_url)  # a restart on the same database
    with client.app.state.city.database.read_session() as session:
        counts = [session.scalar(select(func.count()).select_from(model)) for model in (Service, Facility, Event)]
        slots = session.scalar(select(func.count()).select_from(Slot))
    assert counts == [8, 5, 1]
    assert slots == 14 * (8 + 7 + 11 + 7)  # 14 days of the four facilities with slots


def test_main_flows_on_postgresql(pg_url, make_client):
    client = make_client(pg_url)
    created = client.post("/open311/v2/requests.json", data=complaint(), headers={"Idempotency-Key": "pg-1"})
    replayed = client.post("/open311/v2/requests.json", data=complaint(), headers={"Idempotency-Key": "pg-1"})
    assert created.status_code == 200 and replayed.content == created.content
    assert client.post("/open311/v2/requests.json", data=complaint(description="other"),
                       headers={"Idempotency-Key": "pg-1"}).status_code == 422
    request_id = created.json()[0]["service_request_id"]
    (request,) = client.get("/open311/v2/requests.json", params={"service_code": "road-damage"}).json()
    assert request["service_request_id"] == request_id
    as_xml = client.get("/open311/v2/requests.xml", params={"status": "open"})
    assert f"<service_request_id>{request_id}</service_request_id>" in as_xml.text

    slot = client.get("/reservations/v1/facilities/S-SPORT-0001/slots").json()["items"][10]["id"]
    body = {"slot_id": slot, "people": 2, "name": "김서울", "phone": "010-1234-5678"}
    booked = client.post("/reservations/v1/reservations", json=body, headers={"X-API-Key": DEV_KEY})
    assert booked.status_code == 201
    again = client.post("/reservations/v1/reservations", json={**body, "phone": "010-0000-0000"},
                        headers={"X-API-Key": DEV_KEY})
    assert again.json()["reason"] == "slot_full"
    reservation = booked.json()
    cancelled = client.delete(f"/reservations/v1/reservations/{reservation['id']}",
                              headers={"X-API-Key": DEV_KEY, "X-Reservation-Secret": reservation["secret"]})
    assert cancelled.json()["status"] == "cancelled"
    assert client.get("/healthz").json() == {"status": "ok", "database": "postgresql"}


def test_missing_postgresql_is_a_clear_failure_not_a_skip(monkeypatch):
    import pytest

    from .conftest import pg_test_server

    monkeypatch.setenv("PG_BIN", "/nonexistent")
    monkeypatch.setattr(pg_test_server.glob, "glob", lambda pattern: [])
    monkeypatch.setattr(pg_test_server.shutil, "which", lambda name: None)
    with pytest.raises(pg_test_server.PostgresUnavailable, match="install the Debian package `postgresql`"):
        pg_test_server.PostgresCluster()
