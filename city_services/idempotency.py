"""The Idempotency-Key store and the ASGI middleware that applies it to every POST.

A POST carrying `Idempotency-Key` first claims the key (a committed "in flight" row), then runs, then
stores its answer. A repeat with the same key and the same request gets the stored answer again
(marked `Idempotent-Replayed: true`); with another request, 422; while the first is still running, 409.
Keys are scoped to method and path and kept for `idempotency_ttl_s` (at least 7 days). Answers of 5xx
and crashes release the key so that a retry runs again.
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
_COMPLETE = (update(_TABLE).where(_TABLE.c.scope == bindparam("s"), _TABLE.c.key == bindparam("k"))
             .values(state="done", status_code=bindparam("status_code"), headers=bindparam("headers"),
                     body=bindparam("body")))


@dataclass(frozen=True)
class Claimed:
    """The key is ours: run the request."""


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

    def claim(self, scope: str, key: str, request_hash: str) -> Claimed | Replay | Refused:
        now = to_db(self.clock())
        self._claims += 1
        if self._claims % PURGE_EVERY == 0:
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
                return Refused(409, "a request with this Idempotency-Key is still being processed; retry shortly")
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
        cutoff = to_db(self.clock()) - self.ttl
        with self.database.write_session() as session:
            return session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < cutoff)).rowcount


def request_fingerprint(method: str, path: str, query: bytes, content_type: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, content_type, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class IdempotencyMiddleware:
    """Pure ASGI middleware; expects the body to be bounded already (BodyLimitMiddleware is outside it)."""

    def __init__(self, app, store_of: Callable[[], IdempotencyStore]):
        self.app = app
        self.store_of = store_of

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
        outcome = await store.database.run_write(store.claim, name, key, fingerprint)
        if isinstance(outcome, Refused):
            extra = {"Retry-After": "1"} if outcome.status_code == 409 else None
            return await error_response(path, outcome.status_code, outcome.detail, headers=extra)(
                scope, receive, send)
        if isinstance(outcome, Replay):
            return await _send_replay(outcome, send)
        await self._run_and_store(scope, replaying(body, receive), send, store, name, key)

    async def _run_and_store(self, scope, receive, send, store, name, key):
        start = {}
        chunks = []

        async def capture(message):
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await store.database.run_write(store.release, name, key)
            raise
        status = start.get("status", 500)
        if status >= 500:
            await store.database.run_write(store.release, name, key)
            return
        stored_headers = [[k.decode("latin-1"), v.decode("latin-1")] for k, v in start.get("headers", [])]
        await store.database.run_write(store.complete, name, key, status, stored_headers, b"".join(chunks))


async def _send_replay(replay: Replay, send) -> None:
    headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in replay.headers]
    headers.append((b"idempotent-replayed", b"true"))
    await send({"type": "http.response.start", "status": replay.status_code, "headers": headers})
    await send({"type": "http.response.body", "body": replay.body})
