"""Both databases: the Alembic migration matches the models, starting twice changes nothing, and the
main flows work end to end on PostgreSQL as on SQLite; SQLite's write-ahead log is checkpointed off the
event loop, and a write transaction cannot be opened inside another."""

from __future__ import annotations

import sqlite3
import time

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import func, select

from city_services.db import Database
from city_services.models import Base, Event, Facility, Service, Slot
from city_services.wal_checkpoint import WalCheckpointer

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
    assert counts == [8, 5, 2]  # services, facilities, this season's editions of the two annual events
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


def test_a_write_transaction_inside_another_is_refused_at_once(tmp_path):
    """Inside a SQLite write transaction a second one would wait for the first (the busy timeout)."""
    database = Database(f"sqlite:///{tmp_path / 'nested.sqlite3'}")
    try:
        with database.write_connection():
            with pytest.raises(RuntimeError, match="inside another"):
                with database.write_session():
                    pass
        with database.write_connection() as connection:  # and the flag is cleared afterwards
            connection.exec_driver_sql("SELECT 1")
    finally:
        database.dispose()


def test_the_write_ahead_log_is_checkpointed_in_the_background(tmp_path):
    path = tmp_path / "wal.sqlite3"
    writer = sqlite3.connect(path)
    writer.execute("PRAGMA journal_mode=WAL")
    writer.execute("PRAGMA wal_autocheckpoint=0")  # only the checkpointer may move pages to the file
    writer.execute("CREATE TABLE t (x)")
    writer.executemany("INSERT INTO t VALUES (?)", [(n,) for n in range(100)])
    writer.commit()

    def rows_in_the_database_file():
        # immutable=1 reads the main file and ignores the log: rows show there only once checkpointed.
        reader = sqlite3.connect(f"file:{path}?immutable=1", uri=True)
        try:
            return reader.execute("SELECT count(*) FROM t").fetchone()[0]
        except sqlite3.OperationalError:  # not even the table is in the file yet
            return 0
        finally:
            reader.close()

    assert rows_in_the_database_file() == 0
    checkpointer = WalCheckpointer(str(path), interval_s=0.05).start()
    try:
        deadline = time.monotonic() + 10
        while rows_in_the_database_file() < 100 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert rows_in_the_database_file() == 100
    finally:
        checkpointer.stop()
        writer.close()
