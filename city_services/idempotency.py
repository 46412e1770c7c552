"""The Idempotency-Key store and the ASGI middleware that applies it to every POST.

A repeat of a POST with the same key and the same request gets the stored answer again (marked
`Idempotent-Replayed: true`); with another request, 422; while the first is still running, 409.
Keys are scoped to method and path and kept for `idempotency_ttl_s` (at least 7 days).

Two ways to keep the first answer:
- A route that creates its object in one write transaction (filing a complaint) records the answer in
  that same transaction (`Pending.record_in`): the object and its answer are committed together or not
  at all, so a crash can never leave a created complaint without its answer (a retry would create it
  again), and the POST costs one transaction instead of three. A simultaneous repeat waits for the
  first's transaction (the key's unique index) and then gets its answer.
- Every other POST first claims the key (a committed "in flight" row), then runs, then stores its
  answer. Answers of 5xx and crashes release the key so that a retry runs again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from .db import Database
from .asgi import read_body, replaying
from .errors import OPEN311_PREFIX, error_response
from .models import IdempotencyKey
from .timeutil import to_db

log = logging.getLogger("city_services.idempotency")
PURGE_EVERY = 500  # claims between purges of expired keys
# Prepared Core statements: claim and complete run on every POST that carries a key.
_TABLE = IdempotencyKey.__table__
_INSERT = insert(_TABLE)
_FIND = select(_TABLE.c.state, _TABLE.c.request_hash, _TABLE.c.created_at, _TABLE.c.status_code,
               _TABLE.c.headers, _TABLE.c.body).where(_TABLE.c.scope == bindparam("s"), _TABLE.c.key == bindparam("k"))
_DROP_STALE = delete(_TABLE).where(
    _TABLE.c.scope == bindparam("s"), _TABLE.c.key == bindparam("k"),
    (_TABLE.c.created_at < bindparam("expired"))
    | ((_TABLE.c.state == "in_flight") & (_TABLE.c.created_at < bindparam("abandoned"))))
_PURGE = delete(_TABLE).where(_TABLE.c.created_at < bindparam("cutoff"))
IN_FLIGHT = "a request with this Idempotency-Key is still being processed; retry shortly"
_COMPLETE = (update(_TABLE).where(_TABLE.c.scope == bindparam("s"), _TABLE.c.key == bindparam("k"))
             .values(state="done", status_code=bindparam("status_code"), headers=bindparam("headers"),
                     body=bindparam("body")))


@dataclass(frozen=True)
class Claimed:
    """The key is ours: run the request."""


@dataclass(frozen=True)
class Absent:
    """No live answer or claim under this key; `stale` when an expired or abandoned row must go first."""

    stale: bool = False


@dataclass(frozen=True)
class Replay:
    status_code: int
    headers: list
    body: bytes


@dataclass(frozen=True)
class Refused:
    status_code: int  # 409 in flight, 422 other request
    detail: str


class IdempotencyStore:
    def __init__(self, database: Database, ttl_s: int, in_flight_timeout_s: int, clock: Callable[[], datetime]):
        self.database = database
        self.ttl = timedelta(seconds=ttl_s)
        self.in_flight_timeout = timedelta(seconds=in_flight_timeout_s)
        self.clock = clock
        self._claims = 0

    def check(self, scope: str, key: str, request_hash: str) -> Absent | Replay | Refused:
        """What a POST under `key` should do, judged from what is committed now (a read)."""
        now = to_db(self.clock())
        with self.database.read_connection() as connection:
            row = connection.execute(_FIND, {"s": scope, "k": key}).first()
        if row is None:
            return Absent()
        if row.created_at < now - self.ttl or (row.state == "in_flight"
                                               and row.created_at < now - self.in_flight_timeout):
            return Absent(stale=True)
        if row.request_hash != request_hash:
            return Refused(422, "Idempotency-Key was already used with a different request")
        if row.state == "in_flight":
            return Refused(409, IN_FLIGHT)
        return Replay(row.status_code, row.headers, row.body)

    def record(self, connection, scope: str, key: str, request_hash: str, stale: bool, status_code: int,
               headers: list, body: bytes) -> None:
        """Store a finished answer inside the caller's write transaction. Raises IntegrityError when
        another request recorded or claimed the key first: the caller's transaction must then roll back."""
        now = to_db(self.clock())
        if self._due_for_purge():  # in this transaction: another one would wait for this one's lock
            connection.execute(_PURGE, {"cutoff": now - self.ttl})
        if stale:
            connection.execute(_DROP_STALE, {"s": scope, "k": key, "expired": now - self.ttl,
                                             "abandoned": now - self.in_flight_timeout})
        connection.execute(_INSERT, {"scope": scope, "key": key, "request_hash": request_hash, "state": "done",
                                     "created_at": now, "status_code": status_code, "headers": headers,
                                     "body": body})

    def _due_for_purge(self) -> bool:
        self._claims += 1
        return self._claims % PURGE_EVERY == 0

    def claim(self, scope: str, key: str, request_hash: str) -> Claimed | Replay | Refused:
        now = to_db(self.clock())
        if self._due_for_purge():
            self.purge_expired()
        try:
            with self.database.write_connection() as connection:
                connection.execute(_INSERT, {"scope": scope, "key": key, "request_hash": request_hash,
                                             "state": "in_flight", "created_at": now})
            return Claimed()
        except IntegrityError:
            pass
        with self.database.write_session() as session:
            row = session.scalars(select(IdempotencyKey).where(
                IdempotencyKey.scope == scope, IdempotencyKey.key == key).with_for_update()).one_or_none()
            if row is None or row.created_at < now - self.ttl:
                # Released or expired in the meantime: claim it afresh.
                if row is not None:
                    session.delete(row)
                    session.flush()
                session.add(IdempotencyKey(scope=scope, key=key, request_hash=request_hash, state="in_flight",
                                           created_at=now))
                return Claimed()
            if row.request_hash != request_hash:
                return Refused(422, "Idempotency-Key was already used with a different request")
            if row.state == "in_flight":
                if row.created_at < now - self.in_flight_timeout:
                    log.warning("taking over an abandoned idempotency key on %s", scope)
                    row.created_at = now
                    return Claimed()
                return Refused(409, IN_FLIGHT)
            return Replay(row.status_code, row.headers, row.body)

    def complete(self, scope: str, key: str, status_code: int, headers: list, body: bytes) -> None:
        with self.database.write_connection() as connection:
            connection.execute(_COMPLETE, {"s": scope, "k": key, "status_code": status_code, "headers": headers,
                                           "body": body})

    def release(self, scope: str, key: str) -> None:
        with self.database.write_connection() as connection:
            connection.execute(delete(IdempotencyKey).where(
                IdempotencyKey.scope == scope, IdempotencyKey.key == key, IdempotencyKey.state == "in_flight"))

    def purge_expired(self) -> int:
        with self.database.write_connection() as connection:
            return connection.execute(_PURGE, {"cutoff": to_db(self.clock()) - self.ttl}).rowcount


