"""A virtual X display (Xvfb) for what opens real windows: the tests, the real-window benchmark.

    server = Xvfb().start()   # or Xvfb(log_path)
    subprocess.run([...], env={**os.environ, **server.env})
    server.stop()

Other people run tests on the same machine, so the display number is searched upward from
FIRST_DISPLAY and a number another server takes meanwhile is simply skipped. `-noreset` keeps the
server (and a keymap a test changed) alive when the last client disconnects. Xvfb is installed by
scripts/bootstrap.sh; a missing Xvfb is a failure with a clear message, not a skip.
"""

import os
import shutil
import socket
import subprocess
import time
from pathlib import Path

from processes import stop_process

FIRST_DISPLAY = 40
SOCKETS = Path("/tmp/.X11-unix")
START_TIMEOUT_S = 15


def _taken(number):
    return (SOCKETS / f"X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists()


def _answers(number):
    """The server accepts connections on its socket (the socket file appears a little before)."""
    with socket.socket(socket.AF_UNIX) as client:
        try:
            client.connect(str(SOCKETS / f"X{number}"))
        except OSError:
            return False
    return True


class Xvfb:
    def __init__(self, log_path=None, width=1280, height=800):
        if shutil.which("Xvfb") is None:
            raise RuntimeError("Xvfb is not installed (scripts/bootstrap.sh installs it: package xvfb)")
        self.log_path = Path(log_path) if log_path else None
        self.size = (width, height)
        self.process = None
        self.display = None

    def start(self):
        number = FIRST_DISPLAY
        while self.process is None:
            while _taken(number):
                number += 1
            if self._try(number):
                self.display = f":{number}"
            number += 1
        return self

    def _try(self, number):
        width, height = self.size
        log = open(self.log_path, "a") if self.log_path else subprocess.DEVNULL
        try:
            process = subprocess.Popen(
                ["Xvfb", f":{number}", "-screen", "0", f"{width}x{height}x24", "-noreset", "-nolisten", "tcp"],
                stdout=log, stderr=subprocess.STDOUT)
        finally:
            if log is not subprocess.DEVNULL:
                log.close()
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if process.poll() is not None:
                return False  # another server took the number first
            if _answers(number):
                self.process = process
                return True
            time.sleep(0.05)
        stop_process(process)
        raise RuntimeError(f"Xvfb :{number} did not start in {START_TIMEOUT_S} s" +
                           (f"; see {self.log_path}" if self.log_path else ""))

    def set_key_repeat(self, on):
        """The server's auto-repeat of held keys (on by default, as on a desktop)."""
        subprocess.run(["xset", "r", "on" if on else "off"], env={**os.environ, **self.env}, check=True)

    @property
    def env(self):
        """What a client needs to reach this server."""
        return {"DISPLAY": self.display}

    def stop(self):
        stop_process(self.process)
        self.process = None
