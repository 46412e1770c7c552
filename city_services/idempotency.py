"""The Idempotency-Key store and the ASGI middleware that applies it to every POST a route serves.

A repeat of a POST with the same key, the same credentials and the same request gets the stored answer
again (marked `Idempotent-Replayed: true`); with another request, 422; while the first is still
running, 409. A key belongs to its method, path and caller (api_key, staff key, resident key): another
caller using the same key is another key, and nothing stored is readable without all three
(`sealed_answers.py`). Keys are kept for `idempotency_ttl_s` (at least 7 days). Not stored: answers
5xx (a retry runs again), refusals of credentials (401/403: a retry with the right key runs), and
POSTs to paths no route serves.

Two ways to keep the first answer:
- A route that creates its object in one write transaction (filing a complaint, booking) records the
  answer in that same transaction (`Pending.record_in`): the object and its answer are committed
  together or not at all, so a crash can never leave a created object without its answer (a retry
  would create it again, or find the booking taken with no secret to show), and the POST costs one
  transaction instead of three. A simultaneous repeat waits for the first's transaction (the key's
  unique index) and then gets its answer. The route's answer is held back until it is stored.
- Every other POST first claims the key (a committed "in flight" row), then runs, then stores its
  answer. Answers not stored and crashes release the key so that a retry runs again.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Callable

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from .asgi import read_body, replaying
from .db import Database
from .errors import OPEN311_PREFIX, error_response
from .models import IdempotencyKey
from .sealed_answers import Answer, SealedKey, caller_of, sealed_key
from .timeutil import to_db

log = logging.getLogger("city_services.idempotency")
PURGE_EVERY = 500  # claims between purges of expired keys
# Prepared Core statements: check, record and claim run on every POST that carries a key.
_TABLE = IdempotencyKey.__table__
_INSERT = insert(_TABLE)
_FIND = select(_TABLE.c.state, _TABLE.c.request_tag, _TABLE.c.created_at, _TABLE.c.answer).where(
    _TABLE.c.lookup == bindparam("k"))
_DROP_STALE = delete(_TABLE).where(
    _TABLE.c.lookup == bindparam("k"),
    (_TABLE.c.created_at < bindparam("expired"))
    | ((_TABLE.c.state == "in_flight") & (_TABLE.c.created_at < bindparam("abandoned"))))
_PURGE = delete(_TABLE).where(_TABLE.c.created_at < bindparam("cutoff"))
_COMPLETE = update(_TABLE).where(_TABLE.c.lookup == bindparam("k")).values(state="done", answer=bindparam("answer"))
_RELEASE = delete(_TABLE).where(_TABLE.c.lookup == bindparam("k"), _TABLE.c.state == "in_flight")
IN_FLIGHT = "a request with this Idempotency-Key is still being processed; retry shortly"
OTHER_REQUEST = "Idempotency-Key was already used with a different request"
Replay = Answer  # a stored answer, sent again


def stored(status_code: int) -> bool:
    """Whether an answer is kept for repeats: not a server error, not a refusal of credentials."""
    return status_code < 500 and status_code not in (401, 403)


@dataclass(frozen=True)
class Claimed:
    """The key is ours: run the request."""


@dataclass(frozen=True)
class Absent:
    """No live answer or claim under this key; `stale` when an expired or abandoned row must go first."""

    stale: bool = False


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

    def check(self, ref: SealedKey) -> Absent | Replay | Refused:
        """What a POST under `ref` should do, judged from what is committed now (a read)."""
        now = to_db(self.clock())
        with self.database.read_connection() as connection:
            row = connection.execute(_FIND, {"k": ref.lookup}).first()
        if row is None:
            return Absent()
        if row.created_at < now - self.ttl or (row.state == "in_flight"
                                               and row.created_at < now - self.in_flight_timeout):
            return Absent(stale=True)
        return self._outcome(ref, row)

    @staticmethod
    def _outcome(ref: SealedKey, row) -> Replay | Refused:
        if row.request_tag != ref.request_tag:
            return Refused(422, OTHER_REQUEST)
        if row.state == "in_flight":
            return Refused(409, IN_FLIGHT)
        return ref.open(row.answer)

    def record(self, connection, ref: SealedKey, stale: bool, answer: Answer) -> None:
        """Store a finished answer inside the caller's write transaction. Raises IntegrityError when
        another request recorded or claimed the key first: the caller's transaction must then roll back."""
        now = to_db(self.clock())
        if self._due_for_purge():  # in this transaction: another one would wait for this one's lock
            connection.execute(_PURGE, {"cutoff": now - self.ttl})
        if stale:
            connection.execute(_DROP_STALE, {"k": ref.lookup, "expired": now - self.ttl,
                                             "abandoned": now - self.in_flight_timeout})
        connection.execute(_INSERT, {"lookup": ref.lookup, "request_tag": ref.request_tag, "state": "done",
                                     "created_at": now, "answer": ref.seal(answer)})

    def _due_for_purge(self) -> bool:
        self._claims += 1
        return self._claims % PURGE_EVERY == 0

    def claim(self, ref: SealedKey) -> Claimed | Replay | Refused:
        now = to_db(self.clock())
        if self._due_for_purge():
            self.purge_expired()
        in_flight = {"lookup": ref.lookup, "request_tag": ref.request_tag, "state": "in_flight", "created_at": now}
        try:
            with self.database.write_connection() as connection:
                connection.execute(_INSERT, in_flight)
            return Claimed()
        except IntegrityError:
            pass
        with self.database.write_session() as session:
            row = session.scalars(select(IdempotencyKey).where(IdempotencyKey.lookup == ref.lookup)
                                  .with_for_update()).one_or_none()
            if row is None or row.created_at < now - self.ttl:
                # Released or expired in the meantime: claim it afresh.
                if row is not None:
                    session.delete(row)
                    session.flush()
                session.add(IdempotencyKey(**in_flight))
                return Claimed()
            if row.state == "in_flight" and row.request_tag == ref.request_tag \
                    and row.created_at < now - self.in_flight_timeout:
                log.warning("taking over an abandoned idempotency key")
                row.created_at = now
                return Claimed()
            return self._outcome(ref, row)

    def complete(self, ref: SealedKey, answer: Answer) -> None:
        with self.database.write_connection() as connection:
            connection.execute(_COMPLETE, {"k": ref.lookup, "answer": ref.seal(answer)})

    def release(self, ref: SealedKey) -> None:
        with self.database.write_connection() as connection:
            connection.execute(_RELEASE, {"k": ref.lookup})

    def purge_expired(self) -> int:
        with self.database.write_connection() as connection:
            return connection.execute(_PURGE, {"cutoff": to_db(self.clock()) - self.ttl}).rowcount


