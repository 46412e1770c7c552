"""One error shape per API family, used by handlers, exception handlers and middleware alike.

Open311 routes answer with the spec's list (`[{"code", "description"}]` or `<errors>`), every other
route with `{"detail": "...", "reason": ...}`.
"""

from __future__ import annotations

import json

from starlette.responses import Response

from . import open311_format

OPEN311_PREFIX = "/open311/"


class ApiError(Exception):
    """A refusal with an HTTP status, a one-line message and, optionally, a stable reason code."""

    def __init__(self, status_code: int, detail: str, reason: str | None = None, headers: dict | None = None):
        super().__init__(detail)
        self.status_code = status_code
        self.detail = detail
        self.reason = reason
        self.headers = headers


class Open311Errors(Exception):
    """Several Open311 errors reported at once (the spec's error list allows it)."""

    def __init__(self, status_code: int, descriptions: list[str]):
        super().__init__("; ".join(descriptions))
        self.status_code = status_code
        self.descriptions = descriptions


def json_response(payload, status_code: int = 200, headers: dict | None = None) -> Response:
    """`payload` as compact UTF-8 JSON (Korean stays readable, not \\u-escaped)."""
    return Response(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), status_code, headers,
                    media_type="application/json")


def error_response(path: str, status_code: int, detail: str, reason: str | None = None,
                   headers: dict | None = None) -> Response:
    if path.startswith(OPEN311_PREFIX):
        return open311_format.errors(open311_format.format_of_path(path), status_code, [detail], headers)
    body = {"detail": detail}
    if reason:
        body["reason"] = reason
    return json_response(body, status_code, headers)


def validation_message(errors: list[dict]) -> list[str]:
    """FastAPI/pydantic validation errors as one line each: `where: what`."""
    lines = []
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query", "path", "header")]
        where = ".".join(location) or "request"
        lines.append(f"{where}: {error.get('msg', 'is not valid')}")
    return lines
