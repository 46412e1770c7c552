"""Request-level safety: an access log without personal data, a bounded body, per-client rate limits.

The access log records method, path (no query string, no client address; control characters escaped),
status and duration, and turns an unhandled exception into a plain 500 without logging its message
(which could quote input).
"""

from __future__ import annotations

import logging
import math
import time
import traceback
from collections import OrderedDict

from .asgi import ROWS, BodyTooLarge, header, read_body, replaying
from .client_address import ProxyTrust
from .errors import error_response
from .bad_characters import shown

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
            error_log.error("unhandled %s on %s %s\n%s", type(exc).__name__, scope["method"], shown(scope["path"]),
                            frames)
            if not response_started:
                await error_response(scope["path"], 500, "internal error")(scope, receive, send)
            status = 500
        if access_log.isEnabledFor(logging.INFO):
            # The path is decoded: a %0A in it would start a forged line, so control characters are escaped.
            access_log.info("%s %s %d %.1fms", scope["method"], shown(scope["path"]), status,
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
    """Token buckets keyed by client; the least recently seen clients are forgotten beyond `max_clients`.
    A bucket may go into debt (down to -burst) when an answer costs more than it took (see `charge`)."""

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

    def charge(self, client: str, tokens: float) -> None:
        """Take `tokens` more from a client's bucket, for work measured after the answer."""
        kept = self.buckets.get(client)
        if kept is not None and tokens > 0:
            self.buckets[client] = (max(-self.burst, kept[0] - tokens), kept[1])


class RateLimitMiddleware:
    """429 with Retry-After once a client exceeds its read (GET/HEAD) or write (other methods) budget.
    A read costs one token, plus one per `rows_per_token` rows the route reports it answered beyond the
    first `rows_per_token` (`asgi.report_rows`). Clients are told apart by `client_address.ProxyTrust`.

    Buckets live in each worker process, so N workers allow up to N times the rate; a city that needs
    one global figure puts it in its reverse proxy (see README)."""

    EXEMPT = ("/healthz",)

    def __init__(self, app, read: TokenBuckets, write: TokenBuckets, proxies: ProxyTrust, rows_per_token: int):
        self.app = app
        self.read = read
        self.write = write
        self.proxies = proxies
        self.rows_per_token = rows_per_token

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["path"] in self.EXEMPT:
            return await self.app(scope, receive, send)
        buckets = self.read if scope["method"] in ("GET", "HEAD", "OPTIONS") else self.write
        client = self.client_of(scope)
        wait = buckets.take(client, time.monotonic())
        if wait > 0:
            retry_after = str(max(1, math.ceil(wait)))
            return await error_response(scope["path"], 429, f"too many requests; retry after {retry_after} s",
                                        headers={"Retry-After": retry_after})(scope, receive, send)
        await self.app(scope, receive, send)
        # The request's own token pays for its first rows_per_token rows.
        buckets.charge(client, max(0, scope.get(ROWS, 0) - self.rows_per_token) / self.rows_per_token)

    def client_of(self, scope) -> str:
        client = scope.get("client")
        forwarded = [value for name, value in scope["headers"] if name == b"x-forwarded-for"]
        return self.proxies.client_of(client[0] if client else None, forwarded)
