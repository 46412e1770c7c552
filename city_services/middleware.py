"""Request-level safety: an access log without personal data, a bounded body, per-client rate limits.

The access log records method, path (no query string, no client address), status and duration, and
turns an unhandled exception into a plain 500 without logging its message (which could quote input).
"""

from __future__ import annotations

import logging
import math
import time
import traceback
from collections import OrderedDict

from .asgi import BodyTooLarge, header, read_body, replaying
from .errors import error_response

access_log = logging.getLogger("city_services.access")
error_log = logging.getLogger("city_services.errors")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class AccessLogMiddleware:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def watch(message):
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status = message["status"]
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except Exception as exc:  # log the place, never the message: it may quote a resident's input
            frames = "".join(traceback.format_tb(exc.__traceback__))
            error_log.error("unhandled %s on %s %s\n%s", type(exc).__name__, scope["method"], scope["path"], frames)
            if not response_started:
                await error_response(scope["path"], 500, "internal error")(scope, receive, send)
            status = 500
        if access_log.isEnabledFor(logging.INFO):
            access_log.info("%s %s %d %.1fms", scope["method"], scope["path"], status,
                            (time.perf_counter() - started) * 1000)


class BodyLimitMiddleware:
    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] not in BODY_METHODS:
            return await self.app(scope, receive, send)
        declared = header(scope, b"content-length")
        too_large = error_response(scope["path"], 413, f"request body larger than {self.max_bytes} bytes")
        if declared is not None and declared.isdigit() and int(declared) > self.max_bytes:
            return await too_large(scope, receive, send)
        try:
            body = await read_body(receive, self.max_bytes)
        except BodyTooLarge:
            return await too_large(scope, receive, send)
        await self.app(scope, replaying(body, receive), send)


class TokenBuckets:
    """Token buckets keyed by client; the least recently seen clients are forgotten beyond `max_clients`."""

    def __init__(self, rate_per_s: float, burst: int, max_clients: int = 100_000):
        self.rate = rate_per_s
        self.burst = burst
        self.max_clients = max_clients
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def take(self, client: str, now: float) -> float:
        """0 if a request may go now, else the seconds until it may."""
        tokens, last = self.buckets.pop(client, (float(self.burst), now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1:
            self.buckets[client] = (tokens - 1, now)
            wait = 0.0
        else:
            self.buckets[client] = (tokens, now)
            wait = (1 - tokens) / self.rate
        if len(self.buckets) > self.max_clients:
            self.buckets.popitem(last=False)
        return wait


class RateLimitMiddleware:
    """429 with Retry-After once a client exceeds its read (GET/HEAD) or write (other methods) budget.

    Buckets live in each worker process, so N workers allow up to N times the rate; a city that needs
    one global figure puts it in its reverse proxy (see README)."""

    EXEMPT = ("/healthz",)

    def __init__(self, app, read: TokenBuckets, write: TokenBuckets, trust_forwarded_for: bool):
        self.app = app
        self.read = read
        self.write = write
        self.trust_forwarded_for = trust_forwarded_for

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in self.EXEMPT:
            return await self.app(scope, receive, send)
        buckets = self.read if scope["method"] in ("GET", "HEAD", "OPTIONS") else self.write
        wait = buckets.take(self.client_of(scope), time.monotonic())
        if wait > 0:
            retry_after = str(max(1, math.ceil(wait)))
            return await error_response(scope["path"], 429, f"too many requests; retry after {retry_after} s",
                                        headers={"Retry-After": retry_after})(scope, receive, send)
        await self.app(scope, receive, send)

    def client_of(self, scope) -> str:
        if self.trust_forwarded_for:
            forwarded = header(scope, b"x-forwarded-for")
            if forwarded:
                return forwarded.split(b",")[0].strip().decode("latin-1")
        client = scope.get("client")
        return client[0] if client else "unknown"
