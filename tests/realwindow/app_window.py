"""`python main.py` in a real window on the test's X display, as a resident starts it, with user
folders of its own; and the reference city server it talks to, whose access log shows what the app
asked for (the test's way of knowing a kiosk has opened or a complaint was sent)."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from city_server import CityServerProcess  # scripts/, on the path from tests/conftest.py

from metaverse_seoul.services.outbox import OUTBOX_FILE, Outbox

from processes import stop_process  # scripts/, on the path from tests/conftest.py
from .screen import Box

ROOT = Path(__file__).resolve().parents[2]
WINDOW_TITLE = "Metaverse Seoul"  # config/engine.prc window-title
READY_TIMEOUT_S = 90
# Settings of a resident who has seen the controls hint before: it would cover the kiosk panel.
SETTINGS = "show_hints: false\n"


class CityServer:
    """The reference server on loopback, on a fresh database (seeded around today)."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.database = self.folder / "city.sqlite3"
        self.process = CityServerProcess(f"sqlite:///{self.database}", self.folder / "server.log")
        self.log = ServerLog(self.folder / "server.log")

    def wait_until_up(self):
        self.process.wait_until_up(timeout=60)
        return self

    @property
    def base_url(self):
        return self.process.base_url

    def stop(self):
        self.process.stop()


class ServerLog:
    """The server's access log (`city_services.access: GET /path 200 1.2ms`), read as it grows."""

    LINE = re.compile(r"city_services\.access: (?P<method>[A-Z]+) (?P<path>\S+) (?P<status>\d{3})")

    def __init__(self, path):
        self.path = Path(path)
        self.read_to = 0

    def _new_requests(self):
        with open(self.path, "rb") as log:
            log.seek(self.read_to)
            data = log.read()
        complete = data[:data.rfind(b"\n") + 1]  # a line still being written is read next time
        self.read_to += len(complete)
        text = complete.decode("utf-8", errors="replace")
        return [(m["method"], m["path"], int(m["status"])) for m in self.LINE.finditer(text)]

    def skip_past(self):
        """Forget what has been logged so far: later waits see only new requests."""
        self._new_requests()

    def wait_for(self, method, path, timeout):
        """The status of the next `method path` request; None if none came within `timeout` s.
        Other requests met on the way are passed over."""
        deadline = time.monotonic() + timeout
        while True:
            for seen in self._new_requests():
                if seen[:2] == (method, path):
                    return seen[2]
            if time.monotonic() > deadline:
                return None
            time.sleep(0.05)


class AppWindow:
    """The app as a child process; its user folders under `folder`; `cache_dir` may be shared
    between runs (converted models are keyed by content)."""

    def __init__(self, folder, display_env, api_url, cache_dir=None, extra_env=None, extra_args=()):
        self.folder = Path(folder)
        self.config_dir, self.data_dir = self.folder / "config", self.folder / "data"
        self.cache_dir = Path(cache_dir) if cache_dir else self.folder / "cache"
        for path in (self.config_dir, self.data_dir, self.cache_dir):
            path.mkdir(parents=True, exist_ok=True)
        (self.config_dir / "settings.yaml").write_text(SETTINGS)
        self.env = self._environment(display_env, extra_env or {})
        self.args = [sys.executable, "main.py", "--api-url", api_url, "--size", "1280x720", *extra_args]
        self.log_path = self.folder / "app.log"
        self.process = None
        self.started_at = None

    def _environment(self, display_env, extra_env):
        env = {key: value for key, value in os.environ.items() if key not in ("XMODIFIERS", "LC_ALL")}
        env.update(display_env)
        env.update({
            "METAVERSE_SEOUL_CONFIG_DIR": str(self.config_dir),
            "METAVERSE_SEOUL_DATA_DIR": str(self.data_dir),
            "METAVERSE_SEOUL_CACHE_DIR": str(self.cache_dir),
            "LIBGL_ALWAYS_SOFTWARE": "1",  # Mesa llvmpipe: the same pixels on every machine
            "LC_ALL": "C.UTF-8",  # keystrokes are decoded in LC_CTYPE; with C every non-ASCII one is lost
            "PYTHONUNBUFFERED": "1",
        })
        env.update(extra_env)
        return env

    def start(self):
        self.started_at = time.monotonic()
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(self.args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT)
        return self

    def wait_until_ready(self, timeout=READY_TIMEOUT_S):
        """Wait for the first frame of the loaded scene: the app opens its outbox then (it connects
        to the city only once the scene is drawn). Returns the window's place on the screen."""
        deadline = time.monotonic() + timeout
        while not (self.data_dir / OUTBOX_FILE).exists():
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}: {self.log_tail()}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"the app showed no scene within {timeout} s: {self.log_tail()}")
            time.sleep(0.1)
        return self.window_box()

    def window_box(self):
        shell = subprocess.run(["xdotool", "search", "--sync", "--name", f"^{WINDOW_TITLE}$",
                                "getwindowgeometry", "--shell"],
                               env=self.env, capture_output=True, text=True, check=True, timeout=30).stdout
        values = dict(line.split("=", 1) for line in shell.split())
        return Box(int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"]))

    def outbox(self):
        """The app's outbox (its data folder), read as the app's own code reads it."""
        return Outbox(self.data_dir)

    def log_tail(self, chars=3000):
        try:
            return self.log_path.read_text(errors="replace")[-chars:]
        except OSError:
            return ""

    def stop(self):
        stop_process(self.process, grace=10)
        self.process = None
