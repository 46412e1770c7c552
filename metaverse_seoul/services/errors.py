"""What can go wrong when the app talks to the city-services API.

Two kinds, because the app reacts to them differently:
- ApiUnavailable: the API could not give an answer now (unreachable, timed out, overloaded, 5xx).
  Try again later; a submission stays in the outbox.
- ApiRefused: the API answered and said no (a 4xx with the Open311 error list). Trying again with the
  same input gives the same answer; the resident sees the server's reason.
"""


class CityServicesError(Exception):
    """Base class for every city-services API failure."""


class ApiUnavailable(CityServicesError):
    """No usable answer: connection failed, timed out, or the server was busy or broken.

    `retry_after` is the server's Retry-After in seconds when it gave one, else None.
    """

    def __init__(self, reason, retry_after=None, status=None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.status = status

    def __str__(self):
        return f"city-services API unavailable: {self.reason}"


class ApiRefused(CityServicesError):
    """The server refused the call: `code` and `description` come from its error list.

    `status` is the HTTP status (400, 403, 404, 422, ...); `code` is the Open311 error code, which
    servers usually set to the same number but may set to any text.
    """

    def __init__(self, code, description, status=None):
        super().__init__(f"{code}: {description}")
        self.code = code
        self.description = description
        self.status = status

    def __str__(self):
        return f"refused by the city-services API ({self.code}): {self.description}"


def one_line(exc, limit=120):
    """An exception as one short line for the screen: never empty, never a traceback."""
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:limit]
