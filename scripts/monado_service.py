"""Monado's service (an OpenXR runtime) with its simulated headset and null compositor, as a child
process, for the real-runtime tests and benchmarks (run where Monado is installed: scripts/vr_test.sh):

    with MonadoService() as monado:
        subprocess.run([...], env={**os.environ, **monado.client_env})

It gets a private XDG_RUNTIME_DIR (its socket lives there), so clients given `client_env` reach this
service and no other; it is stopped by its own pid when the block ends.
"""

import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from processes import stop_process  # scripts/

MANIFEST = "/usr/share/openxr/1/openxr_monado.json"
READY_LINE = "service has started"


class MonadoService:
    def __init__(self, timeout=20.0):
        if shutil.which("monado-service") is None:
            raise RuntimeError("monado-service is not installed (scripts/vr_test.sh installs it)")
        self.runtime_dir = tempfile.mkdtemp(prefix="monado-")
        os.chmod(self.runtime_dir, 0o700)
        self.log_path = Path(self.runtime_dir) / "service.log"
        # HOME must be set: the service aborts at start without it.
        env = {**os.environ, "XDG_RUNTIME_DIR": self.runtime_dir, "XRT_COMPOSITOR_NULL": "1",
               "SIMULATED_ENABLE": "1", "XRT_NO_STDIN": "1", "HOME": os.environ.get("HOME") or self.runtime_dir}
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(["monado-service"], stdout=log, stderr=subprocess.STDOUT, env=env)
        self._wait_until_ready(timeout)
        self.client_env = {"XDG_RUNTIME_DIR": self.runtime_dir, "XR_RUNTIME_JSON": MANIFEST, "OXR_NO_PRINTING": "1"}

    def _wait_until_ready(self, timeout):
        deadline = time.monotonic() + timeout
        while READY_LINE not in self.log_path.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"monado-service did not start: {self.log_path.read_text(errors='replace')[-2000:]}")
            time.sleep(0.1)

    def stop(self):
        stop_process(self.process, grace=10)
        shutil.rmtree(self.runtime_dir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.stop()
