"""The app's side of the city-services API: an HTTP client, a durable outbox, and the embedded server.

- client.CityServicesClient: typed calls with timeouts, retries and Idempotency-Key support.
- outbox.Outbox / OutboxWorker: submissions kept in SQLite until the API has answered them.
- embedded.resolve_api_url: `--api-url URL|embedded` turned into a base URL (starting the reference
  server in-process for `embedded`).
"""

from .errors import ApiRefused, ApiUnavailable, CityServicesError

__all__ = ["ApiRefused", "ApiUnavailable", "CityServicesError"]
