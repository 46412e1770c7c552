"""Database engine, sessions and migrations for SQLite and PostgreSQL.

SQLite runs in WAL mode with a busy timeout, and a write transaction starts with `BEGIN IMMEDIATE`
so that a read-check-write step (a booking) holds the database's single write lock from its first
statement: two bookings can never both read "one place left". PostgreSQL uses ordinary READ COMMITTED
transactions; the booking code locks the rows it decides on (see `reservations_store.py`).
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm import Session, sessionmaker
from starlette.concurrency import run_in_threadpool

from .config import SettingsError
from .wal_checkpoint import BACKSTOP_PAGES, WalCheckpointer

SQLITE_BUSY_TIMEOUT_S = 30
T = TypeVar("T")


def migrations_location() -> str:
    """Where Alembic finds the migration scripts, which it reads as files. In a packaged app (Panda3D
    build_apps) this package is frozen into the executable, and the scripts are shipped beside it."""
    if getattr(sys, "frozen", False):
        return str(Path(sys.executable).resolve().parent / "city_services" / "migrations")
    return "city_services:migrations"


def normalise_url(url: str) -> str:
    """Map `postgresql://` (and `postgres://`) to the psycopg 3 driver; leave other URLs alone."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Database:
    """One engine and its session factory; `write_session()` is the only way to change data."""

    def __init__(self, url: str, pool_size: int = 20):
        """`pool_size` connections are kept open and there is no overflow: an overflow connection is
        closed when returned, and opening a PostgreSQL connection (a new server process) cost more
        than the requests it served. Past the pool, requests wait for a connection."""
        url = normalise_url(url)
        try:
            parsed = make_url(url)
        except ArgumentError:
            raise SettingsError(f"database_url: cannot parse {url!r}") from None
        self.dialect = parsed.get_backend_name()
        self._checkpointer = None
        if self.dialect == "sqlite":
            self.engine = _sqlite_engine(url, pool_size)
            if parsed.database and parsed.database != ":memory:":
                self._checkpointer = WalCheckpointer(str(Path(parsed.database).expanduser())).start()
        elif self.dialect == "postgresql":
            # hide_parameters: a failing statement's error message must not carry residents' data.
            # No pool_pre_ping: it costs a round trip on every checkout. After a database restart the
            # first statement on a dead connection fails (500, which clients retry) and SQLAlchemy then
            # replaces every pooled connection.
            self.engine = create_engine(url, pool_size=pool_size, max_overflow=0, hide_parameters=True)
        else:
            raise SettingsError(f"database_url: only sqlite:// and postgresql:// are supported, got {self.dialect}://")
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Reads on PostgreSQL run in autocommit: no BEGIN and no ROLLBACK round trips around them. Each
        # statement still sees what was committed before it began, as in a READ COMMITTED transaction.
        # (SQLite reads are local calls; its connections keep the BEGIN handling of _sqlite_engine.)
        self._read_engine = (self.engine if self.dialect == "sqlite"
                             else self.engine.execution_options(isolation_level="AUTOCOMMIT"))
        self._read_sessions = sessionmaker(self._read_engine, expire_on_commit=False)
        # Re-entrant: run_write holds it on the event loop's thread around a write_connection/session.
        self._write_lock = threading.RLock()
        self._writing = threading.local()

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextlib.contextmanager
    def read_session(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    @contextlib.contextmanager
    def read_connection(self) -> Iterator[Connection]:
        with self._read_engine.connect() as connection:
            yield connection

    @contextlib.contextmanager
    def write_session(self) -> Iterator[Session]:
        """An ORM transaction that commits on success and rolls back on any exception."""
        with self._sqlite_writer(), self._sessions() as session, session.begin():
            if self.is_sqlite:
                # Procure the connection now, so its BEGIN is IMMEDIATE (see _on_begin).
                session.connection(execution_options={"sqlite_begin": "IMMEDIATE"})
            yield session

    @contextlib.contextmanager
    def write_connection(self) -> Iterator[Connection]:
        """The same as write_session for Core statements (lighter: the hot write paths use it)."""
        with self._sqlite_writer(), self.engine.connect() as connection:
            if self.is_sqlite:
                connection = connection.execution_options(sqlite_begin="IMMEDIATE")
            with connection.begin():
                yield connection

    def ping(self) -> None:
        """Run `SELECT 1` (raises if the database cannot be reached)."""
        with self.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")

    @property
    def can_read_inline(self) -> bool:
        """True when a short read may run on the event loop itself: a SQLite file (no network, and in WAL
        mode a reader never waits for a writer) with an idle pooled connection, so the checkout cannot
        wait either. The hand-off to the thread pool costs more CPU than such a read."""
        return self.is_sqlite and self.engine.pool.checkedin() > 0

    async def run_read(self, read: Callable[..., T], *args) -> T:
        """`read(*args)` (a function that only reads): inline when `can_read_inline`, else in the thread pool."""
        if self.can_read_inline:
            return read(*args)
        return await run_in_threadpool(read, *args)

    async def run_write(self, write: Callable[..., T], *args) -> T:
        """`write(*args)` (a function that opens its own write transactions): on SQLite, inline when the
        writer mutex is free and a pooled connection is idle (a WAL commit with synchronous=NORMAL does
        not wait for the disk, and nobody in this process is writing); else in the thread pool, where it
        queues for the mutex. With several worker processes on one SQLite file, BEGIN IMMEDIATE may still
        wait for another process's write on the loop: use PostgreSQL for several workers."""
        if self.can_read_inline and self._write_lock.acquire(blocking=False):
            try:
                return write(*args)
            finally:
                self._write_lock.release()
        return await run_in_threadpool(write, *args)

    @contextlib.contextmanager
    def _sqlite_writer(self):
        """SQLite has one writer at a time. Threads of this process queue on a mutex for it; left to
        SQLite's busy handler they would poll with sleeps of up to 100 ms. Other processes still
        wait through the busy timeout. A write transaction opened inside another on the same thread
        would wait for itself (for the whole busy timeout): refused at once instead."""
        if getattr(self._writing, "active", False):
            raise RuntimeError("a write transaction was opened inside another one")
        with self._write_lock if self.is_sqlite else contextlib.nullcontext():
            self._writing.active = True
            try:
                yield
            finally:
                self._writing.active = False

    def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe when several processes start at once)."""
        config = Config()
        config.set_main_option("script_location", migrations_location())
        with self.engine.connect() as connection:
            if self.dialect == "postgresql":
                # Serialise concurrent starts: the second worker waits, then finds nothing to do.
                connection.execute(text("SELECT pg_advisory_lock(:k)"), {"k": advisory_key("migrations")})
                connection.commit()
            try:
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                connection.commit()
            finally:
                if self.dialect == "postgresql":
                    connection.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": advisory_key("migrations")})
                    connection.commit()

    def dispose(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.stop()
        self.engine.dispose()


def advisory_key(*parts: str) -> int:
    """A signed 64-bit PostgreSQL advisory lock key derived from `parts`."""
    digest = hashlib.sha256("\x1f".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _sqlite_engine(url: str, pool_size: int) -> Engine:
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_size=pool_size, max_overflow=0, hide_parameters=True,
                           connect_args={"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_S})
    wal_lock = threading.Lock()

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy (not the sqlite3 module) emit BEGIN, so that `_on_begin` can choose its kind.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        with wal_lock:
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_S * 1000}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")  # WalCheckpointer does it off the loop
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")

    return engine
