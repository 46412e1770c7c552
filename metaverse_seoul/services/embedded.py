"""`--api-url URL|embedded`: where the app's city services come from.

`embedded` (the default) runs the project's reference server (package city_services) inside the app:
uvicorn in a daemon thread, on a SQLite file in the user data folder, on a free loopback port that
only this computer can reach. A city's endpoint is used as given.
"""

import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests

from .. import paths

EMBEDDED = "embedded"
DATABASE_FILE = "city-services.sqlite3"


class EmbeddedServerError(RuntimeError):
    """The in-process server could not start (missing packages, a broken database file...)."""


def check_api_url(setting):
    """The URL, stripped, when setting is an http(s) URL; 'embedded' as is; else ValueError."""
    text = (setting or "").strip()
    if text == EMBEDDED:
        return text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"expected 'embedded' or an http(s):// URL, got {setting!r}")
    return text.rstrip("/")


def resolve_api_url(setting, data_dir=None, startup_timeout=30.0, clock=None):
    """(base_url, handle) for an --api-url setting.

    handle is the running EmbeddedServer for `embedded` (stop it when the app closes), None for a
    city's URL. A malformed setting raises ValueError with a one-line message (the CLI prints it as
    `error: --api-url: ...`); a server that cannot start raises EmbeddedServerError. `clock` is the
    embedded server's "now" (the app passes its own; None: the system clock).
    """
    url = check_api_url(setting)
    if url != EMBEDDED:
        return url, None
    server = EmbeddedServer(data_dir=data_dir, **({"clock": clock} if clock else {}))
    server.start(timeout=startup_timeout)
    return server.url, server


class EmbeddedServer:
    """The reference city-services server running in this process on loopback.

    with EmbeddedServer() as server:
        requests.get(server.url + "/healthz")
    """

    def __init__(self, data_dir=None, host="127.0.0.1", **server_options):
        """server_options go to city_services.app.create_app (tests use them for tiny rate limits)."""
        folder = Path(data_dir) if data_dir is not None else paths.user_data_dir()
        self.database_path = folder / DATABASE_FILE
        self.host = host
        self.url = None
        self._server = None
        self._thread = None
        self._failure = None
        self._server_options = server_options

    def start(self, timeout=30.0):
        """Start serving and return the base URL once /healthz answers."""
        if self._thread is not None:
            raise EmbeddedServerError("embedded server already started")
        try:
            import uvicorn

            from city_services.app import create_app
        except ImportError as exc:
            raise EmbeddedServerError(
                f"the embedded server needs the server packages ({exc.name} is missing): "
                "install metaverse-seoul[server], or give a city's https:// URL") from None
        self.database_path.parent.mkdir(parents=True, exist_ok=True)
        try:
            app = create_app(f"sqlite:///{self.database_path}", **self._server_options)
        except Exception as exc:  # e.g. a damaged database file: say which file, in one line
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise EmbeddedServerError(f"embedded server cannot use {self.database_path}: {message}") from exc
        # We bind the socket ourselves: port 0 picks a free port with no window for another
        # program to take it between choosing and listening.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, 0))
        port = sock.getsockname()[1]
        self.url = f"http://{self.host}:{port}"
        # log_config=None leaves the app's logging alone; the access log is off because it
        # would print every kiosk call.
        config = uvicorn.Config(app, log_config=None, access_log=False, log_level="warning")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="city-services",
                                        daemon=True)
        self._thread.start()
        self._wait_until_healthy(timeout)
        return self.url

    def _serve(self, sock):
        try:
            self._server.run(sockets=[sock])
        except BaseException as exc:  # noqa: B036 - reported to the starting thread, not lost
            self._failure = exc
        finally:
            sock.close()

    def _wait_until_healthy(self, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self._thread.is_alive():
                reason = self._failure or "it stopped during start-up"
                raise EmbeddedServerError(f"embedded city-services server failed to start: {reason}")
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        self.stop()
        raise EmbeddedServerError(f"embedded city-services server did not answer within {timeout:g} s")

    def stop(self, timeout=10.0):
        """Finish open requests and stop; safe to call twice."""
        if self._thread is None:
            return
        self._server.should_exit = True
        self._thread.join(timeout)
        self._thread = None

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self):
        if self._thread is None:
            self.start()
        return self

    def __exit__(self, *exc_info):
        self.stop()
