"""The reference server (`python -m city_services`) as a child process on loopback, for tests and
benchmarks that need a real server in another process:

    server = CityServerProcess("sqlite:///city.sqlite3", "server.log", "--no-rate-limit").wait_until_up()
    ... server.base_url ...
    server.stop()
"""

from __future__ import annotations

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from pg_test_server import free_port
from processes import stop_process

ROOT = Path(__file__).resolve().parent.parent


class CityServerProcess:
    """Started on `port` (default: a free one), its output in `log_path`; extra flags in `args`."""

    def __init__(self, database_url: str, log_path, *args: str, port: int | None = None):
        self.port = port or free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_path)
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "city_services", "--db", database_url, "--host", "127.0.0.1",
             "--port", str(self.port), *args], cwd=ROOT, stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_up(self, timeout: float = 60) -> "CityServerProcess":
        """Return once /healthz answers 200; raise RuntimeError with the log's end if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited with {self.process.returncode}: {self._log_tail()}")
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=1) as answer:
                    if answer.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.1)
        raise RuntimeError(f"server did not answer /healthz within {timeout} s: {self._log_tail()}")

    def stop(self) -> None:
        stop_process(self.process, grace=15)
        self.log.close()

    def _log_tail(self) -> str:
        self.log.flush()
        return self.log_path.read_text(errors="replace")[-2000:]
