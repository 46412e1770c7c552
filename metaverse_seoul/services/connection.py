"""The app's link to city services: resolve --api-url (starting the embedded server if asked),
then a client, the durable outbox and its worker. Started on a thread so the first frame never
waits for the server; `ready`, `error` and `client` tell the UI where things stand."""

import logging
import threading

from ..core.clock import system_clock

from .client import CityServicesClient
from .embedded import EmbeddedServerError, check_api_url, resolve_api_url
from .errors import CityServicesError
from .outbox import Outbox, OutboxWorker
from .resident_key import EMBEDDED, ResidentKeyFile

log = logging.getLogger(__name__)


class CityConnection:
    def __init__(self, api_settings, data_dir=None, clock=system_clock):
        """`clock`: the app's clock, which the embedded server also takes its "now" from."""
        check_api_url(api_settings.url)  # a bad URL is refused at start-up, not later on a thread
        self.settings = api_settings
        self.data_dir = data_dir
        self.clock = clock
        self.client = None
        self.outbox = None
        self.worker = None
        self.server = None
        self.error = None
        self._ready = threading.Event()
        self._thread = None

    def start(self):
        """Connect on a thread; calling it again does nothing."""
        if self._thread is None:
            self._thread = threading.Thread(target=self._connect, name="city-services", daemon=True)
            self._thread.start()
        return self

    @property
    def started(self):
        return self._thread is not None

    def _connect(self):
        try:
            url, self.server = resolve_api_url(self.settings.url, data_dir=self.data_dir, clock=self.clock)
            keys = ResidentKeyFile(EMBEDDED if self.server else url, self.data_dir)
            self.client = CityServicesClient(url, self.settings.api_key, timeout=(3.05, self.settings.timeout_s),
                                             resident_keys=keys)
            self.outbox = Outbox(self.data_dir)
            self.worker = OutboxWorker(self.outbox, self.client)
            self.worker.start()
        except (EmbeddedServerError, CityServicesError, OSError) as exc:
            self.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
            log.warning("city services: %s", self.error)
        finally:
            self._ready.set()

    @property
    def ready(self):
        return self._ready.is_set() and self.error is None

    def wait(self, timeout=None):
        """Block until connected or failed; True when connected."""
        self.start()
        self._ready.wait(timeout)
        return self.ready

    def stop(self):
        if self._thread is None:
            return
        self._ready.wait(30)
        if self.worker is not None:
            self.worker.stop()
        if self.client is not None:
            self.client.close()
        if self.server is not None:
            self.server.stop()
