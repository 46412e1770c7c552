"""The app's side of the city-services API: an HTTP client, a durable outbox, and the embedded server.

- client.CityServicesClient: typed calls with timeouts, retries and Idempotency-Key support.
- outbox.Outbox / OutboxWorker: submissions kept in SQLite until the API has answered them.
- embedded.resolve_api_url: `--api-url URL|embedded` turned into a base URL (starting the reference
  server in-process for `embedded`).

Typical wiring in the app:

    url, server = resolve_api_url(settings.api.url)          # ValueError -> "error: --api-url: ..."
    client = CityServicesClient(url, settings.api.api_key, timeout=(3.05, settings.api.timeout_s))
    outbox = Outbox()                                         # the user data folder
    worker = OutboxWorker(outbox, client); worker.start()
    item = outbox.submit("complaint", {"service_code": "noise", "lat": ..., "long": ..., ...})
    worker.wake()                                             # UI: outbox.items() shows the status
    ...
    worker.stop(); client.close(); server and server.stop()
"""

from .client import CityServicesClient, new_idempotency_key
from .embedded import EmbeddedServer, EmbeddedServerError, resolve_api_url
from .errors import ApiRefused, ApiUnavailable, CityServicesError
from .outbox import Outbox, OutboxItem, OutboxWorker

__all__ = ["ApiRefused", "ApiUnavailable", "CityServicesClient", "CityServicesError", "EmbeddedServer",
           "EmbeddedServerError", "Outbox", "OutboxItem", "OutboxWorker", "new_idempotency_key",
           "resolve_api_url"]
