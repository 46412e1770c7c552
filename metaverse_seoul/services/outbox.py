"""A durable outbox: what a resident submits is kept on disk until the city-services API answers it.

The promise to the resident: a complaint or booking made while the API is unreachable is not lost
(even if the app is killed), and reaches the city exactly once. How:

1. submit() makes the Idempotency-Key at the moment the resident presses submit, and stores the item
   as `pending` with that key in one SQLite transaction before any network I/O.
2. OutboxWorker sends pending items in the order they were made. The server answers a repeat of a
   key with the first answer, so a resend after a crash (sent, but killed before we wrote down the
   answer) gives back the same request id instead of making a second record.
3. The answer is written down: `sent` with the server's id, or `refused` with the server's reason
   (a 4xx; the client has already turned 408/409/429 into "try later"). An outage leaves the item
   pending and the worker comes back later with backoff.

Servers keep keys for at least 7 days; an item left pending longer than that is still sent once,
unless its first try reached the server and the key expired since, which the app cannot tell.
"""

import contextlib
import inspect
import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import paths
from .client import CityServicesClient, new_idempotency_key
from .errors import ApiRefused, ApiUnavailable, CityServicesError
from .retry import RetryPolicy

log = logging.getLogger(__name__)

OUTBOX_FILE = "outbox.sqlite3"
PENDING, SENT, REFUSED = "pending", "sent", "refused"
SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS outbox (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL,               -- JSON, sent exactly as stored
    idempotency_key TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'refused')),
    created_at      REAL NOT NULL,
    updated_at      REAL NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,                        -- why the last try did not get through
    server_id       TEXT,                        -- request id, token:..., or reservation id
    result          TEXT,                        -- the server's answer, JSON
    refusal_code    TEXT,
    refusal_reason  TEXT
);
CREATE INDEX IF NOT EXISTS outbox_status ON outbox (status, id);
"""


# ---- what each kind of item is, and how it is sent -------------------------------------------


def _send_complaint(client, payload, key):
    submitted = client.submit_request(**payload, idempotency_key=key)
    server_id = submitted.service_request_id or f"token:{submitted.token}"
    return server_id, submitted.raw


def _send_reservation(client, payload, key):
    reservation = client.reserve(**payload, idempotency_key=key)
    return reservation.id, reservation.raw


# kind -> (sender, the client method whose keyword arguments the payload must match)
KINDS = {
    "complaint": (_send_complaint, CityServicesClient.submit_request),
    "reservation": (_send_reservation, CityServicesClient.reserve),
}


def check_payload(kind, payload):
    """Refuse, before storing, an item that could never be sent: unknown kind or arguments."""
    if kind not in KINDS:
        raise ValueError(f"outbox kind must be one of {', '.join(sorted(KINDS))}, got {kind!r}")
    if not isinstance(payload, dict):
        raise ValueError(f"outbox {kind} payload must be a mapping, got {type(payload).__name__}")
    if "idempotency_key" in payload:
        raise ValueError("outbox payload must not carry idempotency_key: the outbox makes it")
    method = KINDS[kind][1]
    try:
        inspect.signature(method).bind(None, **payload)
    except TypeError as exc:
        raise ValueError(f"outbox {kind} payload: {exc}") from None
    try:
        return json.dumps(payload, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError) as exc:
        raise ValueError(f"outbox {kind} payload is not plain data: {exc}") from None


# ---- the store --------------------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxItem:
    # payload and result hold personal data (names, phones) and a reservation's secret: kept out of
    # repr() so that no log line or error message made from an item can carry them.
    id: int
    kind: str
    payload: dict = field(repr=False)
    idempotency_key: str
    status: str
    created_at: float
    updated_at: float
    attempts: int
    last_error: str | None
    server_id: str | None
    result: dict | list | None = field(repr=False)
    refusal_code: str | None
    refusal_reason: str | None

    @classmethod
    def from_row(cls, row):
        values = dict(row)
        values["payload"] = json.loads(values["payload"])
        values["result"] = json.loads(values["result"]) if values["result"] else None
        return cls(**values)


class OutboxUnusable(CityServicesError):
    """The outbox file cannot be opened (damaged, or from a newer app): nothing can be queued."""


def default_data_dir():
    """The user data folder (METAVERSE_SEOUL_DATA_DIR overrides the platform's folder)."""
    return paths.user_data_dir()


class Outbox:
    """The SQLite-backed list of submissions. Safe to use from several threads and processes."""

    def __init__(self, data_dir=None):
        folder = Path(data_dir) if data_dir is not None else default_data_dir()
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / OUTBOX_FILE
        try:
            db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            try:
                # WAL: the UI thread can read the list while the worker writes.
                db.execute("PRAGMA journal_mode=WAL")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version > SCHEMA_VERSION:
                    raise OutboxUnusable(f"{self.path}: written by a newer version of the app (outbox "
                                         f"schema {version}); it is left as it is")
                db.executescript(SCHEMA)
                db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            finally:
                db.close()
        except sqlite3.Error as exc:
            # A damaged file may still hold a resident's unsent submissions: say so, touch nothing.
            raise OutboxUnusable(f"{self.path}: cannot be used ({exc}); it is left as it is") from None

    @contextlib.contextmanager
    def _connect(self):
        """A short-lived connection, committed on success; one per operation keeps threads apart."""
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.row_factory = sqlite3.Row
            # FULL: a submission acknowledged to the resident survives a power cut, not only a crash.
            db.execute("PRAGMA synchronous=FULL")
            db.execute("BEGIN IMMEDIATE")
            try:
                yield db
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        finally:
            db.close()

    def submit(self, kind, payload):
        """Store a new pending item with a fresh Idempotency-Key; no network I/O happens here."""
        stored_payload = check_payload(kind, payload)
        now = time.time()
        with self._connect() as db:
            cursor = db.execute(
                "INSERT INTO outbox (kind, payload, idempotency_key, status, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kind, stored_payload, new_idempotency_key(), PENDING, now, now))
            row = db.execute("SELECT * FROM outbox WHERE id = ?", (cursor.lastrowid,)).fetchone()
        return OutboxItem.from_row(row)

    def item(self, item_id):
        with self._connect() as db:
            row = db.execute("SELECT * FROM outbox WHERE id = ?", (item_id,)).fetchone()
        if row is None:
            raise KeyError(f"no outbox item {item_id}")
        return OutboxItem.from_row(row)

    def items(self, status=None):
        """Items oldest first, all or those with one status, for the UI."""
        query, args = "SELECT * FROM outbox", ()
        if status is not None:
            query, args = query + " WHERE status = ?", (status,)
        with self._connect() as db:
            rows = db.execute(query + " ORDER BY id", args).fetchall()
        return [OutboxItem.from_row(row) for row in rows]

    def counts(self):
        """{status: number of items} for every status."""
        with self._connect() as db:
            rows = db.execute("SELECT status, COUNT(*) FROM outbox GROUP BY status").fetchall()
        return {PENDING: 0, SENT: 0, REFUSED: 0, **{status: n for status, n in rows}}

    def mark_sent(self, item_id, server_id, result):
        self._finish(item_id, SENT, server_id=server_id, result=json.dumps(result, ensure_ascii=False))

    def mark_refused(self, item_id, code, reason):
        self._finish(item_id, REFUSED, refusal_code=code, refusal_reason=reason)

    def note_failure(self, item_id, reason):
        """A try that did not get through: the item stays pending."""
        with self._connect() as db:
            db.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ?, updated_at = ?"
                       " WHERE id = ? AND status = ?", (reason, time.time(), item_id, PENDING))

    def _finish(self, item_id, status, **columns):
        # Only a pending item changes: a second worker that raced us cannot overwrite the answer.
        names = ", ".join(f"{name} = ?" for name in columns)
        with self._connect() as db:
            db.execute(f"UPDATE outbox SET status = ?, {names}, attempts = attempts + 1,"
                       " last_error = NULL, updated_at = ? WHERE id = ? AND status = ?",
                       (status, *columns.values(), time.time(), item_id, PENDING))


# ---- the worker -------------------------------------------------------------------------------


@dataclass
class DrainReport:
    """What one pass over the pending items did."""

    sent: int = 0
    refused: int = 0
    unavailable: ApiUnavailable | None = None  # set when the pass stopped at an outage


class OutboxWorker:
    """Sends pending items in the background; `drain_once()` is one pass, for tests and for the UI.

    After an outage it waits with exponential backoff and full jitter (never less than the
    server's Retry-After) before the next pass; otherwise it looks for new items every
    idle_interval seconds, or at once when wake() is called after a submit.
    """

    def __init__(self, outbox, client, idle_interval=5.0, backoff=None):
        self.outbox = outbox
        self.client = client
        self.idle_interval = idle_interval
        self.backoff = backoff or RetryPolicy(base_delay=1.0, max_delay=60.0)
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread = None

    def drain_once(self):
        """Send pending items oldest first; stop at the first outage so order is kept."""
        report = DrainReport()
        for item in self.outbox.items(PENDING):
            sender = KINDS[item.kind][0]
            try:
                server_id, result = sender(self.client, item.payload, item.idempotency_key)
            except ApiRefused as refusal:
                self.outbox.mark_refused(item.id, refusal.code, refusal.description)
                log.info("outbox item %d (%s) refused: %s", item.id, item.kind, refusal.code)
                report.refused += 1
            except ApiUnavailable as outage:
                self.outbox.note_failure(item.id, outage.reason)
                report.unavailable = outage
                return report
            else:
                self.outbox.mark_sent(item.id, server_id, result)
                report.sent += 1
        return report

    # ---- background thread ----

    def start(self):
        if self._thread is not None:
            raise RuntimeError("outbox worker already started")
        self._thread = threading.Thread(target=self._run, name="outbox-worker", daemon=True)
        self._thread.start()

    def wake(self):
        """Look at the outbox now (call after submit)."""
        self._wake.set()

    def stop(self, timeout=10.0):
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def _run(self):
        outages = 0
        while not self._stop.is_set():
            self._wake.clear()
            try:
                report = self.drain_once()
            except Exception:  # a full disk or a bug must not silently end the worker
                log.exception("outbox worker pass failed")
                report = DrainReport(unavailable=ApiUnavailable("outbox pass failed"))
            if report.unavailable is None:
                outages, wait = 0, self.idle_interval
            else:
                wait = self.backoff.delay(outages, report.unavailable.retry_after)
                outages = min(outages + 1, 16)
            self._wake.wait(wait)


__all__ = ["DrainReport", "KINDS", "Outbox", "OutboxItem", "OutboxWorker", "PENDING", "REFUSED",
           "SENT", "default_data_dir"]
