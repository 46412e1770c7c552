"""A Korean input method for one X display: a private D-Bus session with ibus-daemon serving XIM,
its Hangul engine on from the start (2-beolsik, ibus-hangul's default keyboard).

Everything lives under a temporary HOME (dconf keeps `initial-input-mode` there) and is stopped by
process id with everything it started. `initial-input-mode hangul` rather than a toggle key: the
mode would otherwise carry over from one run to the next and make tests depend on their order."""

import os
import subprocess
import time
from pathlib import Path

from processes import stop_process  # scripts/, on the path from tests/conftest.py
from .tools import IME_TOOLS, require

HANGUL_COMPONENT = "/usr/share/ibus/component/hangul.xml"
READY_TIMEOUT_S = 30


class IbusHangul:
    def __init__(self, folder, display_env):
        require(*IME_TOOLS, files=(HANGUL_COMPONENT,))
        home = Path(folder)
        for sub in (".config", ".cache", ".local/share"):
            (home / sub).mkdir(parents=True, exist_ok=True)
        self.env = {**os.environ, **display_env, "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"),
                    "XDG_CACHE_HOME": str(home / ".cache"), "XDG_DATA_HOME": str(home / ".local/share"),
                    "NO_AT_BRIDGE": "1"}  # no accessibility bus: nothing here reads the screen
        self.env.pop("XMODIFIERS", None)
        self.log_path = home / "ibus.log"
        self.bus = self.daemon = None

    def start(self):
        self.bus = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--nopidfile", "--print-address=1"],
                                    env=self.env, stdout=subprocess.PIPE, text=True)
        self.env["DBUS_SESSION_BUS_ADDRESS"] = self.bus.stdout.readline().strip()
        self._run("gsettings", "set", "org.freedesktop.ibus.engine.hangul", "initial-input-mode", "hangul")
        with open(self.log_path, "w") as log:
            # Not --daemonize: it stays our child, so it is stopped by its id (it also exits when we do).
            self.daemon = subprocess.Popen(["ibus-daemon", "--xim", "--replace", "--panel=disable",
                                            "--emoji-extension=disable"],
                                           env=self.env, stdout=log, stderr=subprocess.STDOUT)
        self._wait_for_engine()
        return self

    def _run(self, *args):
        subprocess.run(args, env=self.env, check=True, capture_output=True, timeout=30)

    def _wait_for_engine(self):
        """`ibus engine hangul` fails until the daemon answers; it also sets the Korean keyboard layout."""
        deadline = time.monotonic() + READY_TIMEOUT_S
        while subprocess.run(["ibus", "engine", "hangul"], env=self.env, capture_output=True).returncode != 0:
            if self.daemon.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ibus-daemon did not start the Hangul engine: "
                                   f"{self.log_path.read_text(errors='replace')[-1500:]}")
            time.sleep(0.2)

    @property
    def app_env(self):
        """What an X application needs to reach this input method through XIM."""
        return {"XMODIFIERS": "@im=ibus"}

    def stop(self):
        stop_process(self.daemon)
        stop_process(self.bus)
        self.daemon = self.bus = None
