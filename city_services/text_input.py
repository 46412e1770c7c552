"""Characters no text field may hold (bad_characters.py), refused on input with a 400 that names the field.

Stored, one of them broke the public `requests.xml` feed for every reader, and NUL is refused by
PostgreSQL itself (a 500).

`TextCheckMiddleware` checks every request's path and query parameters, and the body of form-encoded
and JSON requests, before any route sees them; multipart forms are checked by the route that reads
them (`first_problem`). A quick scan of the raw bytes lets almost every request through without
decoding anything.
"""

from __future__ import annotations

import json
import re
import urllib.parse

from .asgi import header, read_body, replaying
from .bad_characters import BAD_IN_PATH, BAD_TEXT, shown
from .errors import error_response

# Raw bytes that may stand for a bad character once decoded: a raw control byte, U+FFFE/U+FFFF in
# UTF-8, a percent-escape of either (form and query), or a JSON \u escape.
_SUSPECT_ENCODED = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]|%[01][0-9A-Fa-f]|%[Ee][Ff]")
_SUSPECT_JSON = re.compile(rb"\\u|[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")
FORM = b"application/x-www-form-urlencoded"


def problem(field: str, value: str, bad: re.Pattern = BAD_TEXT) -> str | None:
    found = bad.search(value)
    if found is None:
        return None
    return f"{shown(field)}: control character U+{ord(found.group()):04X} is not allowed"


def first_problem(items) -> str | None:
    """The first (name, value) pair with a bad character in its name or value, as an error line."""
    for name, value in items:
        found = problem(name, name) or problem(name, value)
        if found:
            return found
    return None


def json_problem(value, where: str = "") -> str | None:
    """The first string (or object key) in a decoded JSON document holding a bad character."""
    if isinstance(value, str):
        return problem(where or "body", value)
    if isinstance(value, dict):
        for key, child in value.items():
            field = f"{where}.{key}" if where else key
            found = problem(field, key) or json_problem(child, field)
            if found:
                return found
    if isinstance(value, list):
        for index, child in enumerate(value):
            found = json_problem(child, f"{where}.{index}" if where else str(index))
            if found:
                return found
    return None


def query_problem(query: bytes) -> str | None:
    if not _SUSPECT_ENCODED.search(query):
        return None
    # Decoded as Starlette decodes it for the routes.
    return first_problem(urllib.parse.parse_qsl(query.decode("latin-1"), keep_blank_values=True))


def body_problem(content_type: bytes, body: bytes) -> str | None:
    media_type = content_type.split(b";")[0].strip().lower()
    if media_type == FORM:
        if not _SUSPECT_ENCODED.search(body):
            return None
        return first_problem(urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
    if media_type == b"application/json" or media_type.endswith(b"+json"):
        if not _SUSPECT_JSON.search(body):
            return None
        try:
            return json_problem(json.loads(body))
        except ValueError:
            return None  # not JSON: the route says so
    return None


class TextCheckMiddleware:
    """Pure ASGI middleware; the body is bounded already (BodyLimitMiddleware is outside it)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        found = problem("path", scope["path"], BAD_IN_PATH) or query_problem(scope.get("query_string", b""))
        if found is None and scope["method"] in ("POST", "PUT", "PATCH"):
            body = await read_body(receive)
            receive = replaying(body, receive)
            found = body_problem(header(scope, b"content-type") or b"", body)
        if found:
            return await error_response(scope["path"], 400, found)(scope, receive, send)
        await self.app(scope, receive, send)
