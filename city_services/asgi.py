"""Small helpers for the pure-ASGI middleware (cheaper than BaseHTTPMiddleware on every request)."""

from __future__ import annotations


# Where a route reports how many rows it answered (the rate limit charges reads by them).
ROWS = "city_services.rows"


def report_rows(scope, rows: int) -> None:
    scope[ROWS] = rows


class BodyTooLarge(Exception):
    pass


async def read_body(receive, limit: int | None = None) -> bytes:
    """The whole request body; raises BodyTooLarge as soon as it passes `limit` bytes."""
    parts = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunk = message.get("body", b"")
        size += len(chunk)
        if limit is not None and size > limit:
            raise BodyTooLarge()
        parts.append(chunk)
        if not message.get("more_body"):
            break
    return b"".join(parts)


def replaying(body: bytes, receive):
    """A `receive` that hands the already-read body to the app, then defers to the real one."""
    sent = False

    async def replay():
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def header(scope, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None
