"""A short-lived, in-memory cache of the catalog answers: service types and their definitions, events,
facilities.

They are most of what kiosks read, and they change only when the server is seeded or migrated (no API
route writes them), so each worker keeps its 200 answers for `catalog_cache_s` seconds and answers
repeats without going through the framework or the database. The short lifetime bounds what a change
made directly in the database can lag by; the key holds the day in Seoul, since an event's status
(upcoming, ongoing, ended) turns at midnight. Answers that
depend on who asks are never cached: only GET, only the catalog paths below, and never a request that
carries a resident's or a reservation's secret.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date
from typing import Callable

CATALOG_PATHS = re.compile(r"^/(?:open311/v2/services(?:/[^/]+)?\.(?:json|xml)"
                           r"|events/v1/events(?:/[^/]+)?"
                           r"|reservations/v1/facilities(?:/[^/]+)?)$")
PRIVATE_HEADERS = (b"x-resident-key", b"x-reservation-secret", b"authorization", b"cookie")
MAX_ENTRY_BYTES = 256 * 1024
MAX_TOTAL_BYTES = 16 * 1024 * 1024  # any query string makes an entry: memory stays bounded whatever is asked


class Expiring:
    """Catalog rows looked up by key (a complaint's service definition), each kept for `ttl_s` seconds."""

    def __init__(self, ttl_s: float, clock=time.monotonic):
        self.ttl_s = ttl_s
        self.clock = clock
        self.values: dict = {}

    def get(self, key, load: Callable):
        """The kept value, or `load(key)` (kept unless None: keys that exist bound the size)."""
        now = self.clock()
        kept = self.values.get(key)
        if kept is not None and kept[0] > now:
            return kept[1]
        value = load(key)
        if value is not None and self.ttl_s > 0:
            self.values[key] = (now + self.ttl_s, value)
        return value


@dataclass(frozen=True)
class Entry:
    expires: float
    headers: list
    body: bytes


class CatalogCacheMiddleware:
    """Pure ASGI middleware; keyed by path, raw query string and `today()`; least recently used entries
    go first."""

    def __init__(self, app, ttl_s: float, today: Callable[[], date], max_entries: int = 1024,
                 max_bytes: int = MAX_TOTAL_BYTES, clock=time.monotonic):
        self.app = app
        self.ttl_s = ttl_s
        self.today = today
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self.clock = clock
        self.entries: OrderedDict[tuple, Entry] = OrderedDict()
        self.size = 0  # bytes of the bodies kept

    def cacheable(self, scope) -> bool:
        return (scope["type"] == "http" and scope["method"] == "GET" and CATALOG_PATHS.match(scope["path"]) is not None
                and not any(name in PRIVATE_HEADERS for name, _ in scope["headers"]))

    async def __call__(self, scope, receive, send):
        if self.ttl_s <= 0 or not self.cacheable(scope):
            return await self.app(scope, receive, send)
        key = (scope["path"], scope.get("query_string", b""), self.today())
        now = self.clock()
        entry = self.entries.get(key)
        if entry is not None and entry.expires > now:
            self.entries.move_to_end(key)
            await send({"type": "http.response.start", "status": 200, "headers": entry.headers})
            await send({"type": "http.response.body", "body": entry.body})
            return
        await self._answer_and_keep(scope, receive, send, key, now)

    async def _answer_and_keep(self, scope, receive, send, key, now):
        start = {}
        chunks = []
        size = 0

        async def capture(message):
            nonlocal size
            if message["type"] == "http.response.start":
                start.update(message)
            elif message["type"] == "http.response.body":
                chunk = message.get("body", b"")
                chunks.append(chunk)
                size += len(chunk)
            await send(message)

        await self.app(scope, receive, capture)
        if start.get("status") == 200 and size <= MAX_ENTRY_BYTES:
            self._keep(key, Entry(now + self.ttl_s, list(start.get("headers", [])), b"".join(chunks)))

    def _keep(self, key, entry: Entry) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.size -= len(old.body)
        self.entries[key] = entry
        self.size += len(entry.body)
        while len(self.entries) > self.max_entries or self.size > self.max_bytes:
            _, dropped = self.entries.popitem(last=False)
            self.size -= len(dropped.body)