def request_fingerprint(method: str, path: str, query: bytes, content_type: bytes, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (method.encode(), path.encode(), query, content_type, body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


def key_of(scope, key: str, body: bytes) -> SealedKey:
    """The SealedKey of a POST (an ASGI scope) with Idempotency-Key `key` and this body."""
    path = scope["path"]
    content_type = next((value for name, value in scope["headers"] if name == b"content-type"), b"")
    fingerprint = request_fingerprint("POST", path, scope.get("query_string", b""), content_type, body)
    return sealed_key(f"POST {path}", key, caller_of(scope, body), fingerprint)


PENDING = "city_services.idempotency"  # the scope key under which a recording route finds its Pending


class KeyTaken(Exception):
    """Another request recorded or claimed the key while this one ran; its transaction was rolled back."""


class Pending:
    """Given to a route that records its answer in its own write transaction (see the module's docstring)."""

    def __init__(self, store: IdempotencyStore, ref: SealedKey, stale: bool):
        self.store, self.ref, self.stale = store, ref, stale
        self.recorded = False

    def record_in(self, connection, response) -> None:
        """Store `response` (a finished Starlette Response) in the route's open write transaction."""
        try:
            self.store.record(connection, self.ref, self.stale, Answer(
                response.status_code, _stored_headers(response.raw_headers), response.body))
        except IntegrityError:
            raise KeyTaken() from None
        self.recorded = True

    def record_alone(self, answer: Answer) -> None:
        """Store an answer the route gave without a transaction of its own (a refusal). Raises KeyTaken
        when a repeat recorded its answer first: a refusal may follow from the repeat's own booking
        ("already booked"), so the repeat's answer is the one to give."""
        try:
            with self.store.database.write_connection() as connection:
                self.store.record(connection, self.ref, self.stale, answer)
        except IntegrityError:
            raise KeyTaken() from None


class IdempotencyMiddleware:
    """Pure ASGI middleware; expects the body to be bounded already (BodyLimitMiddleware is outside it).
    `recording_paths`: the POST paths whose routes record their answer in their own transaction;
    `is_routed(scope)`: whether a route serves the request (others are passed on, never stored)."""

    def __init__(self, app, store_of: Callable[[], IdempotencyStore], is_routed: Callable[[dict], bool],
                 recording_paths: frozenset = frozenset()):
        self.app = app
        self.store_of = store_of
        self.is_routed = is_routed
        self.recording_paths = recording_paths

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] != "POST":
            return await self.app(scope, receive, send)
        raw_key = next((value for name, value in scope["headers"] if name == b"idempotency-key"), None)
        if raw_key is None or not self.is_routed(scope):
            return await self.app(scope, receive, send)
        path = scope["path"]
        key = raw_key.decode("latin-1")
        if not (1 <= len(key) <= 255 and all("!" <= ch <= "~" for ch in key)):
            # Bad input: 400 on Open311 routes (the spec's code), 422 elsewhere, like every other check.
            status = 400 if path.startswith(OPEN311_PREFIX) else 422
            return await error_response(path, status, "Idempotency-Key: 1 to 255 visible ASCII characters, no spaces")(
                scope, receive, send)
        body = await read_body(receive)
        ref = key_of(scope, key, body)
        store = self.store_of()
        if path in self.recording_paths:
            return await self._run_recording(scope, body, receive, send, store, ref)
        outcome = await store.database.run_write(store.claim, ref)
        if not isinstance(outcome, Claimed):
            return await _send_outcome(path, outcome, scope, receive, send)
        await self._run_and_store(scope, replaying(body, receive), send, store, ref)

    async def _run_recording(self, scope, body, receive, send, store, ref):
        for _attempt in range(3):
            outcome = await store.database.run_read(store.check, ref)
            if not isinstance(outcome, Absent):
                return await _send_outcome(scope["path"], outcome, scope, receive, send)
            pending = Pending(store, ref, outcome.stale)
            # Held back until it is stored: if a repeat stored its answer first, that one is sent.
            start, chunks, capture = _capturing()
            try:
                # Each attempt reads the body afresh: the last one consumed its replay.
                await self.app({**scope, PENDING: pending}, replaying(body, receive), capture)
                answer = _answer(start, chunks)
                if stored(answer.status_code) and not pending.recorded:
                    await store.database.run_write(pending.record_alone, answer)
            except KeyTaken:
                continue  # a repeat won the key: answer what it committed
            await send(start)
            await send({"type": "http.response.body", "body": answer.body})
            return
        await _send_outcome(scope["path"], Refused(409, IN_FLIGHT), scope, receive, send)

    async def _run_and_store(self, scope, receive, send, store, ref):
        start, chunks, capture = _capturing(send)
        try:
            await self.app(scope, receive, capture)
        except BaseException:
            await store.database.run_write(store.release, ref)
            raise
        answer = _answer(start, chunks)
        if not stored(answer.status_code):
            await store.database.run_write(store.release, ref)
            return
        await store.database.run_write(store.complete, ref, answer)


def _answer(start: dict, chunks: list) -> Answer:
    return Answer(start.get("status", 500), _stored_headers(start.get("headers", [])), b"".join(chunks))


def _capturing(send=None):
    """A `send` that keeps a copy of the answer, and forwards it to `send` if given:
    (start message, body chunks, send)."""
    start = {}
    chunks = []

    async def capture(message):
        if message["type"] == "http.response.start":
            start.update(message)
        elif message["type"] == "http.response.body":
            chunks.append(message.get("body", b""))
        if send is not None:
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
