"""The reference server (`python -m city_services`) as a separate process, for tests that kill clients."""

import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ServerProcess:
    def __init__(self, database_path, port, log_path, *options):
        self.url = f"http://127.0.0.1:{port}"
        self.log = open(log_path, "w")
        command = [sys.executable, "-m", "city_services", "--db", f"sqlite:///{database_path}",
                   "--host", "127.0.0.1", "--port", str(port), *options]
        self.process = subprocess.Popen(command, cwd=ROOT,
                                        stdout=self.log, stderr=subprocess.STDOUT)

    def wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"server exited: {Path(self.log.name).read_text()}"
            try:
                if requests.get(self.url + "/healthz", timeout=1).ok:
                    return self
            except requests.RequestException:
                time.sleep(0.1)
        raise AssertionError(f"server not up after {timeout} s: {Path(self.log.name).read_text()}")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