def request_fingerprint(method: str, path: str, query: bytes, content_type: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, content_type, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


PENDING = "city_services.idempotency"  # the scope key under which a recording route finds its Pending


class KeyTaken(Exception):
    """Another request recorded or claimed the key while this one ran; its transaction was rolled back."""


class Pending:
    """Given to a route that records its answer in its own write transaction (see the module's docstring)."""

    def __init__(self, store: IdempotencyStore, scope: str, key: str, request_hash: str, stale: bool):
        self.store, self.scope, self.key, self.request_hash, self.stale = store, scope, key, request_hash, stale
        self.recorded = False

    def record_in(self, connection, response) -> None:
        """Store `response` (a finished Starlette Response) in the route's open write transaction."""
        try:
            self.store.record(connection, self.scope, self.key, self.request_hash, self.stale,
                              response.status_code, _stored_headers(response.raw_headers), response.body)
        except IntegrityError:
            raise KeyTaken() from None
        self.recorded = True

    def record_alone(self, status_code: int, headers: list, body: bytes) -> None:
        """Store an answer the route gave without a transaction of its own (a refusal of bad input)."""
        try:
            with self.store.database.write_connection() as connection:
                self.store.record(connection, self.scope, self.key, self.request_hash, self.stale, status_code,
                                  headers, body)
        except IntegrityError:
            pass  # a repeat recorded its own answer first; both came from the same request


class IdempotencyMiddleware:
    """Pure ASGI middleware; expects the body to be bounded already (BodyLimitMiddleware is outside it).
    `recording_paths`: the POST paths whose routes record their answer in their own transaction."""

    def __init__(self, app, store_of: Callable[[], IdempotencyStore], recording_paths: frozenset = frozenset()):
        self.app = app
        self.store_of = store_of
        self.recording_paths = recording_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        headers = dict(scope["headers"])
        raw_key = headers.get(b"idempotency-key")
        if raw_key is None:
            return await self.app(scope, receive, send)
        path = scope["path"]
        key = raw_key.decode("latin-1")
        if not (1 <= len(key) <= 255 and all("!" <= ch <= "~" for ch in key)):
            # Bad input: 400 on Open311 routes (the spec's code), 422 elsewhere, like every other check.
            status = 400 if path.startswith(OPEN311_PREFIX) else 422
            return await error_response(path, status, "Idempotency-Key: 1 to 255 visible ASCII characters, no spaces")(
                scope, receive, send)
        body = await read_body(receive)
        fingerprint = request_fingerprint("POST", path, scope.get("query_string", b""),
                                          headers.get(b"content-type", b""), body)
        store = self.store_of()
        name = f"POST {path}"
        if path in self.recording_paths:
            return await self._run_recording(scope, body, receive, send, store, name, key, fingerprint)
        outcome = await store.database.run_write(store.claim, name, key, fingerprint)
        if not isinstance(outcome, Claimed):
            return await _send_outcome(path, outcome, scope, receive, send)
        await self._run_and_store(scope, replaying(body, receive), send, store, name, key)

    async def _run_recording(self, scope, body, receive, send, store, name, key, fingerprint):
        for _attempt in range(3):
            outcome = await store.database.run_read(store.check, name, key, fingerprint)
            if not isinstance(outcome, Absent):
                return await _send_outcome(scope["path"], outcome, scope, receive, send)
            pending = Pending(store, name, key, fingerprint, outcome.stale)
            start, chunks, capture = _capturing(send)
            try:
                # Each attempt reads the body afresh: the last one consumed its replay.
                await self.app({**scope, PENDING: pending}, replaying(body, receive), capture)
            except KeyTaken:
                continue  # a repeat won the key: answer what it committed
            status = start.get("status", 500)
            if status < 500 and not pending.recorded:
                await store.database.run_write(pending.record_alone, status,
                                               _stored_headers(start.get("headers", [])), b"".join(chunks))
            return
        await _send_outcome(scope["path"], Refused(409, IN_FLIGHT), scope, receive, send)

    async def _run_and_store(self, scope, receive, send, store, name, key):
        start, chunks, capture = _capturing(send)
        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await store.database.run_write(store.release, name, key)
            raise
        status = start.get("status", 500)
        if status >= 500:
            await store.database.run_write(store.release, name, key)
            return
        await store.database.run_write(store.complete, name, key, status,
                                       _stored_headers(start.get("headers", [])), b"".join(chunks))


def _capturing(send):
    """A `send` that forwards the answer and keeps a copy: (start message, body chunks, send)."""
    start = {}
    chunks = []

    async def capture(message):
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
        await send(message)

    return start, chunks, capture


def _stored_headers(raw_headers) -> list:
    """ASGI header pairs (bytes) as the JSON the store keeps."""
    return [[k.decode("latin-1"), v.decode("latin-1")] for k, v in raw_headers]


async def _send_outcome(path: str, outcome: Replay | Refused, scope, receive, send) -> None:
    if isinstance(outcome, Replay):
        return await _send_replay(outcome, send)
    in_flight = outcome.status_code == 409
    # Stable reasons (outside Open311, whose error list has no field for one): clients tell "wait and
    # repeat" from a refusal by them.
    reason = "idempotency_in_flight" if in_flight else "idempotency_key_reused"
    await error_response(path, outcome.status_code, outcome.detail, reason,
                         headers={"Retry-After": "1"} if in_flight else None)(scope, receive, send)


async def _send_replay(replay: Replay, send) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in replay.headers]
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": replay.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": replay.body})
